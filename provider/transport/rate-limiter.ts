// Client-side call limits per (vendor, account, action) and per (vendor, action) across accounts, at each vendor's documented figures.
import type { VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { processSingleton } from "./process-singleton";
import { sleep as realSleep, type Sleep } from "./sleep";

export interface RateLimitKey {
  vendor: VendorId;
  /** Opaque, non-secret account label (e.g. a hash of the access key id; never a secret). */
  account: string;
  /** The vendor's action name, as in VENDOR_LIMITS[vendor].calls. */
  action: string;
}

/**
 * An override: `qps` requests per second per account with up to `burst` back to back. `qps: Infinity`
 * switches limiting off. Zero, negative or NaN rates are refused (a limiter that never admits anything
 * would hang). A `qps` override replaces the documented limit whole, per-minute ones included: Huawei's
 * 4,000/min per user and 12,000/min per API become `qps` per second per account, and no per-API cap is
 * kept (an override states the caller's own quota).
 */
export interface RateSetting {
  qps?: number;
  /** Only shapes a per-second rate. @default max(1, floor(qps / 10)) */
  burst?: number;
}

/** Per vendor: a rate for all its actions, and per-action rates that win over it. */
export type RateOverrides = Partial<Record<VendorId, RateSetting & { actions?: Record<string, RateSetting> }>>;

export interface RateLimiterOptions {
  overrides?: RateOverrides;
  /** False turns every limit off. @default true */
  enabled?: boolean;
  /** Monotonic milliseconds (a wall clock stepping back would stretch a minute window). @default performance.now */
  now?: () => number;
  /** @default a real timer */
  sleep?: Sleep;
}

/** One limit as the limiter enforces it: a paced rate (GCRA) or at most `count` calls in any `windowMs`. */
export type GateSpec = { kind: "rate"; qps: number; burst: number } | { kind: "window"; count: number; windowMs: number };

/** What applies to a (vendor, action): a gate per account, and optionally one shared by all accounts. */
export interface ResolvedLimit {
  perAccount: GateSpec;
  perApi?: GateSpec;
}

/** Default burst: a tenth of a second's worth of requests, at least one. */
export function defaultBurst(qps: number): number {
  return Math.max(1, Math.floor(qps / 10));
}

/** A limit that books admission times: `earliest(t)` is the first time >= t it admits, `book(at)` records one. */
interface Gate {
  earliest(t: number): number;
  book(at: number): void;
}

/** Token bucket written as GCRA (virtual scheduling): bookings advance a theoretical arrival time. */
class RateGate implements Gate {
  private readonly intervalMs: number;
  /** How far ahead of the steady pace a burst may run: (burst - 1) * interval. */
  private readonly toleranceMs: number;
  private tat = -Infinity;

  constructor(qps: number, burst: number) {
    this.intervalMs = 1000 / qps;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  earliest(t: number): number {
    return Math.max(t, this.tat - this.toleranceMs);
  }

  book(at: number): void {
    this.tat = Math.max(this.tat, at) + this.intervalMs;
  }
}

/**
 * At most `count` admissions in any `windowMs`, exactly: the latest `count` booked times, sorted. A
 * token bucket of `count` refilled at count/window would let nearly twice `count` through one window.
 * An injected clock stepping back books out of order; the time is then inserted in its place.
 */
class WindowGate implements Gate {
  private readonly times: number[] = [];

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  earliest(t: number): number {
    return this.times.length < this.count ? t : Math.max(t, this.times[0]! + this.windowMs);
  }

  book(at: number): void {
    const times = this.times;
    if (times.length === 0 || times[times.length - 1]! <= at) times.push(at);
    else times.splice(insertionIndex(times, at), 0, at);
    if (times.length > this.count) times.shift();
  }
}

function insertionIndex(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function makeGate(spec: GateSpec): Gate {
  return spec.kind === "rate" ? new RateGate(spec.qps, spec.burst) : new WindowGate(spec.count, spec.windowMs);
}

/**
 * Gates per account and per API. With only a per-account gate, each acquire reserves the first time the
 * gate admits and books it at once, so concurrent callers are served in call order without polling. With a
 * per-API gate too, a call is booked only at the instant both admit (a later slot booked ahead in the
 * shared gate would hold other accounts back): one waiter per account at a time, in call order, sleeps
 * until its gates' next admission and checks again. Each attempt of a retried call acquires again (each
 * attempt is a request the vendor counts). The per-API gate spans the accounts this process uses, a
 * subset of the vendor's "all users".
 */
export class RateLimiter {
  private overrides: RateOverrides;
  private readonly enabled: boolean;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  /** Per (vendor, account, action) and per (vendor, action): the gates, or null when unlimited. */
  private accountGates = new Map<string, Gate | null>();
  private apiGates = new Map<string, Gate | null>();
  /** Per (vendor, account, action) with a per-API gate: settles when the last queued caller is through. */
  private queues = new Map<string, Promise<void>>();

  constructor(opts: RateLimiterOptions = {}) {
    this.overrides = opts.overrides ?? {};
    validateOverrides(this.overrides);
    this.enabled = opts.enabled ?? true;
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? realSleep;
  }

  /**
   * Waits until a request for `key` may go out, and books it.
   * @param signal aborts the wait (the promise rejects with the signal's reason; a booked slot is not returned)
   * @throws Error when the action has neither a documented limit nor an override (add it to VENDOR_LIMITS)
   */
  async acquire(key: RateLimitKey, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const accountId = JSON.stringify([key.vendor, key.account, key.action]);
    const { account, api } = this.gates(key, accountId);
    if (account === null) return;
    if (api === null) {
      const t = this.now();
      const at = account.earliest(t);
      account.book(at);
      if (at > t) await this.sleep(at - t, signal);
      return;
    }
    const before = this.queues.get(accountId);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.queues.set(accountId, mine);
    try {
      if (before) await untilSettledOrAborted(before, signal);
      for (;;) {
        signal?.throwIfAborted();
        const t = this.now();
        const at = Math.max(account.earliest(t), api.earliest(t));
        if (at <= t) {
          account.book(t);
          api.book(t);
          return;
        }
        await this.sleep(at - t, signal);
      }
    } finally {
      // An aborted caller still lets the next one go only after its predecessor: order is kept.
      void (before ?? Promise.resolve()).then(done);
      void mine.then(() => {
        if (this.queues.get(accountId) === mine) this.queues.delete(accountId);
      });
    }
  }

  /** Replaces the overrides (e.g. from provider configuration); every gate restarts empty. */
  setOverrides(overrides: RateOverrides): void {
    validateOverrides(overrides);
    this.overrides = overrides;
    this.accountGates = new Map();
    this.apiGates = new Map();
  }

  /** The limit that applies to a key, or undefined when it is not limited. */
  limitFor(key: Pick<RateLimitKey, "vendor" | "action">): ResolvedLimit | undefined {
    if (!this.enabled) return undefined;
    return resolveLimit(key.vendor, key.action, this.overrides);
  }

  private gates(key: RateLimitKey, accountId: string): { account: Gate | null; api: Gate | null } {
    const apiId = JSON.stringify([key.vendor, key.action]);
    let account = this.accountGates.get(accountId);
    if (account === undefined) {
      const limit = this.limitFor(key);
      account = limit === undefined ? null : makeGate(limit.perAccount);
      this.accountGates.set(accountId, account);
      if (!this.apiGates.has(apiId)) this.apiGates.set(apiId, limit?.perApi === undefined ? null : makeGate(limit.perApi));
    }
    return { account, api: this.apiGates.get(apiId) ?? null };
  }
}

/** Resolves when `p` settles, or rejects with the signal's reason as soon as it aborts. */
function untilSettledOrAborted(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/**
 * The limit for a vendor action: an override's `qps` (a per-second rate per account), else the documented
 * figure (VENDOR_LIMITS.calls): QPS figures as rates with a small burst, longer windows counted exactly.
 * @throws Error when the action has neither a documented limit nor an override
 */
export function resolveLimit(vendor: VendorId, action: string, overrides: RateOverrides = {}): ResolvedLimit | undefined {
  const vendorOverride = overrides[vendor];
  const actionOverride = vendorOverride?.actions?.[action];
  const burstOverride = actionOverride?.burst ?? vendorOverride?.burst;
  const qps = actionOverride?.qps ?? vendorOverride?.qps;
  if (qps === Infinity) return undefined;
  if (qps !== undefined) return { perAccount: { kind: "rate", qps, burst: burstOverride ?? defaultBurst(qps) } };
  const documented = VENDOR_LIMITS[vendor].calls[action];
  if (documented === undefined) {
    throw new Error(
      `no rate limit known for ${vendor} action ${action}: add it to VENDOR_LIMITS or pass an override (qps: Infinity for none)`,
    );
  }
  const gate = (count: number): GateSpec =>
    documented.windowSeconds === 1
      ? { kind: "rate", qps: count, burst: burstOverride ?? defaultBurst(count) }
      : { kind: "window", count, windowMs: documented.windowSeconds * 1000 };
  return {
    perAccount: gate(documented.perAccount),
    ...(documented.perApi === undefined ? {} : { perApi: gate(documented.perApi) }),
  };
}

function validateOverrides(o: RateOverrides): void {
  const check = (where: string, s: RateSetting | undefined): void => {
    if (s?.qps !== undefined && !(s.qps > 0)) throw new RangeError(`${where}: qps must be > 0 (Infinity = unlimited), got ${s.qps}`);
    if (s?.burst !== undefined && !(Number.isInteger(s.burst) && s.burst >= 1)) throw new RangeError(`${where}: burst must be an integer >= 1, got ${s.burst}`);
  };
  for (const [vendor, v] of Object.entries(o) as [VendorId, RateOverrides[VendorId]][]) {
    check(vendor, v);
    for (const [action, a] of Object.entries(v?.actions ?? {})) check(`${vendor} ${action}`, a);
    // A burst shapes a per-second rate; on a per-minute limit without a qps it would silently do nothing.
    for (const [action, limit] of Object.entries(VENDOR_LIMITS[vendor]?.calls ?? {})) {
      const a = v?.actions?.[action];
      if (limit.windowSeconds > 1 && (a?.burst ?? v?.burst) !== undefined && (a?.qps ?? v?.qps) === undefined) {
        throw new RangeError(
          `${vendor} ${action}: burst only shapes a qps rate, and ${vendor}'s documented limit is per ${limit.windowSeconds} s; give qps with burst`,
        );
      }
    }
  }
}

/**
 * The process-wide limiter (documented limits), created on first use and kept on `globalThis`, so every
 * resource in the process shares the buckets and serialized provider code never captures them.
 */
export function getSharedRateLimiter(): RateLimiter {
  return processSingleton("pulumi-streamblock.transport.sharedRateLimiter", () => new RateLimiter());
}
