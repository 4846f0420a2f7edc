// The fleet bench's blocklist: one file of bans on every vendor's two accounts, and its split into one sub-file per (vendor, account).
import { VENDOR_IDS, type VendorId } from "../provider/vendors/vendor-id";

/** The second account's name in the file and in its variables (`…__BRAND_B`). */
export const SECOND = "brand-b";
export const ACCOUNTS = ["default", SECOND] as const;
export type Account = (typeof ACCOUNTS)[number];

export interface Shard {
  vendor: VendorId;
  account: Account;
}
export const SHARDS: Shard[] = VENDOR_IDS.flatMap((vendor) => ACCOUNTS.map((account) => ({ vendor, account })));
export const shardName = (s: Shard) => `${s.vendor}-${s.account}`;
export const domainOf = (s: Shard) => `${s.account}.${s.vendor}.bench.example.com`;

/** The whole file: N / 6 entries, each on every vendor and account (one push domain per account). */
export function wholeFileYaml(entries: number): string {
  return vendorsYaml(VENDOR_IDS) + streamsYaml(entries);
}

/** One shard's part of the whole file: its vendor's section, every entry narrowed to its account. */
export function subFileYaml(shard: Shard, entries: number): string {
  return vendorsYaml([shard.vendor]) + streamsYaml(entries, shard.account);
}

function vendorsYaml(vendors: readonly VendorId[]): string {
  const lines = ["vendors:"];
  for (const v of vendors) {
    lines.push(`  ${v}:`, `    domains: [${domainOf({ vendor: v, account: "default" })}]`, `    accounts:`);
    lines.push(`      ${SECOND}: { domains: [${domainOf({ vendor: v, account: SECOND })}] }`);
  }
  return lines.join("\n") + "\n";
}

function streamsYaml(entries: number, account?: Account): string {
  const narrow = account ? `, accounts: [${account}]` : "";
  return "streams:\n" + Array.from({ length: entries }, (_, i) => `  - { stream: s${i}${narrow} }\n`).join("");
}
