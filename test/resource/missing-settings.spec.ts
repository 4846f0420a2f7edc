// missingSettings/describeMissing: every setting a vendor lacks, from config and environment alone, named for the provider and for the CLI.
import { strict as assert } from "node:assert";
import { ProviderSettings, describeMissing, missingSettings, type SettingName } from "../../provider/resource/provider-settings";

const lookup = (set: Partial<Record<SettingName, string>>) => (name: SettingName) => set[name];
const names = (m: { name: string }[]) => m.map((x) => x.name);

describe("resource/provider-settings missingSettings", () => {
  it("tencent and aliyun: the key id and the secret, both when both are unset", () => {
    assert.deepEqual(names(missingSettings("tencent", lookup({}))), ["tencentSecretId", "tencentSecretKey"]);
    assert.deepEqual(names(missingSettings("tencent", lookup({ tencentSecretId: "id" }))), ["tencentSecretKey"]);
    assert.deepEqual(names(missingSettings("aliyun", lookup({}))), ["aliyunAccessKeyId", "aliyunAccessKeySecret"]);
    assert.deepEqual(missingSettings("aliyun", lookup({ aliyunAccessKeyId: "a", aliyunAccessKeySecret: "s" })), []);
  });

  it("huawei: project, AK/SK (or an IAM token) and a region unless an endpoint is set", () => {
    assert.deepEqual(names(missingSettings("huawei", lookup({}))), ["huaweiProjectId", "huaweiAk", "huaweiSk", "huaweiRegion"]);
    assert.deepEqual(missingSettings("huawei", lookup({ huaweiProjectId: "p", huaweiAuthToken: "t", huaweiEndpoint: "http://127.0.0.1:1" })), []);
    assert.deepEqual(names(missingSettings("huawei", lookup({ huaweiProjectId: "p", huaweiAk: "ak", huaweiAuthToken: "t", huaweiRegion: "cn-north-4" }))), ["huaweiSk"]);
    assert.deepEqual(missingSettings("huawei", lookup({ huaweiSk: "sk" }))[1], { name: "huaweiAk", secret: false, instead: "huaweiAuthToken" });
  });

  it("names each missing setting's stack config key and environment variable for the provider", () => {
    const text = describeMissing("tencent", missingSettings("tencent", lookup({})), "stack-or-env");
    assert.equal(
      text,
      "tencent: missing tencentSecretId: set the stack config streamblock:tencentSecretId (pulumi config set streamblock:tencentSecretId <value>) or the environment variable TENCENTCLOUD_SECRET_ID; " +
        "missing tencentSecretKey: set the stack config streamblock:tencentSecretKey (pulumi config set --secret streamblock:tencentSecretKey <value>) or the environment variable TENCENTCLOUD_SECRET_KEY",
    );
  });

  it("names environment variables only for the CLI, which reads no stack config", () => {
    const text = describeMissing("huawei", missingSettings("huawei", lookup({})), "env");
    assert.equal(
      text,
      "huawei: missing environment variables HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_AK (or HUAWEICLOUD_SDK_AUTH_TOKEN instead of AK/SK), " +
        "HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_AUTH_TOKEN instead of AK/SK), HUAWEICLOUD_SDK_REGION or HUAWEICLOUD_REGION (the streamblock CLI reads credentials from the environment only)",
    );
    assert.ok(!text.includes("stack config"));
  });

  it("ProviderSettings: config wins over the environment; unsetFor judges known vendors only", () => {
    const s = new ProviderSettings((k) => (k === "streamblock:tencentSecretId" ? "id" : undefined), { TENCENTCLOUD_SECRET_KEY: "key" });
    assert.equal(s.unsetFor("tencent"), undefined);
    assert.match(s.unsetFor("aliyun")!, /^aliyun: missing aliyunAccessKeyId: .*; missing aliyunAccessKeySecret: /);
    assert.equal(s.unsetFor("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), undefined);
    assert.throws(() => s.aliyunCredentials(), /^SettingsError: aliyun: missing aliyunAccessKeyId/);
  });
});
