// Runs one vendor operation with retries: re-signs every attempt, backs off with jitter, retries an unreachable vendor until an overall deadline.
import type { VendorId } from "../vendors/vendor-id";
import { VendorError } from "../vendors/vendor-error";
import { TransportError } from "./transport-error";
import { retryDelayMs } from "./backoff";
import { isSafeToRepeat, isThrottling, isUnreachable } from "./retry-decision";
import { sleep as realSleep, type Sleep } from "./sleep";
import { trackInFlight } from "./in-flight-calls";

export interface RetryPolicy {
  /**
   * Attempts that reached the vendor (or may have), the first included. Attempts that could not reach it
   * at all (refused, connect timeout: isUnreachable) are not counted: they are retried until the deadline,
   * so a vendor restarting for tens of seconds fails nothing. @default 5
   */
  maxAttempts: number;
  /** Backoff scale: the first retry waits up to this long. @default 200 */
  baseDelayMs: number;
  /** Cap of the jittered backoff (a vendor's retry-after hint may exceed it). @default 10000 */
  maxDelayMs: number;
  /** Overall budget for all attempts and waits; an attempt still running then is aborted. @default 60000 */
  deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  deadlineMs: 60_000,
};

export interface RetryContext {
  vendor: VendorId;
  /** Our operation name, for errors. */
  operation: string;
  /** `domain/app/stream`, for errors. */
  stream?: string;
  /**
   * False for operations that must not run twice (a one-shot kick): they are repeated only after a
   * failure that proves the request was not executed (VendorError.notExecuted, or throttling).
   */
  idempotent: boolean;
  /** Cancels the whole operation (in-flight attempt and waits); the call then fails with ABORTED. */
  signal?: AbortSignal;
}

export interface RetryDeps {
  /** Waits between attempts. @default a real timer */
  sleep?: Sleep;
  /** Uniform [0, 1) source for jitter. @default Math.random */
  random?: () => number;
  /** Epoch milliseconds, for the deadline. @default Date.now */
  now?: () => number;
  /** Called before each wait, e.g. to tell the user why a run is waiting. */
  onRetry?: (info: RetryInfo) => void;
}

/** What {@link RetryDeps.onRetry} is told before each wait. */
export interface RetryInfo {
  /** The attempt that just failed (1-based, every attempt counted). */
  attemptNo: number;
  error: VendorError;
  /** The wait before the next attempt. */
  delayMs: number;
  /** The vendor could not be reached (isUnreachable): retried until the deadline, not counted. */
  unreachable: boolean;
  /** Time left until the deadline, after this wait. */
  remainingMs: number;
}

/**
 * The attempt function signs and sends the request anew (fresh timestamp and nonce) each time; it gets
 * the 1-based attempt number and a signal that fires when the deadline passes or the caller cancels.
 */
export type Attempt<T> = (attemptNo: number, signal: AbortSignal) => Promise<T>;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; deadline: boolean; cancelled: boolean };

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `attempt` until it succeeds, the error is not retryable (or not safe to repeat for a
 * non-idempotent operation), `maxAttempts` attempts that reached the vendor are used up, or the deadline
 * passes. An unreachable vendor is retried until the deadline, however many attempts that takes.
 *
 * TransportErrors become VendorErrors with the same code (`notExecuted` = not sent). Errors of any other
 * type are programming errors and are rethrown untouched, without retry.
 * @returns what the successful attempt returned
 * @throws the last VendorError; DEADLINE_EXCEEDED (naming the last error) when the deadline passes or the
 *   next wait would cross it; ABORTED when `ctx.signal` fires
 */
export function callWithRetries<T>(ctx: RetryContext, policy: Partial<RetryPolicy>, attempt: Attempt<T>, deps: RetryDeps = {}): Promise<T> {
  return trackInFlight(() => retryLoop(ctx, policy, attempt, deps));
}

