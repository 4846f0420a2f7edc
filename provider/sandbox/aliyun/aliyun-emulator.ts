// Aliyun ApsaraVideo Live (live, 2016-11-01, RPC) emulator: ForbidLiveStream, ResumeLiveStream, DescribeLiveStreamsBlockList.
import { verifyAliyunRequest } from "../auth/aliyun-verifier";
import { VENDOR_LIMITS } from "../../vendors/vendor-limits";
import type { StreamRef } from "../ban-store";
import { EmulatorError } from "../emulator-error";
import type { ReceivedRequest, Reply } from "../http-util";
import { decideExpiry } from "../resume-time";
import type { Authenticated, EmulatorContext, Routed, VendorEmulator } from "../vendor-emulator";
import { ALIYUN_AUTH_CODES, aliyunError, aliyunErrorInfo, aliyunSuccess, type AliyunFormat } from "./aliyun-errors";
import { NAME_RULES, type NameField } from "../../vendors/name-rules";
import { refusesName } from "../vendor-name-check";
import { intParam, malformed, readAliyunParams, replyFormat, requiredParam } from "./aliyun-params";

const VERSION = "2016-11-01";
const LIMITS = VENDOR_LIMITS.aliyun;
const NAMES = NAME_RULES.aliyun;
/** Huawei documents domain length 1–255 (huawei.md §2.2); longer is a parameter error, shorter but not a host name a name error. */
const MAX_DOMAIN_PARAM = 255;
const ACTIONS = new Set(["ForbidLiveStream", "ResumeLiveStream", "DescribeLiveStreamsBlockList"]);

/** Emulates live.aliyuncs.com for the stream block list, signed with V3 (ACS3-HMAC-SHA256) or RPC HMAC-SHA1. */
export class AliyunEmulator implements VendorEmulator {
  readonly vendor = "aliyun" as const;

  constructor(private readonly ctx: EmulatorContext) {}

  route(req: ReceivedRequest): Routed {
    const params = readAliyunParams(req);
    const format = replyFormat(req, params);
    if (req.path !== "/" || (req.method !== "GET" && req.method !== "POST")) {
      return { action: "(unknown)", reply: aliyunError("InvalidAction.NotFound", format) };
    }
    // V3 names the action and version in headers, RPC V1 in parameters (aliyun.md §3, §4).
    const action = req.headers["x-acs-action"] ?? params.Action;
    if (!action) return { action: "(unknown)", reply: aliyunError("MissingAction", format) };
    if (!ACTIONS.has(action)) return { action, reply: aliyunError("InvalidAction.NotFound", format) };
    const version = req.headers["x-acs-version"] ?? params.Version;
    if (!version) return { action, reply: aliyunError("MissingVersion", format) };
    if (version !== VERSION) return { action, reply: aliyunError("InvalidVersion", format) };
    return { action };
  }

  authenticate(req: ReceivedRequest, _action: string, verify: boolean): Authenticated {
    const params = readAliyunParams(req);
    const creds = this.ctx.credentials;
    if (!verify) {
      const sent = /Credential=([^,\s]+)/.exec(req.headers.authorization ?? "")?.[1] ?? params.AccessKeyId;
      return { account: sent && creds.aliyunSecret(sent) ? sent : creds.primaryAccount("aliyun") };
    }
    const result = verifyAliyunRequest(
      req,
      creds.aliyunSecret,
      this.ctx.signatureNow(),
      LIMITS.signatureSkewSeconds,
      (nonce) => this.ctx.useNonce(nonce),
    );
    if (result.ok) return { account: result.accessKeyId };
    const code = ALIYUN_AUTH_CODES[result.reason];
    return { reply: aliyunError(code, replyFormat(req, params), undefined, authMessage(code, result.detail, req)) };
  }

  handle(req: ReceivedRequest, action: string, account: string): Reply {
    const params = readAliyunParams(req);
    const format = replyFormat(req, params);
    try {
      switch (action) {
        case "ForbidLiveStream":
          return aliyunSuccess(action, this.forbid(account, params), format);
        case "ResumeLiveStream":
          return aliyunSuccess(action, this.resume(account, params), format);
        case "DescribeLiveStreamsBlockList":
          return aliyunSuccess(action, this.list(account, params), format);
        default:
          throw new EmulatorError("InvalidAction.NotFound", aliyunErrorInfo("InvalidAction.NotFound").message);
      }
    } catch (e) {
      if (e instanceof EmulatorError) return aliyunError(e.code, format, e.status, e.message, e.headers);
      throw e;
    }
  }

  errorReply(req: ReceivedRequest, code: string, status?: number, message?: string): Reply {
    return aliyunError(code, replyFormat(req, readAliyunParams(req)), status, message);
  }

  throttledReply(req: ReceivedRequest, _action: string, retryAfterMs: number): Reply {
    // aliyun.md §5: Throttling.User (status UNVERIFIED, 400); openapi-core reads x-acs-retry-after in milliseconds.
    return aliyunError("Throttling.User", replyFormat(req, readAliyunParams(req)), undefined, undefined, {
      "x-acs-retry-after": String(retryAfterMs),
    });
  }

  private variants() {
    return this.ctx.variants().aliyun;
  }

  private checkDomain(domain: string): void {
    const known = this.ctx.settings.knownDomains.aliyun;
    if (known && !known.includes(domain)) {
      throw new EmulatorError("InvalidDomain.NotFound", aliyunErrorInfo("InvalidDomain.NotFound").message);
    }
  }

  /** NAMING.md (UNVERIFIED): the name's characters, unless the nameCharacters variant accepts any. */
  private checkName(field: NameField, param: string, value: string): void {
    if (this.variants().nameCharacters === "refuse" && refusesName("aliyun", field, value)) throw malformed(param);
  }

