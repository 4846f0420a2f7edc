// Hostile blocklist files through the pulumi CLI on a stack that already bans: each fails `pulumi up` naming the problem, and no ban is lifted.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { sandboxPulumiConfigCommand } from "../../provider/sandbox/sandbox-env";
import { startTestSandbox } from "../reliability/reliability-harness";
import { installedProject, type InstalledProject } from "./installed-package";

const DOMAIN = "hostile.example.com";
const VENDORS = `vendors:
  tencent: { domains: [${DOMAIN}] }
  aliyun: { domains: [${DOMAIN}] }
  huawei: { domains: [${DOMAIN}] }
`;
const VALID = `${VENDORS}streams:
  - stream: spam-1
  - stream: spam-2
`;

/** Each hostile file, and a part of the one-line problem `pulumi up` must show for it. */
const HOSTILE: [string, string, RegExp][] = [
  ["a bad merge that dropped the streams: key", VENDORS, /streams is required[^\n]*streams: \[\]/],
  ["an unknown YAML tag", `${VENDORS}streams:\n  - stream: !custom spam-1\n  - stream: spam-2\n`, /the tag !custom is not allowed/],
  ["a binary YAML tag", `${VENDORS}streams:\n  - stream: !!binary c3BhbS0x\n  - stream: spam-2\n`, /the tag !!binary is not allowed/],
  ["a file over the size limit", `${VALID}${"# padding\n".repeat(500_000)}`, /4 MiB/],
  ["more entries than any account can hold", `${VENDORS}streams:\n${Array.from({ length: 30_001 }, (_, i) => `  - stream: s-${i}\n`).join("")}`, /30,?000/],
];

describe("e2e: hostile blocklist files through the pulumi CLI, on a stack that bans", function () {
  this.timeout(300_000);
  let sb: Sandbox;
  let project: InstalledProject;
  let state: string;
  let env: NodeJS.ProcessEnv;
  // Asynchronous: the sandbox answers from this process, so a blocking spawn would stall every vendor call.
  const run = (cmd: string, args: string[]) =>
    new Promise<{ code: number | null; all: string }>((resolve) => {
      const child = spawn(cmd, args, { cwd: project.dir, env, stdio: ["ignore", "pipe", "pipe"] });
      let all = "";
      child.stdout.on("data", (d: Buffer) => (all += d.toString()));
      child.stderr.on("data", (d: Buffer) => (all += d.toString()));
      child.on("close", (code) => resolve({ code, all }));
    });
  const pulumi = (...args: string[]) => run(join(ensurePulumiBin(), "pulumi"), [...args, "--non-interactive"]);
  const banned = () => sb.bans({ domain: DOMAIN }).map((b) => `${b.vendor}/${b.stream}`).sort();
  const everyBan = ["aliyun/spam-1", "aliyun/spam-2", "huawei/spam-1", "huawei/spam-2", "tencent/spam-1", "tencent/spam-2"];

  before(async () => {
    sb = await startTestSandbox();
    project = installedProject();
    state = mkdtempSync(join(tmpdir(), "streamblock-hostile-state-"));
    writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    writeFileSync(join(project.dir, "Pulumi.yaml"), "name: consumer\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n");
    writeFileSync(
      join(project.dir, "index.ts"),
      'import { applyBlocklistWindowed } from "pulumi-streamblock";\n' +
        'export = applyBlocklistWindowed("blocklist.yaml").then((s) => ({ bans: s.bans }));\n',
    );
    env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${state}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: "hostile-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: join(state, "home"),
      PATH: `${ensurePulumiBin()}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
    };
    assert.equal((await pulumi("stack", "init", "test")).code, 0);
    const config = await run("bash", ["-c", sandboxPulumiConfigCommand(sb)]);
    assert.equal(config.code, 0, config.all);
    writeFileSync(join(project.dir, "blocklist.yaml"), VALID);
    const up = await pulumi("up", "--yes");
    assert.equal(up.code, 0, up.all);
    assert.deepEqual(banned(), everyBan);
  });
  after(async () => {
    project?.dispose();
    rmSync(state, { recursive: true, force: true });
    await sb?.close();
  });

  for (const [what, text, problem] of HOSTILE) {
    it(`${what}: pulumi up fails naming it, and every ban stays in force and in state`, async () => {
      writeFileSync(join(project.dir, "blocklist.yaml"), text);
      sb.reset({ calls: true });
      const r = await pulumi("up", "--yes");
      assert.notEqual(r.code, 0, r.all);
      assert.match(r.all, problem);
      assert.doesNotMatch(r.all, /^\s+at /m, "no stack frames");
      assert.deepEqual(banned(), everyBan, "no ban was lifted");
      assert.deepEqual(sb.callLog(), [], "no vendor call");
      writeFileSync(join(project.dir, "blocklist.yaml"), VALID);
      const same = await pulumi("preview", "--expect-no-changes");
      assert.equal(same.code, 0, `the state still holds every ban:\n${same.all}`);
    });
  }
});
