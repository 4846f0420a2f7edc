// Vendor account names: the `default` account (today's single credential set) and named ones, and how each is spelled in env vars and ids.

/** The account a StreamBlock, a blocklist vendor section or a CLI command uses when none is named. */
export const DEFAULT_ACCOUNT = "default";

/** Lower-case letters, digits and inner hyphens, at most 32: safe in resource names, config paths and env var names. */
export const ACCOUNT_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

export const ACCOUNT_NAME_RULE = 'an account name is lower-case letters, digits and inner hyphens, at most 32 characters, e.g. "brand-b"';

export function isDefaultAccount(account: string | undefined): boolean {
  return account === undefined || account === DEFAULT_ACCOUNT;
}

/** The account name's env var suffix: `brand-b` → `__BRAND_B` (appended to the setting's usual variable). */
export function accountEnvSuffix(account: string): string {
  return `__${account.toUpperCase().replace(/-/g, "_")}`;
}

/** A named account's variable for a setting's usual one: `TENCENTCLOUD_SECRET_KEY` → `TENCENTCLOUD_SECRET_KEY__BRAND_B`. */
export function accountEnvVar(variable: string, account: string): string {
  return isDefaultAccount(account) ? variable : `${variable}${accountEnvSuffix(account)}`;
}

/** What is one vendor account inside this process: `tencent` for the default account, `tencent/brand-b` otherwise. */
export function accountScope(vendor: string, account: string | undefined): string {
  return isDefaultAccount(account) ? vendor : `${vendor}/${account}`;
}

/** The inverse of accountScope. */
export function parseAccountScope(scope: string): { vendor: string; account: string } {
  const i = scope.indexOf("/");
  return i < 0 ? { vendor: scope, account: DEFAULT_ACCOUNT } : { vendor: scope.slice(0, i), account: scope.slice(i + 1) };
}
