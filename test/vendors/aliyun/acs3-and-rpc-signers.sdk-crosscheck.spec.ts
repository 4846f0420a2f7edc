// Cross-check against the official Aliyun SDKs (openapi-core V3 and 'v2', pop-core GET/POST): same signatures as ours, and our verifier's verdicts.
import { strict as assert } from "node:assert";
import OpenApi, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import RPCClient from "@alicloud/pop-core";
import * as $dara from "@darabonba/typescript";
import fc from "fast-check";
import { verifyAliyunRequest } from "../../../provider/sandbox/auth/aliyun-verifier";
import type { KeySecret, ReceivedRequest } from "../../../provider/sandbox/auth/verify-result";
import { signAliyunV3Request } from "../../../provider/vendors/aliyun/acs3-signer";
import { signAliyunRpcParams } from "../../../provider/vendors/aliyun/rpc-signer";
import type { AliyunCredentials } from "../../../provider/vendors/credentials";
import type { HttpMethod } from "../../../provider/transport/http-types";
import { parseRawQuery } from "../../../provider/vendors/raw-query";
import { appName, CROSSCHECK_SEED, domainName, resumeTime, trickyName } from "../block-request-arbitraries";
import { clearProxyEnv, startCaptureServer, type CannedReply, type CaptureServer } from "../loopback-capture-server";

const LONG: AliyunCredentials = { accessKeyId: "LTAIcrosscheckLong", accessKeySecret: "crosscheck-long-secret" };
const TEMP: AliyunCredentials = { accessKeyId: "STScrosscheckTemp", accessKeySecret: "crosscheck-temp-secret", securityToken: "crosscheck-sts-token" };
const KEYS: Record<string, KeySecret> = {
  [LONG.accessKeyId]: { secret: LONG.accessKeySecret },
  [TEMP.accessKeyId]: { secret: TEMP.accessKeySecret, sessionToken: TEMP.securityToken ?? "" },
};
const REQUEST_ID = "16BFE188-B193-4C3C-ADC5-79A7E31486EA";
/** Parameters our signers add themselves; everything else the SDK sent is fed to them as input. */
const RPC_ADDED = ["AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature"];
const V3_ADDED = ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-security-token"];

/** The three block-family operations of aliyun.md §2 with generated parameters (names as on the wire). */
const call = fc.oneof(
  fc.record({
    action: fc.constant("ForbidLiveStream"),
    params: fc.record(
      { DomainName: domainName, AppName: appName, StreamName: trickyName, LiveStreamType: fc.constant("publisher"), ResumeTime: resumeTime, Oneshot: fc.constantFrom("yes", "no") },
      { requiredKeys: ["DomainName", "AppName", "StreamName", "LiveStreamType"] },
    ),
  }),
  fc.record({
    action: fc.constant("ResumeLiveStream"),
    params: fc.record({ DomainName: domainName, AppName: fc.oneof(appName, fc.constant("*")), StreamName: trickyName, LiveStreamType: fc.constant("publisher") }),
  }),
  fc.record({
    action: fc.constant("DescribeLiveStreamsBlockList"),
    params: fc.record(
      { DomainName: domainName, PageNum: fc.integer({ min: 1, max: 9 }).map(String), PageSize: fc.integer({ min: 1, max: 3000 }).map(String) },
      { requiredKeys: ["DomainName"] },
    ),
  }),
);
const CLIENTS = ["openapi-core V3", "openapi-core v2", "pop-core"] as const;
const scenario = fc.record({ call, client: fc.constantFrom(...CLIENTS), method: fc.constantFrom<HttpMethod>("POST", "GET"), temporary: fc.boolean() });
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function plausibleReply(req: ReceivedRequest): CannedReply {
  const body =
    req.headers["x-acs-action"] === "DescribeLiveStreamsBlockList"
      ? { RequestId: REQUEST_ID, DomainName: "push.example.com", PageNum: 1, PageSize: 2000, TotalNum: 0, TotalPage: 0, StreamUrls: { StreamUrl: [] } }
      : { RequestId: REQUEST_ID };
  return { status: 200, headers: { "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(body) };
}

async function callSdk(s: Scenario, port: number): Promise<string | undefined> {
  const creds = s.temporary ? TEMP : LONG;
  // fast-check builds records without a prototype; the SDKs only walk plain objects.
  const business: Record<string, string> = { ...s.call.params };
  if (s.client === "pop-core") {
    const client = new RPCClient({ ...creds, endpoint: `http://127.0.0.1:${port}`, apiVersion: "2016-11-01" });
    const result = (await client.request(s.call.action, business, { method: s.method })) as { RequestId?: string };
    return result.RequestId;
  }
  const client = new OpenApi(
    new $OpenApiUtil.Config({ ...creds, endpoint: `127.0.0.1:${port}`, protocol: "http", ...(s.client === "openapi-core v2" ? { signatureAlgorithm: "v2" } : {}) }),
  );
  const params = new $OpenApiUtil.Params({
    action: s.call.action, version: "2016-11-01", protocol: "HTTPS", pathname: "/", method: s.method,
    authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
  });
  const result = await client.callApi(params, new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(business) }), new $dara.RuntimeOptions({}));
  return (result.body as { RequestId?: string }).RequestId;
}

