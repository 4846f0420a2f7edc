// Provider settings from stack config (`streamblock:*`, secrets decrypted) or the vendors' usual env vars.
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import type { AliyunCredentials, HuaweiCredentials, TencentCredentials } from "../vendors/credentials";
import { DEFAULT_RENEWAL_WINDOW_DAYS } from "./renewal-plan";
import { RateLimiter, type RateOverrides } from "../transport/rate-limiter";
import type { RetryPolicy } from "../transport/call-with-retries";
import { DEFAULT_ACCOUNT, accountEnvVar, isDefaultAccount } from "./vendor-account";
import { ALIYUN_REGION_ID, ALIYUN_REGION_RULE } from "../vendors/aliyun/aliyun-region";

/** Reads one stack config value by its full key (`streamblock:tencentSecretKey`). */
export type ConfigLookup = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "streamblock";

/** Every setting: its stack config key, and the environment variables that supply it otherwise. */
export const SETTING_SOURCES = {
  tencentSecretId: ["TENCENTCLOUD_SECRET_ID"],
  tencentSecretKey: ["TENCENTCLOUD_SECRET_KEY"],
  tencentSessionToken: ["TENCENTCLOUD_SESSION_TOKEN"],
  tencentEndpoint: ["STREAMBLOCK_TENCENT_ENDPOINT"],
  /** `mainland` (live.tencentcloudapi.com, the default) or `intl` (live.intl.tencentcloudapi.com); an endpoint wins over it. */
  tencentSite: ["STREAMBLOCK_TENCENT_SITE"],
  /** `stream-name` (Tencent's default: a ban matches the stream name on every domain) or `strict`. */
  tencentMatching: ["STREAMBLOCK_TENCENT_MATCHING"],
  aliyunAccessKeyId: ["ALIBABA_CLOUD_ACCESS_KEY_ID"],
  aliyunAccessKeySecret: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  aliyunSecurityToken: ["ALIBABA_CLOUD_SECURITY_TOKEN"],
  aliyunEndpoint: ["STREAMBLOCK_ALIYUN_ENDPOINT"],
  aliyunSignature: ["STREAMBLOCK_ALIYUN_SIGNATURE"],
  /** The account's region id (cn-shanghai, ap-southeast-1), sent as RegionId; the Alibaba Cloud CLI's variable. */
  aliyunRegion: ["ALIBABA_CLOUD_REGION_ID"],
  huaweiAk: ["HUAWEICLOUD_SDK_AK"],
  huaweiSk: ["HUAWEICLOUD_SDK_SK"],
  huaweiSecurityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN"],
  huaweiAuthToken: ["HUAWEICLOUD_SDK_AUTH_TOKEN"],
  huaweiProjectId: ["HUAWEICLOUD_SDK_PROJECT_ID"],
  huaweiRegion: ["HUAWEICLOUD_SDK_REGION", "HUAWEICLOUD_REGION"],
  huaweiEndpoint: ["STREAMBLOCK_HUAWEI_ENDPOINT"],
  renewalWindowDays: ["STREAMBLOCK_RENEWAL_WINDOW_DAYS"],
  /** Shifts the provider's clock; for sandbox demos and tests whose sandbox clock was moved. */
  clockOffsetSeconds: ["STREAMBLOCK_CLOCK_OFFSET_SECONDS"],
  /** `false` turns the client-side rate limiter off (the vendor still throttles). */
  rateLimit: ["STREAMBLOCK_RATE_LIMIT"],
  /** JSON overriding the documented limits with per-second rates (RateSetting), e.g. {"aliyun":{"qps":50,"actions":{"ForbidLiveStream":{"qps":40}}}}. */
  rateLimits: ["STREAMBLOCK_RATE_LIMITS"],
  /** How long one attempt waits for a vendor's answer before it is retried; default 15 (the HTTP client's). */
  requestTimeoutSeconds: ["STREAMBLOCK_REQUEST_TIMEOUT_SECONDS"],
  /** How long one operation may keep retrying (an unreachable vendor is retried until then); default 60. */
  retryDeadlineSeconds: ["STREAMBLOCK_RETRY_DEADLINE_SECONDS"],
  /** The longest wait between two attempts (jittered exponential backoff up to it); default 10. */
  retryMaxDelaySeconds: ["STREAMBLOCK_RETRY_MAX_DELAY_SECONDS"],
  /** `true`: deleting a ban this stack adopted (in force before it was declared) resumes it too. */
  liftAdoptedBans: ["STREAMBLOCK_LIFT_ADOPTED_BANS"],
} as const;

