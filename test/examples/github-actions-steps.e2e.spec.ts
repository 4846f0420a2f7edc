// The GitHub Actions example's own shell steps, run as GitHub runs them (bash -eo pipefail) with the real Pulumi CLI against the sandbox and a file backend.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";

interface Step {
  name?: string;
  run?: string;
}
const workflow = parse(readFileSync(join(PACKAGE_ROOT, "examples/github-actions/streamblock.yml"), "utf8")) as {
  jobs: Record<string, { steps: Step[] }>;
};
const step = (job: string, name: string) => {
  const s = workflow.jobs[job]!.steps.find((x) => x.name === name);
  assert.ok(s?.run, `${job}: a step named "${name}"`);
  return s.run;
};

const DOMAIN = "workflow.example.com";

describe("examples: the GitHub Actions workflow's steps through the real Pulumi CLI", function () {
  this.timeout(300_000);
  // The root project (Pulumi.yaml, index.ts) is the program; a stack name of its own keeps its Pulumi.<stack>.yaml apart.
  const stackName = `workflow-${process.pid}`;
  const work = mkdtempSync(join(tmpdir(), "streamblock-workflow-"));
  const blocklist = join(work, "blocklist.yaml");
  const githubOutput = join(work, "github-output");
  let sb: Sandbox;
  let env: Record<string, string>;

  /** Runs one `run:` block the way `shell: bash` does, in the repository root (asynchronously: the sandbox shares this process). */
  function runStep(run: string, extra: Record<string, string> = {}): Promise<{ code: number | null; out: string; output: string }> {
    writeFileSync(githubOutput, "");
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", run], { cwd: PACKAGE_ROOT, env: { ...env, ...extra } });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out, output: readFileSync(githubOutput, "utf8") }));
    });
  }

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    writeFileSync(blocklist, `vendors:\n  tencent: { domains: [${DOMAIN}] }\nstreams:\n  - stream: workflow-spam\n`);
    const pulumiBin = ensurePulumiBin();
    // In a consumer repository `npx streamblock` runs the installed package's bin; here, this checkout's build
    // (a real npx would look the name up in the registry, as this package is not its own dependency).
    const standIns = join(work, "bin");
    mkdirSync(standIns);
    writeFileSync(
      join(standIns, "npx"),
      `#!/bin/sh\n[ "$1" = streamblock ] || { echo "npx stand-in: only streamblock" >&2; exit 2; }\nshift\nexec node "${join(PACKAGE_ROOT, "dist/provider/cli/main.js")}" "$@"\n`,
      { mode: 0o755 },
    );
    mkdirSync(join(work, "state")); // the bucket exists before the workflow runs
    env = {
      PATH: `${standIns}:${pulumiBin}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:/usr/local/bin:/usr/bin:/bin`,
      HOME: process.env.HOME ?? work,
      PULUMI_HOME: join(work, "pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // What the workflow's env gives the steps, with a file backend standing in for the bucket.
      PULUMI_BACKEND_URL: `file://${join(work, "state")}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: "workflow-test-passphrase",
      PULUMI_ACCESS_TOKEN: "",
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      STACK: stackName,
      GITHUB_OUTPUT: githubOutput,
      STREAMBLOCK_BLOCKLIST: blocklist,
      STREAMBLOCK_RATE_LIMIT: "false",
      ...sandboxEnv(sb),
    };
  });
  after(async () => {
    await sb?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(join(PACKAGE_ROOT, `Pulumi.${stackName}.yaml`), { force: true });
    rmSync(join(PACKAGE_ROOT, "preview.txt"), { force: true });
  });

  it("Check the settings: refuses an empty passphrase, an S3 backend without keys and no backend at all, naming the secret", async () => {
    const check = step("up", "Check the settings");
    assert.equal(check, step("preview", "Check the settings"));
    assert.equal((await runStep(check)).code, 0, "a file backend with a passphrase");
    const cases: [Record<string, string>, string][] = [
      [{ PULUMI_CONFIG_PASSPHRASE: "" }, "PULUMI_CONFIG_PASSPHRASE"],
      [{ PULUMI_BACKEND_URL: "s3://bucket/streamblock?region=eu-central-1" }, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"],
      [{ PULUMI_BACKEND_URL: "" }, "PULUMI_BACKEND_URL (a self-managed backend) or PULUMI_ACCESS_TOKEN (Pulumi Cloud)"],
    ];
    for (const [extra, named] of cases) {
      const r = await runStep(check, extra);
      assert.equal(r.code, 1, JSON.stringify(extra));
      assert.ok(r.out.includes(`::error title=Missing secret::set the repository secret ${named}`), r.out);
    }
    const s3 = { PULUMI_BACKEND_URL: "s3://bucket/streamblock", AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "example" };
    assert.equal((await runStep(check, s3)).code, 0, "an S3 backend with keys");
    assert.equal((await runStep(check, { PULUMI_BACKEND_URL: "", PULUMI_ACCESS_TOKEN: "pul-example" })).code, 0, "Pulumi Cloud with a token");
  });

  it("a merge: the stack is created when missing, the preview step reports its exit code, pulumi up bans", async () => {
    const login = await runStep(step("up", "Log in to the state backend and select the stack"));
    assert.equal(login.code, 0, login.out);
    assert.match(login.out, new RegExp(`Created stack '${stackName}'`));
    const preview = await runStep(step("preview", "Preview"));
    assert.equal(preview.code, 0, preview.out);
    assert.equal(preview.output, "exit-code=0\n");
    assert.match(preview.out, /\+ 2 to create/);
    const up = await runStep(step("up", "pulumi up"), { REFRESH: "" });
    assert.equal(up.code, 0, up.out);
    assert.equal(sb.bans({ vendor: "tencent", stream: "workflow-spam" }).length, 1);
  });

  it("the daily run (REFRESH=true) selects the existing stack and bans again what was lifted behind its back; a plain up would not", async () => {
    sb.reset({ state: true });
    const login = await runStep(step("up", "Log in to the state backend and select the stack"));
    assert.equal(login.code, 0, login.out);
    assert.doesNotMatch(login.out, /Created stack/);
    const plain = await runStep(step("up", "pulumi up"), { REFRESH: "false" });
    assert.equal(plain.code, 0, plain.out);
    assert.equal(sb.bans({ vendor: "tencent", stream: "workflow-spam" }).length, 0, "state still says banned");
    const daily = await runStep(step("up", "pulumi up"), { REFRESH: "true" });
    assert.equal(daily.code, 0, daily.out);
    assert.equal(sb.bans({ vendor: "tencent", stream: "workflow-spam" }).length, 1);
  });

  it("the up job's steps in order (settings, stack, recovery, up --refresh) after a clean run: recovery changes nothing, bans stay", async () => {
    // Needs the CLI's `recover` command (issue 12, the day-two recovery); the workflow runs it before every up.
    const steps = workflow.jobs.up!.steps.filter((s) => s.run !== undefined && s.run !== "npm ci" && s.name !== "Report the failure on the run" && s.name !== "Record the result");
    assert.deepEqual(
      steps.map((s) => s.name),
      ["Check the settings", "Log in to the state backend and select the stack", "Recover from an interrupted run", "pulumi up"],
    );
    for (const s of steps) {
      const r = await runStep(s.run!, { REFRESH: "true" });
      assert.doesNotMatch(r.out, /unknown command "recover"/, "the workflow calls `streamblock recover`, which this build lacks");
      assert.equal(r.code, 0, `${s.name}:\n${r.out}`);
    }
    assert.equal(sb.bans({ vendor: "tencent", stream: "workflow-spam" }).length, 1);
  });

  it("a failing preview is recorded as a non-zero exit code for the comment and the failing step", async () => {
    writeFileSync(blocklist, `vendors:\n  tencent: { domains: [${DOMAIN}] }\nstreams:\n  - stream: workflow-spam\n    colour: red\n`);
    const preview = await runStep(step("preview", "Preview"));
    assert.equal(preview.code, 0, "the step itself records the result");
    assert.match(preview.output, /^exit-code=[1-9]\d*\n$/);
    assert.match(preview.out, /colour/, "the preview output names the problem");
  });
});
