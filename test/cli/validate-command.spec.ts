// `streamblock validate` as a process: exit 0 valid, 1 invalid (every problem, human or GitHub annotations), 2 usage.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, runCli } from "./cli-harness";

const VALID = "vendors:\n  tencent:\n    domains: [a.example.com, b.example.com]\n  aliyun:\n    domains: [c.example.com]\nstreams:\n  - stream: spam\n  - stream: pirate\n    vendors: [aliyun]\n";
const INVALID = "vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n  - stream: spam\n    resume_time: 2030-01-01T00:00:00Z\n  - stream: spam\n    vendors: [huawei]\n";

describe("cli/validate-command", function () {
  this.timeout(20_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "streamblock-validate-"));
    writeFileSync(join(dir, "valid.yaml"), VALID);
    writeFileSync(join(dir, "invalid.yaml"), INVALID);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a valid file: exit 0 and a summary of its bans", async () => {
    const r = await runCli(["validate", "valid.yaml"], {}, dir);
    assert.deepEqual(r, { code: 0, stdout: "valid.yaml: valid, 4 bans (tencent 2, aliyun 2)\n", stderr: "" });
  });

  it("an invalid file: exit 1 and every problem as file:line:column on stderr", async () => {
    const r = await runCli(["validate", "valid.yaml", "invalid.yaml"], {}, dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "valid.yaml: valid, 4 bans (tencent 2, aliyun 2)\n");
    assert.equal(
      r.stderr,
      [
        'invalid.yaml:6:5: streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
        "invalid.yaml:8:15: streams[1].vendors[0]: huawei is not configured; add it under vendors: or remove it from this entry",
        "invalid.yaml: 2 problems; nothing in it would be applied",
        "",
      ].join("\n"),
    );
  });

  it("--format github: ::error annotations on stdout, which Actions shows on the lines", async () => {
    const r = await runCli(["validate", "--format", "github", "invalid.yaml"], {}, dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        '::error file=invalid.yaml,line=6,col=5::streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
        "::error file=invalid.yaml,line=8,col=15::streams[1].vendors[0]: huawei is not configured; add it under vendors: or remove it from this entry",
        "",
      ].join("\n"),
    );
  });

  it("a resume time passed by the clock (shifted by STREAMBLOCK_CLOCK_OFFSET_SECONDS) is a warning: exit 0, the entry is not counted", async () => {
    const soon = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
    writeFileSync(join(dir, "soon.yaml"), `vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n  - stream: s\n    resumeTime: ${soon}\n  - stream: t\n`);
    assert.deepEqual(await runCli(["validate", "soon.yaml"], {}, dir), { code: 0, stdout: "soon.yaml: valid, 2 bans (tencent 2)\n", stderr: "" });
    const later = await runCli(["validate", "soon.yaml"], { STREAMBLOCK_CLOCK_OFFSET_SECONDS: "7200" }, dir);
    assert.deepEqual(later, {
      code: 0,
      stdout: "soon.yaml: valid, 1 ban (tencent 1); 1 finished entry to delete (streamblock prune soon.yaml)\n",
      stderr: `soon.yaml:6:17: warning: streams[0].resumeTime: resumeTime ${soon} has passed: the ban ran its course and this entry declares nothing; delete it (streamblock prune soon.yaml deletes every finished entry)\n`,
    });
    const github = await runCli(["validate", "--format", "github", "soon.yaml"], { STREAMBLOCK_CLOCK_OFFSET_SECONDS: "7200" }, dir);
    assert.equal(github.code, 0);
    assert.match(github.stdout, /^::warning file=soon.yaml,line=6,col=17::streams\[0\]\.resumeTime: resumeTime .* has passed/);
  });

  it("--base REV: a past resume time is an error only where the change adds or retimes the entry", async () => {
    const repo = mkdtempSync(join(tmpdir(), "streamblock-validate-git-"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, stdio: "pipe" });
    try {
      const head = "vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n";
      mkdirSync(join(repo, "ops"));
      const file = join("ops", "blocklist.yaml");
      git("init", "-q", "-b", "main");
      writeFileSync(join(repo, file), `${head}  - stream: old\n    resumeTime: 2026-01-01T00:00:00Z\n`);
      git("add", ".");
      git("commit", "-qm", "base");
      // The change keeps the finished entry (moved, reworded) and adds one whose time is already past.
      writeFileSync(join(repo, file), `${head}  - stream: new\n    resumeTime: 2026-02-01T00:00:00Z\n  - stream: old\n    reason: reworded\n    resumeTime: 2026-01-01T00:00:00Z\n`);
      const r = await runCli(["validate", "--base", "main", file], {}, repo);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        [
          "ops/blocklist.yaml:6:17: streams[0].resumeTime: resumeTime 2026-02-01T00:00:00Z is already past: this change adds the entry or sets its time, and it would ban nothing; set a future time (at most 90 (180 on Aliyun) days ahead)",
          "ops/blocklist.yaml:9:17: warning: streams[1].resumeTime: resumeTime 2026-01-01T00:00:00Z has passed: the ban ran its course and this entry declares nothing; delete it (streamblock prune ops/blocklist.yaml deletes every finished entry)",
          "ops/blocklist.yaml: 1 problem; nothing in it would be applied",
          "",
        ].join("\n"),
      );
      // Without the new entry the change passes; a file the base does not have yet makes every entry new.
      writeFileSync(join(repo, file), `${head}  - stream: old\n    resumeTime: 2026-01-01T00:00:00Z\n  - stream: live\n`);
      assert.equal((await runCli(["validate", "--base", "main", file], {}, repo)).code, 0);
      writeFileSync(join(repo, "ops", "new.yaml"), `${head}  - stream: old\n    resumeTime: 2026-01-01T00:00:00Z\n`);
      assert.equal((await runCli(["validate", "--base", "main", "ops/new.yaml"], {}, repo)).code, 1);
      // An unknown revision is a usage error that says what to do.
      const bad = await runCli(["validate", "--base", "origin/nope", file], {}, repo);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^streamblock validate: --base origin\/nope: origin\/nope is not a commit in the git repository of ops\/blocklist.yaml/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("usage mistakes exit 2: no file, an unknown option, an unknown format, an unreadable file", async () => {
    for (const args of [["validate"], ["validate", "--strict", "valid.yaml"], ["validate", "--format", "xml", "valid.yaml"]]) {
      const r = await runCli(args, {}, dir);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /^streamblock validate: .*\n\nusage: streamblock validate/, args.join(" "));
    }
    const missing = await runCli(["validate", "nope.yaml"], {}, dir);
    assert.deepEqual(missing, { code: 2, stdout: "", stderr: "streamblock validate: cannot read nope.yaml: no such file\n" });
  });

  it("--help exits 0; the bare command prints the usage and exits 2", async () => {
    const help = await runCli(["validate", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit status: 0 every file is valid, 1 a file is invalid, 2 usage error or unreadable file/);
    const bare = await runCli([]);
    assert.equal(bare.code, 2);
    for (const c of ["validate", "prune", "ls", "export", "kick", "sandbox", "schema"]) assert.match(bare.stdout, new RegExp(`^  ${c} `, "m"));
  });

  it("schema prints the committed JSON Schema", async () => {
    const r = await runCli(["schema"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(join(ROOT, "schema", "blocklist.schema.json"), "utf8"));
  });
});
