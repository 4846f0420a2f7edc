// Shards of one blocklist file through the real engine on PostgreSQL: streamblock:shard per stack, parallel ups, the coverage report, the overlap guard, the handover guard.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";
import { applyBlocklistWindowed } from "../../provider/blocklist/apply-blocklist";
import { loadBlocklist } from "../../provider/blocklist/load-blocklist";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { postgresBackend, type PostgresBackend } from "./postgres-backend";
import { runCli } from "../cli/cli-harness";
import { expectFailure, recordedBans, startTestSandbox } from "../reliability/reliability-harness";

const DOMAIN = "shards.example.com";
const DOMAIN_B = "shards-b.example.com";
/** Two vendors × two accounts; the last entry only on the default accounts. */
const TWO_BY_TWO = `vendors:
  tencent:
    domains: [${DOMAIN}]
    accounts:
      brand-b: { domains: [${DOMAIN_B}] }
  huawei:
    domains: [${DOMAIN}]
    accounts:
      brand-b: { domains: [${DOMAIN_B}] }
streams:
  - { stream: shard-one, reason: test }
  - { stream: shard-two, reason: test }
  - { stream: shard-default, accounts: [default] }
`;

const secondAccount = (v: VendorId) => (v === "tencent" ? SECOND_SANDBOX_CREDENTIALS.tencent.secretId : v === "aliyun" ? SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeyId : SECOND_SANDBOX_CREDENTIALS.huawei.projectId);

/** Every ban the sandbox holds on the test's domains, as the resource names the blocklist gives them. */
function sandboxBans(sb: Sandbox): string[] {
  const out: string[] = [];
  for (const vendor of ["tencent", "huawei", "aliyun"] as VendorId[]) {
    for (const b of sb.bans({ vendor, account: sb.primaryAccount(vendor) })) if (b.domain === DOMAIN) out.push(`${vendor}/${b.domain}/${b.app}/${b.stream}`);
    for (const b of sb.bans({ vendor, account: secondAccount(vendor) })) if (b.domain === DOMAIN_B) out.push(`${vendor}/brand-b/${b.domain}/${b.app}/${b.stream}`);
  }
  return out.sort();
}

async function stateBans(es: EngineStack): Promise<string[]> {
  return (await recordedBans(es)).map((r) => r.urn.slice(r.urn.lastIndexOf("::") + 2)).sort();
}

