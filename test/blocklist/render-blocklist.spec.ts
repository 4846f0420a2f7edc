// Exported bans as a blocklist file: valid, grouped by stream, narrowed only where needed, and round-tripping to the same bans.
import { strict as assert } from "node:assert";
import { renderBlocklist } from "../../provider/blocklist/render-blocklist";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import type { Ban } from "../../provider/vendors/adapter";
import { NOW } from "./blocklist-cases";

const T1 = new Date("2026-12-01T00:00:00Z");
const T2 = new Date("2026-12-24T12:00:00Z");
const domains = ["a.example.com", "b.example.com"];
const bans: Ban[] = [
  { domain: "a.example.com", app: "live", stream: "spam", expiresAt: T1 },
  { domain: "b.example.com", app: "live", stream: "spam", expiresAt: T1 },
  { domain: "b.example.com", app: "sports", stream: "pirate", expiresAt: T2 },
  { domain: "a.example.com", app: "live", stream: "0042", expiresAt: T2 },
  { domain: "b.example.com", app: "live", stream: "0042", expiresAt: T1 },
  { domain: "a.example.com", app: "live", stream: "yes", expiresAt: T1 },
  { domain: "b.example.com", app: "live", stream: "yes", expiresAt: T1 },
];

describe("blocklist/render-blocklist", () => {
  it("writes one entry per stream and expiry, narrowed only where a ban is not on every domain, quoting what YAML 1.1 would misread", () => {
    const text = renderBlocklist({ vendor: "tencent", domains, bans, header: ["exported for a test"] });
    assert.equal(
      text,
      [
        "# exported for a test",
        "vendors:",
        "  tencent:",
        "    domains:",
        "      - a.example.com",
        "      - b.example.com",
        "streams:",
        '  - stream: "0042"',
        '    resumeTime: "2026-12-01T00:00:00Z"',
        "    domains:",
        "      - b.example.com",
        '  - stream: "0042"',
        '    resumeTime: "2026-12-24T12:00:00Z"',
        "    domains:",
        "      - a.example.com",
        "  - stream: pirate",
        "    app: sports",
        '    resumeTime: "2026-12-24T12:00:00Z"',
        "    domains:",
        "      - b.example.com",
        "  - stream: spam",
        '    resumeTime: "2026-12-01T00:00:00Z"',
        '  - stream: "yes"',
        '    resumeTime: "2026-12-01T00:00:00Z"',
        "",
      ].join("\n"),
    );
  });

  it("round-trips: the file is valid and declares exactly the listed bans with their expiries", () => {
    const text = renderBlocklist({ vendor: "tencent", domains, bans, header: [] });
    const r = validateBlocklist(text, "export.yaml", { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    const got = r.bans.map((b) => `${b.name} ${b.resumeTime}`).sort();
    const want = bans.map((b) => `tencent/${b.domain}/${b.app}/${b.stream} ${b.expiresAt!.toISOString().replace(".000Z", "Z")}`).sort();
    assert.deepEqual(got, want);
  });

  it("--indefinite and Aliyun (no expiry) leave resume times out; Huawei keeps its region and project", () => {
    const indefinite = renderBlocklist({ vendor: "tencent", domains, bans, header: [], indefinite: true });
    assert.doesNotMatch(indefinite, /resumeTime/);
    assert.equal((indefinite.match(/- stream:/g) ?? []).length, 4, "one entry per stream once expiries no longer split them");
    const aliyun = renderBlocklist({ vendor: "aliyun", domains: ["c.example.com"], bans: [{ domain: "c.example.com", app: "live", stream: "x" }], header: [] });
    assert.equal(aliyun, "vendors:\n  aliyun:\n    domains:\n      - c.example.com\nstreams:\n  - stream: x\n");
    const huawei = renderBlocklist({ vendor: "huawei", domains: ["d.example.com"], bans: [], header: [], huawei: { region: "cn-north-4", projectId: "abc" } });
    assert.equal(huawei, "vendors:\n  huawei:\n    domains:\n      - d.example.com\n    region: cn-north-4\n    projectId: abc\nstreams: []\n");
  });
});
