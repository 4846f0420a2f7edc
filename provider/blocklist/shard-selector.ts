// A stack's shard of the blocklist file: the `streamblock:shard` setting (vendor and account selectors), parsed and matched.
import { z } from "zod";
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { ACCOUNT_NAME, ACCOUNT_NAME_RULE, DEFAULT_ACCOUNT } from "../resource/vendor-account";

/** The stack config key of a stack's shard. */
export const SHARD_KEY = "streamblock:shard";

/** One selector: a vendor's every account, or one account of it. */
export interface ShardSelector {
  vendor: VendorId;
  /** Absent: every account of the vendor the file has. */
  account?: string;
}

const HOW = `set it as a list of vendors or vendor/account pairs, e.g. pulumi config set ${SHARD_KEY} 'tencent,huawei/brand-b' (or in Pulumi.<stack>.yaml: ${SHARD_KEY}: [tencent, {vendor: huawei, account: brand-b}])`;

const Vendor = z.enum(VENDOR_IDS, { error: (i) => `vendor ${JSON.stringify(i.input)} is not one of ${VENDOR_IDS.join(", ")}` });
const Account = z.string({ error: "account must be a string" }).regex(ACCOUNT_NAME, ACCOUNT_NAME_RULE);

const SelectorObject = z.object({ vendor: Vendor, account: Account.optional() }, {
    error: (i) =>
      i.code === "unrecognized_keys"
        ? `unknown key ${(i as { keys?: string[] }).keys?.join(", ")}: a selector has vendor and optionally account`
        : "each selector must be a vendor name, vendor/account, or a mapping {vendor, account}",
  })
  .strict();

// The short form `vendor` or `vendor/account`, read as the mapping it stands for (so its errors are the mapping's).
const Selector = z.preprocess((v, ctx) => {
  if (typeof v !== "string") return v;
  const [vendor, account, ...rest] = v.trim().split("/");
  if (rest.length > 0) {
    ctx.addIssue({ code: "custom", message: `"${v}" has more than one /: write vendor or vendor/account` });
    return z.NEVER;
  }
  return account === undefined ? { vendor } : { vendor, account };
}, SelectorObject);

const Selectors = z.array(Selector, { error: "must be a list of selectors" }).min(1, "must name at least one vendor (remove the setting to apply the whole file)");

/** A shard setting is malformed; the message names the key, the stack and the fix. */
export class ShardSettingError extends Error {
  override name = "ShardSettingError";
}

/**
 * Parses a shard setting as the engine passes it (a JSON string for structured config, or a plain string
 * `tencent,huawei/brand-b`) or as a stack config file holds it (a list). Undefined or empty: no shard.
 * `where` names the setting's place in messages (`stack production`).
 */
export function parseShardSetting(raw: unknown, where: string): ShardSelector[] | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value: unknown = raw;
  if (typeof raw === "string") {
    const text = raw.trim();
    if (text.startsWith("[") || text.startsWith("{")) {
      try {
        value = JSON.parse(text);
      } catch {
        throw new ShardSettingError(`${where}: ${SHARD_KEY} is not valid JSON; ${HOW}`);
      }
    } else value = text.split(",").filter((s) => s.trim() !== "");
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value) {
    throw new ShardSettingError(`${where}: ${SHARD_KEY} is a secret; it names no credential: set it without --secret (${HOW})`);
  }
  const r = Selectors.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const at = issue.path.length ? `[${String(issue.path[0])}]${issue.path.slice(1).map((p) => `.${String(p)}`).join("")}` : "";
    throw new ShardSettingError(`${where}: ${SHARD_KEY}${at}: ${issue.message}; ${HOW}`);
  }
  return r.data.map((s) => (s.account === undefined ? { vendor: s.vendor } : { vendor: s.vendor, account: s.account }));
}

/** Whether a ban of `vendor`'s `account` (undefined: the default one) is in the shard; no shard: everything is. */
export function inShard(shard: readonly ShardSelector[] | undefined, vendor: string, account: string | undefined): boolean {
  if (!shard) return true;
  const a = account ?? DEFAULT_ACCOUNT;
  return shard.some((s) => s.vendor === vendor && (s.account === undefined || s.account === a));
}

/** `tencent` or `huawei/brand-b`, as the setting's short form writes it. */
export function formatSelector(s: ShardSelector): string {
  return s.account === undefined ? s.vendor : `${s.vendor}/${s.account}`;
}

/** `tencent/brand-b`, `tencent/default`: how messages name one vendor account (the selector that picks it alone). */
export function formatAccount(vendor: string, account: string | undefined): string {
  return `${vendor}/${account ?? DEFAULT_ACCOUNT}`;
}
