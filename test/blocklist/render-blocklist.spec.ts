// Exported bans as a blocklist file: valid, grouped by stream, narrowed only where needed, and round-tripping to the same bans.
import { strict as assert } from "node:assert";
import { renderBlocklist } from "../../provider/blocklist/render-blocklist";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import type { RenderedBan } from "../../provider/blocklist/render-blocklist";
import { NOW } from "./blocklist-cases";

const T1 = new Date("2026-12-01T00:00:00Z");
const T2 = new Date("2026-12-24T12:00:00Z");
const domains = ["a.example.com", "b.example.com"];
const at = (d: Date) => d.toISOString().replace(".000Z", "Z");
const bans: RenderedBan[] = [
  { vendor: "tencent", domain: "a.example.com", app: "live", stream: "spam", resumeTime: at(T1) },
  { vendor: "tencent", domain: "b.example.com", app: "live", stream: "spam", resumeTime: at(T1) },
  { vendor: "tencent", domain: "b.example.com", app: "sports", stream: "pirate", resumeTime: at(T2) },
  { vendor: "tencent", domain: "a.example.com", app: "live", stream: "0042", resumeTime: at(T2) },
  { vendor: "tencent", domain: "b.example.com", app: "live", stream: "0042", resumeTime: at(T1) },
  { vendor: "tencent", domain: "a.example.com", app: "live", stream: "yes", resumeTime: at(T1) },
  { vendor: "tencent", domain: "b.example.com", app: "live", stream: "yes", resumeTime: at(T1) },
];
const tencent = { tencent: { domains } };

describe("blocklist/render-blocklist", () => {
  it("writes one entry per stream and expiry, narrowed only where a ban is not on every domain, quoting what YAML 1.1 would misread", () => {
    const text = renderBlocklist({ vendors: tencent, bans, header: ["exported for a test"] });
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
    const text = renderBlocklist({ vendors: tencent, bans, header: [] });
    const r = validateBlocklist(text, "export.yaml", { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    const got = r.bans.map((b) => `${b.name} ${b.resumeTime}`).sort();
    const want = bans.map((b) => `tencent/${b.domain}/${b.app}/${b.stream} ${b.resumeTime}`).sort();
    assert.deepEqual(got, want);
  });

  it("indefinite bans need no resumeTime; Huawei keeps its region and project", () => {
    const indefinite = renderBlocklist({ vendors: tencent, bans: bans.map(({ resumeTime: _, ...b }) => b), header: [] });
    assert.doesNotMatch(indefinite, /resumeTime/);
    assert.equal((indefinite.match(/- stream:/g) ?? []).length, 4, "one entry per stream once expiries no longer split them");
    const huawei = renderBlocklist({ vendors: { huawei: { domains: ["d.example.com"], region: "cn-north-4", projectId: "abc" } }, bans: [], header: [] });
    assert.equal(huawei, "vendors:\n  huawei:\n    domains:\n      - d.example.com\n    region: cn-north-4\n    projectId: abc\nstreams: []\n");
  });

  it("Aliyun keeps its region, in the section and per account, and the text validates back to the same pins", () => {
    const text = renderBlocklist({
      vendors: { aliyun: { domains: ["c.example.com"], region: "cn-shanghai", accounts: { intl: { domains: ["i.example.com"], region: "ap-southeast-1" } } } },
      bans: [],
      header: [],
    });
    assert.equal(text, "vendors:\n  aliyun:\n    domains:\n      - c.example.com\n    region: cn-shanghai\n    accounts:\n      intl:\n        domains:\n          - i.example.com\n        region: ap-southeast-1\nstreams: []\n");
    const r = validateBlocklist(text, "export.yaml", { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    assert.equal(r.blocklist!.vendors.aliyun!.region, "cn-shanghai");
    assert.equal(r.blocklist!.vendors.aliyun!.accounts!.intl!.region, "ap-southeast-1");
  });

  it("Tencent keeps its site pin, in the section and per account", () => {
    const text = renderBlocklist({ vendors: { tencent: { domains: ["t.example.com"], site: "mainland", accounts: { intl: { domains: ["i.example.com"], site: "intl" } } } }, bans: [], header: [] });
    assert.equal(text, "vendors:\n  tencent:\n    domains:\n      - t.example.com\n    site: mainland\n    accounts:\n      intl:\n        domains:\n          - i.example.com\n        site: intl\nstreams: []\n");
  });

  it("several vendors: one entry where the bans cover every vendor and domain, vendors:/domains: narrowing otherwise, reasons kept", () => {
    const vendors = { huawei: { domains: ["h.example.com"] }, tencent: { domains: ["a.example.com", "b.example.com"] }, aliyun: { domains: ["c.example.com"] } };
    const everywhere: RenderedBan[] = [
      { vendor: "huawei", domain: "h.example.com", app: "live", stream: "all", reason: "TS-1" },
      { vendor: "tencent", domain: "a.example.com", app: "live", stream: "all", reason: "TS-1" },
      { vendor: "tencent", domain: "b.example.com", app: "live", stream: "all", reason: "TS-1" },
      { vendor: "aliyun", domain: "c.example.com", app: "live", stream: "all", reason: "TS-1" },
    ];
    const some: RenderedBan[] = [
      { vendor: "tencent", domain: "a.example.com", app: "live", stream: "two", resumeTime: at(T1) },
      { vendor: "aliyun", domain: "c.example.com", app: "live", stream: "two", resumeTime: at(T1) },
      { vendor: "huawei", domain: "h.example.com", app: "live", stream: "one" },
    ];
    const text = renderBlocklist({ vendors, bans: [...everywhere, ...some], header: [] });
    assert.equal(
      text.slice(text.indexOf("streams:")),
      [
        "streams:",
        "  - stream: all",
        "    reason: TS-1",
        "  - stream: one",
        "    vendors:",
        "      - huawei",
        "  - stream: two",
        '    resumeTime: "2026-12-01T00:00:00Z"',
        "    vendors:",
        "      - tencent",
        "      - aliyun",
        "    domains:",
        "      - a.example.com",
        "      - c.example.com",
        "",
      ].join("\n"),
    );
    const r = validateBlocklist(text, "export.yaml", { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    const declared = (b: { vendor: string; domain: string; app: string; stream: string; resumeTime?: string; reason?: string }) =>
      `${b.vendor}/${b.domain}/${b.app}/${b.stream} ${b.resumeTime ?? "-"} ${b.reason ?? "-"}`;
    assert.deepEqual(r.bans.map(declared).sort(), [...everywhere, ...some].map(declared).sort());
  });

  it("a group no single narrowing expresses is written per vendor", () => {
    const vendors = { tencent: { domains: ["a.example.com", "b.example.com"] }, aliyun: { domains: ["a.example.com", "c.example.com"] } };
    const split: RenderedBan[] = [
      { vendor: "tencent", domain: "a.example.com", app: "live", stream: "s" },
      { vendor: "aliyun", domain: "c.example.com", app: "live", stream: "s" },
    ];
    const text = renderBlocklist({ vendors, bans: split, header: [] });
    assert.match(text, /- stream: s\n {4}vendors:\n {6}- aliyun\n {4}domains:\n {6}- c\.example\.com\n {2}- stream: s\n {4}vendors:\n {6}- tencent\n {4}domains:\n {6}- a\.example\.com\n/);
    const r = validateBlocklist(text, "export.yaml", { now: NOW });
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    assert.deepEqual(r.bans.map((b) => b.name).sort(), ["aliyun/c.example.com/live/s", "tencent/a.example.com/live/s"]);
  });
});
