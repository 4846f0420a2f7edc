// Tencent Cloud CSS (live, 2018-08-01) emulator: the five stream-forbid actions over TC3-signed GET/POST on `/`.
import { verifyTencentRequest } from "../auth/tencent-verifier";
import { VENDOR_LIMITS } from "../../vendors/vendor-limits";
import type { BanRecord, StreamRef } from "../ban-store";
import { EmulatorError } from "../emulator-error";
import { textReply, type ReceivedRequest, type Reply } from "../http-util";
import { decideExpiry } from "../resume-time";
import type { Authenticated, EmulatorContext, Routed, VendorEmulator } from "../vendor-emulator";
import type { RefusedLimit } from "../throttle";
import { TENCENT_AUTH_CODES, TENCENT_ERROR_MESSAGES, tencentError, tencentSuccess } from "./tencent-errors";
import { verifyTencentLegacyRequest } from "./tencent-legacy-verifier";
import { formatForbidListTime } from "./tencent-list-time";
import { NAME_RULES, type NameField } from "../../vendors/name-rules";
import { refusesName } from "../vendor-name-check";
import { intParam, readTencentParams, rejectUnknownParams, stringParam, type TencentParams } from "./tencent-params";

const VERSION = "2018-08-01";
const LIMITS = VENDOR_LIMITS.tencent;
const NAMES = NAME_RULES.tencent;
/** Huawei documents domain length 1–255 (huawei.md §2.2); longer is a parameter error, shorter but not a host name a name error. */
const MAX_DOMAIN_PARAM = 255;
const KEY_PARAMS = ["AppName", "DomainName", "StreamName"] as const;

/** tencent.md §3: each action's parameters (anything else is UnknownParameter). */
const ACTION_PARAMS: Readonly<Record<string, readonly string[]>> = {
  ForbidLiveStream: [...KEY_PARAMS, "ResumeTime", "Reason"],
  ResumeLiveStream: KEY_PARAMS,
  DropLiveStream: KEY_PARAMS,
  DescribeLiveStreamState: KEY_PARAMS,
  DescribeLiveForbidStreamList: ["PageNum", "PageSize", "StreamName"],
};

/** Emulates live.tencentcloudapi.com for ForbidLiveStream, ResumeLiveStream, DropLiveStream, DescribeLiveStreamState, DescribeLiveForbidStreamList. */
export class TencentEmulator implements VendorEmulator {
  readonly vendor = "tencent" as const;

  constructor(private readonly ctx: EmulatorContext) {}

  route(req: ReceivedRequest): Routed {
    const traceId = req.headers["x-tc-traceid"];
    if (req.path !== "/") return { action: "(unknown)", reply: textReply(404, "404 Not Found") };
    if (req.method !== "GET" && req.method !== "POST") {
      return { action: "(unknown)", reply: tencentError("UnsupportedProtocol", undefined, traceId) };
    }
    const legacy = safeParams(req);
    const action = req.headers["x-tc-action"] ?? stringOf(legacy.Action);
    if (!action) {
      return { action: "(unknown)", reply: tencentError("MissingParameter", "The request is missing a required parameter `Action`.", traceId) };
    }
    if (!(action in ACTION_PARAMS)) {
      return { action, reply: tencentError("InvalidAction", `The action \`${action}\` does not exist.`, traceId) };
    }
    const version = req.headers["x-tc-version"] ?? stringOf(legacy.Version);
    if (!version) {
      return { action, reply: tencentError("MissingParameter", "The request is missing a required parameter `Version`.", traceId) };
    }
    if (version !== VERSION) {
      return { action, reply: tencentError("NoSuchVersion", `The API version \`${version}\` does not exist.`, traceId) };
    }
    return { action };
  }

  authenticate(req: ReceivedRequest, _action: string, verify: boolean): Authenticated {
    const primary = this.ctx.credentials;
    if (!verify) {
      const sent = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? stringOf(safeParams(req).SecretId);
      return { account: sent && primary.tencentSecret(sent) ? sent : this.primaryAccount() };
    }
    const traceId = req.headers["x-tc-traceid"];
    const legacy = safeParams(req);
    const result =
      req.headers.authorization === undefined && legacy.Signature !== undefined
        ? verifyTencentLegacyRequest(req, legacy, primary.tencentSecret, this.ctx.signatureNow(), LIMITS.signatureSkewSeconds)
        : verifyTencentRequest(req, primary.tencentSecret, this.ctx.signatureNow(), LIMITS.signatureSkewSeconds);
    if (result.ok) return { account: result.accessKeyId };
    const code = TENCENT_AUTH_CODES[result.reason];
    return { reply: tencentError(code, `${TENCENT_ERROR_MESSAGES[code]} (sandbox: ${result.detail})`, traceId) };
  }

