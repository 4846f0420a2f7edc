// Runs the shared adapter conformance suite for Tencent in every UNVERIFIED-behaviour variant.
import { describeAdapterConformance } from "./adapter-conformance";
import { TencentAdapter, isListUnavailable } from "../../provider/vendors/tencent/tencent-adapter";

describeAdapterConformance({
  vendor: "tencent",
  label: "TC3 signature",
  make: (sb, opts) => new TencentAdapter({ ...opts, endpoint: sb.endpoints.tencent, credentials: sb.credentials.tencent }),
  // {} is the default: the forbid list gone (tencent.md §3.5). The list's own variants run with it answering.
  variants: [
    {},
    { tencent: { duplicateForbid: "error", resumeUnbanned: "error", matching: "strict" } },
    { tencent: { forbidList: "available", expiredInList: "shown", resumeTimeOverMax: "error" } },
    { tencent: { forbidList: "invalid-action" } },
    { tencent: { forbidList: "available", listTimeFormat: "beijing-space" } },
    { tencent: { forbidList: "available", listTimeFormat: "utc-z" } },
    { tencent: { forbidList: "available", listTimeFormat: "beijing-z" } },
  ],
  listUnavailable: (v) => v.tencent?.forbidList !== "available",
  isListUnavailable,
  // tencent.md §3.5: `...Z` with Beijing wall time cannot be told from UTC; an expiry read that way is 8 h late.
  expiryToleranceMs: (v) => (v.tencent?.listTimeFormat === "beijing-z" ? 8 * 3600_000 : 0),
});
