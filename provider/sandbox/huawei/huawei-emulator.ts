// Huawei Cloud Live v1 emulator: POST/GET/PUT/DELETE /v1/{project_id}/stream/blocks and POST .../stream/block-once.
import { verifyHuaweiRequest } from "../auth/huawei-verifier";
import { VENDOR_LIMITS } from "../../vendors/vendor-limits";
import { NAME_RULES } from "../../vendors/name-rules";
import type { StreamRef } from "../ban-store";
import { refusesName } from "../vendor-name-check";
import { EmulatorError } from "../emulator-error";
import { parseUrlEncoded, type ReceivedRequest, type Reply } from "../http-util";
import { decideExpiry, formatUtcSeconds } from "../resume-time";
import type { Authenticated, EmulatorContext, Routed, VendorEmulator } from "../vendor-emulator";
import type { RefusedLimit } from "../throttle";
import { HUAWEI_AUTH_MESSAGES, huaweiError, huaweiSuccess } from "./huawei-errors";

const LIMITS = VENDOR_LIMITS.huawei;
const NAMES = NAME_RULES.huawei;
/** Huawei documents domain length 1–255 (huawei.md §2.2); longer is a parameter error, shorter but not a host name a name error. */
const MAX_DOMAIN_PARAM = 255;
const PATH = /^\/v1\/([^/]+)\/stream\/(blocks|block-once)$/;

/** huawei.md §2: operation name per method and path. */
const ROUTES: Readonly<Record<string, string>> = {
  "POST blocks": "CreateStreamForbidden",
  "GET blocks": "ListStreamForbidden",
  "PUT blocks": "UpdateStreamForbidden",
  "DELETE blocks": "DeleteStreamForbidden",
  "POST block-once": "CreateStreamForbiddenOnce",
};

/** Emulates live.{region}.myhuaweicloud.com's stream-block API (AK/SK or X-Auth-Token). */
export class HuaweiEmulator implements VendorEmulator {
  readonly vendor = "huawei" as const;

  constructor(private readonly ctx: EmulatorContext) {}

  route(req: ReceivedRequest): Routed {
    const m = PATH.exec(req.path);
    const action = m ? ROUTES[`${req.method} ${m[2]}`] : undefined;
    // huawei.md §8: any other path or method is the gateway's "API does not exist".
    if (!action) return { action: "(unknown)", reply: huaweiError("APIGW.0101") };
    return { action };
  }

  authenticate(req: ReceivedRequest, _action: string, verify: boolean): Authenticated {
    const projectId = safeDecode(PATH.exec(req.path)?.[1] ?? "");
    if (!verify) return { account: projectId };
    const creds = this.ctx.credentials;
    const result = verifyHuaweiRequest(
      req,
      creds.huaweiSecret,
      this.ctx.signatureNow(),
      LIMITS.signatureSkewSeconds,
      (token) => creds.huaweiProjectOfToken(token),
    );
    if (!result.ok) {
      return { reply: huaweiError("APIGW.0301", 401, `${HUAWEI_AUTH_MESSAGES[result.reason]} (sandbox: ${result.detail})`) };
    }
    const signed = (req.headers.authorization ?? "") !== "";
    const owner = signed ? creds.huaweiProjectOfAk(result.accessKeyId) : result.accessKeyId;
    const declared = req.headers["x-project-id"];
    // huawei.md §8: a project other than the credential's (path or X-Project-Id) is refused (status UNVERIFIED).
    if (owner !== projectId || (signed && declared !== undefined && declared !== projectId)) {
      return { reply: huaweiError("APIGW.0302", 403, "The IAM user is not authorized to access the API. (sandbox: project id does not belong to the credential)") };
    }
    return { account: projectId };
  }

