// The blocklist's per-account checks: each account's domains, entries narrowed by account, Huawei/Aliyun/Tencent pins per account, Aliyun's cap per account.
import { SETTING_SOURCES, accountConfigPath, settingEnvVars } from "../resource/provider-settings";
import { DEFAULT_ACCOUNT, isDefaultAccount } from "../resource/vendor-account";
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import type { Blocklist, StreamEntry } from "./blocklist-schema";
import { vendorAccounts, type BlockSpec } from "./expand-blocklist";
import type { KeyPath, SourcePosition, SourcePositions } from "./source-positions";

const VENDOR_TITLES: Record<VendorId, string> = { huawei: "Huawei", tencent: "Tencent", aliyun: "Aliyun" };

type Add = (pos: SourcePosition, path: KeyPath, message: string) => void;

/** A setting a blocklist pin is checked against. */
type PinnedSetting = "huaweiRegion" | "huaweiProjectId" | "aliyunRegion" | "tencentSite";

/** The stack the file is about to be applied to: each account's Huawei region and project, Aliyun region and Tencent site must match the file's. */
export interface StackSettings {
  get(name: PinnedSetting): string | undefined;
  /** The same settings for a named vendor account; absent: the file may name no account (checked as the default one). */
  forAccount?(account: string): StackSettings;
  /** Whether this stack applies the vendor account (its shard); absent: every account. Others' pins are not its to match. */
  applies?(vendor: VendorId, account: string): boolean;
}

/** Where a vendor account's section is in the file: the vendor's own for the default account. */
function accountPath(vendor: VendorId, account: string): KeyPath {
  return isDefaultAccount(account) ? ["vendors", vendor] : ["vendors", vendor, "accounts", account];
}

/** A named account's domain listed twice, and a push domain under two accounts of one vendor (a domain belongs to one account). */
export function checkAccountDomains(vendors: Blocklist["vendors"], at: SourcePositions, add: Add): void {
  for (const vendor of VENDOR_IDS) {
    const section = vendors[vendor];
    if (!section) continue;
    const owner = new Map<string, string>();
    const all: [string, { domains: string[] }][] = [[DEFAULT_ACCOUNT, section], ...Object.entries(section.accounts ?? {})];
    for (const [account, a] of all) {
      const seen = new Map<string, number>();
      a.domains.forEach((d, i) => {
        const domain = d.toLowerCase();
        const path = [...accountPath(vendor, account), "domains", i];
        const j = seen.get(domain);
        if (j !== undefined) {
          // The default account's own repeats are reported with the vendor's domain list.
          if (!isDefaultAccount(account)) add(at.ofValue(path), path, `${d} is listed twice (first at line ${at.lineOf([...accountPath(vendor, account), "domains", j])}); remove one`);
          return;
        }
        seen.set(domain, i);
        const first = owner.get(domain);
        if (first !== undefined) {
          add(at.ofValue(path), path, `${d} is a push domain of ${vendor} account ${first} already; a push domain belongs to one account: remove it from one of them`);
        } else owner.set(domain, account);
      });
    }
  }
}

/** An entry's `accounts:` must name accounts of the vendors it applies to. */
export function checkAccountNarrowing(
  vendors: Blocklist["vendors"],
  entry: { index: number; entry: Partial<StreamEntry>; vendors: VendorId[] | undefined },
  at: SourcePositions,
  add: Add,
): void {
  const accounts = entry.entry.accounts;
  if (!accounts || !entry.vendors) return;
  const base: KeyPath = ["streams", entry.index, "accounts"];
  const seen = new Set<string>();
  accounts.forEach((account, j) => {
    const path = [...base, j];
    if (seen.has(account)) add(at.ofValue(path), path, `${account} is listed twice; remove one`);
    seen.add(account);
    const known = entry.vendors!.some((v) => vendorAccounts(vendors[v]!).some((a) => a.account === account));
    if (!known) {
      const of = entry.vendors!.length === 0 ? "any vendor this entry applies to" : entry.vendors!.join(" or ");
      add(at.ofValue(path), path, `${account} is not an account of ${of}; add it under vendors.<vendor>.accounts: or remove it from this entry`);
    }
  });
}