  handle(req: ReceivedRequest, action: string, account: string): Reply {
    const traceId = req.headers["x-tc-traceid"];
    try {
      const params = readTencentParams(req);
      rejectUnknownParams(params, ACTION_PARAMS[action] ?? []);
      switch (action) {
        case "ForbidLiveStream":
          return tencentSuccess(this.forbid(account, params), traceId);
        case "ResumeLiveStream":
          return tencentSuccess(this.resume(account, params), traceId);
        case "DropLiveStream":
          return tencentSuccess(this.drop(account, params), traceId);
        case "DescribeLiveStreamState":
          return tencentSuccess(this.state(account, params), traceId);
        case "DescribeLiveForbidStreamList":
          return tencentSuccess(this.list(account, params), traceId);
        default:
          throw new EmulatorError("InvalidAction", `The action \`${action}\` does not exist.`);
      }
    } catch (e) {
      if (e instanceof EmulatorError) return tencentError(e.code, e.message, traceId);
      throw e;
    }
  }

  errorReply(req: ReceivedRequest, code: string, status?: number, message?: string): Reply {
    return tencentError(code, message, req.headers["x-tc-traceid"], status);
  }

  throttledReply(req: ReceivedRequest, action: string, retryAfterMs: number, limit: RefusedLimit): Reply {
    // tencent.md §4.2: RequestLimitExceeded, inside the usual HTTP 200 envelope.
    return tencentError(
      "RequestLimitExceeded",
      `Your request rate for ${action} exceeds the limit of ${limit.count} per ${limit.windowSeconds === 1 ? "second" : `${limit.windowSeconds} seconds`}. Please reduce the frequency of calls (retry in ${retryAfterMs} ms).`,
      req.headers["x-tc-traceid"],
    );
  }

  private primaryAccount(): string {
    return this.ctx.credentials.primaryAccount("tencent");
  }

  private variants() {
    return this.ctx.variants().tencent;
  }

  private readKey(account: string, params: TencentParams): StreamRef {
    const domain = stringParam(params, "DomainName", true, MAX_DOMAIN_PARAM);
    const app = stringParam(params, "AppName", true, NAMES.app.maxLength);
    const stream = stringParam(params, "StreamName", true, NAMES.stream.maxLength);
    if (stream === "*") throw new EmulatorError("InvalidParameterValue", "StreamName must name one stream, not `*`.");
    this.checkName("domain", "DomainName", domain);
    this.checkName("app", "AppName", app);
    this.checkName("stream", "StreamName", stream);
    return { vendor: "tencent", account, domain, app, stream };
  }

  /** NAMING.md: the name's characters, unless the nameCharacters variant accepts any (message UNVERIFIED). */
  private checkName(field: NameField, param: string, value: string): void {
    if (this.variants().nameCharacters === "refuse" && refusesName("tencent", field, value)) {
      const what = field === "domain" ? "a domain name" : "English letters, digits and symbols";
      throw new EmulatorError("InvalidParameterValue", `The value of \`${param}\` is invalid: it may contain only ${what}.`);
    }
  }

  /** tencent.md §3.1/§6: in stream-name mode a ban matches on the stream name alone. */
  private matchingBans(ref: StreamRef, includeExpired = false): BanRecord[] {
    if (this.variants().matching === "strict") {
      const ban = this.ctx.store.getBan(ref, includeExpired);
      return ban ? [ban] : [];
    }
    return this.ctx.store.listBans({ vendor: "tencent", account: ref.account, stream: ref.stream, includeExpired });
  }

