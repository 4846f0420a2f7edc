// The environment variables that point StreamBlock (provider, CLI) at a running sandbox, as a user would set them.
import type { Sandbox } from "./sandbox";

/** Credentials and endpoints by the names in SETTING_SOURCES: the sandbox's fake ones, never a real account's. */
export function sandboxEnv(sb: Sandbox): Record<string, string> {
  const c = sb.credentials;
  return {
    TENCENTCLOUD_SECRET_ID: c.tencent.secretId,
    TENCENTCLOUD_SECRET_KEY: c.tencent.secretKey,
    STREAMBLOCK_TENCENT_ENDPOINT: sb.endpoints.tencent,
    ALIBABA_CLOUD_ACCESS_KEY_ID: c.aliyun.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: c.aliyun.accessKeySecret,
    STREAMBLOCK_ALIYUN_ENDPOINT: sb.endpoints.aliyun,
    HUAWEICLOUD_SDK_AK: c.huawei.ak,
    HUAWEICLOUD_SDK_SK: c.huawei.sk,
    HUAWEICLOUD_SDK_PROJECT_ID: c.huawei.projectId,
    STREAMBLOCK_HUAWEI_ENDPOINT: sb.endpoints.huawei,
  };
}
