// Tencent Cloud Live (CSS, API 2018-08-01) mapped onto the VendorAdapter interface.
import { isBannedOr, type Ban, type ChangeResult, type ForbidOptions, type ForbidRequest, type StreamKey, type VendorAdapter, type AdapterCapabilities } from "../adapter";
import { AdapterRuntime, accountLabel, endpointUrl, streamLabel, type AdapterOptions } from "../adapter-runtime";
import type { TencentCredentials } from "../credentials";
import type { HttpRequest, HttpResponse } from "../../transport/http-types";
import { VendorError } from "../vendor-error";
import { liftedBanError } from "../lifted-ban-error";
import { VENDOR_LIMITS } from "../vendor-limits";
import { addSeconds, formatUtcSeconds, parseTencentTime } from "../utc-time";
import { signTencentRequest } from "./tc3-signer";
import { isTencentActionGone, isTencentRetryable, isTencentThrottling } from "./tencent-errors";

export const TENCENT_DEFAULT_ENDPOINT = "https://live.tencentcloudapi.com";
/** tencent.md §1: the international site's host (the intl SDK hard-codes it). */
export const TENCENT_INTL_ENDPOINT = "https://live.intl.tencentcloudapi.com";
const API_VERSION = "2018-08-01";
const LIMITS = VENDOR_LIMITS.tencent;

export interface TencentAdapterConfig extends AdapterOptions {
  credentials: TencentCredentials;
}

type TencentBody = Record<string, unknown> & { RequestId: string };

export class TencentAdapter implements VendorAdapter {
  readonly vendor = "tencent" as const;
  readonly capabilities: AdapterCapabilities = {
    // Only where the account still answers the list; per-stream lookups carry no expiry (tencent.md §3.4).
    listHasExpiry: true,
    // tencent.md §3.5: listed under deleted APIs on 2025-11-28 (mainland), still in the intl SDK. list()
    // asks once per adapter (one account) and throws isListUnavailable() errors where it is gone.
    listing: "paged",
    nativeUpdate: false,
    pageSize: LIMITS.maxPageSize,
    // tencent.md §3.5: DescribeLiveForbidStreamList has no DomainName filter.
    listScope: "account",
  };
  private readonly rt: AdapterRuntime;
  private readonly endpoint: string;
  private readonly credentials: TencentCredentials;
  /**
   * The refusal that showed this account has no forbid list: every later listing throws it without a call,
   * so a process asks a gone list once, not once per read or per domain.
   */
  private listGone: VendorError | undefined;

  constructor(config: TencentAdapterConfig) {
    this.credentials = config.credentials;
    this.endpoint = config.endpoint ?? TENCENT_DEFAULT_ENDPOINT;
    this.rt = new AdapterRuntime("tencent", accountLabel(config.credentials.secretId), config, [
      config.credentials.secretKey,
      config.credentials.sessionToken,
    ]);
  }

  async forbid(req: ForbidRequest, opts: ForbidOptions = {}): Promise<ChangeResult> {
    try {
      return await this.forbidOnce(req, []);
    } catch (e) {
      // tencent.md §6: a second forbid is assumed to overwrite ResumeTime/Reason (upsert, UNVERIFIED). If
      // the vendor refuses it instead, and the stream is indeed banned, resume and forbid again at once.
      if (!VendorError.isInstance(e) || e.retryable || !(await isBannedOr(this, req, e))) throw e;
      if (opts.liftToAlign === false) {
        return { requestId: e.requestId ?? "", notes: [`ForbidLiveStream answered ${e.code} on a banned stream; kept the existing ban as it is`] };
      }
      const resumed = await this.action("ResumeLiveStream", "resume", streamLabel(req), this.keyParams(req), true);
      try {
        return await this.forbidOnce(req, [
          `ForbidLiveStream answered ${e.code} on a banned stream; resumed (request ${resumed.RequestId}) and forbade again to set the resume time`,
        ]);
      } catch (again) {
        throw liftedBanError(again, resumed.RequestId);
      }
    }
  }

  private async forbidOnce(req: ForbidRequest, notes: string[]): Promise<ChangeResult> {
    const params: Record<string, string> = { AppName: req.app, DomainName: req.domain, StreamName: req.stream };
    if (req.resumeTime) params.ResumeTime = formatUtcSeconds(req.resumeTime);
    if (req.reason) params.Reason = req.reason;
    const body = await this.action("ForbidLiveStream", "forbid", streamLabel(req), params, true);
    return {
      requestId: body.RequestId,
      expiresAt: req.resumeTime ?? addSeconds(this.rt.now(), LIMITS.defaultBanSeconds),
      notes,
    };
  }

  private keyParams(k: StreamKey): Record<string, string> {
    return { AppName: k.app, DomainName: k.domain, StreamName: k.stream };
  }

  async resume(key: StreamKey): Promise<ChangeResult> {
    const params = { AppName: key.app, DomainName: key.domain, StreamName: key.stream };
    try {
      const body = await this.action("ResumeLiveStream", "resume", streamLabel(key), params, true);
      return { requestId: body.RequestId, notes: [] };
    } catch (e) {
      // tencent.md §6: resuming a stream that is not banned is UNVERIFIED (success or an error code).
      // A business error followed by "not forbidden" counts as done.
      if (!VendorError.isInstance(e) || e.retryable) throw e;
      if (await isBannedOr(this, key, e)) throw e;
      return { requestId: e.requestId ?? "", notes: [`ResumeLiveStream answered ${e.code}; the stream is not banned`] };
    }
  }