async function retryLoop<T>(ctx: RetryContext, policy: Partial<RetryPolicy>, attempt: Attempt<T>, deps: RetryDeps): Promise<T> {
  const p = resolvePolicy(policy);
  const now = deps.now ?? Date.now;
  const wait = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const deadlineAt = now() + p.deadlineMs;
  let last: VendorError | undefined;
  let allNotExecuted = true;
  let reached = 0; // attempts that reached the vendor, or may have

  for (let attemptNo = 1; ; attemptNo++) {
    const remaining = deadlineAt - now();
    if (remaining <= 0) throw deadlineError(ctx, p, attemptNo - 1, last, false, allNotExecuted);
    if (ctx.signal?.aborted) throw abortedError(ctx, last);

    const outcome = await runAttempt(attempt, attemptNo, remaining, ctx.signal);
    if (outcome.ok) return outcome.value;
    if (outcome.deadline) throw deadlineError(ctx, p, attemptNo, last, true, false);
    if (outcome.cancelled) throw abortedError(ctx, last);

    const error = toVendorError(ctx, outcome.error);
    last = error;
    allNotExecuted &&= error.notExecuted || isThrottling(error);
    const unreachable = isUnreachable(error);
    if (!unreachable) reached++;
    if (!error.retryable || !isSafeToRepeat(error, ctx.idempotent) || reached >= p.maxAttempts) throw error;

    const delayMs = retryDelayMs(attemptNo, p, random, error.retryAfterMs);
    if (now() + delayMs >= deadlineAt) throw deadlineError(ctx, p, attemptNo, last, false, allNotExecuted);
    deps.onRetry?.({ attemptNo, error, delayMs, unreachable, remainingMs: deadlineAt - now() - delayMs });
    try {
      await wait(delayMs, ctx.signal);
    } catch (e) {
      if (ctx.signal?.aborted) throw abortedError(ctx, last);
      throw e;
    }
  }
}

async function runAttempt<T>(attempt: Attempt<T>, attemptNo: number, remainingMs: number, outer?: AbortSignal): Promise<Outcome<T>> {
  const controller = new AbortController();
  let deadline = false;
  const timer =
    remainingMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          deadline = true;
          controller.abort(new Error("deadline exceeded"));
        }, remainingMs)
      : undefined;
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  // Racing the signal means an attempt that ignores its signal still cannot hold us past the deadline.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  try {
    const value = await Promise.race([attempt(attemptNo, controller.signal), aborted]);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error, deadline, cancelled: !deadline && controller.signal.aborted };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

function resolvePolicy(policy: Partial<RetryPolicy>): RetryPolicy {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
  for (const [k, v] of Object.entries(policy) as [keyof RetryPolicy, number | undefined][]) {
    if (v !== undefined) p[k] = v;
  }
  if (!Number.isInteger(p.maxAttempts) || p.maxAttempts < 1) throw new RangeError(`maxAttempts must be an integer >= 1, got ${p.maxAttempts}`);
  for (const k of ["baseDelayMs", "maxDelayMs", "deadlineMs"] as const) {
    if (!(p[k] >= 0)) throw new RangeError(`${k} must be >= 0, got ${p[k]}`);
  }
  return p;
}

/** TransportError → VendorError with the same code; VendorErrors pass; anything else is rethrown. */
function toVendorError(ctx: RetryContext, e: unknown): VendorError {
  if (VendorError.isInstance(e)) return e;
  if (TransportError.isInstance(e)) {
    return new VendorError({
      vendor: ctx.vendor,
      operation: ctx.operation,
      stream: ctx.stream,
      code: e.code,
      vendorMessage: `${e.detail} (${e.target})`,
      retryable: e.retryable,
      notExecuted: !e.requestSent,
      cause: e,
    });
  }
  throw e;
}

function deadlineError(
  ctx: RetryContext,
  p: RetryPolicy,
  attempts: number,
  last: VendorError | undefined,
  inFlight: boolean,
  notExecuted: boolean,
): VendorError {
  const what = inFlight ? `attempt ${attempts} was still running` : `${attempts} attempt(s) made`;
  const lastText = last === undefined ? "no earlier error" : `last error: ${last.code}: ${last.vendorMessage}`;
  return new VendorError({
    vendor: ctx.vendor,
    operation: ctx.operation,
    stream: ctx.stream,
    code: "DEADLINE_EXCEEDED",
    vendorMessage: `deadline of ${p.deadlineMs} ms passed, ${what}; ${lastText}`,
    httpStatus: last?.httpStatus,
    requestId: last?.requestId,
    retryable: true,
    notExecuted,
    cause: last,
  });
}

function abortedError(ctx: RetryContext, last: VendorError | undefined): VendorError {
  return new VendorError({
    vendor: ctx.vendor,
    operation: ctx.operation,
    stream: ctx.stream,
    code: "ABORTED",
    vendorMessage: last === undefined ? "cancelled by the caller" : `cancelled by the caller; last error: ${last.code}`,
    retryable: false,
    cause: last,
  });
}
