// Wrong, unknown, expired and missing credentials through the real engine: each vendor's refusal reaches the user, nothing applies, fixing the config converges.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import {
  assertStateMatchesVendors,
  everyVendor,
  expectFailure,
  recordedBans,
  startTestSandbox,
  streamName,
  streamsProgram,
  upContinuingOnError,
  vendorErrorLine,
} from "./reliability-harness";

const DOMAIN = "credentials.example.com";

/** Temporary keys the sandbox knows, with the session tokens that are current. */
const TEMPORARY = {
  tencent: { secretId: "AKIDTEMPORARY0000000000000000000000000", secretKey: "temporary-tencent-key-9f3c", sessionToken: "current-tencent-session-token-1a2b" },
  aliyun: { accessKeyId: "STS.TEMPORARY00000000000", accessKeySecret: "temporary-aliyun-secret-7d1e", securityToken: "current-aliyun-security-token-3c4d" },
};

describe("reliability: credentials the vendors refuse", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let es: EngineStack;
  const stream = (v: VendorId) => `${DOMAIN}/live/${streamName("k", v, 0)}`;

  /** Sets stack config as a user would (`pulumi config set [--secret]`), on top of the working sandbox config. */
  const useConfig = async (over: Record<string, string | undefined>) => {
    const config: Record<string, string | undefined> = { ...sandboxStackConfig(sb), ...over };
    const set = Object.entries(config).filter((e): e is [string, string] => e[1] !== undefined);
    await es.stack.setAllConfig(Object.fromEntries(set.map(([key, value]) => [key, { value, secret: /Secret|Sk$|Token$/.test(key) }])));
    const removed = Object.keys(config).filter((k) => config[k] === undefined);
    if (removed.length > 0) await es.stack.removeAllConfig(removed);
  };

  /** Runs a failing up and checks that no vendor applied anything and the state records nothing. */
  const failingUp = async (secretsNotShown: string[]) => {
    const f = await expectFailure(es, () => upContinuingOnError(es));
    assert.deepEqual(await recordedBans(es), []);
    await assertStateMatchesVendors(es, sb, DOMAIN);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 0, "no account got a ban");
    for (const s of secretsNotShown) assert.ok(!f.all.includes(s), "a credential is in what the user saw");
    return f;
  };

  before(async () => {
    sb = await startTestSandbox({ extraCredentials: { tencent: [TEMPORARY.tencent], aliyun: [TEMPORARY.aliyun] } });
    es = await newEngineStack(sb, streamsProgram(DOMAIN, "k", everyVendor(1)));
  });
  after(async () => {
    await es?.dispose();
    await sb.close();
  });

  it("a wrong secret: each vendor's signature refusal, with its code, HTTP status and request id", async () => {
    const wrong = { tencent: "wrong-tencent-secret-5e8a", aliyun: "wrong-aliyun-secret-6f9b", huawei: "wrong-huawei-sk-7a0c" };
    await useConfig({ "streamblock:tencentSecretKey": wrong.tencent, "streamblock:aliyunAccessKeySecret": wrong.aliyun, "streamblock:huaweiSk": wrong.huawei });
    const f = await failingUp(Object.values(wrong));
    assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "AuthFailure.SignatureFailure", { requestId: true, status: 200 }));
    assert.match(f.all, vendorErrorLine("aliyun", "forbid", stream("aliyun"), "SignatureDoesNotMatch", { requestId: true, status: 400 }));
    assert.match(f.all, vendorErrorLine("huawei", "forbid", stream("huawei"), "APIGW.0301", { requestId: true, status: 401 }));
  });

  it("an unknown key id: each vendor says the key does not exist", async () => {
    await useConfig({ "streamblock:tencentSecretId": "AKIDUNKNOWN00000000000000000000000000", "streamblock:aliyunAccessKeyId": "LTAIUNKNOWN000000000000", "streamblock:huaweiAk": "UNKNOWNHUAWEIAK00000" });
    const f = await failingUp(sandboxSecretsOf(sb));
    assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "AuthFailure.SecretIdNotFound", { requestId: true, status: 200 }));
    assert.match(f.all, vendorErrorLine("aliyun", "forbid", stream("aliyun"), "InvalidAccessKeyId.NotFound", { requestId: true, status: 404 }));
    assert.match(f.all, vendorErrorLine("huawei", "forbid", stream("huawei"), "APIGW.0301", { requestId: true, status: 401 }));
    assert.match(f.all, /ak not exist/);
  });

  it("expired temporary credentials (a stale session token, an expired IAM token): each vendor refuses the token", async () => {
    const stale = { tencent: "expired-tencent-session-token-0000", aliyun: "expired-aliyun-security-token-0000", huawei: "expired-huawei-iam-token-0000" };
    await useConfig({
      "streamblock:tencentSecretId": TEMPORARY.tencent.secretId,
      "streamblock:tencentSecretKey": TEMPORARY.tencent.secretKey,
      "streamblock:tencentSessionToken": stale.tencent,
      "streamblock:aliyunAccessKeyId": TEMPORARY.aliyun.accessKeyId,
      "streamblock:aliyunAccessKeySecret": TEMPORARY.aliyun.accessKeySecret,
      "streamblock:aliyunSecurityToken": stale.aliyun,
      // Huawei by X-Auth-Token instead of AK/SK.
      "streamblock:huaweiAk": undefined,
      "streamblock:huaweiSk": undefined,
      "streamblock:huaweiAuthToken": stale.huawei,
    });
    const f = await failingUp([...Object.values(stale), TEMPORARY.tencent.secretKey, TEMPORARY.aliyun.accessKeySecret]);
    assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "AuthFailure.TokenFailure", { requestId: true, status: 200 }));
    assert.match(f.all, vendorErrorLine("aliyun", "forbid", stream("aliyun"), "InvalidSecurityToken.Mismatch", { requestId: true, status: 400 }));
    assert.match(f.all, vendorErrorLine("huawei", "forbid", stream("huawei"), "APIGW.0301", { requestId: true, status: 401 }));
    assert.match(f.all, /decrypt token fail/);
  });

  it("a missing credential fails the check before any Tencent call, naming the config key and the environment variable; state stays equal to the vendors", async () => {
    await useConfig({ "streamblock:tencentSessionToken": undefined, "streamblock:aliyunSecurityToken": undefined, "streamblock:huaweiAuthToken": undefined, "streamblock:tencentSecretKey": undefined });
    sb.reset({ calls: true });
    const expected =
      /tencent: missing tencentSecretKey: set the stack config streamblock:tencentSecretKey \(pulumi config set --secret streamblock:tencentSecretKey <value>\) or the environment variable TENCENTCLOUD_SECRET_KEY/;
    // The pipeline's path: the preview fails and nothing is applied anywhere.
    const preview = await expectFailure(es, () => es.stack.preview({ onOutput: (o) => es.output.push(o) }));
    assert.match(preview.all, expected);
    assert.deepEqual(sb.callLog(), [], "the preview called no vendor");
    // Without a preview (Automation API up, --skip-preview) the check still fails the Tencent ban before any
    // Tencent call; the engine stops registering after a check failure, so which other bans apply is its choice.
    const f = await expectFailure(es, () => upContinuingOnError(es));
    assert.match(f.all, expected);
    assert.equal(sb.callLog().filter((c) => c.vendor === "tencent").length, 0, "no Tencent call was made");
    const recorded = await assertStateMatchesVendors(es, sb, DOMAIN);
    assert.ok(!recorded.some((r) => r.vendor === "tencent"));
  });

  it("with the right credentials back, up applies the remaining bans and a second up changes nothing", async () => {
    await useConfig({});
    const r = await es.up();
    assert.ok((r.summary.resourceChanges?.create ?? 0) >= 1, "at least Tencent's");
    assert.equal((await assertStateMatchesVendors(es, sb, DOMAIN)).length, VENDOR_IDS.length);
    await es.up({ expectNoChanges: true });
  });
});

function sandboxSecretsOf(sb: Sandbox): string[] {
  const c = sb.credentials;
  return [c.tencent.secretKey, c.aliyun.accessKeySecret, c.huawei.sk, c.huawei.authToken];
}
