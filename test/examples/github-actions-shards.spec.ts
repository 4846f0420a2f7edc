// The GitHub Actions example's shard matrix, run as GitHub runs the steps: which stacks get a job, and each stack's result for its failure issue.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "../..");
const workflow = parse(readFileSync(join(ROOT, "examples/github-actions/streamblock.yml"), "utf8")) as {
  jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
};
const step = (job: string, name: string) => workflow.jobs[job]!.steps.find((s) => s.name === name)!.run!;

describe("examples: the GitHub Actions workflow's shard matrix", function () {
  this.timeout(60_000);
  let tools = ""; // jq: scripts/ensure-linters.sh installs it where missing
  let work: string;
  before(function () {
    this.timeout(15 * 60_000);
    tools = execFileSync("bash", [join(ROOT, "scripts/ensure-linters.sh")], { encoding: "utf8" }).trim().split("\n").at(-1)!;
  });
  beforeEach(() => (work = mkdtempSync(join(tmpdir(), "streamblock-matrix-"))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function runStep(run: string, env: Record<string, string> = {}): { code: number | null; out: string; output: string } {
    const githubOutput = join(work, "github-output");
    writeFileSync(githubOutput, "");
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", run], {
      cwd: work,
      encoding: "utf8",
      env: { PATH: `${tools}:/usr/local/bin:/usr/bin:/bin`, GITHUB_OUTPUT: githubOutput, GITHUB_ENV: githubOutput, DEFAULT_STACK: "production", ...env },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}`, output: readFileSync(githubOutput, "utf8") };
  }
  const list = () => runStep(step("stacks", "List the stacks"));

  it("no stack config file, or none with a shard: the one stack PULUMI_STACK names (today's single job)", () => {
    assert.equal(list().output, 'stacks=["production"]\n');
    writeFileSync(join(work, "Pulumi.dev.yaml"), "config:\n  # streamblock:shard: [tencent]\n  streamblock:tencentEndpoint: http://127.0.0.1:1\n");
    assert.equal(list().output, 'stacks=["production"]\n', "a commented-out shard is no shard");
  });

  it("one job per committed stack whose config sets streamblock:shard; a stack without one (a sandbox stack) gets none", () => {
    writeFileSync(join(work, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    writeFileSync(join(work, "Pulumi.shard-tencent.yaml"), "config:\n  streamblock:shard: [tencent]\n");
    writeFileSync(join(work, "Pulumi.shard-huawei-eu.yaml"), "config:\n  streamblock:shard:\n    - vendor: huawei\n      account: eu\n");
    writeFileSync(join(work, "Pulumi.dev.yaml"), "config:\n  streamblock:tencentEndpoint: http://127.0.0.1:1\n");
    writeFileSync(join(work, "Pulumi.shard-aliyun.yaml"), 'config:\n  "streamblock:shard": aliyun\n');
    const r = list();
    assert.equal(r.code, 0, r.out);
    assert.equal(r.output, 'stacks=["shard-aliyun","shard-huawei-eu","shard-tencent"]\n');
  });

  it("each stack's result for the report: success and cancelled as recorded; anything else, or no record (the job died), a failure", () => {
    const read = step("report", "Read the stack's result");
    const result = (recorded: string | undefined) => {
      rmSync(join(work, "result.txt"), { force: true });
      if (recorded !== undefined) writeFileSync(join(work, "result.txt"), `${recorded}\n`);
      return runStep(read).output;
    };
    assert.equal(result("success"), "RESULT=success\n");
    assert.equal(result("cancelled"), "RESULT=cancelled\n");
    assert.equal(result("failure"), "RESULT=failure\n");
    assert.equal(result(undefined), "RESULT=failure\n");
  });
});