describe("e2e: shards of one blocklist file on PostgreSQL", function () {
  this.timeout(300_000);
  let sb: Sandbox;
  let dir: string;
  let file: string;
  let stacks: EngineStack[];
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb?.close());
  beforeEach(() => {
    sb.reset({ state: true });
    dir = mkdtempSync(join(tmpdir(), "streamblock-shards-"));
    file = join(dir, "blocklist.yaml");
    writeFileSync(file, TWO_BY_TWO);
    writeFileSync(join(dir, "Pulumi.yaml"), "name: streamblock-e2e\nruntime: nodejs\n");
    stacks = [];
  });
  afterEach(async () => {
    for (const es of stacks) await es.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A stack of the project `dir` applying `file`, its shard set in its engine config and in its committed Pulumi.<stack>.yaml alike. */
  async function shardStack(pg: PostgresBackend, stackName: string, shard: string | undefined): Promise<EngineStack> {
    const es = await newEngineStack(sb, async () => applyBlocklistWindowed(file, { projectDir: dir }).then((s) => ({ bans: s.bans, perVendor: s.perVendor })), {
      backend: pg,
      stackName,
      env: sandboxEnv(sb, "brand-b"),
    });
    stacks.push(es);
    await setShard(es, stackName, shard);
    return es;
  }

  async function setShard(es: EngineStack, stackName: string, shard: string | undefined): Promise<void> {
    if (shard === undefined) await es.stack.removeConfig("streamblock:shard").catch(() => undefined);
    else if (shard.includes(",")) {
      // The structured form, as `pulumi config set --path` writes it: a list of vendor/account strings and mappings.
      for (const [i, sel] of shard.split(",").entries()) {
        const [vendor, account] = sel.split("/");
        if (i % 2 === 0) await es.stack.setConfig(`streamblock:shard[${i}]`, { value: sel }, true);
        else {
          await es.stack.setConfig(`streamblock:shard[${i}].vendor`, { value: vendor! }, true);
          if (account) await es.stack.setConfig(`streamblock:shard[${i}].account`, { value: account }, true);
        }
      }
    } else await es.stack.setConfig("streamblock:shard", { value: shard });
    writeFileSync(join(dir, `Pulumi.${stackName}.yaml`), shard === undefined ? "config: {}\n" : `config:\n  streamblock:shard: ${JSON.stringify(shard)}\n`);
  }

  it("two shard stacks run up in parallel: the sandbox holds the file's bans, each stack only its shard's; no gap reported; destroying one lifts only its bans", async () => {
    const pg = postgresBackend();
    const t = await shardStack(pg, "shard-tencent", "tencent");
    const h = await shardStack(pg, "shard-huawei", "huawei/default,huawei/brand-b");
    const [upT, upH] = await Promise.all([t.up(), h.up()]);
    assert.deepEqual(upT.outputs.perVendor!.value, { tencent: 5 });
    assert.deepEqual(upH.outputs.perVendor!.value, { huawei: 5 });

    const file_ = loadBlocklist(file, { now: new Date() }).bans.map((b) => b.name).sort();
    assert.equal(file_.length, 10);
    assert.deepEqual(sandboxBans(sb), file_, "the sandbox holds exactly the file's bans");
    const inT = await stateBans(t);
    const inH = await stateBans(h);
    assert.deepEqual(inT, file_.filter((n) => n.startsWith("tencent/")));
    assert.deepEqual(inH, file_.filter((n) => n.startsWith("huawei/")));
    assert.doesNotMatch([...t.output, ...h.output].join(""), /in no stack's shard|in the shard of stacks/);

    await Promise.all([t.up({ expectNoChanges: true }), h.up({ expectNoChanges: true })]);
    await t.stack.destroy({ onOutput: (o) => t.output.push(o) });
    assert.deepEqual(sandboxBans(sb), inH, "destroying the Tencent shard lifted its bans only");
  });

  it("a ban outside every stack's shard is reported by preview and by streamblock validate --shards, naming the account and the fix", async () => {
    writeFileSync(file, TWO_BY_TWO.replace("streams:", "  aliyun:\n    domains: [" + DOMAIN + "]\nstreams:"));
    const pg = postgresBackend();
    const t = await shardStack(pg, "shard-tencent", "tencent");
    await shardStack(pg, "shard-huawei", "huawei");
    const mark = t.output.length;
    const preview = await t.stack.preview({ onOutput: (o) => t.output.push(o) });
    assert.equal(preview.changeSummary.create, 6, "the Tencent shard's 5 bans and the stack");
    const said = t.output.slice(mark).join("");
    assert.match(said, /warning: 3 bans on aliyun\/default in no stack's shard \(stacks seen: shard-tencent, shard-huawei\): nothing applies them; add aliyun\/default to one stack's streamblock:shard/);

    const ci = await runCli(["validate", "--shards", dir, file], {}, dir);
    assert.equal(ci.code, 1);
    assert.match(ci.stderr, /shards: 3 bans on aliyun\/default in no stack's shard \(stacks seen: shard-huawei, shard-tencent\)/);
  });

  it("a shard validates the whole file: a problem in another shard's entry fails the Tencent shard's preview too, naming its line", async () => {
    writeFileSync(file, `${TWO_BY_TWO}  - { stream: bad-domain, vendors: [huawei], domains: [nowhere.example.com] }\n`);
    const pg = postgresBackend();
    const t = await shardStack(pg, "shard-tencent", "tencent");
    const refused = await expectFailure(t, () => t.stack.preview({ onOutput: (o) => t.output.push(o) }));
    assert.match(refused.all, /blocklist\.yaml:14:56: streams\[3\]\.domains\[0\]: nowhere\.example\.com is not a push domain of huawei; list it under vendors: or remove it from this entry/);
    assert.deepEqual(sandboxBans(sb), []);
  });

  it("two stacks claiming one account: preview and up are refused naming both stacks and the remedy; nothing is banned", async () => {
    const pg = postgresBackend();
    const t = await shardStack(pg, "shard-tencent", "tencent");
    await shardStack(pg, "shard-mixed", "huawei,tencent/brand-b");
    const refused = await expectFailure(t, () => t.stack.preview({ onOutput: (o) => t.output.push(o) }));
    const message = "tencent/brand-b is in the shard of stacks shard-tencent and shard-mixed: each would ban it and one stack's destroy or drift fix lifts the other's bans; keep it in one stack's streamblock:shard and remove it from the others";
    assert.ok(refused.all.includes(message), refused.all);
    const up = await expectFailure(t, () => t.up());
    assert.ok(up.all.includes(message));
    assert.deepEqual(sandboxBans(sb), [], "nothing was banned");
    assert.deepEqual(await recordedBans(t), []);
  });

  it("a whole-file stack given a shard does not lift the bans now outside it: up refuses each, until shardHandover=release forgets them, left in force", async () => {
    const pg = postgresBackend();
    const all = await shardStack(pg, "fleet", undefined);
    await all.up();
    const everything = sandboxBans(sb);
    assert.equal(everything.length, 10);

    await setShard(all, "fleet", "tencent");
    const refused = await expectFailure(all, () => all.up());
    assert.match(refused.all, /huawei\/shards\.example\.com\/live\/shard-one: not lifted: huawei\/default is outside this stack's streamblock:shard \(tencent\)/);
    assert.match(refused.all, /huawei\/brand-b\/shards-b\.example\.com\/live\/shard-one: not lifted: huawei\/brand-b is outside/);
    assert.deepEqual(sandboxBans(sb), everything, "nothing was lifted");
    assert.equal((await stateBans(all)).length, 10, "the refused bans stay in the stack's state");

    await all.stack.setConfig("streamblock:shardHandover", { value: "release" });
    await all.up();
    assert.deepEqual(sandboxBans(sb), everything, "released, not lifted");
    assert.deepEqual(await stateBans(all), everything.filter((n) => n.startsWith("tencent/")));
    assert.match(all.output.join(""), /huawei\/shards\.example\.com\/live\/shard-one: released, left in force: huawei\/default is outside this stack's streamblock:shard/);
    assert.match(all.output.join(""), /warning: streamblock:shardHandover is release: bans outside this stack's streamblock:shard are released \(left in force, forgotten\) instead of refused; remove the setting once the handover is done/);

    // The Huawei shard stack takes the released bans over: they were in force, so it adopts them, nothing is re-banned.
    const h = await shardStack(pg, "shard-huawei", "huawei");
    await all.stack.removeConfig("streamblock:shardHandover");
    await h.up();
    assert.deepEqual(await stateBans(h), everything.filter((n) => n.startsWith("huawei/")));
    assert.deepEqual(sandboxBans(sb), everything);
    await all.up({ expectNoChanges: true });
  });
});
