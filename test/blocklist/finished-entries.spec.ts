// A timed entry whose resume time has passed is over: a warning, never an error, unless the change being validated wrote that time (--base).
import { strict as assert } from "node:assert";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import { validateBlocklist, type ValidateOptions } from "../../provider/blocklist/validate-blocklist";
import { FILE, HEAD, NOW } from "./blocklist-cases";

const PAST = "2026-11-20T00:00:00Z";
/** Entry 0 ran its course yesterday (line 9, time at 11:17); entry 1 is indefinite. */
const FILE_TEXT = `${HEAD}  - stream: a\n    vendors: [tencent]\n    resumeTime: ${PAST}\n  - stream: b\n`;
const WARNING = `blocklist.yaml:11:17: warning: streams[0].resumeTime: resumeTime ${PAST} has passed: the ban ran its course and this entry declares nothing; delete it (streamblock prune blocklist.yaml deletes every finished entry)`;
const NEW_PAST = `blocklist.yaml:11:17: streams[0].resumeTime: resumeTime ${PAST} is already past: this change adds the entry or sets its time, and it would ban nothing; set a future time (at most 90 (180 on Aliyun) days ahead)`;

function run(text: string, opts: Partial<ValidateOptions> = {}) {
  const r = validateBlocklist(text, FILE, { now: NOW, ...opts });
  return { ok: r.ok, problems: r.problems.map(formatProblem), warnings: r.warnings.map(formatProblem), bans: r.ok ? r.bans.map((b) => b.name) : [] };
}

describe("blocklist: finished entries (resume time passed)", () => {
  it("without a base: valid, a warning naming file:line and prune, and the entry declares nothing", () => {
    const r = run(FILE_TEXT);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.warnings, [WARNING]);
    assert.ok(r.ok);
    assert.deepEqual(r.bans.sort(), ["aliyun/c.example.com/live/b", "huawei/d.example.com/live/b", "tencent/a.example.com/live/b", "tencent/b.example.com/live/b"]);
    assert.doesNotMatch(WARNING, /omit/);
  });

  it("a resume time exactly now has passed (the vendor lifts the ban at that second)", () => {
    const r = run(FILE_TEXT.replace(PAST, "2026-11-21T00:00:00.900Z"));
    assert.equal(r.warnings.length, 1);
  });

  it("a finished entry is not a duplicate of a live ban of the same stream, and is not counted against Aliyun's cap", () => {
    const r = run(`${HEAD}  - stream: a\n    resumeTime: ${PAST}\n  - stream: a\n`);
    assert.deepEqual(r.problems, []);
    assert.equal(r.bans.length, 4);
  });

  it("against a base that already had the entry (moved, re-narrowed, reworded): still a warning", () => {
    const base = { text: `${HEAD}  - stream: b\n  - stream: a\n    app: live\n    reason: old words\n    resumeTime: "2026-11-20T08:00:00+08:00"\n` };
    const r = run(FILE_TEXT, { base });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, [WARNING]);
  });

  it("against a base without the entry, or with another time, or without the file: an error that never suggests omitting the time", () => {
    for (const base of [{ text: `${HEAD}  - stream: b\n` }, { text: FILE_TEXT.replace(PAST, "2026-12-20T00:00:00Z") }, null, { text: "not: [valid" }]) {
      const r = run(FILE_TEXT, { base });
      assert.equal(r.ok, false, JSON.stringify(base));
      assert.deepEqual(r.problems, [NEW_PAST]);
      assert.deepEqual(r.warnings, []);
    }
    assert.doesNotMatch(NEW_PAST, /omit/);
  });

  it("a future time beyond the vendor's maximum stays an error, with or without a base", () => {
    const text = FILE_TEXT.replace(PAST, "2027-03-01T00:00:00Z");
    for (const opts of [{}, { base: { text } }]) {
      assert.deepEqual(run(text, opts).problems, [
        "blocklist.yaml:11:17: streams[0].resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, tencent's maximum; omit it for a ban that StreamBlock keeps renewed",
      ]);
    }
  });
});