export type SettingName = keyof typeof SETTING_SOURCES;

/** The stack config key (`streamblock:accounts`) holding named accounts' settings: `{ vendor: { account: { field: value } } }`. */
export const ACCOUNTS_KEY = "accounts";

/**
 * The vendor whose account a setting belongs to (credentials, endpoint, region, account switches), or
 * undefined for the stack-wide ones (rate limits, retries, renewal window).
 */
export function settingVendor(name: SettingName): VendorId | undefined {
  const m = /^(tencent|aliyun|huawei)[A-Z]/.exec(name);
  return m ? (m[1] as VendorId) : undefined;
}

/** A per-account setting's field in `streamblock:accounts.<vendor>.<account>`: `tencentSecretKey` → `secretKey`. */
export function accountField(name: SettingName): string {
  const vendor = settingVendor(name)!;
  const rest = name.slice(vendor.length);
  return rest[0]!.toLowerCase() + rest.slice(1);
}

/** The stack config path of a named account's setting, as `pulumi config set --path` takes it. */
export function accountConfigPath(name: SettingName, account: string): string {
  return `${CONFIG_NAMESPACE}:${ACCOUNTS_KEY}.${settingVendor(name)}.${account}.${accountField(name)}`;
}

/** The environment variables that supply a setting for `account` (the usual ones for the default account). */
export function settingEnvVars(name: SettingName, account: string = DEFAULT_ACCOUNT): string[] {
  return SETTING_SOURCES[name].map((v) => accountEnvVar(v, account));
}

/** Settings that are credentials: set them with `pulumi config set --secret`, never print them. */
export const SECRET_SETTINGS: readonly SettingName[] = [
  "tencentSecretKey",
  "tencentSessionToken",
  "aliyunAccessKeySecret",
  "aliyunSecurityToken",
  "huaweiSk",
  "huaweiSecurityToken",
  "huaweiAuthToken",
];

/** A setting is missing or malformed; the message names the config key and the variables to set. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/** One setting a vendor needs and nobody set. */
export interface MissingSetting {
  name: SettingName;
  /** Set it with `pulumi config set --secret`. */
  secret: boolean;
  /** A setting that would do instead (Huawei's IAM token instead of AK/SK). */
  instead?: SettingName;
}

/** Where the settings come from: the provider reads stack config, then the environment; the CLI only the environment. */
export type SettingsSource = "stack-or-env" | "env";

/**
 * Every setting `vendor` needs that `get` (config, then environment) leaves unset, in a fixed order:
 * Tencent and Aliyun a key id and secret; Huawei: a project id; AK and SK, or an IAM token; a region unless an endpoint is set.
 */
export function missingSettings(vendor: VendorId, get: (name: SettingName) => string | undefined): MissingSetting[] {
  const missing: MissingSetting[] = [];
  const need = (name: SettingName, instead?: SettingName) => {
    const secret = SECRET_SETTINGS.includes(name);
    if (get(name) === undefined) missing.push(instead ? { name, secret, instead } : { name, secret });
  };
  if (vendor === "tencent") {
    need("tencentSecretId");
    need("tencentSecretKey");
  } else if (vendor === "aliyun") {
    need("aliyunAccessKeyId");
    need("aliyunAccessKeySecret");
  } else {
    need("huaweiProjectId");
    // An IAM token replaces AK/SK only when no AK is set (an AK means the user chose AK/SK signing).
    const tokenOnly = get("huaweiAuthToken") !== undefined && get("huaweiAk") === undefined;
    if (!tokenOnly) {
      need("huaweiAk", "huaweiAuthToken");
      need("huaweiSk", "huaweiAuthToken");
    }
    if (get("huaweiEndpoint") === undefined) need("huaweiRegion");
  }
  return missing;
}

