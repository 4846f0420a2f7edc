// The main Pulumi program: applies the reviewed blocklist file (STREAMBLOCK_BLOCKLIST, default blocklist.yaml).
import { applyBlocklistInWaves } from "./provider/blocklist/apply-blocklist";

export = applyBlocklistInWaves(process.env.STREAMBLOCK_BLOCKLIST ?? "blocklist.yaml").then((summary) => ({
  bans: summary.bans,
  bansPerVendor: summary.perVendor,
  soonestExpiry: summary.soonestExpiry,
}));
