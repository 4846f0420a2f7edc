// Parses the HTTP Retry-After header (delay-seconds or HTTP-date, RFC 9110 §10.2.3) into milliseconds.

/**
 * @param value the header value, e.g. `"3"` or `"Wed, 21 Oct 2015 07:28:00 GMT"`
 * @param nowMs the current time in epoch milliseconds (a date is turned into a delay from it)
 * @returns the delay in milliseconds (never negative), or undefined when absent or unparseable
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Only dates with a weekday and a zone, so that stray numbers or junk are not read as dates.
  if (!/^[A-Za-z]{3},? /.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
