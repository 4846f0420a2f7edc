// Huawei Cloud Live (v1 stream blocks) mapped onto the VendorAdapter interface.
import { isBannedOr, type Ban, type ChangeResult, type ForbidRequest, type StreamKey, type VendorAdapter, type AdapterCapabilities } from "../adapter";
import { AdapterRuntime, accountLabel, endpointUrl, streamLabel, type AdapterOptions } from "../adapter-runtime";
import type { HuaweiCredentials } from "../credentials";
import type { HttpMethod, HttpRequest, HttpResponse } from "../../transport/http-types";
import { VendorError } from "../vendor-error";
import { VENDOR_LIMITS } from "../vendor-limits";
import { addSeconds, formatUtcSeconds, parseUtc } from "../utc-time";
import { signHuaweiRequest } from "./apig-signer";
import { HUAWEI_ALREADY_EXISTS, HUAWEI_NOT_FOUND, isHuaweiRetryable, isHuaweiThrottling } from "./huawei-errors";

const LIMITS = VENDOR_LIMITS.huawei;

/** huawei.md §1: one endpoint per region. */
export function huaweiDefaultEndpoint(region: string): string {
  return `https://live.${region}.myhuaweicloud.com`;
}

export interface HuaweiAdapterConfig extends AdapterOptions {
  credentials: HuaweiCredentials;
  /** e.g. `cn-north-4`; picks the endpoint unless `endpoint` is given. */
  region?: string;
}

interface HuaweiBlock {
  app_name?: string;
  stream_name?: string;
  resume_time?: string;
}

export class HuaweiAdapter implements VendorAdapter {
  readonly vendor = "huawei" as const;
  readonly capabilities: AdapterCapabilities = {
    listHasExpiry: true,
    listing: "paged",
    nativeUpdate: true,
    pageSize: LIMITS.maxPageSize,
    listScope: "domain",
  };
  private readonly rt: AdapterRuntime;
  private readonly endpoint: string;
  private readonly credentials: HuaweiCredentials;

  constructor(config: HuaweiAdapterConfig) {
    this.credentials = config.credentials;
    if (!config.endpoint && !config.region) {
      throw new Error("huawei: set a region (e.g. cn-north-4) or an endpoint");
    }
    this.endpoint = config.endpoint ?? huaweiDefaultEndpoint(config.region!);
    const keyId = config.credentials.kind === "aksk" ? config.credentials.ak : config.credentials.projectId;
    const c = config.credentials;
    this.rt = new AdapterRuntime("huawei", accountLabel(keyId), config, c.kind === "aksk" ? [c.sk, c.securityToken] : [c.authToken]);
  }

  async forbid(req: ForbidRequest): Promise<ChangeResult> {
    try {
      const requestId = await this.send("POST", "CreateStreamForbidden", "forbid", req, "/stream/blocks", undefined, this.setting(req));
      return this.changed(requestId, req, []);
    } catch (e) {
      // huawei.md §4: a duplicate create is assumed to upsert (UNVERIFIED); if it answers "already
      // exists", the native update sets the asked resume time.
      if (!VendorError.isInstance(e) || e.code !== HUAWEI_ALREADY_EXISTS) throw e;
      const requestId = await this.put(req);
      return this.changed(requestId, req, [`CreateStreamForbidden answered ${e.code}; updated the existing ban instead`]);
    }
  }

  async resume(key: StreamKey): Promise<ChangeResult> {
    const query = { domain: key.domain, app_name: key.app, stream_name: key.stream };
    try {
      const requestId = await this.send("DELETE", "DeleteStreamForbidden", "resume", key, "/stream/blocks", query);
      return { requestId, notes: [] };
    } catch (e) {
      // huawei.md §4, TF: deleting an absent ban is assumed to succeed (UNVERIFIED); a "not found" or any
      // business error followed by an empty lookup counts as resumed.
      if (!VendorError.isInstance(e) || e.retryable) throw e;
      if (e.code !== HUAWEI_NOT_FOUND && (await isBannedOr(this, key, e))) throw e;
      return { requestId: e.requestId ?? "", notes: [`DeleteStreamForbidden answered ${e.code}; the stream is not banned`] };
    }
  }

  async updateResumeTime(req: ForbidRequest): Promise<ChangeResult> {
    try {
      return this.changed(await this.put(req), req, []);
    } catch (e) {
      // huawei.md §4: updating a missing ban is UNVERIFIED; if the ban is gone, create it again.
      if (!VendorError.isInstance(e) || e.code !== HUAWEI_NOT_FOUND) throw e;
      const requestId = await this.send("POST", "CreateStreamForbidden", "forbid", req, "/stream/blocks", undefined, this.setting(req));
      return this.changed(requestId, req, [`UpdateStreamForbidden answered ${e.code}; created the ban again`]);
    }
  }

