// Pure retry delay: exponential backoff with full jitter, capped, and never shorter than a server's hint.

export interface BackoffSettings {
  /** Delay scale for the first retry. */
  baseDelayMs: number;
  /** Upper bound of the jittered delay (a server's retry-after hint may exceed it). */
  maxDelayMs: number;
}

/**
 * Full jitter ("Exponential Backoff and Jitter", AWS Architecture Blog): a uniform draw from
 * [0, min(max, base * 2^(n-1))).
 * @param failures attempts failed so far (1 before the first retry)
 * @param random a source of uniform numbers in [0, 1)
 */
export function backoffDelayMs(failures: number, s: BackoffSettings, random: () => number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 52);
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * The wait before the next attempt: the jittered backoff, raised to the server's retry-after hint if it
 * asked for longer. A hint is honoured even beyond `maxDelayMs`; the caller's deadline bounds it.
 */
export function retryDelayMs(failures: number, s: BackoffSettings, random: () => number, retryAfterMs?: number): number {
  const jittered = backoffDelayMs(failures, s, random);
  return retryAfterMs !== undefined && retryAfterMs > jittered ? Math.ceil(retryAfterMs) : jittered;
}
