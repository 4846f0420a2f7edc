// Provider settings from stack config (`streamblock:*`, secrets decrypted) or the vendors' usual env vars.
import { isVendorId, type VendorId } from "../vendors/vendor-id";
import type { AliyunCredentials, HuaweiCredentials, TencentCredentials } from "../vendors/credentials";
import { DEFAULT_RENEWAL_WINDOW_DAYS } from "./renewal-plan";
import { RateLimiter, type RateOverrides } from "../transport/rate-limiter";
import type { RetryPolicy } from "../transport/call-with-retries";

/** Reads one stack config value by its full key (`streamblock:tencentSecretKey`). */
export type ConfigLookup = (key: string) => string | undefined;

export const CONFIG_NAMESPACE = "streamblock";

/** Every setting: its stack config key, and the environment variables that supply it otherwise. */
export const SETTING_SOURCES = {
  tencentSecretId: ["TENCENTCLOUD_SECRET_ID"],
  tencentSecretKey: ["TENCENTCLOUD_SECRET_KEY"],
  tencentSessionToken: ["TENCENTCLOUD_SESSION_TOKEN"],
  tencentEndpoint: ["STREAMBLOCK_TENCENT_ENDPOINT"],
  /** `stream-name` (Tencent's default: a ban matches the stream name on every domain) or `strict`. */
  tencentMatching: ["STREAMBLOCK_TENCENT_MATCHING"],
  aliyunAccessKeyId: ["ALIBABA_CLOUD_ACCESS_KEY_ID"],
  aliyunAccessKeySecret: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
  aliyunSecurityToken: ["ALIBABA_CLOUD_SECURITY_TOKEN"],
  aliyunEndpoint: ["STREAMBLOCK_ALIYUN_ENDPOINT"],
  aliyunSignature: ["STREAMBLOCK_ALIYUN_SIGNATURE"],
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
  /** JSON overriding the documented QPS, e.g. {"aliyun":{"qps":50,"actions":{"ForbidLiveStream":{"qps":40}}}}. */
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
 * the environment variable; for the CLI, which reads no stack, the environment variables only.
 */
export function describeMissing(vendor: VendorId, missing: MissingSetting[], source: SettingsSource): string {
  if (source === "env") {
    const vars = missing.map((m) => {
      const own = SETTING_SOURCES[m.name].join(" or ");
      return m.instead ? `${own} (or ${SETTING_SOURCES[m.instead].join(" or ")} instead of AK/SK)` : own;
    });
    return `${vendor}: missing environment variable${missing.length === 1 ? "" : "s"} ${vars.join(", ")} (the streamblock CLI reads credentials from the environment only)`;
  }
  const parts = missing.map((m) => {
    const key = `${CONFIG_NAMESPACE}:${m.name}`;
    const how = `pulumi config set ${m.secret ? "--secret " : ""}${key} <value>`;
    const instead = m.instead ? `, or instead ${CONFIG_NAMESPACE}:${m.instead} / ${SETTING_SOURCES[m.instead].join(" or ")}` : "";
    return `missing ${m.name}: set the stack config ${key} (${how}) or the environment variable ${SETTING_SOURCES[m.name].join(" or ")}${instead}`;
  });
  return `${vendor}: ${parts.join("; ")}`;
}

export class ProviderSettings {
  constructor(
    private readonly config: ConfigLookup,
    private readonly env: NodeJS.ProcessEnv,
    /** Only for messages: the CLI reads no stack config, so its errors name environment variables only. */
    readonly source: SettingsSource = "stack-or-env",
  ) {}

  get(name: SettingName): string | undefined {
    const fromConfig = this.config(`${CONFIG_NAMESPACE}:${name}`);
    if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
    for (const v of SETTING_SOURCES[name]) {
      const value = this.env[v];
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  }

  /** How messages name a setting: the CLI reads only environment variables, so it names the variable. */
  private label(name: SettingName): string {
    return this.source === "env" ? SETTING_SOURCES[name][0] : name;
  }

  /** Every setting `vendor` needs that is unset (no vendor call); empty when the vendor can be called. */
  missing(vendor: VendorId): MissingSetting[] {
    return missingSettings(vendor, (name) => this.get(name));
  }

  /**
   * For check(): why a resource of `vendor` cannot be applied with these settings (every missing one),
   * or undefined. A vendor still unknown during preview is not judged yet.
   */
  unsetFor(vendor: string): string | undefined {
    if (!isVendorId(vendor)) return undefined;
    const missing = this.missing(vendor);
    return missing.length > 0 ? describeMissing(vendor, missing, this.source) : undefined;
  }

  /** Throws a SettingsError naming every missing setting of `vendor`, with where each is set. */
  requireComplete(vendor: VendorId): void {
    const missing = this.missing(vendor);
    if (missing.length > 0) throw new SettingsError(describeMissing(vendor, missing, this.source));
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
