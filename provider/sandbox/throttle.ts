// Per-account and per-API call limits at each vendor's documented figures: token buckets for QPS, exact windows for per-minute limits.
import type { VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS, type CallLimit } from "../vendors/vendor-limits";

/** How the sandbox throttles; by default ON at the documented limits of VENDOR_LIMITS. */
export interface ThrottleOptions {
  /** @default true */
  enabled?: boolean;
  /** Multiplies every limit: rates, and the counts of per-minute limits (0.5 halves them, 10 makes them ten times looser). @default 1 */
  scale?: number;
  /**
   * Replaces single limits, per vendor and action name, with a rate in requests per second per account
   * (no per-API cap); null puts the documented limit back.
   */
  qps?: Partial<Record<VendorId, Record<string, number | null>>>;
}

/** The throttle's current settings, as the admin API shows them. */
export interface ThrottleSettings {
  enabled: boolean;
  scale: number;
  /** Per-second rates in force: the documented QPS figures and the `qps` overrides. */
  qps: Record<VendorId, Record<string, number>>;
  /** Every throttled action's limit before scaling (a `qps` override shows as a one-second window). */
  limits: Record<VendorId, Record<string, CallLimit>>;
}

/** Which limit refused a call: `count` calls per `windowSeconds` for one account, or for all accounts together. */
export interface RefusedLimit {
  count: number;
  windowSeconds: number;
  scope: "account" | "api";
}

/** The answer to one request: allowed, or refused with how long until it would be admitted. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number; limit: RefusedLimit };

/** One limit's state: how long until it admits a call (0: now), and taking one call. */
interface Meter {
  waitMs(now: number): number;
  take(now: number): void;
}

/** Burst = one second's worth (at least one call), refilled continuously at `rate` per second. */
class TokenBucket implements Meter {
  private tokens: number;
  private lastMs: number;
  private readonly capacity: number;

  constructor(
    private readonly rate: number,
    now: number,
  ) {
    this.capacity = Math.max(1, rate);
    this.tokens = this.capacity;
    this.lastMs = now;
  }

  waitMs(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.lastMs) * this.rate) / 1000);
    this.lastMs = Math.max(this.lastMs, now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }

  take(): void {
    this.tokens -= 1;
  }
}

/**
 * At most `count` calls in any `windowMs`: the admission times of the last `count` calls, oldest first.
 * A bucket of `count` refilled at count/window would let nearly twice `count` through one window.
 */
class SlidingWindow implements Meter {
  private readonly times: number[] = [];

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  waitMs(now: number): number {
    return this.times.length < this.count ? 0 : Math.max(0, Math.ceil(this.times[0]! + this.windowMs - now));
  }

  take(now: number): void {
    this.times.push(now);
    if (this.times.length > this.count) this.times.shift();
  }
}

/** A scaled limit for one scope. */
interface ScopeLimit extends RefusedLimit {
  /** Calls per second for a token bucket; undefined for a window. */
  rate?: number;
}

/** Meters keyed by vendor, account and action, and by vendor and action across accounts; time comes from a monotonic source, not the sandbox clock. */
export class Throttle {
  private readonly meters = new Map<string, Meter>();
  private enabled = true;
  private scale = 1;
  private overrides: Record<VendorId, Record<string, number>> = { huawei: {}, tencent: {}, aliyun: {} };

  /**
   * @param options limits and switches
   * @param nowMs monotonic milliseconds (moving the sandbox clock must not refill buckets or windows)
   */
  constructor(
    options: ThrottleOptions = {},
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.configure(options);
  }

