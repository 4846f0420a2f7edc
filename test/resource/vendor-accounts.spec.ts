// Vendor accounts in the provider: settings per account (stack config paths, __ACCOUNT env vars), bans in the right sandbox account, one rate budget per account.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";
import { ProviderSettings } from "../../provider/resource/provider-settings";
import { StreamBlockProvider } from "../../provider/resource/stream-block-provider";
import { createAdapter } from "../../provider/resource/adapter-factory";
import { diffStreamBlock } from "../../provider/resource/diff-rules";
import { checkInputs } from "../../provider/resource/stream-block-inputs";
import { StreamKickProvider } from "../../provider/resource/stream-kick-provider";
import { StreamClaims } from "../../provider/resource/stream-claims";
import { RateLimiter } from "../../provider/transport/rate-limiter";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import type { StreamBlockInputs } from "../../provider/resource/stream-block-inputs";
import { sandboxStackConfig } from "./sandbox-stack-config";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("resource/vendor accounts", function () {
  this.timeout(60_000);

  describe("settings per account", () => {
    it("the default account reads today's keys; a named one reads streamblock:accounts.<vendor>.<account>, then the __ACCOUNT variables, never the default's credentials", () => {
      const config: Record<string, unknown> = {
        "streamblock:tencentSecretId": "default-id",
        "streamblock:retryDeadlineSeconds": "5",
        // As the engine passes structured config: an object, a nested secret in its wrapped form.
        "streamblock:accounts": { tencent: { "brand-b": { secretId: "b-id", secretKey: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "b-key" } } } },
      };
      const s = new ProviderSettings((k) => config[k] as string | undefined, { TENCENTCLOUD_SECRET_KEY: "default-key", TENCENTCLOUD_SECRET_ID__BRAND_C: "c-id" });
      assert.equal(s.get("tencentSecretId"), "default-id");
      assert.equal(s.get("tencentSecretKey"), "default-key");
      const b = s.forAccount("brand-b");
      assert.equal(b.get("tencentSecretId"), "b-id");
      assert.equal(b.get("tencentSecretKey"), "b-key");
      assert.deepEqual(b.retryPolicy(), { deadlineMs: 5000 }, "stack-wide settings are shared");
      const c = s.forAccount("brand-c");
      assert.equal(c.get("tencentSecretId"), "c-id");
      assert.equal(c.get("tencentSecretKey"), undefined, "never the default account's key");
      // The same object as a JSON string (how an older engine may pass it) reads the same.
      const asString = new ProviderSettings((k) => (k === "streamblock:accounts" ? JSON.stringify({ aliyun: { x: { accessKeyId: "x-id" } } }) : undefined), {});
      assert.equal(asString.forAccount("x").get("aliyunAccessKeyId"), "x-id");
    });

    it("a named account missing settings names every missing key with its config path and variable; the CLI form names the variables", () => {
      const s = new ProviderSettings(() => undefined, { HUAWEICLOUD_SDK_AK__EU: "ak" });
      assert.equal(
        s.unsetFor("huawei", "eu"),
        "huawei account eu: " +
          [
            "missing projectId: set the stack config streamblock:accounts.huawei.eu.projectId (pulumi config set --path 'streamblock:accounts.huawei.eu.projectId' <value>) or the environment variable HUAWEICLOUD_SDK_PROJECT_ID__EU",
            "missing sk: set the stack config streamblock:accounts.huawei.eu.sk (pulumi config set --secret --path 'streamblock:accounts.huawei.eu.sk' <value>) or the environment variable HUAWEICLOUD_SDK_SK__EU, or instead streamblock:accounts.huawei.eu.authToken / HUAWEICLOUD_SDK_AUTH_TOKEN__EU",
            "missing region: set the stack config streamblock:accounts.huawei.eu.region (pulumi config set --path 'streamblock:accounts.huawei.eu.region' <value>) or the environment variable HUAWEICLOUD_SDK_REGION__EU or HUAWEICLOUD_REGION__EU",
          ].join("; "),
      );
      assert.equal(s.unsetFor("huawei"), s.unsetFor("huawei", "default"));
      assert.match(s.unsetFor("huawei")!, /^huawei: missing huaweiProjectId: set the stack config streamblock:huaweiProjectId/);
      const cli = new ProviderSettings(() => undefined, {}, "env");
      assert.equal(
        cli.unsetFor("tencent", "brand-b"),
        "tencent account brand-b: missing environment variables TENCENTCLOUD_SECRET_ID__BRAND_B, TENCENTCLOUD_SECRET_KEY__BRAND_B (the streamblock CLI reads credentials from the environment only)",
      );
    });

    it("an intl Tencent account (tencentSite intl) calls the international host unless an endpoint is set", () => {
      const env = { TENCENTCLOUD_SECRET_ID__INTL: "id", TENCENTCLOUD_SECRET_KEY__INTL: "key", STREAMBLOCK_TENCENT_SITE__INTL: "intl" };
      const s = new ProviderSettings(() => undefined, env).forAccount("intl");
      assert.equal((createAdapter("tencent", s, {}) as unknown as { endpoint: string }).endpoint, "https://live.intl.tencentcloudapi.com");
      const pinned = new ProviderSettings(() => undefined, { ...env, STREAMBLOCK_TENCENT_ENDPOINT__INTL: "http://127.0.0.1:9" }).forAccount("intl");
      assert.equal((createAdapter("tencent", pinned, {}) as unknown as { endpoint: string }).endpoint, "http://127.0.0.1:9");
      const bad = new ProviderSettings(() => undefined, { ...env, STREAMBLOCK_TENCENT_SITE__INTL: "eu" }).forAccount("intl");
      assert.throws(() => createAdapter("tencent", bad, {}), /streamblock:accounts\.tencent\.intl\.site must be "mainland" \(the default\) or "intl", got "eu"/);
    });

    it("moving a ban to another account replaces it; older state without an account is the default account", () => {
      const now = new Date("2026-06-01T00:00:00Z");
      const olds = { vendor: "tencent" as const, domain: "d.example.com", app: "live", stream: "s", resumeTime: "2026-06-10T00:00:00Z" };
      assert.deepEqual(diffStreamBlock(olds, { ...olds }, now, 30).changes, false);
      assert.deepEqual(diffStreamBlock(olds, { ...olds, account: "brand-b" }, now, 30).replaces, ["account"]);
      assert.deepEqual(diffStreamBlock({ ...olds, account: "brand-b" }, { ...olds }, now, 30).reasons, ['account "brand-b" → "default" replaces the ban']);
    });

    it("an account input must be an account name; \"default\" is the same as none", () => {
      const now = new Date();
      assert.deepEqual(checkInputs({ vendor: "aliyun", account: "Brand_B", domain: "d.example.com", stream: "s" }, { now }).failures, [
        { property: "account", reason: 'account must be a vendor account name: an account name is lower-case letters, digits and inner hyphens, at most 32 characters, e.g. "brand-b"' },
      ]);
      assert.equal(checkInputs({ vendor: "aliyun", account: "default", domain: "d.example.com", stream: "s" }, { now }).inputs!.account, undefined);
    });

    it("refuses a streamblock:accounts that is not an object, naming the key and how to set it", () => {
      const s = new ProviderSettings((k) => (k === "streamblock:accounts" ? "[1]" : undefined), {});
      assert.throws(() => s.forAccount("b").get("tencentSecretId"), /streamblock:accounts must be an object of vendors, accounts and settings, set with pulumi config set --path/);
    });
  });

  describe("against the sandbox", () => {
    let sb: Sandbox;
    let config: Record<string, string>;
    let env: Record<string, string>;
    let n = 0;
    before(async () => {
      sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
      config = sandboxStackConfig(sb);
      env = sandboxEnv(sb, "brand-b");
    });
    after(() => sb.close());

    const provider = (deps: { limiter?: RateLimiter } = {}) =>
      new StreamBlockProvider((k) => config[k], {
        env,
        now: () => sb.clock.now(),
        claims: new StreamClaims(),
        report: () => {},
        ...(deps.limiter ? { adapterOptions: { limiter: deps.limiter } } : {}),
      });
    const secondAccount = (vendor: VendorId) =>
      vendor === "tencent" ? SECOND_SANDBOX_CREDENTIALS.tencent.secretId : vendor === "aliyun" ? SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeyId : SECOND_SANDBOX_CREDENTIALS.huawei.projectId;

    for (const vendor of VENDOR_IDS) {
      it(`${vendor}: one stream in two accounts is two bans, each in its own account, with ids that name the named account only; each delete lifts its own`, async () => {
        const stream = `acct-${vendor}-${++n}`;
        const p = provider();
        const a = await p.check({}, { vendor, domain: "push.example.com", stream });
        const b = await p.check({}, { vendor, account: "brand-b", domain: "push.example.com", stream });
        assert.deepEqual(a.failures ?? [], []);
        assert.deepEqual(b.failures ?? [], [], "one name in two accounts is not declared twice");
        assert.equal((a.inputs as StreamBlockInputs).account, undefined, "the default account leaves no trace in the inputs");
        const ra = await p.create(a.inputs as StreamBlockInputs);
        const rb = await p.create(b.inputs as StreamBlockInputs);
        assert.equal(ra.id, `${vendor}/push.example.com/live/${stream}`);
        assert.equal(rb.id, `${vendor}/brand-b/push.example.com/live/${stream}`);
        assert.equal(sb.bans({ vendor, account: sb.primaryAccount(vendor), stream }).length, 1);
        assert.equal(sb.bans({ vendor, account: secondAccount(vendor), stream }).length, 1);
        assert.equal((rb.outs as { adopted?: boolean }).adopted, undefined, "the default account's ban is another account's: not adopted");
        const refreshed = await provider().read(rb.id, rb.outs as StreamBlockInputs);
        assert.equal(refreshed.id, rb.id, "refresh reads the named account");
        await provider().delete(rb.id, rb.outs as StreamBlockInputs);
        assert.equal(sb.bans({ vendor, account: secondAccount(vendor), stream }).length, 0);
        assert.equal(sb.bans({ vendor, account: sb.primaryAccount(vendor), stream }).length, 1, "the default account's ban stays");
        await provider().delete(ra.id, ra.outs as StreamBlockInputs);
      });
    }

    it("Tencent's stream-name claims are per account: a name still declared in the default account does not keep brand-b's ban from being lifted", async () => {
      const stream = `claims-${++n}`;
      const made = provider();
      const b = (await made.check({}, { vendor: "tencent", account: "brand-b", domain: "push.example.com", stream })).inputs as StreamBlockInputs;
      const rb = await made.create(b);
      // One operation: the default account still declares the name (on another domain), brand-b's resource is removed.
      const p = provider();
      await p.check({}, { vendor: "tencent", domain: "other.example.com", stream });
      await p.delete(rb.id, rb.outs as StreamBlockInputs);
      assert.equal(sb.bans({ vendor: "tencent", account: secondAccount("tencent"), stream }).length, 0, "brand-b's ban is lifted");
    });

    it("refresh listings are per account: one operation reads a ban of brand-b after the default account's listing", async () => {
      const stream = `listing-${++n}`;
      sb.putBan({ vendor: "huawei", account: secondAccount("huawei"), domain: "list.example.com", app: "live", stream }, new Date(sb.clock.now().getTime() + 5 * 86_400_000));
      const p = provider();
      const key = { domain: "list.example.com", app: "live", stream };
      assert.deepEqual(await p.read(`huawei/list.example.com/live/${stream}`, { vendor: "huawei", ...key }), {}, "not banned in the default account");
      const r = await p.read(`huawei/brand-b/list.example.com/live/${stream}`, { vendor: "huawei", account: "brand-b", ...key });
      assert.equal(r.id, `huawei/brand-b/list.example.com/live/${stream}`, "found in brand-b's own listing");
    });

    it("two accounts get two rate budgets: a second account's first forbid never waits for the first account's", async () => {
      const waits: number[] = [];
      // A frozen clock and one request per second per action: any second call of an action in one bucket must wait.
      const limiter = new RateLimiter({ overrides: { aliyun: { qps: 1, burst: 1 } }, now: () => 0, sleep: async (ms) => void waits.push(ms) });
      const p = provider({ limiter });
      const create = async (account: string | undefined, stream: string) => {
        const r = await p.check({}, { vendor: "aliyun", ...(account ? { account } : {}), domain: "push.example.com", stream });
        await p.create(r.inputs as StreamBlockInputs);
      };
      const s1 = `budget-${++n}`;
      const s2 = `budget-${++n}`;
      await create(undefined, s1);
      await create(undefined, s2);
      const defaultWaits = waits.length;
      assert.ok(defaultWaits > 0, "the default account's second forbid waited for its budget");
      await create("brand-b", s1);
      assert.deepEqual(waits.slice(defaultWaits), [], "brand-b's calls come out of its own budget");
      assert.equal(sb.bans({ vendor: "aliyun", stream: s1 }).length, 2);
    });

    it("a missing account's settings fail check, naming every key; StreamKick kicks in its account", async () => {
      const p = provider();
      const r = await p.check({}, { vendor: "tencent", account: "brand-z", domain: "push.example.com", stream: "x" });
      assert.deepEqual(r.failures?.map((f) => f.property), ["account"]);
      assert.match(r.failures![0]!.reason, /^tencent account brand-z: missing secretId: .*streamblock:accounts\.tencent\.brand-z\.secretId.*TENCENTCLOUD_SECRET_ID__BRAND_Z; missing secretKey: .*TENCENTCLOUD_SECRET_KEY__BRAND_Z$/);
      const kick = new StreamKickProvider((k) => config[k], { env });
      const checked = await kick.check({}, { vendor: "huawei", account: "brand-b", domain: "push.example.com", stream: "kicked" });
      assert.deepEqual(checked.failures ?? [], []);
      const k = await kick.create(checked.inputs as never);
      assert.match(k.id, /^huawei\/brand-b\/push\.example\.com\/live\/kicked#/);
      assert.equal(sb.state().kicks.filter((x) => x.stream === "kicked" && x.account === SECOND_SANDBOX_CREDENTIALS.huawei.projectId).length, 1);
    });
  });
});