  private readKey(account: string, params: Record<string, string>, allowWildcardApp: boolean): StreamRef {
    const domain = requiredParam(params, "DomainName", MAX_DOMAIN_PARAM);
    const app = requiredParam(params, "AppName", NAMES.app.maxLength);
    const stream = requiredParam(params, "StreamName", NAMES.stream.maxLength);
    const type = requiredParam(params, "LiveStreamType", 64);
    if (type !== "publisher") throw malformed("LiveStreamType");
    if (stream === "*" || (app === "*" && !allowWildcardApp)) throw malformed(stream === "*" ? "StreamName" : "AppName");
    this.checkName("domain", "DomainName", domain);
    this.checkName("app", "AppName", app);
    this.checkName("stream", "StreamName", stream);
    this.checkDomain(domain);
    return { vendor: "aliyun", account, domain, app, stream };
  }

  private forbid(account: string, params: Record<string, string>): Record<string, unknown> {
    const ref = this.readKey(account, params, false);
    const oneshot = (params.Oneshot ?? "no").toLowerCase();
    if (oneshot !== "yes" && oneshot !== "no") throw malformed("Oneshot");
    if (oneshot === "yes") {
      // aliyun.md §2.1: Oneshot=yes only cuts the push; no blacklist entry, no quota.
      this.ctx.store.recordKick(ref, "ForbidLiveStream");
      return {};
    }
    const resumeTime = params.ResumeTime === "" ? undefined : params.ResumeTime;
    const now = this.ctx.clock.now();
    // aliyun.md §7: a past ResumeTime is treated as malformed (UNVERIFIED).
    const expiry = decideExpiry(resumeTime, now, LIMITS, this.variants().resumeTimeOverMax);
    if (!expiry.ok) throw malformed("ResumeTime");
    const includeExpired = this.variants().expiredInList === "shown";
    const existing = this.ctx.store.getBan(ref, includeExpired);
    if (existing && this.ctx.store.isActive(existing) && this.variants().duplicateForbid === "error") {
      throw new EmulatorError("ConfigAlreadyExists", aliyunErrorInfo("ConfigAlreadyExists").message);
    }
    const held = this.ctx.store.countBans({ vendor: "aliyun", account, includeExpired }) - (existing ? 1 : 0);
    const cap = this.ctx.settings.aliyunBlacklistCap;
    if (held >= cap) {
      // aliyun.md §7: the code for the 10,000 cap is UNVERIFIED; QuotaExceeded.Blacklist is our name for it.
      throw new EmulatorError(
        "QuotaExceeded.Blacklist",
        `The number of blacklisted streams exceeds the quota of ${cap}.`,
      );
    }
    this.ctx.store.putBan(ref, expiry.expiresAt);
    this.ctx.store.setPublishing(ref, false);
    return {};
  }

  private resume(account: string, params: Record<string, string>): Record<string, unknown> {
    const ref = this.readKey(account, params, true);
    // aliyun.md §2.2: AppName `*` means every AppName of the domain and stream.
    const filter = { vendor: "aliyun" as const, account, domain: ref.domain, stream: ref.stream, ...(ref.app === "*" ? {} : { app: ref.app }) };
    // A block counts as there while it blocks, or while the list still shows it (expiredInList "shown").
    const present = this.ctx.store.countBans({ ...filter, includeExpired: this.variants().expiredInList === "shown" });
    if (present === 0 && this.variants().resumeUnbanned === "error") {
      throw new EmulatorError("InvalidStream.NotFound", aliyunErrorInfo("InvalidStream.NotFound").message);
    }
    this.ctx.store.removeBans(filter);
    return {};
  }

  private list(account: string, params: Record<string, string>): Record<string, unknown> {
    const domain = requiredParam(params, "DomainName", MAX_DOMAIN_PARAM);
    this.checkName("domain", "DomainName", domain);
    this.checkDomain(domain);
    const pageNum = intParam(params, "PageNum", 1, 1, 1_000_000);
    const pageSize = intParam(params, "PageSize", LIMITS.defaultPageSize, 1, LIMITS.maxPageSize);
    const bans = this.ctx.store.listBans({
      vendor: "aliyun",
      account,
      domain,
      includeExpired: this.variants().expiredInList === "shown",
    });
    const page = bans.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    return {
      DomainName: domain,
      PageNum: pageNum,
      PageSize: pageSize,
      TotalNum: bans.length,
      TotalPage: Math.ceil(bans.length / pageSize),
      StreamUrls: { StreamUrl: page.map((b) => `${b.domain}/${b.app}/${b.stream}`) },
    };
  }
}

/**
 * The gateway's message for an auth failure. aliyun.md §5: for RPC V1 SignatureDoesNotMatch echoes the
 * server's StringToSign; the V3 wording differs. Other details are appended for debugging.
 */
function authMessage(code: string, detail: string, req: ReceivedRequest): string {
  const base = aliyunErrorInfo(code).message;
  if (code === "SignatureDoesNotMatch") {
    const m = /server string to sign[^:]*: (".*")$/.exec(detail);
    const stringToSign = m?.[1] ? (JSON.parse(m[1]) as string) : undefined;
    const v3 = (req.headers.authorization ?? "").startsWith("ACS3-");
    if (v3) return `Specified signature does not match our calculation.${stringToSign ? ` server string to sign is:${stringToSign}` : ""}`;
    if (stringToSign) return `${base} server string to sign is:${stringToSign}`;
  }
  return `${base} (sandbox: ${detail})`;
}
