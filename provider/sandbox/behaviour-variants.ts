// Catalogue of the behaviours the vendors' docs leave UNVERIFIED, each with its alternatives, default and spec section.
import { isVendorId, type VendorId } from "../vendors/vendor-id";

/** One switchable behaviour: its alternatives, the default, and why. */
export interface VariantDefinition<V extends string = string> {
  values: readonly V[];
  default: V;
  /** Where the spec discusses it, and why the default was chosen. */
  source: string;
}

/**
 * Every variant per vendor. Defaults follow each spec's recommendation; where the spec gives none, the
 * choice is explained in `source`. Specs: /work/shared/vendors/{tencent,aliyun,huawei}.md.
 */
export const VARIANT_CATALOGUE = {
  tencent: {
    duplicateForbid: {
      values: ["upsert", "error"],
      default: "upsert",
      source:
        "tencent.md §6 (UNVERIFIED): a second ForbidLiveStream most likely overwrites ResumeTime/Reason. " +
        "`error` answers FailedOperation (our guess at the code).",
    },
    resumeUnbanned: {
      values: ["success", "error"],
      default: "success",
      source:
        "tencent.md §6 (UNVERIFIED): ResumeLiveStream on a stream that is not forbidden is likely idempotent. " +
        "`error` answers FailedOperation.",
    },
    expiredInList: {
      values: ["hidden", "shown"],
      default: "hidden",
      source:
        "tencent.md §6 (UNVERIFIED): expired bans likely drop out of DescribeLiveForbidStreamList (expiry = " +
        "auto-resume). `shown` keeps them listed (they still do not block).",
    },
    resumeTimeOverMax: {
      values: ["clamp", "error"],
      default: "clamp",
      source:
        "tencent.md §3.1 (UNVERIFIED): ResumeTime beyond now+90 days; the legacy v2 API silently capped bans, " +
        "which suggests clamping. `error` answers InvalidParameterValue.",
    },
    matching: {
      values: ["stream-name", "strict"],
      default: "stream-name",
      source:
        "tencent.md §3.1 note 1, §6: by default a ban matches on the stream name alone (domain/app need not " +
        "match); `strict` is the account switch for domain+app+stream matching (support ticket). In " +
        "stream-name mode a forbid replaces any ban on the same stream name, a resume lifts them all, and the " +
        "state query ignores domain/app (how resume/state honour domain/app is UNVERIFIED).",
    },
    forbidList: {
      values: ["action-offline", "available", "invalid-action"],
      default: "action-offline",
      source:
        "tencent.md §3.5: the CSS release of 2025-11-28 lists DescribeLiveForbidStreamList under deleted APIs " +
        "(mainland SDKs); it survives in the intl SDK and docs. The project treats it as gone on mainland " +
        "accounts, so the default answers ActionOffline (§4.2: \"API deprecated\"; which code a removed action " +
        "really answers is UNVERIFIED, `invalid-action` answers InvalidAction). `available` answers the list " +
        "(an account that still has it, e.g. the international site).",
    },
    listTimeFormat: {
      values: ["beijing-offset", "beijing-space", "beijing-z", "utc-z"],
      default: "beijing-offset",
      source:
        "tencent.md §3.5 (UNVERIFIED wire format): ForbidStreamInfo CreateTime/ExpireTime are documented as " +
        "Beijing time (UTC+8) while the doc example shows `2019-01-16T12:00:00Z`. Default " +
        "`2019-04-16T20:00:00+08:00` (Beijing time, ISO-8601, unambiguous); `beijing-space` " +
        "`2019-04-16 20:00:00` (Beijing wall time, older Tencent style); `beijing-z` Beijing wall time with a " +
        "literal Z (what the doc text and example together would mean); `utc-z` the example taken literally (UTC).",
    },
    nameCharacters: {
      values: ["refuse", "accept"],
      default: "refuse",
      source:
        "tencent.md §3.1 and provider/vendors/NAMING.md (Tencent): the console's Address Generator takes only English letters, digits and symbols in " +
        "AppName/StreamName; that the API refuses the rest, which symbols, and the code are UNVERIFIED. `refuse` " +
        "answers InvalidParameterValue for a space, `/`, `%`, `?`, `#` or non-ASCII; `accept` takes any characters.",
    },
  },
  aliyun: {
    duplicateForbid: {
      values: ["error", "upsert"],
      default: "error",
      source:
        "aliyun.md §2.1, §7: ConfigAlreadyExists (400, \"Config has already exist.\") is documented for " +
        "ForbidLiveStream; that a duplicate triggers it is inferred (UNVERIFIED). `upsert` overwrites ResumeTime.",
    },
    resumeUnbanned: {
      values: ["success", "error"],
      default: "success",
      source:
        "aliyun.md §7 (UNVERIFIED): resuming a stream that is not blocked; the spec recommends 200. `error` " +
        "answers 404 InvalidStream.NotFound (our guess at the code).",
    },
    expiredInList: {
      values: ["hidden", "shown"],
      default: "hidden",
      source:
        "aliyun.md §7 (UNVERIFIED): whether expired entries leave DescribeLiveStreamsBlockList; the spec " +
        "recommends lazy expiry so TotalNum and quota drop. `shown` keeps them listed and counted in the quota.",
    },
    resumeTimeOverMax: {
      values: ["accept", "clamp", "error"],
      default: "accept",
      source:
        "aliyun.md §2.1: Aliyun documents no maximum ResumeTime, so the default accepts any future time. " +
        "`clamp` caps at now + VENDOR_LIMITS.aliyun.maxBanSeconds; `error` answers 400 InvalidResumeTime.Malformed.",
    },
    nameCharacters: {
      values: ["refuse", "accept"],
      default: "refuse",
      source:
        "aliyun.md §2.1 and provider/vendors/NAMING.md (Aliyun, UNVERIFIED): Aliyun documents no character rule for AppName/StreamName; the safe " +
        "default refuses what cannot stand in a push URL path (space, `/`, `%`, `?`, `#`, non-ASCII) with " +
        "Invalid<Param>.Malformed (400, our guess at the code); `accept` takes any characters.",
    },
  },
  huawei: {
    duplicateForbid: {
      values: ["upsert", "error"],
      default: "upsert",
      source:
        "huawei.md §4 (UNVERIFIED): duplicate CreateStreamForbidden; the spec recommends upsert (204). " +
        "`error` answers 400 LIVE.103011018 \"The resource already exists.\"",
    },
    resumeUnbanned: {
      values: ["success", "error"],
      default: "success",
      source:
        "huawei.md §4 (UNVERIFIED): DELETE of a stream that is not blocked; the spec recommends 204. `error` " +
        "answers 400 LIVE.103011019.",
    },
    updateMissing: {
      values: ["error", "upsert"],
      default: "error",
      source:
        "huawei.md §4 (UNVERIFIED): PUT of a block that does not exist; the spec suggests 400 LIVE.103011019 " +
        "\"The resource to access is not exists\". `upsert` creates it.",
    },
    expiredInList: {
      values: ["hidden", "shown"],
      default: "hidden",
      source: "huawei.md §4 (UNVERIFIED): the spec recommends dropping entries whose resume_time passed.",
    },
    resumeTimeOverMax: {
      values: ["error", "clamp"],
      default: "error",
      source:
        "huawei.md §2.1, §4: the docs state max 90 days as a constraint, so the default answers 400 " +
        "LIVE.100011001; `clamp` caps it instead.",
    },
    nameCharacters: {
      values: ["refuse", "accept"],
      default: "refuse",
      source:
        "huawei.md §2.1 and provider/vendors/NAMING.md (Huawei): the FAQ live_08_0031 and the ingest-URL guide document the characters of " +
        "StreamName (letters, digits, - _ * /) and AppName (letters, digits, - _); that the block API enforces " +
        "them is UNVERIFIED. `refuse` answers 400 LIVE.100011001 \"Invalid request parameter: <field>\"; " +
        "`accept` checks lengths only.",
    },
  },
} as const satisfies Record<VendorId, Record<string, VariantDefinition>>;

