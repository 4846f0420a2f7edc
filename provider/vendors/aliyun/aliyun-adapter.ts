// Alibaba Cloud Live (API 2016-11-01, RPC style) mapped onto the VendorAdapter interface.
import { isBannedOr, type Ban, type ChangeResult, type ForbidOptions, type ForbidRequest, type StreamKey, type VendorAdapter, type AdapterCapabilities } from "../adapter";
import { AdapterRuntime, accountLabel, endpointUrl, streamLabel, type AdapterOptions } from "../adapter-runtime";
import type { AliyunCredentials } from "../credentials";
import type { HttpRequest, HttpResponse } from "../../transport/http-types";
import { VendorError } from "../vendor-error";
import { liftedBanError } from "../lifted-ban-error";
import { VENDOR_LIMITS } from "../vendor-limits";
import { addSeconds, formatUtcSeconds } from "../utc-time";
import { signAliyunV3Request } from "./acs3-signer";
import { signAliyunRpcParams } from "./rpc-signer";
import { ALIYUN_ALREADY_BANNED, isAliyunNotExecuted, isAliyunRetryable } from "./aliyun-errors";

export const ALIYUN_DEFAULT_ENDPOINT = "https://live.aliyuncs.com";
const API_VERSION = "2016-11-01";
const LIMITS = VENDOR_LIMITS.aliyun;

export interface AliyunAdapterConfig extends AdapterOptions {
  credentials: AliyunCredentials;
  /** `v3` (ACS3-HMAC-SHA256, the SDKs' default) or `rpc` (the older HMAC-SHA1 query signature). */
  signature?: "v3" | "rpc";
  /** The account's region id (aliyun.md §2.1: e.g. cn-shanghai), sent as RegionId on every call; the host stays the endpoint. */
  regionId?: string;
}

type AliyunBody = Record<string, unknown> & { RequestId?: string };

export class AliyunAdapter implements VendorAdapter {
  readonly vendor = "aliyun" as const;
  readonly capabilities: AdapterCapabilities = {
    // aliyun.md §2.3: DescribeLiveStreamsBlockList returns `domain/app/stream` URLs only, no resume times.
    listHasExpiry: false,
    listing: "paged",
    // aliyun.md §2.6: there is no update API.
    nativeUpdate: false,
    pageSize: LIMITS.maxPageSize,
    listScope: "domain",
  };
  private readonly rt: AdapterRuntime;
  private readonly endpoint: string;
  /** Learnt: how this account answers a forbid on a banned stream (aliyun.md §7: UNVERIFIED). */
  private duplicateForbid: "unknown" | "refused" | "accepted" = "unknown";
  /** The update finding that out; concurrent updates wait for it rather than each paying a refused call. */
  private probing: Promise<unknown> | undefined;

  constructor(private readonly config: AliyunAdapterConfig) {
    this.endpoint = config.endpoint ?? ALIYUN_DEFAULT_ENDPOINT;
    this.rt = new AdapterRuntime("aliyun", accountLabel(config.credentials.accessKeyId), config, [
      config.credentials.accessKeySecret,
      config.credentials.securityToken,
    ]);
  }

  async forbid(req: ForbidRequest, opts: ForbidOptions = {}): Promise<ChangeResult> {
    try {
      return await this.forbidOnce(req, []);
    } catch (e) {
      if (!VendorError.isInstance(e) || e.code !== ALIYUN_ALREADY_BANNED) throw e;
      this.duplicateForbid = "refused";
      if (opts.liftToAlign === false) {
        return {
          requestId: e.requestId ?? "",
          notes: [
            `already banned on Aliyun; kept the existing ban as it is (Aliyun neither reveals nor updates a ban's resume time without lifting it)`,
          ],
        };
      }
      // aliyun.md §2.6: no update call, and a second forbid may answer ConfigAlreadyExists. Resume and
      // forbid again at once; the stream is unbanned for the length of one round trip.
      const resumed = await this.resumeOnce(req);
      try {
        return await this.forbidOnce(req, [
          `ForbidLiveStream answered ${ALIYUN_ALREADY_BANNED}; resumed (request ${resumed}) and forbade again to set the resume time`,
        ]);
      } catch (again) {
        throw liftedBanError(again, resumed);
      }
    }
  }

  async resume(key: StreamKey): Promise<ChangeResult> {
    try {
      return { requestId: await this.resumeOnce(key), notes: [] };
    } catch (e) {
      // aliyun.md §7: resuming a stream that is not blacklisted is UNVERIFIED; if the vendor errors, a
      // stream absent from the list counts as resumed.
      if (!VendorError.isInstance(e) || e.retryable) throw e;
      if (await isBannedOr(this, key, e)) throw e;
      return { requestId: e.requestId ?? "", notes: [`ResumeLiveStream answered ${e.code}; the stream is not banned`] };
    }
  }

  async updateResumeTime(req: ForbidRequest): Promise<ChangeResult> {
    while (this.duplicateForbid === "unknown" && this.probing) await this.probing.catch(() => undefined);
    if (this.duplicateForbid === "refused") {
      // The account refuses a duplicate forbid: skip the forbid that would be refused again and resume and
      // forbid (2 calls, not 3). Resuming a ban the vendor lost is harmless.
      const resumed = await this.resumeOnce(req);
      return this.forbidOnce(req, [`resumed (request ${resumed}) and forbade again to set the resume time: Aliyun has no update call`]);
    }
    if (this.duplicateForbid === "accepted") return this.forbid(req);
    // Unknown yet: this update finds out (a refusal costs it 3 calls) while concurrent ones wait.
    const probe = this.forbid(req);
    this.probing = probe;
    try {
      const result = await probe;
      // A forbid that went through at once overwrote the ban (or the vendor had lost it; then a later
      // refusal still switches to "refused" in forbid()).
      if (this.duplicateForbid === "unknown") this.duplicateForbid = "accepted";
      return result;
    } finally {
      if (this.probing === probe) this.probing = undefined;
    }
  }

