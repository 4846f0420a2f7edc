// The GitHub Actions example does what the README promises: validate and preview pull requests, recover then apply on merge and daily, report failures.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SETTING_SOURCES } from "../../provider/resource/provider-settings";

const ROOT = join(__dirname, "../..");
export const WORKFLOW_PATH = join(ROOT, "examples/github-actions/streamblock.yml");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { "fail-fast"?: boolean; matrix: Record<string, unknown> };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, any>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const RECOVER = 'npx streamblock recover --stack "$STACK"';
const VALIDATE = 'npx streamblock validate "${args[@]}" blocklist.yaml';
const VENDOR_CREDENTIALS = [
  ...SETTING_SOURCES.tencentSecretId,
  ...SETTING_SOURCES.tencentSecretKey,
  ...SETTING_SOURCES.aliyunAccessKeyId,
  ...SETTING_SOURCES.aliyunAccessKeySecret,
  ...SETTING_SOURCES.huaweiAk,
  ...SETTING_SOURCES.huaweiSk,
  ...SETTING_SOURCES.huaweiProjectId,
];
const STATE_CREDENTIALS = ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

const indexOfRun = (job: Job, pattern: RegExp) => job.steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));

describe("examples: the GitHub Actions workflow", () => {
  const text = readFileSync(WORKFLOW_PATH, "utf8");
  const workflow = parse(text) as Workflow;
  const { stacks, validate, preview, up, report } = workflow.jobs;

  it("validates and previews pull requests, applies on merge, daily and by hand", () => {
    assert.ok(workflow.on.pull_request);
    assert.deepEqual(workflow.on.push.branches, ["main"]);
    assert.match(workflow.on.schedule[0].cron, /^\d+ \d+ \* \* \*$/);
    assert.ok("workflow_dispatch" in workflow.on);
    assert.equal(validate!.if, "github.event_name == 'pull_request'");
    assert.equal(preview!.if, "github.event_name == 'pull_request'");
    assert.equal(up!.if, "github.event_name != 'pull_request'");
  });

  it("validates against the base branch, after fetching it", () => {
    const v = indexOfRun(validate!, /streamblock validate/);
    const run = validate!.steps[v]!.run!;
    assert.match(run, /^args=\(--format github --base "origin\/\$BASE"\)$/m);
    assert.equal(validate!.steps[v]!.env!.BASE, "${{ github.base_ref }}");
    assert.ok(run.trimEnd().endsWith(VALIDATE), run);
    const fetch = indexOfRun(validate!, /^git fetch .*origin "\+refs\/heads\/\$BASE:refs\/remotes\/origin\/\$BASE"$/);
    assert.ok(fetch >= 0 && fetch < v, "the base branch is fetched before validate");
    assert.equal(validate!.env, undefined, "validation needs no credential");
    assert.match(run, /if compgen -G 'Pulumi\.\*\.yaml' >\/dev\/null; then args\+=\(--shards \.\); fi/, "the shards are checked where stack config files are committed");
  });

  it("every pulumi up runs after the stack is selected (created if missing) and after the recovery step", () => {
    let ups = 0;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      job.steps.forEach((step, i) => {
        if (!step.run || !/^\s*pulumi up\b/m.test(step.run)) return; // a command, not a mention
        ups++;
        const recover = job.steps.findIndex((s) => s.run === RECOVER);
        const select = indexOfRun(job, /pulumi stack select --create "\$STACK"/);
        assert.ok(recover >= 0 && recover < i, `${name}: the recovery step runs before pulumi up`);
        assert.ok(select >= 0 && select < recover, `${name}: the stack is selected before recovery`);
        assert.equal(job.steps[recover]!.if, undefined, `${name}: recovery is unconditional`);
        assert.match(step.run, /args=\(--yes --continue-on-error /);
        assert.match(step.run, /args\+=\(--refresh\)/);
        assert.doesNotMatch(step.run, /--skip-preview/);
      });
    }
    assert.equal(ups, 1);
    assert.equal(up!.env!.REFRESH, "${{ github.event_name == 'schedule' || inputs.refresh }}");
    assert.ok(indexOfRun(preview!, /pulumi stack select --create "\$STACK"/) >= 0);
  });

  it("posts the preview as one pull-request comment it updates, and fails the job when preview fails", () => {
    const comment = preview!.steps.find((s) => s.run?.includes("gh api"))!;
    assert.match(comment.run!, /--method PATCH "repos\/\$GITHUB_REPOSITORY\/issues\/comments\/\$id"/);
    assert.match(comment.run!, /marker="<!-- streamblock-preview:\$STACK -->"/);
    assert.match(preview!.steps.find((s) => s.run?.includes("pulumi preview"))!.run!, /pulumi preview --stack "\$STACK"/);
    const fail = preview!.steps.at(-1)!;
    assert.equal(fail.if, "steps.preview.outputs.exit-code != '0'");
    assert.match(fail.run!, /exit 1$/m);
  });

  it("a failing apply opens or updates an issue and fails loudly; a successful one closes it", () => {
    assert.deepEqual(report!.needs, ["stacks", "up"]);
    assert.equal(report!.env!.STACK, "${{ matrix.stack }}", "one issue per stack");
    const read = report!.steps.findIndex((s) => s.name === "Read the stack's result");
    assert.ok(read > 0 && report!.steps[read - 1]!.uses?.startsWith("actions/download-artifact@"));
    const record = up!.steps.find((s) => s.name === "Record the result")!;
    assert.equal(record.if, "always()");
    assert.equal(record.env!.RESULT, "${{ job.status }}");
    const upload = up!.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    assert.equal(upload.with!.name, "streamblock-result-${{ matrix.stack }}");
    assert.match(report!.if!, /^always\(\) && /);
    const run = report!.steps.find((s) => s.name === "Open, update or close the failure issue")!.run!;
    for (const command of ["gh issue create", "gh issue comment", "gh issue close"]) assert.ok(run.includes(command), command);
    assert.match(run, /::error title=StreamBlock apply failed.*\n\s*exit 1\s*$/);
  });

  it("least privilege: nothing by default, each job only what it uses", () => {
    assert.deepEqual(workflow.permissions, {});
    assert.deepEqual(stacks!.permissions, { contents: "read" });
    assert.deepEqual(validate!.permissions, { contents: "read" });
    assert.deepEqual(preview!.permissions, { contents: "read", "pull-requests": "write" });
    assert.deepEqual(up!.permissions, { contents: "read" });
    assert.deepEqual(report!.permissions, { issues: "write" });
  });

  it("one preview and one up job per stack (shard), in parallel, none cancelling the others", () => {
    for (const job of [preview!, up!, report!]) {
      assert.deepEqual(job.strategy, { "fail-fast": false, matrix: { stack: "${{ fromJSON(needs.stacks.outputs.stacks) }}" } });
      assert.equal(job.env!.STACK, "${{ matrix.stack }}");
    }
    assert.equal(preview!.needs, "stacks");
    assert.equal(up!.needs, "stacks");
    assert.equal(stacks!.outputs!.stacks, "${{ steps.list.outputs.stacks }}");
    assert.equal(workflow.env.STACK, undefined, "the stack is each job's own");
    assert.equal(preview!.concurrency!.group, "streamblock-preview-${{ github.event.pull_request.number }}-${{ matrix.stack }}");
  });

  it("applies on one stack never overlap, and a queued apply is not cancelled by a preview", () => {
    assert.equal(up!.concurrency!.group, "streamblock-up-${{ matrix.stack }}");
    assert.equal(up!.concurrency!["cancel-in-progress"], false);
    assert.notEqual(preview!.concurrency!.group, up!.concurrency!.group);
  });

  it("sets up Node >= 22 and installs from the lockfile", () => {
    for (const [name, job] of Object.entries(workflow.jobs).filter(([n]) => n !== "report" && n !== "stacks")) {
      const node = job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))!;
      assert.ok(Number(node.with!["node-version"]) >= 22, name);
      assert.ok(job.steps.some((s) => s.run === "npm ci"), name);
    }
  });

  it("passes the state and vendor credentials from secrets to the Pulumi jobs only, and lists every secret in the header", () => {
    for (const job of [preview!, up!]) {
      for (const name of [...STATE_CREDENTIALS, ...VENDOR_CREDENTIALS]) assert.equal(job.env![name], `\${{ secrets.${name} }}`, name);
      assert.equal(job.env![SETTING_SOURCES.huaweiRegion[0]], "${{ vars.HUAWEICLOUD_SDK_REGION }}");
      assert.ok(indexOfRun(job, /PULUMI_CONFIG_PASSPHRASE/) >= 0, "an empty passphrase is refused");
    }
    assert.equal(workflow.env.PULUMI_CONFIG_PASSPHRASE, undefined, "no secret at the workflow level");
    const header = text.slice(0, text.indexOf("\nname:"));
    const used = new Set([...text.matchAll(/\$\{\{ (?:secrets|vars)\.([A-Z_]+) /g)].map((m) => m[1]!));
    for (const name of used) assert.match(header, new RegExp(`^#.*\\b${name}\\b`, "m"), `${name} in the header`);
    assert.match(header, /postgres:\/\//);
    assert.match(header, /Pulumi Cloud/);
  });
});
