// One blocklist, two accounts per vendor, through the real engine: each ban lands in its account, state matches the sandbox per account, secrets stay encrypted, a missing account fails preview naming every key.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { sandboxEnv, sandboxStackConfig as sandboxAccountConfig } from "../../provider/sandbox/sandbox-env";
import { applyBlocklistWindowed } from "../../provider/blocklist/apply-blocklist";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { startTestSandbox } from "../reliability/reliability-harness";

const BLOCKLIST = `vendors:
  tencent:
    domains: [acct.example.com]
    accounts:
      brand-b: { domains: [acct-b.example.com] }
  aliyun:
    domains: [acct.example.com]
    accounts:
      brand-b: { domains: [acct-b.example.com] }
  huawei:
    domains: [acct.example.com]
    accounts:
      brand-b: { domains: [acct-b.example.com] }
streams:
  - stream: everywhere
  - stream: only-b
    accounts: [brand-b]
`;

const second = (vendor: VendorId) =>
  vendor === "tencent" ? SECOND_SANDBOX_CREDENTIALS.tencent.secretId : vendor === "aliyun" ? SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeyId : SECOND_SANDBOX_CREDENTIALS.huawei.projectId;

describe("e2e: vendor accounts", function () {
  this.timeout(300_000);
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    sb = await startTestSandbox();
    dir = mkdtempSync(join(tmpdir(), "streamblock-accounts-"));
  });
  after(async () => {
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("one file with two accounts per vendor: up puts each ban in its account; state == sandbox per account; preview then changes nothing; destroy lifts all", async () => {
    const file = join(dir, "blocklist.yaml");
    writeFileSync(file, BLOCKLIST);
    // brand-b's Huawei credentials come from the __BRAND_B variables, Tencent's and Aliyun's from structured stack config.
    const huaweiEnv = Object.fromEntries(Object.entries(sandboxEnv(sb, "brand-b")).filter(([k]) => k.startsWith("HUAWEICLOUD") || k.startsWith("STREAMBLOCK_HUAWEI")));
    let es: EngineStack | undefined;
    try {
      es = await newEngineStack(sb, async () => applyBlocklistWindowed(file).then((s) => ({ bans: s.bans })), { env: huaweiEnv });
      for (const c of sandboxAccountConfig(sb, "brand-b")) {
        if (c.key.includes(".huawei.")) continue;
        await es.stack.setConfig(c.key, { value: c.value, secret: c.secret }, true);
      }
      const up = await es.up();
      assert.equal(up.outputs.bans!.value, 9);
      const bans = (account: (v: VendorId) => string, v: VendorId) =>
        sb.bans({ vendor: v, account: account(v) }).map((b) => `${b.domain}/${b.app}/${b.stream}`).sort();
      for (const v of VENDOR_IDS) {
        assert.deepEqual(bans((x) => sb.primaryAccount(x), v), ["acct.example.com/live/everywhere"], `${v} default account`);
        assert.deepEqual(bans(second, v), ["acct-b.example.com/live/everywhere", "acct-b.example.com/live/only-b"], `${v} brand-b`);
      }
      // The state holds each ban under its account's name, and the same set as the sandbox.
      const state = await es.stack.exportStack();
      const blocks = state.deployment.resources.filter((r: { type: string }) => r.type.endsWith(":StreamBlock"));
      const inState = blocks.map((r: { id: string; outputs: { account?: string } }) => `${r.id}|${r.outputs.account ?? "default"}`).sort();
      const inSandbox = VENDOR_IDS.flatMap((v) => [
        ...sb.bans({ vendor: v, account: sb.primaryAccount(v) }).map((b) => `${v}/${b.domain}/${b.app}/${b.stream}|default`),
        ...sb.bans({ vendor: v, account: second(v) }).map((b) => `${v}/brand-b/${b.domain}/${b.app}/${b.stream}|brand-b`),
      ]).sort();
      assert.deepEqual(inState, inSandbox);
      assert.ok(blocks.some((r: { urn: string }) => r.urn.endsWith("::tencent/brand-b/acct-b.example.com/live/only-b")));
      // The default account's inputs are today's: no account field at all.
      for (const r of blocks.filter((b: { id: string }) => !b.id.includes("brand-b"))) assert.ok(!("account" in r.inputs), r.id);
      // brand-b's secrets went in with --secret --path: only ciphertext in the checkpoint (exportStack would decrypt), never in the output.
      const checkpoint = readFileSync(join(es.stateDir, ".pulumi/stacks/streamblock-e2e/test.json"), "utf8");
      assert.ok(checkpoint.includes("streamblock:accounts"), "the structured config is in the default provider's inputs");
      for (const s of [SECOND_SANDBOX_CREDENTIALS.tencent.secretKey, SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeySecret, SECOND_SANDBOX_CREDENTIALS.huawei.sk]) {
        assert.ok(!checkpoint.includes(s), "a second-account secret is plain in the state");
        assert.ok(!es.output.join("").includes(s), "a second-account secret is in the output");
      }
      await es.stack.preview({ expectNoChanges: true, onOutput: (o) => es!.output.push(o) });
      await es.stack.destroy({ onOutput: (o) => es!.output.push(o) });
      for (const v of VENDOR_IDS) assert.equal(sb.bans({ vendor: v }).length, 0, v);
    } finally {
      await es?.dispose();
    }
  });

  it("a named account without settings fails preview naming every missing key, before any vendor call", async () => {
    // Huawei needs the most keys; the engine stops at the first resource that fails its check.
    const es = await newEngineStack(sb, async () => {
      new StreamBlock("z-huawei", { vendor: "huawei", account: "brand-z", domain: "acct.example.com", stream: "z" });
    });
    try {
      sb.reset({ calls: true });
      let failure: Error | undefined;
      const output: string[] = [];
      try {
        await es.stack.preview({ onOutput: (o) => output.push(o) });
      } catch (e) {
        failure = e as Error;
      }
      assert.ok(failure, "the preview must fail");
      const all = `${failure.message}\n${output.join("")}`;
      assert.ok(all.includes("huawei account brand-z: missing projectId"), all);
      for (const [k, env] of [["projectId", "HUAWEICLOUD_SDK_PROJECT_ID__BRAND_Z"], ["ak", "HUAWEICLOUD_SDK_AK__BRAND_Z"], ["sk", "HUAWEICLOUD_SDK_SK__BRAND_Z"], ["region", "HUAWEICLOUD_SDK_REGION__BRAND_Z"]] as const) {
        assert.ok(all.includes(`missing ${k}: set the stack config streamblock:accounts.huawei.brand-z.${k}`), `${k} is named`);
        assert.ok(all.includes(env), `${env} is named`);
      }
      assert.match(all, /pulumi config set --secret --path 'streamblock:accounts\.huawei\.brand-z\.sk' <value>/);
      assert.deepEqual(sb.callLog(), [], "no vendor call");
    } finally {
      await es.dispose();
    }
  });
});