  handle(req: ReceivedRequest, action: string, account: string): Reply {
    try {
      switch (action) {
        case "CreateStreamForbidden":
          return this.create(account, req);
        case "ListStreamForbidden":
          return this.list(account, req);
        case "UpdateStreamForbidden":
          return this.update(account, req);
        case "DeleteStreamForbidden":
          return this.remove(account, req);
        case "CreateStreamForbiddenOnce":
          return this.kick(account, req);
        default:
          return huaweiError("APIGW.0101");
      }
    } catch (e) {
      if (e instanceof EmulatorError) return huaweiError(e.code, e.status, e.message, e.headers);
      throw e;
    }
  }

  errorReply(_req: ReceivedRequest, code: string, status?: number, message?: string): Reply {
    return huaweiError(code, status, message);
  }

  throttledReply(_req: ReceivedRequest, _action: string, _retryAfterMs: number, limit: RefusedLimit): Reply {
    // huawei.md §1: over the per-user or per-API limit APIG answers 429 APIGW.0308; the message wording
    // (APIG's "policy user|api over ratelimit") is an assumption.
    const time = limit.windowSeconds % 60 === 0 ? `${limit.windowSeconds / 60} minute` : `${limit.windowSeconds} second`;
    const policy = limit.scope === "account" ? "user" : "api";
    return huaweiError("APIGW.0308", 429, `The throttling threshold has been reached: policy ${policy} over ratelimit,limit:${limit.count},time:${time}`);
  }

  private variants() {
    return this.ctx.variants().huawei;
  }

  private showsExpired(): boolean {
    return this.variants().expiredInList === "shown";
  }

  private create(account: string, req: ReceivedRequest): Reply {
    const body = readJsonBody(req);
    const ref = this.readKey(account, body, 400);
    const expiresAt = this.expiry(body);
    if (this.ctx.store.getBan(ref) && this.variants().duplicateForbid === "error") {
      throw new EmulatorError("LIVE.103011018", "The resource already exists.");
    }
    this.ctx.store.putBan(ref, expiresAt);
    this.ctx.store.setPublishing(ref, false);
    return huaweiSuccess(204);
  }

  private update(account: string, req: ReceivedRequest): Reply {
    const body = readJsonBody(req);
    const ref = this.readKey(account, body, 400);
    const expiresAt = this.expiry(body);
    // A block counts as there while it blocks, or while the list still shows it (expiredInList "shown").
    if (!this.ctx.store.getBan(ref, this.showsExpired())) {
      if (this.variants().updateMissing === "error") {
        throw new EmulatorError("LIVE.103011019", "The resource to access is not exists");
      }
      this.ctx.store.putBan(ref, expiresAt);
    } else {
      this.ctx.store.updateExpiry(ref, expiresAt);
    }
    return huaweiSuccess(204);
  }

  private remove(account: string, req: ReceivedRequest): Reply {
    // huawei.md §2.4/§7: Terraform expects 403 + LIVE.100011001 from DELETE for an unknown domain (inferred).
    const ref = this.readKey(account, queryOf(req), 403);
    if (!this.ctx.store.getBan(ref, this.showsExpired()) && this.variants().resumeUnbanned === "error") {
      throw new EmulatorError("LIVE.103011019", "The resource to access is not exists");
    }
    this.ctx.store.removeBan(ref);
    return huaweiSuccess(204);
  }

  private kick(account: string, req: ReceivedRequest): Reply {
    this.ctx.store.recordKick(this.readKey(account, readJsonBody(req), 400), "CreateStreamForbiddenOnce");
    return huaweiSuccess(204);
  }

