// Bans already in force at each vendor (a console ban), declared and walked through the real CLI: adopt, refresh, up --refresh, change, destroy.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { ensurePulumiBin, pulumiCommand, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { assertStateMatchesVendors, recordedBans, STREAM_BLOCK_TYPE } from "../reliability/reliability-harness";
import type { EngineStack } from "./engine-harness";
import { installedProject, type InstalledProject } from "./installed-package";

const DOMAIN = "adopt.example.com";
const DAY = 86_400_000;

/** What the program declares, written to the project's bans.json before each step. */
interface Declared {
  name: string;
  args: { vendor: VendorId; domain: string; stream: string; resumeTime?: string };
}

const PROGRAM = `const { StreamBlock } = require("pulumi-streamblock");
const bans = JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "bans.json"), "utf8"));
for (const b of bans) new StreamBlock(b.name, b.args);
`;

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("e2e: bans adopted from every vendor's console survive refresh, up --refresh, a change and destroy (CLI)", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let project: InstalledProject;
  let stack: Stack;
  let env: Record<string, string>;
  /** The CLI itself, in the project directory, as a pipeline runs it (asynchronously: the sandbox answers from this process). */
  const pulumi = async (args: string[]): Promise<string> => {
    try {
      return (await promisify(execFile)("pulumi", [...args, "--non-interactive"], { cwd: project.dir, env, encoding: "utf8" })).stdout;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`pulumi ${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
    }
  };
  const declare = (bans: Declared[]) => writeFileSync(join(project.dir, "bans.json"), JSON.stringify(bans));
  const asEngineStack = () => ({ stack }) as EngineStack;
  const aliyunKey = `aliyun/${DOMAIN}/live/console-ban`;

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0, admin: 0 } });
    project = installedProject();
    writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "adopt-walk", private: true }));
    mkdirSync(join(project.dir, "state"));
    writeFileSync(
      join(project.dir, "Pulumi.yaml"),
      `name: adopt-walk\nruntime: nodejs\nmain: index.js\nbackend:\n  url: file://${join(project.dir, "state")}?metadata=skip\n`,
    );
    writeFileSync(join(project.dir, "index.js"), PROGRAM);
    env = {
      ...(process.env as Record<string, string>),
      PATH: `${ensurePulumiBin()}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
      PULUMI_CONFIG_PASSPHRASE: "adopt-walk",
      PULUMI_HOME: join(project.dir, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    stack = await LocalWorkspace.createStack({ stackName: "dev", workDir: project.dir }, { pulumiCommand: await pulumiCommand(), envVars: env });
    const config = sandboxStackConfig(sb);
    await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, secret: /Secret|Sk$/.test(k) }])));
  });
  after(async () => {
    await stack?.workspace.removeStack("dev", { force: true }).catch(() => undefined);
    project?.dispose();
    await sb?.close();
  });

  it("a ban already in force at each vendor (put through the sandbox's admin API, as a console would): up adopts it", async () => {
    const consoleExpiry = isoSeconds(Date.now() + 20 * DAY);
    for (const vendor of VENDOR_IDS) {
      const res = await fetch(`${sb.endpoints.admin}/bans`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ vendor, domain: DOMAIN, app: "live", stream: "console-ban", expiresAt: consoleExpiry }),
      });
      assert.equal(res.status, 200, await res.text());
    }
    declare(VENDOR_IDS.map((vendor) => ({ name: `${vendor}-console-ban`, args: { vendor, domain: DOMAIN, stream: "console-ban" } })));
    const r = await stack.up();
    assert.equal(r.summary.resourceChanges?.create, 4, JSON.stringify(r.summary.resourceChanges));
    // Aliyun keeps the ban as it holds it (never lifted to adopt it) and does not reveal its expiry.
    await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN, [aliyunKey]);
    const recorded = await recordedBans(asEngineStack());
    assert.equal(recorded.find((b) => b.vendor === "aliyun")!.expiresAt, undefined);
    const deployment = (await stack.exportStack()).deployment as { resources: { type: string; outputs: Record<string, unknown> }[] };
    for (const b of deployment.resources.filter((x) => x.type === STREAM_BLOCK_TYPE)) assert.equal(b.outputs.adopted, true, String(b.outputs.vendor));
  });

  it("pulumi refresh (CLI) succeeds and changes nothing", async () => {
    await pulumi(["refresh", "--yes"]);
    await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN, [aliyunKey]);
  });

  it("pulumi up --refresh (CLI), the scheduled run, succeeds with nothing to do", async () => {
    const out = await pulumi(["up", "--refresh", "--yes"]);
    assert.doesNotMatch(out, /\d+ to (create|update|delete)|\d+ (created|updated|deleted)/, out);
    await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN, [aliyunKey]);
  });

  it("pulumi refresh --clear-pending-creates (CLI), the README's recovery step, succeeds", async () => {
    await pulumi(["refresh", "--clear-pending-creates", "--yes"]);
    await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN, [aliyunKey]);
  });

  it("changing the resume time updates every vendor in place; the expiry is then known everywhere", async () => {
    const resumeTime = isoSeconds(Date.now() + 10 * DAY);
    declare(VENDOR_IDS.map((vendor) => ({ name: `${vendor}-console-ban`, args: { vendor, domain: DOMAIN, stream: "console-ban", resumeTime } })));
    const r = await stack.up();
    assert.equal(r.summary.resourceChanges?.update, 3, JSON.stringify(r.summary.resourceChanges));
    const recorded = await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN);
    for (const b of recorded) assert.equal(b.expiresAt, resumeTime, b.vendor);
    await pulumi(["refresh", "--yes"]);
    await assertStateMatchesVendors(asEngineStack(), sb, DOMAIN);
  });

  it("destroy, with streamblock:liftAdoptedBans set (a team taking the console's bans over), resumes them all", async () => {
    await pulumi(["config", "set", "streamblock:liftAdoptedBans", "true"]);
    // destroy configures the provider from the state, as the last up recorded it: an up records the setting.
    const out = await pulumi(["up", "--yes"]);
    assert.doesNotMatch(out, /StreamBlock .*(created|updated|deleted)/, out);
    await stack.destroy();
    assert.deepEqual(await recordedBans(asEngineStack()), []);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 0);
  });
});
