// The least time in which N calls of a vendor action can be made under its documented limits: the bench's bound.
import { resolveLimit, type GateSpec } from "../transport/rate-limiter";
import type { VendorId } from "./vendor-id";
import { VENDOR_LIMITS } from "./vendor-limits";

/**
 * The least time, in seconds, in which `calls` calls of `action` can be made under the vendor's documented
 * limits (VENDOR_LIMITS.calls), as the client limiter paces them, spread evenly over `accounts` accounts:
 * the busiest account's bound against the per-account limit, and all calls against the per-API limit.
 * A per-minute limit of `count` allows `count` calls at once and `count` more each window:
 * floor((n - 1) / count) * 60 s. A QPS figure with the limiter's burst b (qps / 10): (n - b) / qps.
 * An action without a documented limit is bounded by nothing: 0.
 * @param calls calls to make, an integer >= 0
 * @param accounts accounts they are spread over, an integer >= 1
 * @throws RangeError for a negative or fractional `calls` or `accounts`
 */
export function rateBoundSeconds(vendor: VendorId, action: string, calls: number, accounts = 1): number {
  if (!(Number.isInteger(calls) && calls >= 0)) throw new RangeError(`calls must be an integer >= 0, got ${calls}`);
  if (!(Number.isInteger(accounts) && accounts >= 1)) throw new RangeError(`accounts must be an integer >= 1, got ${accounts}`);
  if (VENDOR_LIMITS[vendor].calls[action] === undefined) return 0;
  const limit = resolveLimit(vendor, action)!;
  const perAccount = gateBoundSeconds(limit.perAccount, Math.ceil(calls / accounts));
  return limit.perApi === undefined ? perAccount : Math.max(perAccount, gateBoundSeconds(limit.perApi, calls));
}

/**
 * The bound of a whole run: every (vendor, action) at its limits, all in parallel, so the slowest one.
 * @param calls counts keyed "vendor.action" (as the bench's call counter keys them)
 * @param accounts accounts of each vendor the calls are spread over
 */
export function rateBoundOfRunSeconds(calls: Readonly<Record<string, number>>, accounts = 1): number {
  let bound = 0;
  for (const [key, n] of Object.entries(calls)) {
    const [vendor, action] = key.split(".") as [VendorId, string];
    bound = Math.max(bound, rateBoundSeconds(vendor, action, n, accounts));
  }
  return bound;
}

function gateBoundSeconds(gate: GateSpec, n: number): number {
  if (n <= 0) return 0;
  if (gate.kind === "rate") return Math.max(0, n - gate.burst) / gate.qps;
  return (Math.floor((n - 1) / gate.count) * gate.windowMs) / 1000;
}