  /** Admits and counts the call, or says which limit refuses it and for how long. Actions without a documented limit are never throttled. */
  take(vendor: VendorId, account: string, action: string): ThrottleDecision {
    const limit = this.enabled ? this.limitOf(vendor, action) : undefined;
    if (limit === undefined) return { allowed: true };
    const now = this.nowMs();
    const scopes: { limit: ScopeLimit; meter: Meter }[] = [];
    for (const [scope, count] of [["account", limit.perAccount], ["api", limit.perApi]] as const) {
      if (count === undefined) continue;
      const scoped = this.scaled(count, limit.windowSeconds, scope);
      const key = [vendor, action, scope === "account" ? account : "", scope].join("\u0000");
      let meter = this.meters.get(key);
      if (!meter) {
        meter = scoped.rate === undefined ? new SlidingWindow(scoped.count, scoped.windowSeconds * 1000) : new TokenBucket(scoped.rate, now);
        this.meters.set(key, meter);
      }
      scopes.push({ limit: scoped, meter });
    }
    let refusal: { retryAfterMs: number; limit: RefusedLimit } | undefined;
    for (const { limit: l, meter } of scopes) {
      const wait = meter.waitMs(now);
      if (wait > 0 && (refusal === undefined || wait > refusal.retryAfterMs)) {
        refusal = { retryAfterMs: wait, limit: { count: l.count, windowSeconds: l.windowSeconds, scope: l.scope } };
      }
    }
    if (refusal) return { allowed: false, ...refusal };
    for (const { meter } of scopes) meter.take(now);
    return { allowed: true };
  }

  /** Changes settings at run time; buckets start full and windows empty again. */
  configure(options: ThrottleOptions): void {
    if (options.scale !== undefined) validScale(options.scale);
    for (const [vendor, actions] of Object.entries(options.qps ?? {})) {
      if (!(vendor in this.overrides)) throw new RangeError(`throttle qps: unknown vendor "${vendor}" (huawei, tencent or aliyun)`);
      for (const [action, qps] of Object.entries(actions ?? {})) {
        if (qps !== null && !(typeof qps === "number" && Number.isFinite(qps) && qps > 0)) {
          throw new RangeError(`throttle qps.${vendor}.${action} must be a positive number of requests per second (null: the documented limit), got ${JSON.stringify(qps)}`);
        }
      }
    }
    if (options.enabled !== undefined) this.enabled = options.enabled;
    if (options.scale !== undefined) this.scale = options.scale;
    for (const [vendor, actions] of Object.entries(options.qps ?? {}) as [VendorId, Record<string, number | null>][]) {
      for (const [action, qps] of Object.entries(actions)) {
        if (qps === null) delete this.overrides[vendor][action];
        else this.overrides[vendor][action] = qps;
      }
    }
    this.meters.clear();
  }

  /** Back to the documented limits, enabled, scale 1. */
  restoreDefaults(): void {
    this.overrides = { huawei: {}, tencent: {}, aliyun: {} };
    this.configure({ enabled: true, scale: 1 });
  }

  /** Current settings. */
  settings(): ThrottleSettings {
    const qps = { huawei: {}, tencent: {}, aliyun: {} } as Record<VendorId, Record<string, number>>;
    const limits = { huawei: {}, tencent: {}, aliyun: {} } as Record<VendorId, Record<string, CallLimit>>;
    for (const vendor of Object.keys(qps) as VendorId[]) {
      for (const action of new Set([...Object.keys(VENDOR_LIMITS[vendor].calls), ...Object.keys(this.overrides[vendor])])) {
        const limit = this.limitOf(vendor, action)!;
        limits[vendor][action] = limit;
        if (limit.windowSeconds === 1) qps[vendor][action] = limit.perAccount;
      }
    }
    return { enabled: this.enabled, scale: this.scale, qps, limits };
  }

  /** Refills every bucket and empties every window. */
  reset(): void {
    this.meters.clear();
  }

  /** The unscaled limit of an action: its `qps` override as a one-second window, else the documented one. */
  private limitOf(vendor: VendorId, action: string): CallLimit | undefined {
    const override = this.overrides[vendor][action];
    return override === undefined ? VENDOR_LIMITS[vendor].calls[action] : { perAccount: override, windowSeconds: 1 };
  }

  /** Scale applies to rates as they are and to window counts rounded down, never below one call. */
  private scaled(count: number, windowSeconds: number, scope: "account" | "api"): ScopeLimit {
    if (windowSeconds === 1) return { count: count * this.scale, windowSeconds, scope, rate: count * this.scale };
    return { count: Math.max(1, Math.floor(count * this.scale)), windowSeconds, scope };
  }
}

function validScale(scale: number): number {
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError("throttle scale must be a positive number");
  return scale;
}
