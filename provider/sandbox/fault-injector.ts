// Scripted faults: the next N calls of an action on a vendor answer an error, a bare HTTP status, a dropped socket, a stall or a hold.
import { isVendorId, type VendorId } from "../vendors/vendor-id";

export const FAULT_KINDS = ["error", "http", "drop", "stall", "hold"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One scripted fault.
 * - `error`: a vendor-shaped error reply with `code` (status and message from the vendor's table unless given).
 * - `http`: a bare HTTP `status` (default 503) with a gateway-style text body, like a load balancer's.
 * - `drop`: the socket is destroyed without a reply.
 * - `stall`: no reply at all, or with `delayMs` the normal reply after that delay (the call is executed
 *   then even if the client has hung up meanwhile, as a real vendor would).
 * - `hold`: no reply until `release` (the admin API's `POST /held/release`) or until the client hangs up,
 *   whichever comes first; then the call is executed (and answered if the client is still there), as a
 *   vendor finishes a request it received. Tests order a late vendor call by events, not time.
 */
export interface FaultSpec {
  vendor: VendorId;
  /** Vendor action name (e.g. `ForbidLiveStream`, `CreateStreamForbidden`); omitted: every action. */
  action?: string;
  /** How many calls it hits. @default 1 */
  count?: number;
  kind: FaultKind;
  code?: string;
  status?: number;
  message?: string;
  delayMs?: number;
}

/** A fault as held by the injector, with what is left of it. */
export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

/** A call a `hold` fault is keeping unanswered. */
export interface HeldCall {
  id: number;
  vendor: VendorId;
  action: string;
  /** When it arrived (sandbox clock). */
  since: string;
}

/** Selects held calls; omitted fields match every call. */
export interface HeldFilter {
  vendor?: VendorId;
  action?: string;
}

/** What the vendor server does with a held call: wait for `released`, execute the call, then call `executed`. */
export interface HoldTicket {
  released: Promise<void>;
  /** Releases this call (its client hung up). */
  release(): void;
  executed(): void;
}

interface HeldEntry {
  call: HeldCall;
  release(): void;
  done: Promise<void>;
}

/** Holds scripted faults and hands out the first that matches each call; keeps the calls `hold` faults hold. */
export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private held = new Map<number, HeldEntry>();
  private nextHeldId = 1;
  private heldWaiters = new Set<() => void>();

  /** Adds a fault after checking it; returns it with its id. */
  add(spec: FaultSpec): ActiveFault {
    const checked = checkFaultSpec(spec);
    const fault: ActiveFault = { ...checked, id: this.nextId++, remaining: checked.count ?? 1 };
    this.faults.push(fault);
    return { ...fault };
  }

  /** The fault to apply to this call, if any (consumes one of its count). */
  take(vendor: VendorId, action: string): ActiveFault | undefined {
    const fault = this.faults.find((f) => f.vendor === vendor && (f.action === undefined || f.action === action));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** Faults still pending. */
  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes pending faults (of one vendor, or all). Held calls stay held until released. */
  clear(vendor?: VendorId): void {
    this.faults = vendor === undefined ? [] : this.faults.filter((f) => f.vendor !== vendor);
  }

  /** Registers a call a `hold` fault hit (the vendor server's side). */
  hold(vendor: VendorId, action: string, since: Date): HoldTicket {
    let release!: () => void;
    let executed!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const done = new Promise<void>((r) => (executed = r));
    const call: HeldCall = { id: this.nextHeldId++, vendor, action, since: since.toISOString() };
    const entry: HeldEntry = { call, release, done };
    this.held.set(call.id, entry);
    for (const wake of [...this.heldWaiters]) wake();
    return {
      released,
      release: () => {
        this.held.delete(call.id);
        entry.release();
      },
      executed,
    };
  }

  /** Calls held right now, oldest first. */
  heldCalls(filter: HeldFilter = {}): HeldCall[] {
    return [...this.held.values()].map((h) => h.call).filter((c) => matches(c, filter)).map((c) => ({ ...c }));
  }

  /** Resolves once at least `count` calls matching `filter` are held (at once). */
  whenHeld(count: number, filter: HeldFilter = {}): Promise<HeldCall[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        const calls = this.heldCalls(filter);
        if (calls.length < count) return;
        this.heldWaiters.delete(check);
        resolve(calls);
      };
      this.heldWaiters.add(check);
      check();
    });
  }

  /** Lets the held calls `filter` selects proceed; resolves to how many once each has been executed. */
  async release(filter: HeldFilter = {}): Promise<number> {
    const entries = [...this.held.values()].filter((h) => matches(h.call, filter));
    for (const h of entries) {
      this.held.delete(h.call.id);
      h.release();
    }
    await Promise.all(entries.map((h) => h.done));
    return entries.length;
  }
}

function matches(call: HeldCall, filter: HeldFilter): boolean {
  return (filter.vendor === undefined || call.vendor === filter.vendor) && (filter.action === undefined || call.action === filter.action);
}

/** Validates a held-call filter from untrusted input (the admin API); throws RangeError with the reason. */
export function checkHeldFilter(input: unknown): HeldFilter {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new RangeError("the filter must be an object");
  const f = input as Record<string, unknown>;
  const filter: HeldFilter = {};
  if (f.vendor !== undefined) {
    if (!isVendorId(f.vendor)) throw new RangeError("vendor must be huawei, tencent or aliyun");
    filter.vendor = f.vendor;
  }
  if (f.action !== undefined) {
    if (typeof f.action !== "string" || f.action === "") throw new RangeError("action must be a non-empty string");
    filter.action = f.action;
  }
  return filter;
}

/** Validates a fault spec from untrusted input (the admin API); throws RangeError with the reason. */
export function checkFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== "object" || input === null) throw new RangeError("fault must be an object");
  const f = input as Record<string, unknown>;
  if (!isVendorId(f.vendor)) throw new RangeError("fault.vendor must be huawei, tencent or aliyun");
  if (!(FAULT_KINDS as readonly unknown[]).includes(f.kind)) {
    throw new RangeError(`fault.kind must be one of ${FAULT_KINDS.join(", ")}`);
  }
  const kind = f.kind as FaultKind;
  const optString = (k: string): string | undefined => {
    if (f[k] === undefined) return undefined;
    if (typeof f[k] !== "string" || f[k] === "") throw new RangeError(`fault.${k} must be a non-empty string`);
    return f[k];
  };
  const optInt = (k: string, min: number, max: number): number | undefined => {
    if (f[k] === undefined) return undefined;
    const n = f[k];
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
      throw new RangeError(`fault.${k} must be an integer from ${min} to ${max}`);
    }
    return n;
  };
  const spec: FaultSpec = { vendor: f.vendor, kind };
  const action = optString("action");
  const count = optInt("count", 1, 1_000_000);
  const code = optString("code");
  const status = optInt("status", 100, 599);
  const message = optString("message");
  const delayMs = optInt("delayMs", 0, 3_600_000);
  if (action !== undefined) spec.action = action;
  if (count !== undefined) spec.count = count;
  if (kind === "error") {
    if (code === undefined) throw new RangeError("an error fault needs fault.code (the vendor error code)");
    spec.code = code;
  }
  if ((kind === "error" || kind === "http") && status !== undefined) spec.status = status;
  if (kind === "error" && message !== undefined) spec.message = message;
  if (kind === "stall" && delayMs !== undefined) spec.delayMs = delayMs;
  return spec;
}