/** The domains an entry may narrow to: those of its vendors' accounts it applies to. */
export function entryDomains(vendors: Blocklist["vendors"], entryVendors: VendorId[], accounts: string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const v of entryVendors) {
    for (const a of vendorAccounts(vendors[v]!)) if (!accounts || accounts.includes(a.account)) for (const d of a.domains) out.add(d);
  }
  return out;
}

/**
 * Each account's pins: Huawei `region`/`projectId`, Aliyun `region`, Tencent `site`. The stack's settings
 * for that account must be the same (an unset Tencent site is mainland, Tencent's default; an unset Huawei
 * or Aliyun region is no region, so a pinned file is refused until the stack names one).
 */
export function checkStackSettings(vendors: Blocklist["vendors"], stack: StackSettings, at: SourcePositions, add: Add): void {
  const pins: { vendor: VendorId; account: string; key: string; setting: PinnedSetting; wanted: string }[] = [];
  const collect = (vendor: VendorId, fields: readonly (readonly [string, PinnedSetting])[]) => {
    const section = vendors[vendor];
    if (!section) return;
    const all: [string, Record<string, unknown>][] = [[DEFAULT_ACCOUNT, section], ...Object.entries(section.accounts ?? {})];
    for (const [account, s] of all) {
      for (const [key, setting] of fields) if (typeof s[key] === "string") pins.push({ vendor, account, key, setting, wanted: s[key] as string });
    }
  };
  collect("huawei", [["region", "huaweiRegion"], ["projectId", "huaweiProjectId"]]);
  collect("aliyun", [["region", "aliyunRegion"]]);
  collect("tencent", [["site", "tencentSite"]]);
  for (const { vendor, account, key, setting, wanted } of pins) {
    if (stack.applies && !stack.applies(vendor, account)) continue;
    const settings = isDefaultAccount(account) ? stack : stack.forAccount?.(account);
    const actual = settings?.get(setting) ?? (setting === "tencentSite" ? "mainland" : undefined);
    if (actual === wanted) continue;
    const sources = isDefaultAccount(account)
      ? `stack config streamblock:${setting} or ${SETTING_SOURCES[setting].join(" or ")}`
      : `stack config ${accountConfigPath(setting, account)} or ${settingEnvVars(setting, account).join(" or ")}`;
    const has = actual === undefined ? "sets none" : `is ${actual}`;
    const whose = isDefaultAccount(account) ? "this stack's" : `account ${account}'s`;
    const path = [...accountPath(vendor, account), key];
    const name = VENDOR_TITLES[vendor];
    add(at.ofValue(path), path, `the file is for ${name} ${key} ${wanted} but ${whose} ${setting} ${has} (${sources}); nothing was applied`);
  }
}

/** Aliyun holds at most 10,000 bans per account (aliyun.md §2.1): counted per account of the file's Aliyun section. */
export function checkAliyunCap(bans: BlockSpec[], at: SourcePositions, add: Add): void {
  const cap = VENDOR_LIMITS.aliyun.maxBansPerAccount!;
  const counts = new Map<string, number>();
  for (const b of bans) if (b.vendor === "aliyun") counts.set(b.account ?? DEFAULT_ACCOUNT, (counts.get(b.account ?? DEFAULT_ACCOUNT) ?? 0) + 1);
  for (const [account, count] of counts) {
    if (count <= cap) continue;
    const path = accountPath("aliyun", account);
    const which = isDefaultAccount(account) ? "aliyun" : `aliyun account ${account}`;
    add(
      isDefaultAccount(account) ? at.ofKey(["vendors"], "aliyun") : at.ofKey(["vendors", "aliyun", "accounts"], account),
      path,
      `the file bans ${count.toLocaleString("en-US")} streams on ${which}; an Aliyun account holds at most ${cap.toLocaleString("en-US")} bans: narrow some entries to other vendors or accounts`,
    );
  }
}
