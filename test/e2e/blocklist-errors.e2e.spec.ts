// An invalid blocklist in `pulumi up` (the CLI, a consumer's program): the output shows the file:line:column lines, no stack, no colour codes, no Node warnings.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { installedProject, type InstalledProject } from "./installed-package";

const INVALID = `vendors:
  tencent:
    domains: [a.example.com]
streams:
  - stream: a
    resume_time: 2030-01-01T00:00:00Z
  - stream: "*"
    resumeTime: 2020-01-01T00:00:00Z
`;

const PROBLEMS = [
  'blocklist.yaml:6:5: streams[0].resume_time: unknown key "resume_time" (did you mean "resumeTime"?); a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains',
  'blocklist.yaml:7:13: streams[1].stream: stream must not contain "*": wildcards would ban or resume every matching stream',
];

describe("e2e: an invalid blocklist through the pulumi CLI", function () {
  this.timeout(180_000);
  let project: InstalledProject;
  let state: string;
  let env: NodeJS.ProcessEnv;
  const pulumi = (...args: string[]) => {
    const r = spawnSync(join(ensurePulumiBin(), "pulumi"), [...args, "--non-interactive"], { cwd: project.dir, env, encoding: "utf8" });
    return { code: r.status, all: `${r.stdout}${r.stderr}` };
  };

  before(() => {
    project = installedProject();
    state = mkdtempSync(join(tmpdir(), "streamblock-errors-state-"));
    writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    writeFileSync(join(project.dir, "Pulumi.yaml"), "name: consumer\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n");
    // The root program's body, as a consumer writes it against the installed package.
    writeFileSync(
      join(project.dir, "index.ts"),
      'import { applyBlocklistWindowed } from "pulumi-streamblock/dist/provider/blocklist/apply-blocklist";\n' +
        'export = applyBlocklistWindowed("blocklist.yaml").then((s) => ({ bans: s.bans }));\n',
    );
    writeFileSync(join(project.dir, "blocklist.yaml"), INVALID);
    env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${state}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: "errors-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: join(state, "home"),
      PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
    };
    assert.equal(pulumi("stack", "init", "test").code, 0);
  });
  after(() => {
    project?.dispose();
    rmSync(state, { recursive: true, force: true });
  });

  for (const command of [["preview"], ["up", "--yes"]]) {
    it(`pulumi ${command[0]} fails showing exactly the problem lines`, () => {
      const r = pulumi(...command);
      assert.notEqual(r.code, 0, r.all);
      const diagnostics = r.all.slice(r.all.indexOf("Diagnostics:"));
      // The first line carries the engine's "error: " prefix; the rest follow as they are.
      assert.ok(diagnostics.includes(`    error: ${PROBLEMS[0]}\n    ${PROBLEMS[1]}\n\n`), r.all);
      assert.doesNotMatch(r.all, /^\s+at /m, "no stack frames");
      assert.doesNotMatch(r.all, /\.ts:\d+:\d+/, "no source positions of the package's code");
      assert.ok(!r.all.includes("\x1b"), "no colour codes");
      assert.doesNotMatch(r.all, /\(node:\d+\)|Warning:/, "no Node warnings");
      assert.doesNotMatch(r.all, /problems: \[|InvalidBlocklistError|BlocklistError/, "no dumped error object");
      assert.doesNotMatch(r.all, /resumeTime 2020-01-01T00:00:00Z/, "a finished entry is no problem");
    });
  }
});
