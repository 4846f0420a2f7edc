// The settings that point StreamBlock (provider, CLI) at a running sandbox, as a user would set them: env vars, stack config, shell lines.
import { CONFIG_NAMESPACE, SECRET_SETTINGS, SETTING_SOURCES, type SettingName } from "../resource/provider-settings";
import type { Sandbox } from "./sandbox";

/** What sandboxEnv and sandboxStackConfig need of a sandbox: its fake credentials and its endpoints. */
export type SandboxAddress = Pick<Sandbox, "credentials" | "endpoints">;

/** Credentials and endpoints by the names in SETTING_SOURCES: the sandbox's fake ones, never a real account's. */
export function sandboxEnv(sb: SandboxAddress): Record<string, string> {
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

/** The same settings as stack config (`streamblock:<setting>`), each marked secret or not. */
export function sandboxStackConfig(sb: SandboxAddress): { key: string; value: string; secret: boolean }[] {
  return Object.entries(sandboxEnv(sb)).map(([variable, value]) => {
    const name = (Object.keys(SETTING_SOURCES) as SettingName[]).find((n) => (SETTING_SOURCES[n] as readonly string[]).includes(variable))!;
    return { key: `${CONFIG_NAMESPACE}:${name}`, value, secret: SECRET_SETTINGS.includes(name) };
  });
}

/** `s` quoted for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `export VAR=value` lines for a POSIX shell (`eval` or `.` them). */
export function sandboxShellExports(sb: SandboxAddress): string {
  return Object.entries(sandboxEnv(sb))
    .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
    .join("");
}

/** One `pulumi config set-all` command that points the current stack at the sandbox (secrets with --secret). */
export function sandboxPulumiConfigCommand(sb: SandboxAddress): string {
  const pairs = sandboxStackConfig(sb).map((c) => `${c.secret ? "--secret" : "--plaintext"} ${shellQuote(`${c.key}=${c.value}`)}`);
  return `pulumi config set-all ${pairs.join(" ")}\n`;
}
