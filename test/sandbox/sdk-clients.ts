// Test helper: the vendors' official Node SDKs pointed at a running sandbox (loopback, no proxies).
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import * as dara from "@darabonba/typescript";
import OpenApi, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import type { Sandbox } from "../../provider/sandbox/sandbox";

const RPCClient = require("@alicloud/pop-core").RPCClient as new (config: Record<string, unknown>) => {
  request(action: string, params: Record<string, unknown>, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
};

// The Huawei SDK logs every failed call (request headers included) through log4js at "debug" to stdout;
// tests expect failures, so silence it after the SDK has configured it.
(require(require.resolve("log4js", { paths: [require.resolve("@huaweicloud/huaweicloud-sdk-core")] })) as {
  configure(c: unknown): void;
}).configure({ appenders: { out: { type: "stdout" } }, categories: { default: { appenders: ["out"], level: "off" } } });

for (const name of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]) delete process.env[name];

const hostPort = (url: string): string => new URL(url).host;

/** tencent.md §5: CommonClient with `protocol: "http://"` and `endpoint: "127.0.0.1:PORT"`. */
export function tencentClient(
  sb: Sandbox,
  method: "POST" | "GET" = "POST",
  creds: { secretId: string; secretKey: string; token?: string } = sb.credentials.tencent,
  signMethod: "TC3-HMAC-SHA256" | "HmacSHA1" | "HmacSHA256" = "TC3-HMAC-SHA256",
): CommonClient {
  const endpoint = hostPort(sb.endpoints.tencent);
  return new CommonClient(endpoint, "2018-08-01", {
    credential: creds,
    region: "",
    profile: { signMethod, httpProfile: { endpoint, protocol: "http://", reqMethod: method, reqTimeout: 10 } },
  });
}

/** What a Tencent SDK call threw, for assertions. */
export interface TencentFailure {
  code: string;
  message: string;
  requestId: string;
}

/** Runs a Tencent call that must fail and returns its code. */
export async function tencentFails(call: Promise<unknown>): Promise<TencentFailure> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: string; message: string; requestId?: string };
    return { code: err.code ?? "", message: err.message, requestId: err.requestId ?? "" };
  }
  throw new Error("expected the Tencent call to fail");
}

export type PopClient = InstanceType<typeof RPCClient>;

/** aliyun.md §6: pop-core RPCClient (RPC HMAC-SHA1 only; GET by default, POST puts params in the body). */
export function popClient(
  sb: Sandbox,
  creds: { accessKeyId: string; accessKeySecret: string } = sb.credentials.aliyun,
): PopClient {
  return new RPCClient({ ...creds, endpoint: sb.endpoints.aliyun, apiVersion: "2016-11-01", opts: { timeout: 10_000 } });
}

/** What an Aliyun SDK call threw. */
export interface AliyunFailure {
  code: string;
  statusCode?: number;
  message: string;
  data: Record<string, unknown>;
}

/** Runs an Aliyun call that must fail and returns its code, status and body. */
export async function aliyunFails(call: Promise<unknown>): Promise<AliyunFailure> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: string; statusCode?: number; message: string; data?: Record<string, unknown> };
    const data = err.data ?? {};
    const statusCode = err.statusCode ?? (typeof data.statusCode === "number" ? data.statusCode : undefined);
    return { code: err.code ?? "", ...(statusCode === undefined ? {} : { statusCode }), message: err.message, data };
  }
  throw new Error("expected the Aliyun call to fail");
}

/** aliyun.md §6: openapi-core OpenApi, V3 (ACS3-HMAC-SHA256) by default or RPC V1 with signatureAlgorithm 'v2'. */
export function openApiClient(
  sb: Sandbox,
  signature: "v3" | "v2" = "v3",
  creds: { accessKeyId: string; accessKeySecret: string } = sb.credentials.aliyun,
): OpenApi {
  return new OpenApi(
    new $OpenApiUtil.Config({
      ...creds,
      endpoint: hostPort(sb.endpoints.aliyun),
      protocol: "http",
      ...(signature === "v2" ? { signatureAlgorithm: "v2" } : {}),
    }),
  );
}

/** One OpenApi.callApi as the generated live SDK makes it (POST, params in the query). */
export async function callOpenApi(
  client: OpenApi,
  action: string,
  params: Record<string, string>,
  method: "POST" | "GET" = "POST",
): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  const res = (await client.callApi(
    new $OpenApiUtil.Params({
      action,
      version: "2016-11-01",
      protocol: "HTTPS",
      pathname: "/",
      method,
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    }),
    new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(params) }),
    new dara.RuntimeOptions({ autoretry: false, readTimeout: 10_000, connectTimeout: 5_000 }),
  )) as { statusCode: number; body: Record<string, unknown> };
  return res;
}

/** huawei.md §6 shape B: HcClient from ClientBuilder with AK/SK and the project id. */
export function huaweiClient(
  sb: Sandbox,
  creds: { ak: string; sk: string; projectId: string } = sb.credentials.huawei,
): HcClient {
  const credential = new BasicCredentials().withAk(creds.ak).withSk(creds.sk).withProjectId(creds.projectId);
  return new ClientBuilder<HcClient>((hc) => hc).withCredential(credential).withEndpoint(sb.endpoints.huawei).build();
}

/** One HcClient.sendRequest to the Live block API. */
export async function huaweiCall(
  client: HcClient,
  method: "POST" | "GET" | "PUT" | "DELETE",
  path: "blocks" | "block-once",
  options: { query?: Record<string, string | number>; data?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<Record<string, unknown>> {
  return (await client.sendRequest({
    method,
    url: `/v1/{project_id}/stream/${path}`,
    contentType: "application/json;charset=UTF-8",
    pathParams: {},
    queryParams: options.query ?? {},
    headers: options.headers ?? {},
    ...(options.data === undefined ? {} : { data: options.data }),
  })) as unknown as Record<string, unknown>;
}

/** What a Huawei SDK call threw. */
export interface HuaweiFailure {
  httpStatusCode: number;
  errorCode: string;
  errorMsg: string;
  requestId: string;
}

/** Runs a Huawei call that must fail and returns the SDK's exception fields. */
export async function huaweiFails(call: Promise<unknown>): Promise<HuaweiFailure> {
  try {
    await call;
  } catch (e) {
    const err = e as Partial<HuaweiFailure>;
    return {
      httpStatusCode: err.httpStatusCode ?? 0,
      errorCode: err.errorCode ?? "",
      errorMsg: err.errorMsg ?? "",
      requestId: err.requestId ?? "",
    };
  }
  throw new Error("expected the Huawei call to fail");
}
