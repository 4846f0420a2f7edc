// `streamblock validate` as a process: exit 0 valid, 1 invalid (every problem, human or GitHub annotations), 2 usage.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
        'invalid.yaml:6:5: streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, domains',
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
        '::error file=invalid.yaml,line=6,col=5::streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, domains',
        "::error file=invalid.yaml,line=8,col=15::streams[1].vendors[0]: huawei is not configured; add it under vendors: or remove it from this entry",
        "",
      ].join("\n"),
    );
  });

  it("checks resume times against the clock, shifted by STREAMBLOCK_CLOCK_OFFSET_SECONDS", async () => {
    const soon = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
    writeFileSync(join(dir, "soon.yaml"), `vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n  - stream: s\n    resumeTime: ${soon}\n`);
    assert.equal((await runCli(["validate", "soon.yaml"], {}, dir)).code, 0);
    const later = await runCli(["validate", "soon.yaml"], { STREAMBLOCK_CLOCK_OFFSET_SECONDS: "7200" }, dir);
    assert.equal(later.code, 1);
    assert.match(later.stderr, new RegExp(`^soon.yaml:6:17: streams\\[0\\].resumeTime: resumeTime ${soon} is in the past;`));
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
    for (const c of ["validate", "ls", "export", "kick", "sandbox", "schema"]) assert.match(bare.stdout, new RegExp(`^  ${c} `, "m"));
  });

  it("schema prints the committed JSON Schema", async () => {
    const r = await runCli(["schema"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, readFileSync(join(ROOT, "schema", "blocklist.schema.json"), "utf8"));
  });
});