  async lookup(key: StreamKey): Promise<Ban | undefined> {
    const query = { domain: key.domain, app_name: key.app, stream_name: key.stream, page: "0", size: String(LIMITS.maxPageSize) };
    const body = await this.getJson("lookup", streamLabel(key), query);
    // huawei.md §2.2: exact vs prefix match of stream_name is UNVERIFIED; keep only the exact stream.
    const hit = (body.blocks ?? []).find((b) => b.stream_name === key.stream && (b.app_name ?? key.app) === key.app);
    const ban = hit ? this.toBan(key.domain, hit) : undefined;
    return ban && (!ban.expiresAt || ban.expiresAt.getTime() > this.rt.now().getTime()) ? ban : undefined;
  }

  async *list(domain: string): AsyncIterable<Ban> {
    const size = this.capabilities.pageSize;
    let seen = 0;
    // huawei.md §2.2: `page` is a 0-based page index.
    for (let page = 0; ; page++) {
      const body = await this.getJson("list", domain, { domain, page: String(page), size: String(size) });
      const blocks = body.blocks ?? [];
      for (const b of blocks) {
        const ban = this.toBan(domain, b);
        // huawei.md §4: whether expired blocks stay listed is UNVERIFIED; one past its resume time no longer blocks.
        if (!ban.expiresAt || ban.expiresAt.getTime() > this.rt.now().getTime()) yield ban;
      }
      seen += blocks.length;
      if (blocks.length === 0 || blocks.length < size || (typeof body.total === "number" && seen >= body.total)) return;
    }
  }

  async kick(key: StreamKey): Promise<ChangeResult> {
    const body = { domain: key.domain, app_name: key.app, stream_name: key.stream };
    const requestId = await this.send("POST", "CreateStreamForbiddenOnce", "kick", key, "/stream/block-once", undefined, body, false);
    return { requestId, notes: [] };
  }

  private put(req: ForbidRequest): Promise<string> {
    return this.send("PUT", "UpdateStreamForbidden", "updateResumeTime", req, "/stream/blocks", undefined, this.setting(req));
  }

  private changed(requestId: string, req: ForbidRequest, notes: string[]): ChangeResult {
    return { requestId, expiresAt: req.resumeTime ?? addSeconds(this.rt.now(), LIMITS.defaultBanSeconds), notes };
  }

  private setting(req: ForbidRequest): Record<string, string> {
    const s: Record<string, string> = { domain: req.domain, app_name: req.app, stream_name: req.stream };
    // huawei.md §2.1: second precision; the official Node model would send milliseconds (UNVERIFIED server-side).
    if (req.resumeTime) s.resume_time = formatUtcSeconds(req.resumeTime);
    return s;
  }

  private toBan(domain: string, b: HuaweiBlock): Ban {
    return {
      domain,
      app: b.app_name ?? "live",
      stream: b.stream_name ?? "",
      expiresAt: b.resume_time ? parseUtc(b.resume_time) : undefined,
    };
  }

  private async send(
    method: HttpMethod,
    action: string,
    operation: string,
    key: StreamKey,
    path: string,
    query?: Record<string, string>,
    body?: Record<string, string>,
    idempotent = true,
  ): Promise<string> {
    const stream = streamLabel(key);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const res = await this.rt.call({
      operation,
      action,
      stream,
      idempotent,
      build: () => this.sign(method, path, query, text),
      parse: (r) => this.check(r, operation, stream),
    });
    return res.headers["x-request-id"] ?? "";
  }

  private getJson(operation: string, stream: string, query: Record<string, string>): Promise<{ total?: number; blocks?: HuaweiBlock[] }> {
    return this.rt.call({
      operation,
      action: "ListStreamForbidden",
      stream,
      idempotent: true,
      build: () => this.sign("GET", "/stream/blocks", query, undefined),
      parse: (r) => {
        this.check(r, operation, stream);
        try {
          return JSON.parse(r.body);
        } catch {
          throw new VendorError({ vendor: "huawei", operation, stream, code: "InvalidResponse", vendorMessage: "response is not JSON", httpStatus: r.status, requestId: r.headers["x-request-id"], retryable: true });
        }
      },
    });
  }

  private sign(method: HttpMethod, path: string, query: Record<string, string> | undefined, body: string | undefined): HttpRequest {
    const url = endpointUrl(this.endpoint, `/v1/${encodeURIComponent(this.credentials.projectId)}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { "content-type": "application/json" };
    return signHuaweiRequest({ method, url, headers, body }, this.credentials, { now: this.rt.now() });
  }

  private check(res: HttpResponse, operation: string, stream: string): HttpResponse {
    if (res.status >= 200 && res.status < 300) return res;
    let code = `HTTP_${res.status}`;
    let message = "";
    try {
      const b = JSON.parse(res.body) as { error_code?: string; error_msg?: string };
      code = b.error_code ?? code;
      message = b.error_msg ?? "";
    } catch {
      // a non-JSON error body (a proxy page, say): keep the HTTP code, and say why there is no message
      message = "response is not JSON";
    }
    throw new VendorError({
      vendor: "huawei",
      operation,
      stream,
      code,
      vendorMessage: message,
      httpStatus: res.status,
      requestId: res.headers["x-request-id"],
      retryable: isHuaweiRetryable(code, res.status),
      notExecuted: isHuaweiThrottling(code, res.status),
      retryAfterMs: retryAfterMs(res.headers["retry-after"]),
    });
  }
}

function retryAfterMs(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}
