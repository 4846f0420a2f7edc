// Turns a blocklist into one StreamBlock spec per (vendor, account, domain, app, stream), named from that key.
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import { DEFAULT_ACCOUNT } from "../resource/vendor-account";
import type { Blocklist, StreamEntry } from "./blocklist-schema";

/** One account of a vendor section: the default one (the section's own domains) first, then the named ones in file order. */
export interface VendorAccount {
  account: string;
  /** Lower-cased, without repeats. */
  domains: string[];
}

export interface BlockSpec {
  /** The resource name: `vendor/domain/app/stream` (`vendor/account/domain/app/stream` for a named account), so reordering or regrouping the file never renames. */
  name: string;
  vendor: VendorId;
  /** A named account; absent for the default one. */
  account?: string;
  domain: string;
  app: string;
  stream: string;
  resumeTime?: string;
  reason?: string;
  /** Index of the `streams` entry it comes from. */
  entry: number;
}

/** The configured vendors, in the fixed order huawei, tencent, aliyun. */
export function configuredVendors(list: Blocklist): VendorId[] {
  return VENDOR_IDS.filter((v) => list.vendors[v] !== undefined);
}

/** The vendors one entry applies to: its narrowing (only configured ones), else every configured vendor. */
export function entryVendors(list: Blocklist, entry: StreamEntry): VendorId[] {
  const configured = configuredVendors(list);
  return entry.vendors ? configured.filter((v) => entry.vendors!.includes(v)) : configured;
}

/** A vendor section's accounts: the default one, then each named one. */
export function vendorAccounts(section: { domains: string[]; accounts?: Record<string, { domains: string[] }> }): VendorAccount[] {
  const lower = (ds: string[]) => [...new Set(ds.map((d) => d.toLowerCase()))];
  return [
    { account: DEFAULT_ACCOUNT, domains: lower(section.domains) },
    ...Object.entries(section.accounts ?? {}).map(([account, a]) => ({ account, domains: lower(a.domains) })),
  ];
}

/** The accounts of `vendor` one entry applies to: its `accounts:` narrowing, else every account. */
export function entryAccounts(list: Blocklist, vendor: VendorId, entry: Pick<StreamEntry, "accounts">): VendorAccount[] {
  const all = vendorAccounts(list.vendors[vendor]!);
  return entry.accounts ? all.filter((a) => entry.accounts!.includes(a.account)) : all;
}

/** How many bans `expandBlocklist` would return, without building them. */
export function countBans(list: Blocklist): number {
  let n = 0;
  list.streams.forEach((entry) => {
    const wanted = entry.domains?.map((d) => d.toLowerCase());
    for (const vendor of entryVendors(list, entry)) {
      for (const { domains } of entryAccounts(list, vendor, entry)) n += wanted ? domains.filter((d) => wanted.includes(d)).length : domains.length;
    }
  });
  return n;
}

/**
 * Expands every entry onto the vendors and domains it applies to, in file order. Duplicates are kept
 * (the validator reports them); domains are lower-cased, as StreamBlock normalizes them.
 */
export function expandBlocklist(list: Blocklist): BlockSpec[] {
  const out: BlockSpec[] = [];
  list.streams.forEach((entry, index) => {
    const wanted = entry.domains?.map((d) => d.toLowerCase());
    for (const vendor of entryVendors(list, entry)) {
      for (const { account, domains } of entryAccounts(list, vendor, entry)) {
        const named = account === DEFAULT_ACCOUNT ? {} : { account };
        for (const domain of wanted ? domains.filter((d) => wanted.includes(d)) : domains) {
          const key = { domain, app: entry.app ?? DEFAULT_APP, stream: entry.stream };
          const spec: BlockSpec = { name: streamBlockId(vendor, { ...named, ...key }), vendor, ...named, ...key, entry: index };
          if (entry.resumeTime !== undefined) spec.resumeTime = entry.resumeTime;
          if (entry.reason !== undefined) spec.reason = entry.reason;
          out.push(spec);
        }
      }
    }
  });
  return out;
}
