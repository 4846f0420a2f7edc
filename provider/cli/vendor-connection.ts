// What ls, export, kick and resume share: the --vendor/--domain options, an adapter built from the environment, and error reporting.
import type { StreamKey, VendorAdapter } from "../vendors/adapter";
import { DEFAULT_APP, checkInputs } from "../resource/stream-block-inputs";
import type { AdapterOptions } from "../vendors/adapter-runtime";
import { VENDOR_IDS, isVendorId, type VendorId } from "../vendors/vendor-id";
import { ProviderSettings } from "../resource/provider-settings";
import { createAdapter } from "../resource/adapter-factory";
import { RateLimiter } from "../transport/rate-limiter";
import { closeSharedHttpClient } from "../transport/http-client";
import { UsageError, runCommand } from "./run-command";
import { ACCOUNT_NAME, ACCOUNT_NAME_RULE, DEFAULT_ACCOUNT } from "../resource/vendor-account";

/** The text that names the environment variables each vendor reads (never their values). */
export const CREDENTIALS_HELP = `Credentials and endpoints come from these environment variables (the CLI reads no stack config):
  tencent  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY [, TENCENTCLOUD_SESSION_TOKEN, STREAMBLOCK_TENCENT_ENDPOINT]
  aliyun   ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET [, ALIBABA_CLOUD_SECURITY_TOKEN, ALIBABA_CLOUD_REGION_ID,
           STREAMBLOCK_ALIYUN_ENDPOINT]
  huawei   HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (or HUAWEICLOUD_SDK_AUTH_TOKEN), HUAWEICLOUD_SDK_PROJECT_ID,
           HUAWEICLOUD_SDK_REGION [, STREAMBLOCK_HUAWEI_ENDPOINT]
  STREAMBLOCK_RATE_LIMIT=false turns the client-side rate limiter off.
  --account NAME reads a named vendor account's variables instead: the same names ending __NAME in capitals
  with "-" as "_" (--account brand-b: TENCENTCLOUD_SECRET_ID__BRAND_B, ..., STREAMBLOCK_TENCENT_ENDPOINT__BRAND_B).`;

/** Checks a --vendor value. */
export function parseVendor(value: string | undefined): VendorId {
  if (value === undefined) throw new UsageError(`--vendor is required: one of ${VENDOR_IDS.join(", ")}`);
  if (!isVendorId(value)) throw new UsageError(`--vendor must be one of ${VENDOR_IDS.join(", ")}, got "${value}"`);
  return value;
}

/** Checks an --account value; none is the default account. */
export function parseAccount(value: string | undefined): string {
  if (value === undefined) return DEFAULT_ACCOUNT;
  if (!ACCOUNT_NAME.test(value)) throw new UsageError(`--account: ${ACCOUNT_NAME_RULE}, got "${value}"`);
  return value;
}

/** Checks --domain values (one or more), lower-cased as StreamBlock keys them. */
export function parseDomains(values: string[] | undefined): string[] {
  if (!values || values.length === 0) throw new UsageError("--domain is required (a push domain, e.g. push.example.com)");
  return [...new Set(values.map((d) => d.toLowerCase()))];
}

/** The options of a command that acts on one stream (kick, resume). */
export const ONE_STREAM_OPTIONS = {
  vendor: { type: "string" },
  account: { type: "string" },
  domain: { type: "string", multiple: true },
  app: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * The one stream a command acts on, from --vendor, --domain, --app and the STREAM argument, checked by
 * StreamBlock's own rules (no wildcards, no "/" in the app, a real domain) before any vendor call.
 */
export function parseOneStream(
  verb: string,
  values: { vendor?: string; account?: string; domain?: string[]; app?: string },
  positionals: string[],
): { vendor: VendorId; account: string; key: StreamKey } {
  const vendor = parseVendor(values.vendor);
  const account = parseAccount(values.account);
  const domains = parseDomains(values.domain);
  if (domains.length > 1) throw new UsageError(`${verb} takes one --domain`);
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`give exactly one STREAM to ${verb}`);
  const key = { domain: domains[0]!, app: values.app ?? DEFAULT_APP, stream: positionals[0] };
  const checked = checkInputs({ vendor, ...key }, { now: new Date() });
  if (checked.failures.length > 0) throw new UsageError(checked.failures.map((f) => f.reason).join("; "));
  return { vendor, account, key };
}

/** The environment's settings: the CLI has no stack, so only the provider's environment variables count. */
export function envSettings(env: NodeJS.ProcessEnv): ProviderSettings {
  return new ProviderSettings(() => undefined, env, "env");
}

/** The adapter for `vendor` (and a named `account`), configured as the provider would be from these environment variables. */
export function adapterFromEnv(vendor: VendorId, env: NodeJS.ProcessEnv, account: string = DEFAULT_ACCOUNT): VendorAdapter {
  const settings = envSettings(env).forAccount(account);
  const offset = settings.clockOffsetMs();
  const options: AdapterOptions = { now: () => new Date(Date.now() + offset) };
  if (!settings.rateLimitEnabled()) options.limiter = new RateLimiter({ enabled: false });
  return createAdapter(vendor, settings, options);
}

/** Runs a command that calls a vendor, closing the shared HTTP pools afterwards so the process exits at once. */
export function runVendorCommand(name: string, help: string, body: () => Promise<number>): Promise<number> {
  return runCommand(name, help, body, closeSharedHttpClient);
}
