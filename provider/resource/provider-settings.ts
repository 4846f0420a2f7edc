// Provider settings from stack config (`streamblock:*`, secrets decrypted) or the vendors' usual env vars.
import type { VendorId } from "../vendors/vendor-id";
import type { AliyunCredentials, HuaweiCredentials, TencentCredentials } from "../vendors/credentials";
import { DEFAULT_RENEWAL_WINDOW_DAYS } from "./renewal-plan";
import { RateLimiter, type RateOverrides } from "../transport/rate-limiter";

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
  /** `true`: deleting a ban this stack adopted (in force before it was declared) resumes it too. */
  liftAdoptedBans: ["STREAMBLOCK_LIFT_ADOPTED_BANS"],
} as const;

export type SettingName = keyof typeof SETTING_SOURCES;

/** A setting is missing or malformed; the message names the config key and the variables to set. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

export class ProviderSettings {
  constructor(
    private readonly config: ConfigLookup,
    private readonly env: NodeJS.ProcessEnv,
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

  require(name: SettingName, vendor: VendorId, secret: boolean): string {
    const v = this.get(name);
    if (v !== undefined) return v;
    const vars = SETTING_SOURCES[name].join(" or ");
    const how = `pulumi config set ${secret ? "--secret " : ""}${CONFIG_NAMESPACE}:${name} <value>`;
    throw new SettingsError(`${vendor}: missing ${name}: set the stack config ${CONFIG_NAMESPACE}:${name} (${how}) or the environment variable ${vars}`);
  }

  tencentCredentials(): TencentCredentials {
    return {
      secretId: this.require("tencentSecretId", "tencent", false),
      secretKey: this.require("tencentSecretKey", "tencent", true),
      sessionToken: this.get("tencentSessionToken"),
    };
  }

  aliyunCredentials(): AliyunCredentials {
    return {
      accessKeyId: this.require("aliyunAccessKeyId", "aliyun", false),
      accessKeySecret: this.require("aliyunAccessKeySecret", "aliyun", true),
      securityToken: this.get("aliyunSecurityToken"),
    };
  }

  huaweiCredentials(): HuaweiCredentials {
    const projectId = this.require("huaweiProjectId", "huawei", false);
    const authToken = this.get("huaweiAuthToken");
    if (authToken !== undefined && this.get("huaweiAk") === undefined) return { kind: "token", authToken, projectId };
    return {
      kind: "aksk",
      ak: this.require("huaweiAk", "huawei", false),
      sk: this.require("huaweiSk", "huawei", true),
      securityToken: this.get("huaweiSecurityToken"),
      projectId,
    };
  }

  renewalWindowDays(): number {
    const raw = this.get("renewalWindowDays");
    if (raw === undefined) return DEFAULT_RENEWAL_WINDOW_DAYS;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n >= 90) {
      throw new SettingsError(`renewalWindowDays must be a number of days between 0 and 90 (exclusive), got "${raw}"`);
    }
    return n;
  }

  clockOffsetMs(): number {
    const raw = this.get("clockOffsetSeconds");
    const n = raw === undefined ? 0 : Number(raw);
    if (!Number.isFinite(n)) throw new SettingsError(`clockOffsetSeconds must be a number, got "${raw}"`);
    return n * 1000;
  }

  /** The per-attempt answer timeout, or undefined for the HTTP client's default. */
  requestTimeoutMs(): number | undefined {
    const raw = this.get("requestTimeoutSeconds");
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > 600) {
      throw new SettingsError(`requestTimeoutSeconds must be a number of seconds above 0 and at most 600, got "${raw}"`);
    }
    return Math.round(n * 1000);
  }

  /**
   * tencent.md §3.1: by default Tencent matches a ban on the stream name alone; domain+app+stream
   * matching is an account switch enabled by a support ticket.
   */
  tencentMatching(): "stream-name" | "strict" {
    const v = this.get("tencentMatching") ?? "stream-name";
    if (v !== "stream-name" && v !== "strict") {
      throw new SettingsError(`tencentMatching must be "stream-name" (Tencent's default) or "strict", got "${v}"`);
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
      throw new SettingsError(`rateLimits must be JSON such as {"aliyun":{"qps":50}}, got ${JSON.stringify(raw)}`);
    }
    try {
      new RateLimiter({ overrides: parsed as RateOverrides });
    } catch (e) {
      throw new SettingsError(`rateLimits: ${(e as Error).message}`);
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
