// examples/typescript-direct as a user runs it: its own Pulumi project, the package installed in node_modules, the real engine and the sandbox.
import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PACKAGE_ROOT, pulumiCommand } from "../../provider/engine/pulumi-cli";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { installedProject } from "./installed-package";

const SECRET_KEYS = /Secret|Sk$|Token$/;

describe("e2e: examples/typescript-direct", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  it("up bans and kicks as the program says; destroy lifts the bans", async () => {
    const project = installedProject();
    const state = mkdtempSync(join(tmpdir(), "streamblock-example-state-"));
    for (const f of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) cpSync(join(PACKAGE_ROOT, "examples", "typescript-direct", f), join(project.dir, f));
    const stack = await LocalWorkspace.createStack(
      { stackName: "example", workDir: project.dir },
      {
        pulumiCommand: await pulumiCommand(),
        envVars: {
          PULUMI_BACKEND_URL: `file://${state}`,
          PULUMI_CONFIG_PASSPHRASE: "example-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          PULUMI_HOME: join(state, "home"),
          PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
        },
      },
    );
    try {
      const config = { ...sandboxStackConfig(sb), "streamblock-typescript-direct:pushDomain": "example.test.com" };
      await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, secret: SECRET_KEYS.test(k) }])));
      const r = await stack.up();
      assert.equal(r.summary.resourceChanges?.create, 6, JSON.stringify(r.summary.resourceChanges)); // 4 bans, 1 kick, the stack
      assert.deepEqual(
        sb.bans({ domain: "example.test.com" }).map((b) => `${b.vendor}/${b.app}/${b.stream}`).sort(),
        ["aliyun/sports/restream-pirate", "huawei/sports/restream-pirate", "tencent/live/spam-bot-4711", "tencent/sports/restream-pirate"],
      );
      assert.equal(sb.kicks({ vendor: "aliyun", stream: "match-7" }).length, 1);
      assert.match(String(r.outputs.spamExpiresAt!.value), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal((r.outputs.pirateExpiresAt!.value as string[]).length, VENDOR_IDS.length);
      await stack.destroy();
      assert.equal(sb.bans({ domain: "example.test.com" }).length, 0);
    } finally {
      await stack.workspace.removeStack("example", { force: true }).catch(() => undefined);
      rmSync(state, { recursive: true, force: true });
      project.dispose();
    }
  });
});
