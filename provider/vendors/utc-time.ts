// Whole-second UTC instants in the `yyyy-MM-ddTHH:mm:ssZ` form every vendor's resume time uses.

/** Formats as `2026-01-02T03:04:05Z` (no fraction: Huawei's and Aliyun's documented format). */
export function formatUtcSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Drops the milliseconds. */
export function truncateToSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export function addSeconds(d: Date, seconds: number): Date {
  return new Date(d.getTime() + seconds * 1000);
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Parses a Tencent forbid-list time. tencent.md §3.5: the fields are documented as Beijing time
 * (UTC+8) while the doc example prints `...Z`; the wire format is UNVERIFIED. A string with an explicit
 * zone (`Z` or `±hh:mm`) is taken at its word; a bare `yyyy-MM-dd[ T]HH:mm:ss` is Beijing time.
 */
export function parseTencentTime(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, zone] = m;
  const utcMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  if (zone === undefined) return new Date(utcMs - BEIJING_OFFSET_MS);
  if (zone === "Z") return new Date(utcMs);
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMs = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(utcMs - sign * offsetMs);
}

/** Parses a `yyyy-MM-ddTHH:mm:ssZ` (or any ISO-8601 with zone) time; undefined when unparseable. */
export function parseUtc(s: string): Date | undefined {
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t);
}
