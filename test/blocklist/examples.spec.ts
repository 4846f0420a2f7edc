// The examples stay true: the GitOps workflow runs the right commands and names every credential variable; the direct example points at this package.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SETTING_SOURCES } from "../../provider/resource/provider-settings";

const ROOT = join(__dirname, "../..");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string;
  env?: Record<string, string>;
  steps: Step[];
}

describe("examples", () => {
  const text = readFileSync(join(ROOT, "examples/github-actions/streamblock.yml"), "utf8");
  const workflow = parse(text) as { on: Record<string, any>; jobs: Record<string, Job>; env: Record<string, string> };
  const pulumiStep = (job: Job) => job.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;

  it("github-actions: validates on pull requests and pushes, previews pull requests, applies on merge and on a schedule", () => {
    assert.ok(workflow.on.pull_request);
    assert.deepEqual(workflow.on.push.branches, ["main"]);
    assert.match(workflow.on.schedule[0].cron, /^\d+ \d+ \* \* \*$/);
    assert.ok(workflow.jobs.validate!.steps.some((s) => s.run === "npx streamblock validate --format github blocklist.yaml"));
    assert.equal(workflow.jobs.preview!.if, "github.event_name == 'pull_request'");
    assert.equal(pulumiStep(workflow.jobs.preview!).with!.command, "preview");
    assert.equal(workflow.jobs.up!.if, "github.event_name != 'pull_request'");
    // up runs the CLI itself: --continue-on-error (one vendor down must not hold back the others) and,
    // on the schedule, --refresh.
    assert.ok(pulumiStep(workflow.jobs.up!), "the Pulumi CLI is installed");
    const up = workflow.jobs.up!.steps.find((s) => s.run?.includes("pulumi up"))!.run!;
    assert.match(up, /pulumi up --yes --continue-on-error /);
    assert.ok(up.includes("${{ github.event_name == 'schedule' && '--refresh' || '' }}"));
    assert.doesNotMatch(up, /--skip-preview/);
    for (const job of ["preview", "up"]) assert.equal(workflow.jobs[job]!.needs, "validate");
  });

  it("github-actions: names the backend secret and every vendor credential variable, and passes them to the Pulumi jobs only", () => {
    assert.equal(workflow.env.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
    assert.equal(workflow.env.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
    const credentials = [
      ...SETTING_SOURCES.tencentSecretId,
      ...SETTING_SOURCES.tencentSecretKey,
      ...SETTING_SOURCES.aliyunAccessKeyId,
      ...SETTING_SOURCES.aliyunAccessKeySecret,
      ...SETTING_SOURCES.huaweiAk,
      ...SETTING_SOURCES.huaweiSk,
      ...SETTING_SOURCES.huaweiProjectId,
    ];
    for (const job of ["preview", "up"]) {
      for (const name of credentials) assert.equal(workflow.jobs[job]!.env![name], `\${{ secrets.${name} }}`, `${job} ${name}`);
      assert.equal(workflow.jobs[job]!.env![SETTING_SOURCES.huaweiRegion[0]], "${{ vars.HUAWEICLOUD_SDK_REGION }}");
    }
    assert.equal(workflow.jobs.validate!.env, undefined, "validation needs no credential");
    for (const name of [...credentials, "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"]) assert.match(text, new RegExp(`^#.*\\b${name}\\b`, "m"), `${name} in the header`);
  });

  it("typescript-direct: a Pulumi project depending on this package by path", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "examples/typescript-direct/package.json"), "utf8"));
    assert.equal(pkg.dependencies["pulumi-streamblock"], "file:../..");
    const project = parse(readFileSync(join(ROOT, "examples/typescript-direct/Pulumi.yaml"), "utf8"));
    assert.deepEqual([project.runtime.name, project.main ?? "index.ts"], ["nodejs", "index.ts"]);
    assert.match(readFileSync(join(ROOT, "examples/typescript-direct/index.ts"), "utf8"), /from "pulumi-streamblock"/);
  });
});
