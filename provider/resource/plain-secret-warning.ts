// Warns on preview and up when a credential is plain-text stack config, which Pulumi keeps unencrypted in the state.
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNTS_KEY, CONFIG_NAMESPACE, SECRET_SETTINGS, SETTING_SOURCES, accountConfigPath, accountField, settingEnvVars, settingVendor, type SettingName } from "./provider-settings";

export { SECRET_SETTINGS };

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

/**
 * The secret settings of named accounts in a `streamblock:accounts` value that is not a secret: each as
 * `[setting, account]`. (Pulumi marks the whole key secret once any value under it was set with --secret.)
 */
export function plainAccountSecrets(raw: string | undefined): [SettingName, string][] {
  if (raw === undefined || raw === "") return [];
  let all: unknown;
  try {
    all = JSON.parse(raw);
  } catch {
    return [];
  }
  const out: [SettingName, string][] = [];
  for (const name of SECRET_SETTINGS) {
    const byAccount = (all as Record<string, Record<string, Record<string, unknown>> | undefined> | null)?.[settingVendor(name)!];
    for (const [account, fields] of Object.entries(byAccount ?? {})) {
      const v = fields?.[accountField(name)];
      if (v !== undefined && v !== "") out.push([name, account]);
    }
  }
  return out;
}

/** The warning for a named account's plain secret: its config path, the --secret --path fix and its variable. */
export function plainAccountSecretMessage(name: SettingName, account: string): string {
  const key = accountConfigPath(name, account);
  return (
    `${key} is plain-text stack config: Pulumi keeps it unencrypted in Pulumi.<stack>.yaml and in the state. Make it a secret: ` +
    `pulumi config set --secret --path '${key}' <value>, or unset it and use the environment variable ` +
    `${settingEnvVars(name, account).join(" or ")}; rotate the credential if the state or the file has been shared.`
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
  const accountsKey = `${CONFIG_NAMESPACE}:${ACCOUNTS_KEY}`;
  if (!isConfigSecret(accountsKey)) {
    for (const [name, account] of plainAccountSecrets(pulumi.runtime.getConfig(accountsKey))) void pulumi.log.warn(plainAccountSecretMessage(name, account));
  }
}
