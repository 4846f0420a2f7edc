// Stack config (`streamblock:*`) pointing the provider at a running sandbox, as a user would set it.
import type { Sandbox } from "../../provider/sandbox/sandbox";

export function sandboxStackConfig(sb: Sandbox): Record<string, string> {
  const c = sb.credentials;
  return {
    "streamblock:tencentSecretId": c.tencent.secretId,
    "streamblock:tencentSecretKey": c.tencent.secretKey,
    "streamblock:tencentEndpoint": sb.endpoints.tencent,
    "streamblock:aliyunAccessKeyId": c.aliyun.accessKeyId,
    "streamblock:aliyunAccessKeySecret": c.aliyun.accessKeySecret,
    "streamblock:aliyunEndpoint": sb.endpoints.aliyun,
    "streamblock:huaweiAk": c.huawei.ak,
    "streamblock:huaweiSk": c.huawei.sk,
    "streamblock:huaweiProjectId": c.huawei.projectId,
    "streamblock:huaweiEndpoint": sb.endpoints.huawei,
  };
}

/** Every secret value in the config, to grep artefacts for. */
export function sandboxSecrets(sb: Sandbox): string[] {
  const c = sb.credentials;
  return [c.tencent.secretKey, c.aliyun.accessKeySecret, c.huawei.sk, c.huawei.authToken];
}
