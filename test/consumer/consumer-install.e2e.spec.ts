// The consumer's path end to end: the packed tarball in a fresh `streamblock init` project with its own @pulumi/pulumi (the peer range's lowest and highest), through the real Pulumi CLI against the sandbox.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePulumiBin } from "../../provider/engine/pulumi-cli";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { consumerEnv, consumerProject, run, runOk, type ConsumerProject } from "./consumer-project";
import { CONSUMER_PACKAGES } from "./consumer-package-list";

/** The bans the scaffold's blocklist.yaml declares: two streams, the second narrowed to Tencent and Aliyun. */
const SCAFFOLD_BANS = [
  "aliyun/push.aliyun.example.com/live/spam-bot-4711",
  "aliyun/push.aliyun.example.com/sports/restream-pirate",
  "huawei/push.huawei.example.com/live/spam-bot-4711",
  "tencent/push.tencent.example.com/live/spam-bot-4711",
  "tencent/push.tencent.example.com/sports/restream-pirate",
];

for (const pulumiVersion of CONSUMER_PACKAGES.pulumiVersions) {
  describe(`consumer: streamblock init + the packed tarball + @pulumi/pulumi ${pulumiVersion}`, function () {
    this.timeout(600_000);
    let project: ConsumerProject;
    let sb: Sandbox;
    let state: string;
    let env: Record<string, string>;
    const pulumi = async (args: string[]) => runOk(join(ensurePulumiBin(), "pulumi"), [...args, "--non-interactive"], { cwd: project.dir, env });
    const bans = () => sb.bans().map((b) => `${b.vendor}/${b.domain}/${b.app}/${b.stream}`).sort();

    before(async () => {
      project = await consumerProject(pulumiVersion);
      // The repository's sandbox (the code `streamblock sandbox` runs): loading the installed copy here would
      // load its @pulumi/pulumi into the test process, next to the one the other e2e specs use.
      sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, throttle: { enabled: false } });
      state = mkdtempSync(join(tmpdir(), "streamblock-consumer-state-"));
      env = consumerEnv({
        PULUMI_BACKEND_URL: `file://${state}?metadata=skip`,
        PULUMI_CONFIG_PASSPHRASE: "consumer-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: join(state, "home"),
      });
    });
    after(async () => {
      await sb?.close();
      if (state) rmSync(state, { recursive: true, force: true });
      project?.dispose();
    });

    it("installs one copy of @pulumi/pulumi, the one the project chose", () => {
      const sdk = JSON.parse(readFileSync(join(project.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));
      assert.equal(sdk.version, pulumiVersion);
      assert.equal(existsSync(join(project.dir, "node_modules", "pulumi-streamblock", "node_modules", "@pulumi")), false, "a second SDK copy");
      assert.match(project.initOutput, /wrote Pulumi\.yaml, index\.ts, blocklist\.yaml, \.github\/workflows\/streamblock\.yml/);
    });

    it("type-checks the scaffolded program against the installed package and SDK", async () => {
      // --noCheck false: the scaffold's tsconfig skips checking for `pulumi` runs; this is the check README names.
      await runOk(process.execPath, [join(project.dir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--noCheck", "false", "-p", "."], { cwd: project.dir, env });
    });

    it("preview, up, refresh and destroy through the Pulumi CLI keep the sandbox's bans equal to blocklist.yaml", async () => {
      await pulumi(["stack", "init", "dev"]);
      const cfg = sb.credentials;
      const plain: Record<string, string> = {
        "streamblock:tencentSecretId": cfg.tencent.secretId,
        "streamblock:tencentEndpoint": sb.endpoints.tencent,
        "streamblock:aliyunAccessKeyId": cfg.aliyun.accessKeyId,
        "streamblock:aliyunEndpoint": sb.endpoints.aliyun,
        "streamblock:huaweiAk": cfg.huawei.ak,
        "streamblock:huaweiProjectId": cfg.huawei.projectId,
        "streamblock:huaweiEndpoint": sb.endpoints.huawei,
      };
      const secret: Record<string, string> = {
        "streamblock:tencentSecretKey": cfg.tencent.secretKey,
        "streamblock:aliyunAccessKeySecret": cfg.aliyun.accessKeySecret,
        "streamblock:huaweiSk": cfg.huawei.sk,
      };
      for (const [k, v] of Object.entries(plain)) await pulumi(["config", "set", k, v]);
      for (const [k, v] of Object.entries(secret)) await pulumi(["config", "set", "--secret", k, v]);

      const preview = await pulumi(["preview"]);
      assert.equal(preview.stdout.match(/StreamBlock \S+ create/g)?.length, SCAFFOLD_BANS.length, preview.stdout);
      assert.deepEqual(bans(), [], "preview banned something");

      await pulumi(["up", "--yes", "--skip-preview"]);
      assert.deepEqual(bans(), SCAFFOLD_BANS);
      const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
      assert.equal(outputs.bans, SCAFFOLD_BANS.length);

      const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
      assert.doesNotMatch(refresh.stdout, /deleted|\bdelete\b/i, refresh.stdout);
      const again = await pulumi(["preview", "--expect-no-changes"]);
      assert.match(again.stdout, /unchanged/, again.stdout);
      assert.deepEqual(bans(), SCAFFOLD_BANS);

      await pulumi(["destroy", "--yes", "--skip-preview"]);
      assert.deepEqual(bans(), []);
      await run(join(ensurePulumiBin(), "pulumi"), ["stack", "rm", "--yes", "--force", "--non-interactive"], { cwd: project.dir, env });
    });
  });
}
