// Warns on preview and up when a credential is plain-text stack config, which Pulumi keeps unencrypted in the state.
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, SETTING_SOURCES, type SettingName } from "./provider-settings";

/** The settings that are secrets (the key ids, project and region are not). */
export const SECRET_SETTINGS: readonly SettingName[] = [
  "tencentSecretKey",
  "tencentSessionToken",
  "aliyunAccessKeySecret",
  "aliyunSecurityToken",
  "huaweiSk",
  "huaweiSecurityToken",
  "huaweiAuthToken",
];

/** The secret settings set in stack config without `--secret`. */
export function plainSecretSettings(isSet: (key: string) => boolean, isSecret: (key: string) => boolean): SettingName[] {
  return SECRET_SETTINGS.filter((name) => {
    const key = `${CONFIG_NAMESPACE}:${name}`;
    return isSet(key) && !isSecret(key);
  });
}

/** The warning for one setting: names the key, where the value lies in plain text, and the fix; never the value. */
export function plainSecretMessage(name: SettingName): string {
  const key = `${CONFIG_NAMESPACE}:${name}`;
  return (
    `${key} is plain-text stack config: Pulumi keeps it unencrypted in Pulumi.<stack>.yaml and in the state ` +
    `(the whole stack config is stored as the default provider's inputs). Make it a secret: ` +
    `pulumi config set --secret ${key} <value>, or unset it and use the environment variable ` +
    `${SETTING_SOURCES[name].join(" or ")}; rotate the credential if the state or the file has been shared.`
  );
}

// The SDK knows which keys came as secrets (PULUMI_CONFIG_SECRET_KEYS) but types isConfigSecret as internal.
type SecretKeyLookup = (key: string) => boolean;
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: SecretKeyLookup }).isConfigSecret;

// Once per program run (the config cannot change within one): an Automation API process runs many
// programs, each with its own stack resource; the check then costs nothing for the other bans.
const checkedRuns = new WeakSet<object>();
const NO_STACK = {};

/** Emits one warning per plain-text secret setting, once per program run. */
export function warnPlainSecretConfig(): void {
  if (isConfigSecret === undefined) return; // an SDK that cannot tell: no guess
  const run = pulumi.runtime.getStackResource() ?? NO_STACK;
  if (checkedRuns.has(run)) return;
  checkedRuns.add(run);
  const isSet = (key: string) => (pulumi.runtime.getConfig(key) ?? "") !== "";
  for (const name of plainSecretSettings(isSet, isConfigSecret)) void pulumi.log.warn(plainSecretMessage(name));
}
