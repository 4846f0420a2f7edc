// prune deletes finished entries with their own lines and comments, and leaves every other byte of the file as it was.
import { strict as assert } from "node:assert";
import { pruneBlocklist } from "../../provider/blocklist/prune-blocklist";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";

const NOW = new Date("2026-11-21T00:00:00Z");
const FILE = "blocklist.yaml";

const BEFORE = `# yaml-language-server: $schema=./schema.json
vendors:
  tencent: { domains: [a.example.com] }   # the only vendor
streams:
  # a ran its course; this comment describes it
  - stream: a   # trailing comment of a
    resumeTime: 2026-11-01T00:00:00Z
    # an inner comment of a
  # b stays, and so does this comment
  - stream: b
    reason: |
      two
      lines

  - {stream: c, resumeTime: "2026-11-20T23:59:59Z"}

  - stream: d     # still banned
    resumeTime: 2026-12-15T00:00:00+08:00
# the end
`;

const AFTER = `# yaml-language-server: $schema=./schema.json
vendors:
  tencent: { domains: [a.example.com] }   # the only vendor
streams:
  # b stays, and so does this comment
  - stream: b
    reason: |
      two
      lines

  - stream: d     # still banned
    resumeTime: 2026-12-15T00:00:00+08:00
# the end
`;

describe("blocklist/prune-blocklist", () => {
  it("deletes each finished entry with its lines and the comments above it; every other byte stays", () => {
    const r = pruneBlocklist(BEFORE, FILE, { now: NOW });
    assert.ok(r.ok);
    assert.equal(r.text, AFTER);
    assert.deepEqual(
      r.removed.map((e) => [e.index, e.line, e.stream, e.resumeTime]),
      [
        [0, 6, "a", "2026-11-01T00:00:00Z"],
        [2, 15, "c", "2026-11-20T23:59:59Z"],
      ],
    );
  });

  it("a file without finished entries comes back unchanged", () => {
    const r = pruneBlocklist(AFTER, FILE, { now: NOW });
    assert.ok(r.ok);
    assert.equal(r.text, AFTER);
    assert.deepEqual(r.removed, []);
  });

  it("a list left empty becomes streams: [], keeping the key's comment, and the file stays valid", () => {
    const text = "vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams:   # the bans\n  - stream: x\n    resumeTime: 2026-01-01T00:00:00Z\n";
    const r = pruneBlocklist(text, FILE, { now: NOW });
    assert.ok(r.ok);
    assert.equal(r.text, "vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams: []   # the bans\n");
  });

  it("entries at the key's own indentation", () => {
    const text = "vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams:\n- stream: x\n  resumeTime: 2026-01-01T00:00:00Z\n- stream: y\n";
    const r = pruneBlocklist(text, FILE, { now: NOW });
    assert.ok(r.ok);
    assert.equal(r.text, "vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams:\n- stream: y\n");
  });

  it("an invalid file is not touched: its problems come back", () => {
    const r = pruneBlocklist(`${AFTER}  - stream: e\n    resume_time: 2026-01-01T00:00:00Z\n`, FILE, { now: NOW });
    assert.ok(!r.ok);
    assert.match(formatProblem(r.problems[0]!), /^blocklist\.yaml:15:5: streams\[2\]\.resume_time: unknown key "resume_time"/);
  });

  it("a list written [ ... ] is refused with a reason rather than rewritten", () => {
    const r = pruneBlocklist("vendors:\n  aliyun:\n    domains: [c.example.com]\nstreams: [{stream: x, resumeTime: 2026-01-01T00:00:00Z}]\n", FILE, { now: NOW });
    assert.ok(!r.ok);
    assert.match(r.problems[0]!.message, /delete the finished entries by hand/);
  });
});
