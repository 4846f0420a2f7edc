// The StreamBlock input schema (zod): what check() accepts, how it normalizes, and the reasons it gives.
import { z } from "zod";
import { VENDOR_IDS, isVendorId, type VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { isHostName, longestAccepted, nameProblem, type NameField } from "../vendors/name-rules";
import { formatUtcSeconds, truncateToSeconds } from "../vendors/utc-time";
import { ACCOUNT_NAME, ACCOUNT_NAME_RULE, DEFAULT_ACCOUNT } from "./vendor-account";

/** What the engine sends for a value not known during preview (pulumi/pulumi#6310). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const DEFAULT_APP = "live";

/** Normalized, validated inputs, as check() returns them and every later call receives them. */
export interface StreamBlockInputs {
  vendor: VendorId;
  /** The vendor account (its credentials); absent = the `default` account, so older state reads the same. */
  account?: string;
  domain: string;
  app: string;
  stream: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`; absent = indefinite (StreamBlock renews it). */
  resumeTime?: string;
  reason?: string;
}

/** What the provider stores: the inputs plus what the vendor holds. */
export interface StreamBlockOutputs extends StreamBlockInputs {
  /** The expiry the vendor holds (`yyyy-MM-ddTHH:mm:ssZ`). */
  expiresAt?: string;
  /** Request id of the vendor call that made the last change. */
  requestId?: string;
  /** The ban was in force at the vendor before this resource was created; absent when this stack made it. */
  adopted?: true;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function name(field: string, max: number, extra?: (s: string, ctx: z.RefinementCtx) => void) {
  return z
    .string({ error: `${field} must be a string` })
    .superRefine((s, ctx) => {
      if (s.trim().length === 0) ctx.addIssue({ code: "custom", message: `${field} must not be empty` });
      else if (s !== s.trim()) ctx.addIssue({ code: "custom", message: `${field} must not start or end with spaces` });
      if (s.length > max) ctx.addIssue({ code: "custom", message: `${field} is ${s.length} characters; the vendors accept at most ${max}` });
      if (s.includes("*")) ctx.addIssue({ code: "custom", message: `${field} must not contain "*": wildcards would ban or resume every matching stream` });
      if (CONTROL.test(s)) ctx.addIssue({ code: "custom", message: `${field} must not contain control characters` });
      if (s.trim().length > 0) extra?.(s, ctx);
    });
}

const noSlash = (field: string) => (s: string, ctx: z.RefinementCtx) => {
  if (s.includes("/")) ctx.addIssue({ code: "custom", message: `${field} must not contain "/" (vendors print bans as domain/app/stream)` });
};

/**
 * The raw schema, before the vendor's own rules and the time-dependent ones. Unknown keys are errors. Its
 * name rules hold for every vendor; each vendor's narrower ones (vendors/name-rules.ts) run once the vendor is known.
 */
const RawInputs = z
  .object({
    vendor: z.string({ error: `vendor is required: one of ${VENDOR_IDS.join(", ")}` }).refine(isVendorId, {
      message: `vendor must be one of ${VENDOR_IDS.join(", ")}`,
    }),
    account: z
      .string({ error: "account must be a string" })
      .refine((s) => ACCOUNT_NAME.test(s), { message: `account must be a vendor account name: ${ACCOUNT_NAME_RULE}` })
      .optional(),
    domain: name("domain", longestAccepted("domain"), (s, ctx) => {
      if (!isHostName(s)) ctx.addIssue({ code: "custom", message: "domain must be a push domain name such as push.example.com" });
    }),
    app: name("app", longestAccepted("app"), noSlash("app")).optional(),
    stream: name("stream", longestAccepted("stream")),
    resumeTime: z
      .string({ error: "resumeTime must be a string such as 2030-01-01T00:00:00Z" })
      .refine((s) => ISO_WITH_ZONE.test(s) && !Number.isNaN(Date.parse(s)), {
        message: "resumeTime must be an absolute time with a zone, such as 2030-01-01T00:00:00Z",
      })
      .optional(),
    reason: z
      .string({ error: "reason must be a string" })
      .refine((s) => Buffer.byteLength(s, "utf8") <= VENDOR_LIMITS.tencent.maxReasonBytes, {
        message: `reason must be at most ${VENDOR_LIMITS.tencent.maxReasonBytes} bytes of UTF-8`,
      })
      .optional(),
  })
  .strict();

/** Each input's rule and messages, for schemas that hold the same fields (the blocklist file). */
export const STREAM_BLOCK_FIELD_RULES = RawInputs.shape;

export interface CheckContext {
  now: Date;
  /** Old inputs, if any: an unchanged resume time that has since passed is not an error (the ban ran its course). */
  olds?: Partial<StreamBlockInputs>;
}

/**
 * Validates and normalizes raw inputs without touching the network. Returns the normalized inputs or
 * every failure, each naming its property.
 */
export function checkInputs(
  raw: Record<string, unknown>,
  ctx: CheckContext,
): { inputs: StreamBlockInputs; failures: [] } | { inputs?: undefined; failures: CheckFailure[] } {
  const candidate: Record<string, unknown> = {};
  const unknownProps = new Set<string>();
  for (const [k, v] of Object.entries(raw)) {
    if (k === "__provider") continue;
    if (v === UNKNOWN_VALUE) unknownProps.add(k);
    else if (v !== undefined && v !== null) candidate[k] = v;
  }
  // reportInput: zod 4 leaves issue.input out otherwise, and a wrong type would read as missing.
  const parsed = RawInputs.safeParse(candidate, { reportInput: true });
  const failures: CheckFailure[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          failures.push({ property: key, reason: `unknown property "${key}"; StreamBlock takes vendor, account, domain, app, stream, resumeTime and reason` });
        }
        continue;
      }
      const property = String(issue.path[0] ?? "");
      if (unknownProps.has(property)) continue;
      const missing = issue.code === "invalid_type" && issue.input === undefined;
      const reason = missing && property !== "vendor" ? `${property} is required` : issue.message;
      failures.push({ property, reason });
    }
  }
  if (failures.length > 0) return { failures };
  // Only values unknown during preview failed: pass the inputs through; check runs again once they are known.
  if (!parsed.success) return { inputs: { ...candidate, ...Object.fromEntries([...unknownProps].map((k) => [k, UNKNOWN_VALUE])) } as unknown as StreamBlockInputs, failures: [] };

  const v = parsed.data;
  const inputs: StreamBlockInputs = {
    vendor: v.vendor as VendorId,
    domain: v.domain.toLowerCase(),
    app: v.app ?? DEFAULT_APP,
    stream: v.stream,
  };
  if (v.account !== undefined && v.account !== DEFAULT_ACCOUNT) inputs.account = v.account;
  if (v.reason !== undefined) inputs.reason = v.reason;
  failures.push(...vendorNameFailures(inputs));
  if (v.resumeTime !== undefined) {
    const resume = truncateToSeconds(new Date(v.resumeTime));
    inputs.resumeTime = formatUtcSeconds(resume);
    const unchanged = ctx.olds?.resumeTime === inputs.resumeTime;
    const limits = VENDOR_LIMITS[inputs.vendor];
    if (resume.getTime() <= ctx.now.getTime() && !unchanged) {
      failures.push({
        property: "resumeTime",
        reason: `resumeTime ${inputs.resumeTime} is in the past; pick a future time, or omit it for a ban that StreamBlock keeps renewed`,
      });
    } else if (resume.getTime() - ctx.now.getTime() > limits.maxBanSeconds * 1000 && !unchanged) {
      failures.push({
        property: "resumeTime",
        reason: `resumeTime ${inputs.resumeTime} is more than ${limits.maxBanSeconds / 86400} days ahead, ${inputs.vendor}'s maximum; omit it for a ban that StreamBlock keeps renewed`,
      });
    }
  }
  return failures.length > 0 ? { failures } : { inputs, failures: [] };
}

/** The vendor's own rules for the domain, app and stream of normalized inputs (one failure per field). */
export function vendorNameFailures(key: Pick<StreamBlockInputs, "vendor" | NameField>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const field of ["domain", "app", "stream"] as const) {
    const reason = nameProblem(key.vendor, field, key[field]);
    if (reason !== undefined) failures.push({ property: field, reason });
  }
  return failures;
}
