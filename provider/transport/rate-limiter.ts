// Client-side token buckets per (vendor, account, action), defaulting to each vendor's documented QPS.
import type { VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { processSingleton } from "./process-singleton";
import { sleep as realSleep, type Sleep } from "./sleep";

export interface RateLimitKey {
  vendor: VendorId;
  /** Opaque, non-secret account label (e.g. a hash of the access key id; never a secret). */
  account: string;
  /** The vendor's action name, as in VENDOR_LIMITS[vendor].qps. */
  action: string;
}

/**
 * A rate: `qps` requests per second with up to `burst` back to back. `qps: Infinity` switches limiting
 * off. Zero, negative or NaN rates are refused (a limiter that never admits anything would hang).
 */
export interface RateSetting {
  qps?: number;
  /** @default max(1, floor(qps / 10)) */
  burst?: number;
}

/** Per vendor: a rate for all its actions, and per-action rates that win over it. */
export type RateOverrides = Partial<Record<VendorId, RateSetting & { actions?: Record<string, RateSetting> }>>;

export interface RateLimiterOptions {
  overrides?: RateOverrides;
  /** False turns every limit off. @default true */
  enabled?: boolean;
  /** Epoch milliseconds. @default Date.now */
  now?: () => number;
  /** @default a real timer */
  sleep?: Sleep;
}

interface Bucket {
  /** Milliseconds between two admissions. */
  intervalMs: number;
  /** How far ahead of the steady pace a burst may run, in milliseconds: (burst - 1) * interval. */
  toleranceMs: number;
  /** GCRA theoretical arrival time: when the next admission would be due at the steady pace. */
  tat: number;
}

/** Default burst: a tenth of a second's worth of requests, at least one. */
export function defaultBurst(qps: number): number {
  return Math.max(1, Math.floor(qps / 10));
}

/**
 * Token bucket per key, written as GCRA (virtual scheduling): each acquire reserves the next slot at
 * once, so concurrent callers are served in call order without polling. Each attempt of a retried call
 * acquires again (each attempt is a request the vendor counts).
 */
export class RateLimiter {
  private overrides: RateOverrides;
  private readonly enabled: boolean;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private buckets = new Map<string, Bucket | null>();

  constructor(opts: RateLimiterOptions = {}) {
    this.overrides = opts.overrides ?? {};
    validateOverrides(this.overrides);
    this.enabled = opts.enabled ?? true;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  /**
   * Waits until a request for `key` may go out, and books it.
   * @param signal aborts the wait (the promise rejects with the signal's reason; the booked slot is not returned)
   * @throws Error when the action has neither a documented QPS nor an override (add it to VENDOR_LIMITS)
   */
  async acquire(key: RateLimitKey, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const waitMs = this.reserve(key);
    if (waitMs > 0) await this.sleep(waitMs, signal);
  }

  /** Replaces the overrides (e.g. from provider configuration); buckets restart full. */
  setOverrides(overrides: RateOverrides): void {
    validateOverrides(overrides);
    this.overrides = overrides;
    this.buckets = new Map();
  }

  /** The rate that applies to a key, or undefined when it is not limited. */
  rateFor(key: Pick<RateLimitKey, "vendor" | "action">): { qps: number; burst: number } | undefined {
    if (!this.enabled) return undefined;
    const vendorOverride = this.overrides[key.vendor];
    const actionOverride = vendorOverride?.actions?.[key.action];
    const qps = actionOverride?.qps ?? vendorOverride?.qps ?? VENDOR_LIMITS[key.vendor].qps[key.action];
    if (qps === undefined) {
      throw new Error(
        `no rate limit known for ${key.vendor} action ${key.action}: add it to VENDOR_LIMITS or pass an override (qps: Infinity for none)`,
      );
    }
    if (qps === Infinity) return undefined;
    return { qps, burst: actionOverride?.burst ?? vendorOverride?.burst ?? defaultBurst(qps) };
  }

  /** Books the next slot for `key`; returns how long to wait for it (0 = go now). */
  private reserve(key: RateLimitKey): number {
    const id = JSON.stringify([key.vendor, key.account, key.action]);
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      const rate = this.rateFor(key);
      bucket = rate === undefined ? null : { intervalMs: 1000 / rate.qps, toleranceMs: (rate.burst - 1) * (1000 / rate.qps), tat: -Infinity };
      this.buckets.set(id, bucket);
    }
    if (bucket === null) return 0;
    const t = this.now();
    const tat = Math.max(bucket.tat, t);
    const allowedAt = tat - bucket.toleranceMs;
    bucket.tat = tat + bucket.intervalMs;
    return Math.max(0, allowedAt - t);
  }
}

function validateOverrides(o: RateOverrides): void {
  const check = (where: string, s: RateSetting | undefined): void => {
    if (s?.qps !== undefined && !(s.qps > 0)) throw new RangeError(`${where}: qps must be > 0 (Infinity = unlimited), got ${s.qps}`);
    if (s?.burst !== undefined && !(Number.isInteger(s.burst) && s.burst >= 1)) throw new RangeError(`${where}: burst must be an integer >= 1, got ${s.burst}`);
  };
  for (const [vendor, v] of Object.entries(o)) {
    check(vendor, v);
    for (const [action, a] of Object.entries(v?.actions ?? {})) check(`${vendor} ${action}`, a);
  }
}

/**
 * The process-wide limiter (documented QPS), created on first use and kept on `globalThis`, so every
 * resource in the process shares the buckets and serialized provider code never captures them.
 */
export function getSharedRateLimiter(): RateLimiter {
  return processSingleton("pulumi-streamblock.transport.sharedRateLimiter", () => new RateLimiter());
}