/**
 * One line naming every missing setting and how to set it: for the provider, the stack config key and
 * the environment variable; for the CLI, which reads no stack, the environment variables only. A named
 * account's settings live under `streamblock:accounts.<vendor>.<account>` and in variables ending `__<ACCOUNT>`.
 */
export function describeMissing(vendor: VendorId, missing: MissingSetting[], source: SettingsSource, account: string = DEFAULT_ACCOUNT): string {
  const who = isDefaultAccount(account) ? vendor : `${vendor} account ${account}`;
  if (source === "env") {
    const vars = missing.map((m) => {
      const own = settingEnvVars(m.name, account).join(" or ");
      return m.instead ? `${own} (or ${settingEnvVars(m.instead, account).join(" or ")} instead of AK/SK)` : own;
    });
    return `${who}: missing environment variable${missing.length === 1 ? "" : "s"} ${vars.join(", ")} (the streamblock CLI reads credentials from the environment only)`;
  }
  const keyOf = (name: SettingName) => (isDefaultAccount(account) ? `${CONFIG_NAMESPACE}:${name}` : accountConfigPath(name, account));
  const parts = missing.map((m) => {
    const key = keyOf(m.name);
    const how = `pulumi config set ${m.secret ? "--secret " : ""}${isDefaultAccount(account) ? key : `--path '${key}'`} <value>`;
    const instead = m.instead ? `, or instead ${keyOf(m.instead)} / ${settingEnvVars(m.instead, account).join(" or ")}` : "";
    const label = isDefaultAccount(account) ? m.name : accountField(m.name);
    return `missing ${label}: set the stack config ${key} (${how}) or the environment variable ${settingEnvVars(m.name, account).join(" or ")}${instead}`;
  });
  return `${who}: ${parts.join("; ")}`;
}

export class ProviderSettings {
  constructor(
    private readonly config: ConfigLookup,
    private readonly env: NodeJS.ProcessEnv,
    /** Only for messages: the CLI reads no stack config, so its errors name environment variables only. */
    readonly source: SettingsSource = "stack-or-env",
    /** Whose vendor settings these are: a named account reads only its own (never the default account's credentials). */
    readonly account: string = DEFAULT_ACCOUNT,
  ) {}

  /** The same settings for a vendor account: its credentials, endpoint and switches; the stack-wide settings as they are. */
  forAccount(account: string | undefined): ProviderSettings {
    const a = account ?? DEFAULT_ACCOUNT;
    return a === this.account ? this : new ProviderSettings(this.config, this.env, this.source, a);
  }