  private forbid(account: string, params: TencentParams): Record<string, unknown> {
    const ref = this.readKey(account, params);
    const resumeTime = stringParam(params, "ResumeTime", false);
    const reason = stringParam(params, "Reason", false);
    if (reason !== undefined && Buffer.byteLength(reason, "utf8") > LIMITS.maxReasonBytes) {
      throw new EmulatorError("InvalidParameterValue", `Reason is longer than ${LIMITS.maxReasonBytes} bytes.`);
    }
    const now = this.ctx.clock.now();
    const expiry = decideExpiry(resumeTime, now, LIMITS, this.variants().resumeTimeOverMax);
    if (!expiry.ok) {
      const why = {
        malformed: "is not a UTC time like 2018-11-29T19:00:00Z",
        past: "is not in the future",
        "over-max": `is more than ${LIMITS.maxBanSeconds / 86400} days ahead`,
      }[expiry.problem];
      throw new EmulatorError("InvalidParameterValue", `ResumeTime \`${resumeTime}\` ${why}.`);
    }
    if (this.matchingBans(ref).length > 0 && this.variants().duplicateForbid === "error") {
      throw new EmulatorError("FailedOperation", "The stream is already forbidden.");
    }
    for (const old of this.matchingBans(ref, true)) this.ctx.store.removeBan(old);
    this.ctx.store.putBan(ref, expiry.expiresAt, reason);
    this.ctx.store.setPublishing(ref, false);
    return {};
  }

  private resume(account: string, params: TencentParams): Record<string, unknown> {
    const ref = this.readKey(account, params);
    // A ban counts as there while it blocks, or while the list still shows it (expiredInList "shown").
    const present = this.matchingBans(ref, this.variants().expiredInList === "shown").length;
    if (present === 0 && this.variants().resumeUnbanned === "error") {
      throw new EmulatorError("FailedOperation", "The stream is not forbidden.");
    }
    for (const ban of this.matchingBans(ref, true)) this.ctx.store.removeBan(ban);
    return {};
  }

  private drop(account: string, params: TencentParams): Record<string, unknown> {
    // tencent.md §3.3: succeeds even when the stream is not pushing.
    this.ctx.store.recordKick(this.readKey(account, params), "DropLiveStream");
    return {};
  }

  private state(account: string, params: TencentParams): Record<string, unknown> {
    const ref = this.readKey(account, params);
    // tencent.md §3.4: a forbidden stream reports `forbid` even if it is also pushing (UNVERIFIED precedence).
    if (this.matchingBans(ref).length > 0) return { StreamState: "forbid" };
    return { StreamState: this.ctx.store.isPublishing(ref) ? "active" : "inactive" };
  }

  private list(account: string, params: TencentParams): Record<string, unknown> {
    const availability = this.variants().forbidList;
    if (availability === "action-offline") {
      throw new EmulatorError("ActionOffline", "The action DescribeLiveForbidStreamList has been taken offline.");
    }
    if (availability === "invalid-action") {
      throw new EmulatorError("InvalidAction", "The action `DescribeLiveForbidStreamList` does not exist.");
    }
    const pageNum = intParam(params, "PageNum", 1, 1, 1_000_000);
    const pageSize = intParam(params, "PageSize", LIMITS.defaultPageSize, 1, LIMITS.maxPageSize);
    const stream = stringParam(params, "StreamName", false, NAMES.stream.maxLength);
    if (stream !== undefined) this.checkName("stream", "StreamName", stream);
    const includeExpired = this.variants().expiredInList === "shown";
    // tencent.md §6: newest first (recommended default; the real order is UNVERIFIED).
    const bans = this.ctx.store
      .listBans({ vendor: "tencent", account, ...(stream === undefined ? {} : { stream }), includeExpired })
      .reverse();
    const format = this.variants().listTimeFormat;
    const page = bans.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return {
      TotalNum: bans.length,
      TotalPage: Math.ceil(bans.length / pageSize),
      PageNum: pageNum,
      PageSize: pageSize,
      ForbidStreamList: page.map((b) => ({
        StreamName: b.stream,
        CreateTime: formatForbidListTime(new Date(b.createdAt), format),
        ExpireTime: formatForbidListTime(new Date(b.expiresAt), format),
        AppName: b.app,
        DomainName: b.domain,
      })),
    };
  }
}

/** Parameters for routing only: a malformed body is reported later by the handler. */
function safeParams(req: ReceivedRequest): TencentParams {
  try {
    return readTencentParams(req);
  } catch {
    return {};
  }
}

function stringOf(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
