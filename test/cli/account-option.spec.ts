// --account on ls, kick, resume and export: the named account's __NAME variables, its bans only; export writes accounts and --from reads them.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { sandboxEnv as accountEnv } from "../../provider/sandbox/sandbox-env";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { ProviderSettings } from "../../provider/resource/provider-settings";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { cliSandbox, runCli, sandboxEnv } from "./cli-harness";

const second = (vendor: VendorId) =>
  vendor === "tencent" ? SECOND_SANDBOX_CREDENTIALS.tencent.secretId : vendor === "aliyun" ? SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeyId : SECOND_SANDBOX_CREDENTIALS.huawei.projectId;

describe("cli --account", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let env: Record<string, string>;
  let dir: string;
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
  before(async () => {
    sb = await cliSandbox();
    env = { ...sandboxEnv(sb), ...accountEnv(sb, "brand-b") };
    dir = mkdtempSync(join(tmpdir(), "streamblock-cli-accounts-"));
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ls --account lists the named account's bans only; resume and kick act on it, naming it in the id", async () => {
    sb.putBan({ vendor: "huawei", account: sb.primaryAccount("huawei"), domain: "cli-a.example.com", app: "live", stream: "mine" }, inDays(5));
    sb.putBan({ vendor: "huawei", account: second("huawei"), domain: "cli-a.example.com", app: "live", stream: "theirs" }, inDays(5));
    const ls = await runCli(["ls", "--vendor", "huawei", "--account", "brand-b", "--domain", "cli-a.example.com", "--json"], env);
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(JSON.parse(ls.stdout).map((r: { account: string; stream: string }) => `${r.account}/${r.stream}`), ["brand-b/theirs"]);
    const lsDefault = await runCli(["ls", "--vendor", "huawei", "--domain", "cli-a.example.com"], env);
    assert.match(lsDefault.stdout, /mine/);
    assert.doesNotMatch(lsDefault.stdout, /theirs/);
    const resumed = await runCli(["resume", "--vendor", "huawei", "--account", "brand-b", "--domain", "cli-a.example.com", "theirs"], env);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /^resumed huawei\/brand-b\/cli-a\.example\.com\/live\/theirs/);
    assert.equal(sb.bans({ vendor: "huawei", account: second("huawei") }).length, 0);
    assert.equal(sb.bans({ vendor: "huawei", account: sb.primaryAccount("huawei"), stream: "mine" }).length, 1, "the default account's ban stays");
    const kicked = await runCli(["kick", "--vendor", "tencent", "--account", "brand-b", "--domain", "cli-a.example.com", "live-now"], env);
    assert.equal(kicked.code, 0, kicked.stderr);
    assert.match(kicked.stdout, /^kicked tencent\/brand-b\/cli-a\.example\.com\/live\/live-now/);
    assert.equal(sb.kicks({ vendor: "tencent", account: second("tencent"), stream: "live-now" }).length, 1);
  });

  it("a named account's missing variables are all named; a bad account name is a usage error", async () => {
    const r = await runCli(["ls", "--vendor", "aliyun", "--account", "brand-z", "--domain", "x.example.com"], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /aliyun account brand-z: missing environment variables ALIBABA_CLOUD_ACCESS_KEY_ID__BRAND_Z, ALIBABA_CLOUD_ACCESS_KEY_SECRET__BRAND_Z/);
    const bad = await runCli(["ls", "--vendor", "aliyun", "--account", "Brand_B", "--domain", "x.example.com"], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--account: an account name is lower-case letters/);
  });

  it("export writes each account's bans under its own section; --from reads the accounts back and the file round-trips", async () => {
    sb.putBan({ vendor: "aliyun", account: sb.primaryAccount("aliyun"), domain: "exp-a.example.com", app: "live", stream: "a1" }, inDays(20));
    sb.putBan({ vendor: "aliyun", account: second("aliyun"), domain: "exp-b.example.com", app: "live", stream: "b1" }, inDays(20));
    sb.putBan({ vendor: "aliyun", account: second("aliyun"), domain: "exp-b.example.com", app: "live", stream: "a1" }, inDays(20));
    const out = join(dir, "exported.yaml");
    const r = await runCli(["export", "--vendor", "aliyun", "--domain", "exp-a.example.com", "--account", "brand-b", "--domain", "exp-b.example.com", "-o", out], env);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(out, "utf8");
    const v = validateBlocklist(text, out, { now: new Date() });
    assert.ok(v.ok, JSON.stringify(v.problems));
    assert.deepEqual(v.bans.map((b) => b.name).sort(), ["aliyun/brand-b/exp-b.example.com/live/a1", "aliyun/brand-b/exp-b.example.com/live/b1", "aliyun/exp-a.example.com/live/a1"]);
    assert.match(text, /--vendor aliyun --domain exp-a\.example\.com --account brand-b --domain exp-b\.example\.com/);
    const again = join(dir, "again.yaml");
    const r2 = await runCli(["export", "--from", out, "-o", again], env);
    assert.equal(r2.code, 0, r2.stderr);
    const v2 = validateBlocklist(readFileSync(again, "utf8"), again, { now: new Date() });
    assert.ok(v2.ok);
    assert.deepEqual(v2.bans.map((b) => b.name).sort(), v.bans.map((b) => b.name).sort());
  });

  it("export pins each Aliyun account to the region it was listed with (ALIBABA_CLOUD_REGION_ID[__NAME]); --from keeps the pins; a stack of other regions is refused", async () => {
    sb.putBan({ vendor: "aliyun", account: sb.primaryAccount("aliyun"), domain: "reg-a.example.com", app: "live", stream: "r1" }, inDays(20));
    sb.putBan({ vendor: "aliyun", account: second("aliyun"), domain: "reg-b.example.com", app: "live", stream: "r2" }, inDays(20));
    const regions = { ALIBABA_CLOUD_REGION_ID: "cn-shanghai", ALIBABA_CLOUD_REGION_ID__BRAND_B: "ap-southeast-1" };
    const out = join(dir, "regions.yaml");
    const r = await runCli(["export", "--vendor", "aliyun", "--domain", "reg-a.example.com", "--account", "brand-b", "--domain", "reg-b.example.com", "-o", out], { ...env, ...regions });
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(out, "utf8");
    assert.ok(text.includes("  aliyun:\n    domains:\n      - reg-a.example.com\n    region: cn-shanghai\n    accounts:\n      brand-b:\n        domains:\n          - reg-b.example.com\n        region: ap-southeast-1\n"), text);
    const again = join(dir, "regions-again.yaml");
    const r2 = await runCli(["export", "--from", out, "-o", again], { ...env, ...regions });
    assert.equal(r2.code, 0, r2.stderr);
    const body = (f: string) => readFileSync(f, "utf8").split("\n").filter((l) => !l.startsWith("#")).join("\n");
    assert.equal(body(again), body(out), "the round trip changes nothing");
    const stack = (env: Record<string, string>) => new ProviderSettings(() => undefined, env);
    assert.deepEqual(validateBlocklist(text, out, { now: new Date(), stack: stack(regions) }).problems, []);
    const other = validateBlocklist(text, out, { now: new Date(), stack: stack({ ...regions, ALIBABA_CLOUD_REGION_ID__BRAND_B: "eu-central-1" }) }).problems;
    assert.deepEqual(other.map((p) => p.message), [
      "the file is for Aliyun region ap-southeast-1 but account brand-b's aliyunRegion is eu-central-1 (stack config streamblock:accounts.aliyun.brand-b.region or ALIBABA_CLOUD_REGION_ID__BRAND_B); nothing was applied",
    ]);
  });
});