  get(name: SettingName): string | undefined {
    const named = !isDefaultAccount(this.account) && settingVendor(name) !== undefined;
    const fromConfig = named ? this.accountConfig(name) : this.config(`${CONFIG_NAMESPACE}:${name}`);
    if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
    for (const v of named ? settingEnvVars(name, this.account) : SETTING_SOURCES[name]) {
      const value = this.env[v];
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  }

  /** A named account's setting from `streamblock:accounts` (a JSON object as the engine passes structured config). */
  private accountConfig(name: SettingName): string | undefined {
    const raw = this.config(`${CONFIG_NAMESPACE}:${ACCOUNTS_KEY}`) as unknown;
    if (raw === undefined || raw === "") return undefined;
    let all: unknown = raw;
    if (typeof raw === "string") {
      try {
        all = JSON.parse(raw);
      } catch {
        all = undefined;
      }
    }
    if (typeof all !== "object" || all === null || Array.isArray(all)) {
      throw new SettingsError(
        `${CONFIG_NAMESPACE}:${ACCOUNTS_KEY} must be an object of vendors, accounts and settings, set with ` +
          `pulumi config set --path '${CONFIG_NAMESPACE}:${ACCOUNTS_KEY}.tencent.brand-b.secretId' <value>`,
      );
    }
    const value = unwrapSecret(unwrapSecret(unwrapSecret(all as Record<string, unknown>)[settingVendor(name)!] as Record<string, unknown> | undefined)?.[this.account] as Record<string, unknown> | undefined)?.[accountField(name)];
    const plain = unwrapSecret(value as Record<string, unknown> | undefined) as unknown;
    return typeof plain === "string" || typeof plain === "number" || typeof plain === "boolean" ? String(plain) : undefined;
  }

  /** How messages name a setting: the CLI reads only environment variables, so it names the variable. */
  private label(name: SettingName): string {
    if (this.source === "env") return settingEnvVars(name, this.account)[0]!;
    return isDefaultAccount(this.account) || settingVendor(name) === undefined ? name : accountConfigPath(name, this.account);
  }

  /** Every setting `vendor` needs that is unset (no vendor call); empty when the vendor can be called. */
  missing(vendor: VendorId): MissingSetting[] {
    return missingSettings(vendor, (name) => this.get(name));
  }

  /**
   * For check(): why a resource of `vendor` (and `account`, default this one's) cannot be applied with
   * these settings (every missing one), or undefined. A vendor still unknown during preview is not judged yet.
   */
  unsetFor(vendor: string, account?: string): string | undefined {
    if (!isVendorId(vendor)) return undefined;
    const scoped = this.forAccount(account ?? this.account);
    const missing = scoped.missing(vendor);
    return missing.length > 0 ? describeMissing(vendor, missing, this.source, scoped.account) : undefined;
  }

  /** Throws a SettingsError naming every missing setting of `vendor`, with where each is set. */
  requireComplete(vendor: VendorId): void {
    const missing = this.missing(vendor);
    if (missing.length > 0) throw new SettingsError(describeMissing(vendor, missing, this.source, this.account));
  }

  tencentCredentials(): TencentCredentials {
    this.requireComplete("tencent");
    return { secretId: this.get("tencentSecretId")!, secretKey: this.get("tencentSecretKey")!, sessionToken: this.get("tencentSessionToken") };
  }

  aliyunCredentials(): AliyunCredentials {
    this.requireComplete("aliyun");
    return { accessKeyId: this.get("aliyunAccessKeyId")!, accessKeySecret: this.get("aliyunAccessKeySecret")!, securityToken: this.get("aliyunSecurityToken") };
  }

  huaweiCredentials(): HuaweiCredentials {
    this.requireComplete("huawei");
    const projectId = this.get("huaweiProjectId")!;
    const authToken = this.get("huaweiAuthToken");
    if (authToken !== undefined && this.get("huaweiAk") === undefined) return { kind: "token", authToken, projectId };
    return { kind: "aksk", ak: this.get("huaweiAk")!, sk: this.get("huaweiSk")!, securityToken: this.get("huaweiSecurityToken"), projectId };
  }

  renewalWindowDays(): number {
    const raw = this.get("renewalWindowDays");
    if (raw === undefined) return DEFAULT_RENEWAL_WINDOW_DAYS;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n >= 90) {
      throw new SettingsError(`${this.label("renewalWindowDays")} must be a number of days between 0 and 90 (exclusive), got "${raw}"`);
    }
    return n;
  }

  clockOffsetMs(): number {
    const raw = this.get("clockOffsetSeconds");
    const n = raw === undefined ? 0 : Number(raw);
    if (!Number.isFinite(n)) throw new SettingsError(`${this.label("clockOffsetSeconds")} must be a number, got "${raw}"`);
    return n * 1000;
  }

