// The GitHub Actions example's reporting steps, run as GitHub runs them against a stand-in `gh`: one preview comment per pull request, one failure issue per stack.
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { installFakeGh } from "./fake-gh";

const ROOT = join(__dirname, "../..");
const workflow = parse(readFileSync(join(ROOT, "examples/github-actions/streamblock.yml"), "utf8")) as {
  jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
};
const step = (job: string, name: string) => workflow.jobs[job]!.steps.find((s) => s.name === name)!.run!;
const COMMENT_STEP = step("preview", "Post or update the preview comment");
const REPORT_STEP = step("report", "Open, update or close the failure issue");
const MARKER = "<!-- streamblock-preview:production -->";
const TITLE = "StreamBlock: pulumi up is failing on stack production";

describe("examples: the GitHub Actions workflow's reporting steps", function () {
  this.timeout(60_000);
  const work = mkdtempSync(join(tmpdir(), "streamblock-reporting-"));
  const bin = join(work, "bin");
  mkdirSync(bin);
  const gh = installFakeGh(bin, work);
  let tools = ""; // jq, which the steps use: scripts/ensure-linters.sh installs it where missing
  before(function () {
    this.timeout(15 * 60_000);
    tools = execFileSync("bash", [join(ROOT, "scripts/ensure-linters.sh")], { encoding: "utf8" }).trim().split("\n").at(-1)!;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  /** Runs a `run:` block with `shell: bash` semantics in the work directory. */
  function runStep(run: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", run], {
      cwd: work,
      env: {
        PATH: `${bin}:${tools}:${join(ROOT, "node_modules", ".bin")}:/usr/local/bin:/usr/bin:/bin`,
        GITHUB_REPOSITORY: "acme/blocklist",
        STACK: "production",
        RUN_URL: "https://github.example/acme/blocklist/actions/runs/1",
        ...gh.env,
        ...env,
      },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  describe("the preview comment", () => {
    const post = (preview: string, result = "succeeded") => {
      writeFileSync(join(work, "preview.txt"), preview);
      return runStep(COMMENT_STEP, { PR: "7", RESULT: result, SHA: "abc123" });
    };

    it("the first push posts one comment with the marker, the result and the preview", async () => {
      gh.write({ comments: { "7": [{ id: 1, body: "LGTM" }, { id: 2, body: "<!-- streamblock-preview:staging -->\nother stack" }] }, issues: [], nextId: 100 });
      const r = await post("Previewing update (production):\n + 2 to create\n");
      assert.equal(r.code, 0, r.out);
      const comments = gh.read().comments["7"]!;
      assert.equal(comments.length, 3);
      assert.ok(comments[2]!.body.startsWith(`${MARKER}\n### \`pulumi preview\` on stack \`production\` succeeded\nFor abc123 (`));
      assert.ok(comments[2]!.body.includes("~~~~~~text\nPreviewing update (production):\n + 2 to create\n~~~~~~"));
    });

    it("later pushes rewrite that comment in place; other comments stay as they were", async () => {
      const r = await post("error: blocklist.yaml:3:5: streams[0].colour: unknown key\n", "FAILED");
      assert.equal(r.code, 0, r.out);
      const comments = gh.read().comments["7"]!;
      assert.equal(comments.length, 3);
      assert.deepEqual(comments.slice(0, 2), [{ id: 1, body: "LGTM" }, { id: 2, body: "<!-- streamblock-preview:staging -->\nother stack" }]);
      assert.equal(comments[2]!.id, 100);
      assert.ok(comments[2]!.body.includes("on stack `production` FAILED") && comments[2]!.body.includes("unknown key"));
      assert.ok(!comments[2]!.body.includes("2 to create"));
    });

    it("a preview longer than a comment holds is cut in the middle, under GitHub's 65,536 characters", async () => {
      const r = await post(`FIRST-LINE\n${"+ pulumi-nodejs:dynamic/streamblock:StreamBlock create\n".repeat(3000)}LAST-LINE\n`);
      assert.equal(r.code, 0, r.out);
      const body = gh.read().comments["7"]![2]!.body;
      assert.ok(body.length < 65_536, String(body.length));
      assert.ok(body.includes("FIRST-LINE") && body.includes("LAST-LINE") && body.includes("... cut, the run log has it all ..."));
    });
  });

  describe("the failure issue", () => {
    const report = (result: string) => runStep(REPORT_STEP, { RESULT: result, EVENT: "schedule", ONCALL: "@acme/trust-and-safety" });
    before(() => gh.write({ comments: {}, issues: [{ number: 5, title: "Unrelated", state: "open", comments: [] }], nextId: 10 }));

    it("a success with no failure issue open does nothing", async () => {
      const r = await report("success");
      assert.equal(r.code, 0, r.out);
      assert.equal(gh.read().issues.length, 1);
    });

    it("a failed run opens one issue naming the run and the on-call team, and fails loudly", async () => {
      const r = await report("failure");
      assert.equal(r.code, 1);
      assert.match(r.out, /::error title=StreamBlock apply failed on stack production::https:\/\/github.example\/acme\/blocklist\/actions\/runs\/1/);
      const issue = gh.read().issues.find((i) => i.title === TITLE)!;
      assert.equal(issue.state, "open");
      assert.ok(issue.comments[0]!.includes("The schedule run https://github.example/acme/blocklist/actions/runs/1 failed on stack `production`"));
      assert.ok(issue.comments[0]!.includes("@acme/trust-and-safety"));
    });

    it("a second failure comments on that issue instead of opening another", async () => {
      const r = await report("failure");
      assert.equal(r.code, 1);
      const issues = gh.read().issues.filter((i) => i.title === TITLE);
      assert.equal(issues.length, 1);
      assert.equal(issues[0]!.comments.length, 2);
      assert.match(issues[0]!.comments[1]!, /^Still failing: /);
    });

    it("the next success closes it, saying which run recovered", async () => {
      const r = await report("success");
      assert.equal(r.code, 0, r.out);
      const db = gh.read();
      const issue = db.issues.find((i) => i.title === TITLE)!;
      assert.equal(issue.state, "closed");
      assert.match(issue.comments.at(-1)!, /^Recovered: the schedule run .* succeeded\.$/);
      assert.equal(db.issues.find((i) => i.number === 5)!.state, "open", "other issues untouched");
    });
  });
});
