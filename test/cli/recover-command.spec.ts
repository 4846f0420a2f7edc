// `streamblock recover` usage: help, option errors (exit 2), and a clear refusal outside a Pulumi project (exit 1).
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-harness";

describe("cli/recover", () => {
  it("prints its help with the procedure and exits 0", async () => {
    const r = await runCli(["recover", "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: streamblock recover \[--stack NAME\] \[--cwd DIR\]/);
    assert.match(r.stdout, /PULUMI_SKIP_CHECKPOINTS/);
  });

  it("refuses unknown options, arguments and a bad wait with exit 2", async () => {
    for (const args of [["--bogus"], ["extra"], ["--provider-wait-seconds", "soon"], ["--stack", ""]]) {
      const r = await runCli(["recover", ...args]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /usage: streamblock recover/);
    }
  });

  it("outside a Pulumi project: exit 1 naming the directory and --cwd", async () => {
    const dir = mkdtempSync(join(tmpdir(), "recover-cli-"));
    try {
      const r = await runCli(["recover", "--stack", "prod", "--cwd", dir]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`no Pulumi.yaml in ${dir}: run recover in the Pulumi project directory \\(or pass --cwd DIR\\)`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
