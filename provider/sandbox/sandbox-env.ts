// The settings that point StreamBlock (provider, CLI) at a running sandbox, as a user would set them: env vars, stack config, shell lines.
import { CONFIG_NAMESPACE, SECRET_SETTINGS, SETTING_SOURCES, accountConfigPath, type SettingName } from "../resource/provider-settings";
import type { Sandbox } from "./sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "./sandbox-credentials";
import { accountEnvVar, isDefaultAccount } from "../resource/vendor-account";

/** What sandboxEnv and sandboxStackConfig need of a sandbox: its fake credentials and its endpoints. */
export type SandboxAddress = Pick<Sandbox, "credentials" | "endpoints">;

/**
 * Credentials and endpoints by the names in SETTING_SOURCES: the sandbox's fake ones, never a real account's.
 * With a named `account`, the sandbox's second account under that account's variables (`…__BRAND_B`).
 */
export function sandboxEnv(sb: SandboxAddress, account?: string): Record<string, string> {
  if (!isDefaultAccount(account)) {
    const second = sandboxEnv({ credentials: SECOND_SANDBOX_CREDENTIALS, endpoints: sb.endpoints });
    return Object.fromEntries(Object.entries(second).map(([k, v]) => [accountEnvVar(k, account!), v]));
  }
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

/**
 * The same settings as stack config (`streamblock:<setting>`), each marked secret or not; for a named
 * account, paths under `streamblock:accounts.<vendor>.<account>` (set with `pulumi config set --path`).
 */
export function sandboxStackConfig(sb: SandboxAddress, account?: string): { key: string; value: string; secret: boolean; path?: true }[] {
  return Object.entries(sandboxEnv(sb)).map(([variable, v]) => {
    const name = (Object.keys(SETTING_SOURCES) as SettingName[]).find((n) => (SETTING_SOURCES[n] as readonly string[]).includes(variable))!;
    const secret = SECRET_SETTINGS.includes(name);
    if (isDefaultAccount(account)) return { key: `${CONFIG_NAMESPACE}:${name}`, value: v, secret };
    const value = sandboxEnv(sb, account)[accountEnvVar(variable, account!)]!;
    return { key: accountConfigPath(name, account!), value, secret, path: true as const };
  });
}

/** `s` quoted for a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `export VAR=value` lines for a POSIX shell (`eval` or `.` them). */
export function sandboxShellExports(sb: SandboxAddress, account?: string): string {
  return Object.entries(sandboxEnv(sb, account))
    .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
    .join("");
}

/** One `pulumi config set-all` command that points the current stack at the sandbox (secrets with --secret). */
export function sandboxPulumiConfigCommand(sb: SandboxAddress, account?: string): string {
  const path = isDefaultAccount(account) ? "" : " --path";
  const pairs = sandboxStackConfig(sb, account).map((c) => `${c.secret ? "--secret" : "--plaintext"} ${shellQuote(`${c.key}=${c.value}`)}`);
  return `pulumi config set-all${path} ${pairs.join(" ")}\n`;
}
