// The main Pulumi program: applies the reviewed blocklist file (STREAMBLOCK_BLOCKLIST, default blocklist.yaml).
import { applyBlocklist } from "./provider/blocklist/apply-blocklist";

const { summary } = applyBlocklist(process.env.STREAMBLOCK_BLOCKLIST ?? "blocklist.yaml");

export const bans = summary.bans;
export const bansPerVendor = summary.perVendor;
export const soonestExpiry = summary.soonestExpiry;
