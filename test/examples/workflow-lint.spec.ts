// actionlint (with shellcheck on every run: block) passes the GitHub Actions example, and shellcheck passes the repository's own shell scripts.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const WORKFLOW = join(ROOT, "examples/github-actions/streamblock.yml");

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 16 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, out: `${r.stdout}${r.stderr}` };
}

describe("examples: the GitHub Actions workflow lints clean", function () {
  // On a fresh machine the first call builds actionlint and installs shellcheck (about a minute); cached, 0.1 s.
  this.timeout(15 * 60_000);
  let actionlint: string;
  let shellcheck: string;

  before(() => {
    // Installs what is missing, never skips: a missing linter fails here with the script's reason.
    const r = run("bash", [join(ROOT, "scripts/ensure-linters.sh")]);
    assert.equal(r.code, 0, `scripts/ensure-linters.sh failed:\n${r.out}`);
    const bin = r.stdout.trim().split("\n").at(-1)!; // the script's last stdout line
    actionlint = join(bin, "actionlint");
    shellcheck = join(bin, "shellcheck");
    assert.match(run(shellcheck, ["--version"]).out, /^version: \d+\.\d+/m);
  });

  // actionlint skips shellcheck silently when it cannot run it, so the control case proves it ran.
  const lint = (file: string) => run(actionlint, ["-shellcheck", shellcheck, "-no-color", file]);

  it("actionlint and shellcheck report nothing on examples/github-actions/streamblock.yml", () => {
    const r = lint(WORKFLOW);
    assert.equal(r.out, "");
    assert.equal(r.code, 0);
  });

  it("control: an unquoted variable in a run: block of the example is reported by shellcheck through actionlint", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamblock-lint-"));
    try {
      const text = readFileSync(WORKFLOW, "utf8");
      const broken = text.replace('pulumi stack select --create "$STACK"', "pulumi stack select --create $STACK");
      assert.notEqual(broken, text);
      writeFileSync(join(dir, "streamblock.yml"), broken);
      const r = lint(join(dir, "streamblock.yml"));
      assert.equal(r.code, 1);
      assert.match(r.out, /shellcheck reported issue in this script: SC2086/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shellcheck reports nothing on scripts/*.sh and .ci/run", () => {
    const files = [...readdirSync(join(ROOT, "scripts")).filter((f) => f.endsWith(".sh")).map((f) => `scripts/${f}`), ".ci/run"];
    assert.ok(files.includes("scripts/ensure-pulumi.sh") && files.includes("scripts/ensure-linters.sh"));
    const r = run(shellcheck, files);
    assert.equal(r.out, "");
    assert.equal(r.code, 0);
  });
});
