// Turns a blocklist into one StreamBlock spec per (vendor, domain, app, stream), named from that key.
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import type { Blocklist, StreamEntry } from "./blocklist-schema";

export interface BlockSpec {
  /** The resource name: `vendor/domain/app/stream`, so reordering or regrouping the file never renames. */
  name: string;
  vendor: VendorId;
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

/** How many bans `expandBlocklist` would return, without building them. */
export function countBans(list: Blocklist): number {
  let n = 0;
  list.streams.forEach((entry) => {
    const wanted = entry.domains?.map((d) => d.toLowerCase());
    for (const vendor of entryVendors(list, entry)) {
      const domains = new Set(list.vendors[vendor]!.domains.map((d) => d.toLowerCase()));
      n += wanted ? [...domains].filter((d) => wanted.includes(d)).length : domains.size;
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
      const domains = [...new Set(list.vendors[vendor]!.domains.map((d) => d.toLowerCase()))];
      for (const domain of wanted ? domains.filter((d) => wanted.includes(d)) : domains) {
        const key = { domain, app: entry.app ?? DEFAULT_APP, stream: entry.stream };
        const spec: BlockSpec = { name: streamBlockId(vendor, key), vendor, ...key, entry: index };
        if (entry.resumeTime !== undefined) spec.resumeTime = entry.resumeTime;
        if (entry.reason !== undefined) spec.reason = entry.reason;
        out.push(spec);
      }
    }
  });
  return out;
}
