// The main Pulumi program: applies the reviewed blocklist file (STREAMBLOCK_BLOCKLIST, default blocklist.yaml).
import { applyBlocklistWindowed } from "./provider/blocklist/apply-blocklist";

export = applyBlocklistWindowed(process.env.STREAMBLOCK_BLOCKLIST ?? "blocklist.yaml").then((summary) => ({
  bans: summary.bans,
  bansPerVendor: summary.perVendor,
  soonestExpiry: summary.soonestExpiry,
}));
