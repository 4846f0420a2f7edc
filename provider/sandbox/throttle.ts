// Per-account, per-action rate limiting at each vendor's documented QPS (token buckets, burst = one second).
import type { VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";

/** How the sandbox throttles; by default ON at the documented rates of VENDOR_LIMITS. */
export interface ThrottleOptions {
  /** @default true */
  enabled?: boolean;
  /** Multiplies every rate (0.5 halves them, 10 makes them ten times looser). @default 1 */
  scale?: number;
  /** Replaces single rates, per vendor and action name (requests per second). */
  qps?: Partial<Record<VendorId, Record<string, number>>>;
}

/** The throttle's current settings, as the admin API shows them. */
export interface ThrottleSettings {
  enabled: boolean;
  scale: number;
  qps: Record<VendorId, Record<string, number>>;
}

/** The answer to one request: allowed, or refused with how long until a token is free. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number; qps: number };

interface Bucket {
  tokens: number;
  lastMs: number;
}

/** Token buckets keyed by vendor, account and action; time comes from a monotonic source, not the sandbox clock. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private enabled: boolean;
  private scale: number;
  private readonly qps: Record<VendorId, Record<string, number>>;

  /**
   * @param options rates and switches
   * @param nowMs monotonic milliseconds (moving the sandbox clock must not refill buckets)
   */
  constructor(
    options: ThrottleOptions = {},
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.enabled = options.enabled ?? true;
    this.scale = validScale(options.scale ?? 1);
    this.qps = {
      huawei: { ...VENDOR_LIMITS.huawei.qps, ...options.qps?.huawei },
      tencent: { ...VENDOR_LIMITS.tencent.qps, ...options.qps?.tencent },
      aliyun: { ...VENDOR_LIMITS.aliyun.qps, ...options.qps?.aliyun },
    };
  }

  /** Takes one token for the call, or says how long to wait. Actions without a documented rate are never throttled. */
  take(vendor: VendorId, account: string, action: string): ThrottleDecision {
    const base = this.qps[vendor][action];
    if (!this.enabled || base === undefined) return { allowed: true };
    const rate = base * this.scale;
    const capacity = Math.max(1, rate);
    const key = `${vendor}\u0000${account}\u0000${action}`;
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, lastMs: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.lastMs) * rate) / 1000);
    bucket.lastMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * 1000) / rate), qps: rate };
  }

  /** Changes settings at run time; buckets start full again. */
  configure(options: ThrottleOptions): void {
    if (options.enabled !== undefined) this.enabled = options.enabled;
    if (options.scale !== undefined) this.scale = validScale(options.scale);
    for (const vendor of Object.keys(options.qps ?? {}) as VendorId[]) {
      Object.assign(this.qps[vendor], options.qps?.[vendor]);
    }
    this.buckets.clear();
  }

  /** Current settings. */
  settings(): ThrottleSettings {
    return {
      enabled: this.enabled,
      scale: this.scale,
      qps: { huawei: { ...this.qps.huawei }, tencent: { ...this.qps.tencent }, aliyun: { ...this.qps.aliyun } },
    };
  }

  /** Refills every bucket. */
  reset(): void {
    this.buckets.clear();
  }
}

function validScale(scale: number): number {
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError("throttle scale must be a positive number");
  return scale;
}