/** Our signature for the captured request, from the same inputs; returns [ours, theirs]. */
function ourSignatureFor(c: ReceivedRequest, s: Scenario, port: number): [string, string] {
  const creds = s.temporary ? TEMP : LONG;
  if (s.client === "openapi-core V3") {
    const theirs = c.headers.authorization ?? "";
    const signedList = /SignedHeaders=([^,]+)/.exec(theirs)?.[1] ?? "";
    const headers: Record<string, string> = {};
    for (const name of signedList.split(";")) if (!V3_ADDED.includes(name)) headers[name] = c.headers[name] ?? "";
    const ours = signAliyunV3Request(
      { method: s.method, url: new URL(`http://127.0.0.1:${port}${c.path}?${c.rawQuery}`), headers, body: c.body },
      creds,
      { now: new Date(c.headers["x-acs-date"] ?? ""), nonce: c.headers["x-acs-signature-nonce"] ?? "" },
    );
    return [ours.headers.authorization ?? "", theirs];
  }
  const all = Object.fromEntries([...parseRawQuery(c.rawQuery), ...parseRawQuery(c.body)]);
  const input = Object.fromEntries(Object.entries(all).filter(([k]) => !RPC_ADDED.includes(k)));
  const ours = signAliyunRpcParams(s.method, input, creds, { now: new Date(all.Timestamp ?? ""), nonce: all.SignatureNonce ?? "" });
  assert.deepEqual(ours, all, "our parameter set equals the SDK's");
  return [ours.Signature ?? "", all.Signature ?? ""];
}

/** Changes the first character of the DomainName value wherever it travels (query or form body). */
function tamperDomain(c: ReceivedRequest): ReceivedRequest {
  const flip = (s: string) => s.replace(/DomainName=(.)/, (_m, ch: string) => `DomainName=${ch === "x" ? "y" : "x"}`);
  return c.rawQuery.includes("DomainName=") ? { ...c, rawQuery: flip(c.rawQuery) } : { ...c, body: flip(c.body) };
}

describe("vendors/aliyun signers vs @alicloud/openapi-core and @alicloud/pop-core (aliyun.md §6)", () => {
  let server: CaptureServer;
  let restoreEnv: () => void;

  before(async () => {
    restoreEnv = clearProxyEnv();
    server = await startCaptureServer(plausibleReply);
  });
  after(async () => {
    await server.close();
    restoreEnv();
  });

  it("signs every block operation identically in V3 and RPC, and the verifier accepts once, rejects replays and tampering", async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        assert.equal(await callSdk(s, server.port), REQUEST_ID);
        const c = server.last();
        seen.set(`${s.client} ${c.method}`, (seen.get(`${s.client} ${c.method}`) ?? 0) + 1);
        if (s.client === "openapi-core V3") {
          // aliyun.md §4: the SDK also signs x-acs-credentials-provider.
          assert.match(c.headers.authorization ?? "", /SignedHeaders=host;.*x-acs-credentials-provider;/);
        }
        const [ours, theirs] = ourSignatureFor(c, s, server.port);
        assert.equal(ours, theirs);

        const now = new Date(c.headers["x-acs-date"] ?? Object.fromEntries([...parseRawQuery(c.rawQuery), ...parseRawQuery(c.body)]).Timestamp ?? "");
        const nonces = new Set<string>();
        const verify = (r: ReceivedRequest) =>
          verifyAliyunRequest(r, (id) => KEYS[id], now, 900, (n) => !nonces.has(n) && Boolean(nonces.add(n)));
        const tampered = [tamperDomain(c)];
        if (s.client === "openapi-core V3") tampered.push({ ...c, headers: { ...c.headers, "x-acs-version": "2016-11-02" } });
        for (const t of tampered) {
          const result = verify(t);
          assert.equal(result.ok ? "ok" : result.reason, "bad-signature");
        }
        assert.deepEqual(verify(c), { ok: true, accessKeyId: (s.temporary ? TEMP : LONG).accessKeyId });
        const replay = verify(c);
        assert.equal(replay.ok ? "ok" : replay.reason, "nonce-reused");
      }),
      { seed: CROSSCHECK_SEED, numRuns: 48 },
    );
    assert.deepEqual([...seen.keys()].sort(), CLIENTS.flatMap((client) => [`${client} GET`, `${client} POST`]).sort());
  });
});