  /** The per-attempt answer timeout, or undefined for the HTTP client's default. */
  requestTimeoutMs(): number | undefined {
    const raw = this.get("requestTimeoutSeconds");
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > 600) {
      throw new SettingsError(`${this.label("requestTimeoutSeconds")} must be a number of seconds above 0 and at most 600, got "${raw}"`);
    }
    return Math.round(n * 1000);
  }

  /** The retry deadline and backoff cap from settings; what is not set keeps callWithRetries' default. */
  retryPolicy(): Partial<RetryPolicy> {
    const seconds = (name: "retryDeadlineSeconds" | "retryMaxDelaySeconds", max: number): number | undefined => {
      const raw = this.get(name);
      if (raw === undefined) return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0 || n > max) {
        throw new SettingsError(`${name} must be a number of seconds above 0 and at most ${max}, got "${raw}"`);
      }
      return Math.round(n * 1000);
    };
    const policy: Partial<RetryPolicy> = {};
    const deadlineMs = seconds("retryDeadlineSeconds", 3600);
    const maxDelayMs = seconds("retryMaxDelaySeconds", 600);
    if (deadlineMs !== undefined) policy.deadlineMs = deadlineMs;
    if (maxDelayMs !== undefined) policy.maxDelayMs = maxDelayMs;
    return policy;
  }

  /**
   * tencent.md §3.1: by default Tencent matches a ban on the stream name alone; domain+app+stream
   * matching is an account switch enabled by a support ticket.
   */
  tencentMatching(): "stream-name" | "strict" {
    const v = this.get("tencentMatching") ?? "stream-name";
    if (v !== "stream-name" && v !== "strict") {
      throw new SettingsError(`${this.label("tencentMatching")} must be "stream-name" (Tencent's default) or "strict", got "${v}"`);
    }
    return v;
  }

  /** tencent.md §1: the mainland site's host is the default; international accounts use the intl host. */
  tencentSite(): "mainland" | "intl" {
    const v = this.get("tencentSite") ?? "mainland";
    if (v !== "mainland" && v !== "intl") throw new SettingsError(`${this.label("tencentSite")} must be "mainland" (the default) or "intl", got "${v}"`);
    return v;
  }

  /**
   * aliyun.md §1, §2.1, §3: the region id every Aliyun call carries as RegionId (the host stays
   * live.aliyuncs.com: every region maps to it), or undefined to send none.
   */
  aliyunRegion(): string | undefined {
    const v = this.get("aliyunRegion");
    if (v !== undefined && !ALIYUN_REGION_ID.test(v)) throw new SettingsError(`${this.label("aliyunRegion")} must be ${ALIYUN_REGION_RULE}, got "${v}"`);
    return v;
  }

  /** Per-vendor/action rate overrides (raised quotas, say), as RateLimiter takes them. */
  rateOverrides(): RateOverrides | undefined {
    const raw = this.get("rateLimits");
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SettingsError(`${this.label("rateLimits")} must be JSON such as {"aliyun":{"qps":50}}, got ${JSON.stringify(raw)}`);
    }
    try {
      new RateLimiter({ overrides: parsed as RateOverrides });
    } catch (e) {
      throw new SettingsError(`${this.label("rateLimits")}: ${(e as Error).message}`);
    }
    return parsed as RateOverrides;
  }

  /** Adopted bans belong to whoever made them: a delete leaves them in force unless this is `true`. */
  liftAdoptedBans(): boolean {
    const v = this.get("liftAdoptedBans") ?? "false";
    if (v !== "true" && v !== "false") throw new SettingsError(`liftAdoptedBans must be "true" or "false", got "${v}"`);
    return v === "true";
  }

  rateLimitEnabled(): boolean {
    return this.get("rateLimit") !== "false";
  }
}

/** Structured config may carry a nested secret in the engine's wrapped form; settings need the value. */
function unwrapSecret<T>(v: T): T {
  const SIG = "4dabf18193072939515e22adb298388d";
  if (v && typeof v === "object" && (v as Record<string, unknown>)[SIG] === "1b47061264138c4ac30d75fd1eb44270") {
    return (v as Record<string, unknown>).value as T;
  }
  return v;
}
