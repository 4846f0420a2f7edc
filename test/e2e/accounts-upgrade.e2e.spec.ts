// A stack made by the release before vendor accounts, then the new code: preview shows no change, and adding an account to the file only adds its bans.
import { strict as assert } from "node:assert";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { newEngineStack } from "./engine-harness";
import { installedProject } from "./installed-package";
import { previousRelease } from "./previous-release";
import { startTestSandbox } from "../reliability/reliability-harness";

const SINGLE_ACCOUNT = `vendors:
  tencent: { domains: [upg.example.com] }
  aliyun: { domains: [upg.example.com] }
  huawei: { domains: [upg.example.com] }
streams:
  - stream: spam
    reason: spam, TS-1
  - stream: timed
    resumeTime: 2099-01-01T00:00:00Z
    vendors: [tencent]
  - stream: sports-pirate
    app: sports
`;

const WITH_ACCOUNT = SINGLE_ACCOUNT.replace("  tencent: { domains: [upg.example.com] }", "  tencent:\n    domains: [upg.example.com]\n    accounts:\n      brand-b: { domains: [upg-b.example.com] }");

interface ApplyModule {
  applyBlocklistWindowed(file: string): Promise<{ bans: number }>;
}

describe("e2e: a stack from the release before accounts, upgraded", function () {
  this.timeout(300_000);
  let sb: Sandbox;
  let oldRelease: string;
  before(async function () {
    this.timeout(600_000);
    oldRelease = previousRelease();
    sb = await startTestSandbox();
  });
  after(() => sb?.close());

  it("the new code previews no change on the old stack; adding an account to the file only creates that account's bans", async () => {
    const project = installedProject(oldRelease);
    const file = join(project.dir, "blocklist.yaml");
    writeFileSync(file, SINGLE_ACCOUNT);
    const load = (): ApplyModule => require(join(project.packageDir, "dist", "provider", "blocklist", "apply-blocklist")) as ApplyModule;
    let applyModule = load();
    // A timed entry within every vendor's 90-day maximum.
    const timed = new Date(sb.clock.now().getTime() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
    const fileText = (t: string) => t.replace("2099-01-01T00:00:00Z", timed);
    writeFileSync(file, fileText(SINGLE_ACCOUNT));
    const es = await newEngineStack(sb, async () => applyModule.applyBlocklistWindowed(file).then((s) => ({ bans: s.bans })), {
      projectDir: project.dir,
      env: sandboxEnv(sb, "brand-b"),
    });
    try {
      const first = await es.up();
      assert.equal(first.outputs.bans!.value, 7);
      const before = await es.stack.exportStack();
      const urns = (d: typeof before) => d.deployment.resources.map((r: { urn: string }) => r.urn).sort();

      // Upgrade: the installed package becomes this build, and the program loads it afresh.
      rmSync(join(project.packageDir, "dist"), { recursive: true, force: true });
      cpSync(join(PACKAGE_ROOT, "dist", "provider"), join(project.packageDir, "dist", "provider"), { recursive: true });
      cpSync(join(PACKAGE_ROOT, "package.json"), join(project.packageDir, "package.json"));
      for (const k of Object.keys(require.cache)) if (k.startsWith(project.packageDir)) delete require.cache[k];
      applyModule = load();
      assert.ok(require(join(project.packageDir, "dist", "provider", "resource", "vendor-account")), "the new code is installed");

      const preview = await es.stack.preview({ expectNoChanges: true, diff: true, onOutput: (o) => es.output.push(o) });
      assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
      const refreshed = await es.stack.refresh({ onOutput: (o) => es.output.push(o) });
      assert.deepEqual(Object.keys(refreshed.summary.resourceChanges ?? {}), ["same"], JSON.stringify(refreshed.summary.resourceChanges));
      assert.deepEqual(urns(await es.stack.exportStack()), urns(before), "no resource renamed");

      // The same file with a second Tencent account: only its bans are new.
      writeFileSync(file, fileText(WITH_ACCOUNT));
      const grown = await es.up({});
      assert.deepEqual(grown.summary.resourceChanges, { create: 3, same: 8 });
      assert.deepEqual(
        sb.bans({ vendor: "tencent", account: SECOND_SANDBOX_CREDENTIALS.tencent.secretId }).map((b) => `${b.domain}/${b.app}/${b.stream}`).sort(),
        ["upg-b.example.com/live/spam", "upg-b.example.com/live/timed", "upg-b.example.com/sports/sports-pirate"],
      );
      await es.stack.destroy({ onOutput: (o) => es.output.push(o) });
      assert.equal(sb.bans({ domain: "upg.example.com" }).length + sb.bans({ domain: "upg-b.example.com" }).length, 0);
    } finally {
      await es.dispose();
      project.dispose();
    }
  });
});
