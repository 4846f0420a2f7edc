// Resume-time rules the three emulators share: strict UTC parsing, not in the past, vendor maximum (clamp or error).

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/**
 * Parses `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds) and, when `allowFraction`, a fractional second.
 * Returns undefined for anything else, including impossible dates like February 30.
 */
export function parseUtcTime(text: string, allowFraction = false): Date | undefined {
  const m = UTC_SECONDS.exec(text);
  if (!m || (m[7] !== undefined && !allowFraction)) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(ms);
  if (
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== mo - 1 ||
    date.getUTCDate() !== d ||
    date.getUTCHours() !== h ||
    date.getUTCMinutes() !== mi ||
    date.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  return new Date(ms + (m[7] ? Math.round(Number(m[7]) * 1000) : 0));
}

/** Formats an instant as `yyyy-MM-ddTHH:mm:ssZ` (whole seconds, UTC). */
export function formatUtcSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** What to do with a resume time beyond the vendor's maximum. */
export type OverMaxPolicy = "accept" | "clamp" | "error";

/** The expiry a forbid call produces, or why the resume time is refused. */
export type ExpiryDecision = { ok: true; expiresAt: Date } | { ok: false; problem: "malformed" | "past" | "over-max" };

/**
 * Decides when a ban ends.
 * @param resumeTime the text the client sent, or undefined for the default duration
 * @param now the sandbox's time
 * @param limits default and maximum ban length in seconds
 * @param overMax what a resume time beyond now + max does
 * @param allowFraction accept fractional seconds
 */
export function decideExpiry(
  resumeTime: string | undefined,
  now: Date,
  limits: { defaultBanSeconds: number; maxBanSeconds: number },
  overMax: OverMaxPolicy,
  allowFraction = false,
): ExpiryDecision {
  if (resumeTime === undefined) {
    // Vendors keep whole seconds; so does the default expiry.
    return { ok: true, expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + limits.defaultBanSeconds * 1000) };
  }
  const at = parseUtcTime(resumeTime, allowFraction);
  if (at === undefined) return { ok: false, problem: "malformed" };
  if (at.getTime() <= now.getTime()) return { ok: false, problem: "past" };
  const max = now.getTime() + limits.maxBanSeconds * 1000;
  if (at.getTime() > max) {
    if (overMax === "error") return { ok: false, problem: "over-max" };
    if (overMax === "clamp") return { ok: true, expiresAt: new Date(Math.floor(max / 1000) * 1000) };
  }
  return { ok: true, expiresAt: at };
}
