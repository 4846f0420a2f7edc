// Which stack config settings count as plain-text secrets, and what the warning says (the engine path: test/e2e/plain-secret-warning.e2e.spec.ts).
import { strict as assert } from "node:assert";
import { SETTING_SOURCES, type SettingName } from "../../provider/resource/provider-settings";
import { plainAccountSecretMessage, plainAccountSecrets, plainSecretMessage, plainSecretSettings, SECRET_SETTINGS } from "../../provider/resource/plain-secret-warning";

describe("plain-secret warning", () => {
  it("covers every secret key, session token and auth token setting, and no key id", () => {
    const names = Object.keys(SETTING_SOURCES) as SettingName[];
    assert.deepEqual([...SECRET_SETTINGS].sort(), names.filter((n) => /(SecretKey|Secret|Sk|Token)$/.test(n)).sort());
    for (const id of ["tencentSecretId", "aliyunAccessKeyId", "huaweiAk", "huaweiProjectId"] as const) assert.ok(!SECRET_SETTINGS.includes(id), id);
  });

  it("picks the secret settings that are set and not marked secret", () => {
    const set = new Set(["streamblock:tencentSecretKey", "streamblock:aliyunAccessKeySecret", "streamblock:huaweiAuthToken", "streamblock:tencentSecretId"]);
    const secret = new Set(["streamblock:aliyunAccessKeySecret"]);
    assert.deepEqual(
      plainSecretSettings((k) => set.has(k), (k) => secret.has(k)),
      ["tencentSecretKey", "huaweiAuthToken"],
    );
    assert.deepEqual(plainSecretSettings(() => false, () => false), []);
  });

  it("the message names the key, the --secret fix and the environment variable", () => {
    const m = plainSecretMessage("huaweiSk");
    assert.match(m, /^streamblock:huaweiSk is plain-text stack config: /);
    assert.ok(m.includes("pulumi config set --secret streamblock:huaweiSk <value>"));
    assert.ok(m.includes("HUAWEICLOUD_SDK_SK"));
  });

  it("finds a named account's secrets in a plain streamblock:accounts and names the --secret --path fix", () => {
    const raw = JSON.stringify({ tencent: { "brand-b": { secretId: "id", secretKey: "k" } }, huawei: { eu: { ak: "a", sk: "s", authToken: "" } } });
    assert.deepEqual(plainAccountSecrets(raw), [["tencentSecretKey", "brand-b"], ["huaweiSk", "eu"]]);
    assert.deepEqual(plainAccountSecrets(undefined), []);
    assert.deepEqual(plainAccountSecrets("not json"), []);
    const m = plainAccountSecretMessage("tencentSecretKey", "brand-b");
    assert.match(m, /^streamblock:accounts\.tencent\.brand-b\.secretKey is plain-text stack config: /);
    assert.ok(m.includes("pulumi config set --secret --path 'streamblock:accounts.tencent.brand-b.secretKey' <value>"));
    assert.ok(m.includes("TENCENTCLOUD_SECRET_KEY__BRAND_B"));
    assert.ok(!m.includes('"k"'));
  });
});
