// `streamblock prune` as a process: deletes finished entries in place (or only reports them), keeps the rest, refuses invalid files.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-harness";

const HEAD = "vendors:\n  tencent:\n    domains: [a.example.com]   # ours\nstreams:\n";
/** Entry 0 finished in 2026-01; entry 1 is indefinite. */
const TEXT = `${HEAD}  # spam wave of January
  - stream: spam
    resumeTime: 2026-01-01T00:00:00Z
  - stream: pirate   # keep
`;
const PRUNED = `${HEAD}  - stream: pirate   # keep
`;

describe("cli/prune-command", function () {
  this.timeout(20_000);
  let dir: string;
  const file = () => join(dir, "blocklist.yaml");
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "streamblock-prune-"));
    writeFileSync(file(), TEXT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("deletes the finished entries in place, says which, and the file then validates without warnings", async () => {
    const r = await runCli(["prune", "blocklist.yaml"], {}, dir);
    assert.deepEqual(r, {
      code: 0,
      stdout: "blocklist.yaml:6: deleted streams[0] (stream spam, app live): its resumeTime 2026-01-01T00:00:00Z has passed\nblocklist.yaml: deleted 1 finished entry\n",
      stderr: "",
    });
    assert.equal(readFileSync(file(), "utf8"), PRUNED);
    assert.deepEqual(await runCli(["validate", "blocklist.yaml"], {}, dir), { code: 0, stdout: "blocklist.yaml: valid, 1 ban (tencent 1)\n", stderr: "" });
    assert.deepEqual(await runCli(["prune", "blocklist.yaml"], {}, dir), { code: 0, stdout: "blocklist.yaml: no finished entries\n", stderr: "" });
  });

  it("--dry-run reports and changes nothing; --check also exits 1 (a CI gate)", async () => {
    const dry = await runCli(["prune", "--dry-run", "blocklist.yaml"], {}, dir);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /^blocklist\.yaml:6: would delete streams\[0\] \(stream spam, app live\)/);
    const check = await runCli(["prune", "--check", "blocklist.yaml"], {}, dir);
    assert.equal(check.code, 1);
    assert.equal(check.stdout, dry.stdout);
    assert.equal(readFileSync(file(), "utf8"), TEXT);
  });

  it("follows the clock offset: an entry finishing tomorrow goes once the clock is moved past it", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    writeFileSync(file(), `${HEAD}  - stream: soon\n    resumeTime: ${tomorrow}\n`);
    assert.equal((await runCli(["prune", "--check", "blocklist.yaml"], {}, dir)).code, 0);
    const later = await runCli(["prune", "blocklist.yaml"], { STREAMBLOCK_CLOCK_OFFSET_SECONDS: String(2 * 86_400) }, dir);
    assert.equal(later.code, 0);
    assert.equal(readFileSync(file(), "utf8"), `${HEAD.replace("streams:\n", "streams: []\n")}`);
  });

  it("an invalid file is left untouched, with its problems (exit 1); usage mistakes exit 2", async () => {
    writeFileSync(file(), `${TEXT}  - stream: x\n    vendor: [tencent]\n`);
    const r = await runCli(["prune", "blocklist.yaml"], {}, dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^blocklist\.yaml:10:5: streams\[2\]\.vendor: unknown key "vendor" \(did you mean "vendors"\?\)/);
    assert.match(r.stderr, /blocklist\.yaml: not pruned; nothing was written\n$/);
    assert.equal(readFileSync(file(), "utf8"), `${TEXT}  - stream: x\n    vendor: [tencent]\n`);
    for (const args of [["prune"], ["prune", "--dry-run", "--check", "blocklist.yaml"], ["prune", "--force", "blocklist.yaml"]]) {
      assert.equal((await runCli(args, {}, dir)).code, 2, args.join(" "));
    }
    assert.deepEqual(await runCli(["prune", "nope.yaml"], {}, dir), { code: 2, stdout: "", stderr: "streamblock prune: cannot read nope.yaml: no such file\n" });
  });
});