type Catalogue = typeof VARIANT_CATALOGUE;

/** The chosen value of every variant, per vendor. */
export type BehaviourVariants = {
  [V in VendorId]: { -readonly [K in keyof Catalogue[V]]: Catalogue[V][K] extends VariantDefinition<infer T> ? T : never };
};

/** A partial choice, as options and the admin API take it. */
export type VariantOverrides = { [V in VendorId]?: Partial<BehaviourVariants[V]> };

/** Every variant at its default. */
export function defaultVariants(): BehaviourVariants {
  const out: Record<string, Record<string, string>> = {};
  for (const [vendor, defs] of Object.entries(VARIANT_CATALOGUE)) {
    out[vendor] = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, def.default]));
  }
  return out as BehaviourVariants;
}

/**
 * Applies overrides to a variant set after checking every name and value; throws RangeError listing
 * the allowed values on a mistake (nothing is applied then).
 */
export function applyVariants(current: BehaviourVariants, overrides: unknown): BehaviourVariants {
  if (typeof overrides !== "object" || overrides === null) throw new RangeError("variants must be an object");
  const next = structuredClone(current) as unknown as Record<string, Record<string, string>>;
  for (const [vendor, values] of Object.entries(overrides)) {
    if (!isVendorId(vendor)) throw new RangeError(`unknown vendor "${vendor}" in variants`);
    if (typeof values !== "object" || values === null) throw new RangeError(`variants.${vendor} must be an object`);
    const defs = VARIANT_CATALOGUE[vendor] as Record<string, VariantDefinition>;
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      const def = defs[name];
      if (!def) {
        throw new RangeError(`unknown variant ${vendor}.${name}; known: ${Object.keys(defs).join(", ")}`);
      }
      if (typeof value !== "string" || !def.values.includes(value)) {
        throw new RangeError(`variant ${vendor}.${name} must be one of ${def.values.join(", ")}`);
      }
      next[vendor]![name] = value;
    }
  }
  return next as unknown as BehaviourVariants;
}