  updateResumeTime(req: ForbidRequest): Promise<ChangeResult> {
    // Tencent has no update call: forbidding again sets the new resume time.
    return this.forbid(req);
  }

  async lookup(key: StreamKey): Promise<Ban | undefined> {
    const params = { AppName: key.app, DomainName: key.domain, StreamName: key.stream };
    const body = await this.action("DescribeLiveStreamState", "lookup", streamLabel(key), params, true);
    // tencent.md §3.4: StreamState is active | inactive | forbid. It carries no expiry.
    // Only the key: callers pass richer objects (the provider's state, whose expiresAt is a string).
    return body.StreamState === "forbid" ? { domain: key.domain, app: key.app, stream: key.stream } : undefined;
  }

  async *list(domain: string): AsyncIterable<Ban> {
    const wanted = domain.toLowerCase();
    for await (const ban of this.listAccount()) {
      // A ban with no domain matches by stream name alone, so it applies to this domain too.
      if (ban.domain === "" || ban.domain === wanted) yield { ...ban, domain };
    }
  }

  async *listAccount(): AsyncIterable<Ban> {
    if (this.listGone) throw this.listGone;
    const pageSize = this.capabilities.pageSize;
    for (let page = 1; ; page++) {
      const body = await this.listPage(page, pageSize);
      const rows = Array.isArray(body.ForbidStreamList) ? (body.ForbidStreamList as Record<string, unknown>[]) : [];
      for (const row of rows) {
        const expire = typeof row.ExpireTime === "string" ? parseTencentTime(row.ExpireTime) : undefined;
        // tencent.md §6: whether expired bans stay listed is UNVERIFIED; one past its expiry no longer blocks.
        if (expire && expire.getTime() <= this.rt.now().getTime()) continue;
        // tencent.md §3.5: DomainName/AppName may be null (the ban matches by stream name).
        yield {
          domain: typeof row.DomainName === "string" ? row.DomainName.toLowerCase() : "",
          app: typeof row.AppName === "string" && row.AppName ? row.AppName : "live",
          stream: String(row.StreamName),
          expiresAt: expire,
        };
      }
      const totalPage = Number(body.TotalPage ?? 0);
      if (rows.length === 0 || page >= totalPage) return;
    }
  }

  private async listPage(page: number, pageSize: number): Promise<TencentBody> {
    try {
      return await this.action("DescribeLiveForbidStreamList", "list", "(account)", { PageNum: page, PageSize: pageSize }, true);
    } catch (e) {
      if (VendorError.isInstance(e) && isListUnavailable(e)) this.listGone = e;
      throw e;
    }
  }

  async kick(key: StreamKey): Promise<ChangeResult> {
    const params = { StreamName: key.stream, DomainName: key.domain, AppName: key.app };
    // Not idempotent: a repeated DropLiveStream would cut a push that reconnected in between.
    const body = await this.action("DropLiveStream", "kick", streamLabel(key), params, false);
    return { requestId: body.RequestId, notes: [] };
  }

  private action(
    action: string,
    operation: string,
    stream: string,
    params: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<TencentBody> {
    const body = JSON.stringify(params);
    return this.rt.call({
      operation,
      action,
      stream,
      idempotent,
      build: () => this.sign(action, body),
      parse: (res) => this.parse(res, operation, stream),
    });
  }

  private sign(action: string, body: string): HttpRequest {
    const req: HttpRequest = {
      method: "POST",
      url: endpointUrl(this.endpoint, "/"),
      headers: { "content-type": "application/json", "x-tc-action": action, "x-tc-version": API_VERSION },
      body,
    };
    return signTencentRequest(req, this.credentials, { now: this.rt.now(), service: "live" });
  }

  private parse(res: HttpResponse, operation: string, stream: string): TencentBody {
    const base = { vendor: "tencent" as const, operation, stream, httpStatus: res.status };
    // tencent.md §1: every processed request answers HTTP 200; anything else is a gateway/transport failure.
    if (res.status !== 200) {
      const retryable = res.status === 429 || res.status >= 500;
      throw new VendorError({ ...base, code: `HTTP_${res.status}`, vendorMessage: "unexpected HTTP status", retryable });
    }
    let envelope: { Response?: TencentBody & { Error?: { Code?: string; Message?: string } } };
    try {
      envelope = JSON.parse(res.body);
    } catch {
      throw new VendorError({ ...base, code: "InvalidResponse", vendorMessage: "response is not JSON", retryable: true });
    }
    const r = envelope.Response;
    if (!r) throw new VendorError({ ...base, code: "InvalidResponse", vendorMessage: "no Response envelope", retryable: true });
    if (r.Error) {
      const code = r.Error.Code ?? "Unknown";
      throw new VendorError({
        ...base,
        code,
        vendorMessage: r.Error.Message ?? "",
        requestId: r.RequestId,
        retryable: isTencentRetryable(code),
        notExecuted: isTencentThrottling(code),
      });
    }
    return r;
  }
}

/** True when a list() failure means the vendor has no forbid list here (fall back to per-stream lookups). */
export function isListUnavailable(e: unknown): boolean {
  return VendorError.isInstance(e) && isTencentActionGone(e.code);
}