  private list(account: string, req: ReceivedRequest): Reply {
    const query = queryOf(req);
    const domain = stringField(query, "domain", true, MAX_DOMAIN_PARAM);
    this.checkName("domain", domain);
    this.checkDomain(domain, 400);
    const app = stringField(query, "app_name", false, NAMES.app.maxLength);
    const stream = stringField(query, "stream_name", false, NAMES.stream.maxLength);
    if (app !== undefined) this.checkName("app_name", app);
    if (stream !== undefined) this.checkName("stream_name", stream);
    const page = intField(query, "page", 0, 0, 1_000_000);
    const size = intField(query, "size", LIMITS.defaultPageSize, 1, LIMITS.maxPageSize);
    const bans = this.ctx.store.listBans({
      vendor: "huawei",
      account,
      domain,
      ...(app === undefined ? {} : { app }),
      ...(stream === undefined ? {} : { stream }),
      includeExpired: this.showsExpired(),
    });
    // huawei.md §2.2: items carry no domain; page is 0-based; past the end is an empty page.
    return huaweiSuccess(200, {
      total: bans.length,
      blocks: bans.slice(page * size, (page + 1) * size).map((b) => ({
        app_name: b.app,
        stream_name: b.stream,
        resume_time: formatUtcSeconds(new Date(b.expiresAt)),
      })),
    });
  }

  private readKey(account: string, fields: Record<string, unknown>, unknownDomainStatus: number): StreamRef {
    const domain = stringField(fields, "domain", true, MAX_DOMAIN_PARAM);
    const app = stringField(fields, "app_name", true, NAMES.app.maxLength);
    const stream = stringField(fields, "stream_name", true, NAMES.stream.maxLength);
    // huawei.md §2.1/§2.4: stream_name must not be `*`.
    if (stream === "*") throw invalid("stream_name");
    this.checkName("domain", domain);
    this.checkName("app_name", app);
    this.checkName("stream_name", stream);
    this.checkDomain(domain, unknownDomainStatus);
    return { vendor: "huawei", account, domain, app, stream };
  }

  /** NAMING.md: the documented characters of each name, unless the nameCharacters variant accepts any. */
  private checkName(param: "domain" | "app_name" | "stream_name", value: string): void {
    const field = param === "domain" ? "domain" : param === "app_name" ? "app" : "stream";
    if (this.variants().nameCharacters === "refuse" && refusesName("huawei", field, value)) throw invalid(param);
  }

  private checkDomain(domain: string, status: number): void {
    const known = this.ctx.settings.knownDomains.huawei;
    if (known && !known.includes(domain)) throw new EmulatorError("LIVE.100011001", "Invalid request parameter: domain", status);
  }

  /** huawei.md §2.1: default now + 7 days, at most 90 days, not in the past; fractional seconds accepted (UNVERIFIED). */
  private expiry(body: Record<string, unknown>): Date {
    const text = body.resume_time;
    if (text !== undefined && text !== null && typeof text !== "string") throw invalid("resume_time");
    const decision = decideExpiry(text || undefined, this.ctx.clock.now(), LIMITS, this.variants().resumeTimeOverMax, true);
    if (!decision.ok) throw invalid("resume_time");
    return decision.expiresAt;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function invalid(field: string): EmulatorError {
  return new EmulatorError("LIVE.100011001", `Invalid request parameter: ${field}`);
}

function readJsonBody(req: ReceivedRequest): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    throw new EmulatorError("LIVE.100011001", "Request Illegal");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new EmulatorError("LIVE.100011001", "Request Illegal");
  }
  return parsed as Record<string, unknown>;
}

function queryOf(req: ReceivedRequest): Record<string, unknown> {
  return Object.fromEntries(parseUrlEncoded(req.rawQuery));
}

function stringField(fields: Record<string, unknown>, name: string, required: true, maxLength: number): string;
function stringField(fields: Record<string, unknown>, name: string, required: false, maxLength: number): string | undefined;
function stringField(fields: Record<string, unknown>, name: string, required: boolean, maxLength: number): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === "") {
    if (required) throw invalid(name);
    return undefined;
  }
  if (typeof value !== "string" || value.length > maxLength) throw invalid(name);
  return value;
}

function intField(fields: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = fields[name];
  if (value === undefined || value === "") return fallback;
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw invalid(name);
  const n = Number(value);
  if (n < min || n > max) throw invalid(name);
  return n;
}