  async lookup(key: StreamKey): Promise<Ban | undefined> {
    // No per-stream call exists: scan the domain's list.
    for await (const ban of this.list(key.domain)) {
      if (ban.app === key.app && ban.stream === key.stream) return ban;
    }
    return undefined;
  }

  async *list(domain: string): AsyncIterable<Ban> {
    const pageSize = this.capabilities.pageSize;
    for (let page = 1; ; page++) {
      const body = await this.action(
        "DescribeLiveStreamsBlockList",
        "list",
        domain,
        { DomainName: domain, PageNum: String(page), PageSize: String(pageSize) },
        true,
      );
      const urls = (body.StreamUrls as { StreamUrl?: unknown } | undefined)?.StreamUrl;
      const rows = Array.isArray(urls) ? urls.map(String) : [];
      for (const url of rows) {
        const ban = parseStreamUrl(url, domain);
        if (ban) yield ban;
      }
      if (rows.length === 0 || page >= Number(body.TotalPage ?? 0)) return;
    }
  }

  async kick(key: StreamKey): Promise<ChangeResult> {
    // aliyun.md §2.1: Oneshot=yes interrupts the current push without blacklisting or using quota.
    const params = { ...this.streamParams(key), Oneshot: "yes" };
    const body = await this.action("ForbidLiveStream", "kick", streamLabel(key), params, false);
    return { requestId: body.RequestId ?? "", notes: [] };
  }

  private async forbidOnce(req: ForbidRequest, notes: string[]): Promise<ChangeResult> {
    const params: Record<string, string> = { ...this.streamParams(req), Oneshot: "no" };
    if (req.resumeTime) params.ResumeTime = formatUtcSeconds(req.resumeTime);
    const body = await this.action("ForbidLiveStream", "forbid", streamLabel(req), params, true);
    return {
      requestId: body.RequestId ?? "",
      expiresAt: req.resumeTime ?? addSeconds(this.rt.now(), LIMITS.defaultBanSeconds),
      notes,
    };
  }

  private async resumeOnce(key: StreamKey): Promise<string> {
    const body = await this.action("ResumeLiveStream", "resume", streamLabel(key), this.streamParams(key), true);
    return body.RequestId ?? "";
  }

  private streamParams(k: StreamKey): Record<string, string> {
    return { DomainName: k.domain, AppName: k.app, StreamName: k.stream, LiveStreamType: "publisher" };
  }

  private action(
    action: string,
    operation: string,
    stream: string,
    params: Record<string, string>,
    idempotent: boolean,
  ): Promise<AliyunBody> {
    // aliyun.md §3: RegionId is an optional common parameter of every RPC call (§2.1: ForbidLiveStream's own).
    if (this.config.regionId) params = { ...params, RegionId: this.config.regionId };
    return this.rt.call({
      operation,
      action,
      stream,
      idempotent,
      build: () => (this.config.signature === "rpc" ? this.signRpc(action, params) : this.signV3(action, params)),
      parse: (res) => this.parse(res, operation, stream),
    });
  }

  private signV3(action: string, params: Record<string, string>): HttpRequest {
    // aliyun.md §1, §6: the official SDK sends RPC calls as POST with every business parameter in the query.
    const url = endpointUrl(this.endpoint, "/");
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const req: HttpRequest = {
      method: "POST",
      url,
      headers: { "x-acs-action": action, "x-acs-version": API_VERSION, accept: "application/json" },
    };
    return signAliyunV3Request(req, this.config.credentials, { now: this.rt.now(), nonce: this.rt.nonce() });
  }

  private signRpc(action: string, params: Record<string, string>): HttpRequest {
    const all = { ...params, Action: action, Version: API_VERSION, Format: "JSON" };
    const signed = signAliyunRpcParams("POST", all, this.config.credentials, {
      now: this.rt.now(),
      nonce: this.rt.nonce(),
    });
    // aliyun.md §1: pop-core's POST form puts every parameter, Signature included, in the body.
    return {
      method: "POST",
      url: endpointUrl(this.endpoint, "/"),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(signed).toString(),
    };
  }

  private parse(res: HttpResponse, operation: string, stream: string): AliyunBody {
    let body: AliyunBody & { Code?: string; Message?: string };
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new VendorError({
        vendor: "aliyun",
        operation,
        stream,
        httpStatus: res.status,
        code: `HTTP_${res.status}`,
        vendorMessage: "response is not JSON",
        retryable: res.status >= 500 || res.status === 429,
      });
    }
    if (res.status >= 200 && res.status < 300 && !body.Code) return body;
    const code = body.Code ?? `HTTP_${res.status}`;
    const retryAfter = Number(res.headers["x-acs-retry-after"]);
    throw new VendorError({
      vendor: "aliyun",
      operation,
      stream,
      httpStatus: res.status,
      code,
      vendorMessage: body.Message ?? "",
      requestId: body.RequestId,
      retryable: isAliyunRetryable(code, res.status),
      notExecuted: isAliyunNotExecuted(code),
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
}

/** `domain/app/stream` as DescribeLiveStreamsBlockList prints it; the stream part may itself hold `/`. */
function parseStreamUrl(url: string, domain: string): Ban | undefined {
  const first = url.indexOf("/");
  const second = first < 0 ? -1 : url.indexOf("/", first + 1);
  if (second < 0) return undefined;
  return { domain, app: url.slice(first + 1, second), stream: url.slice(second + 1) };
}
