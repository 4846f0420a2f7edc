// The line a user sees while an operation waits for an unreachable vendor, so a long pause is never silent.
import type { RetryInfo } from "./call-with-retries";

/**
 * `huawei forbid stream d/live/s: vendor not reachable (ECONNREFUSED: connection refused (POST http://…)),
 * attempt 3 failed; retrying in 0.4 s, for up to 57 s more`. Undefined for other retries (throttling and
 * 5xx are brief and counted; reporting them would drown the output).
 */
export function unreachableRetryNotice(info: RetryInfo): string | undefined {
  if (!info.unreachable) return undefined;
  const e = info.error;
  const what = `${e.vendor} ${e.operation}${e.stream === undefined ? "" : ` stream ${e.stream}`}`;
  const seconds = (ms: number): string => (ms / 1000).toFixed(1).replace(/\.0$/, "");
  return (
    `${what}: vendor not reachable (${e.code}: ${e.vendorMessage}), attempt ${info.attemptNo} failed; ` +
    `retrying in ${seconds(info.delayMs)} s, for up to ${seconds(Math.max(0, info.remainingMs))} s more`
  );
}
