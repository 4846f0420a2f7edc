// The resume time `streamblock export` writes for a live ban, chosen so that re-applying the export to the stack that made the bans changes nothing.
import type { VendorId } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { formatUtcSeconds } from "../vendors/utc-time";

/** `auto` round-trips (the default); `exact` keeps every expiry the vendor holds; `none` writes no resume times. */
export type ResumeTimeMode = "auto" | "exact" | "none";

export interface ExportedResumeTimeInput {
  vendor: VendorId;
  /** The expiry the vendor holds; undefined where its list has none (Aliyun). */
  expiresAt?: Date;
  /** The same ban in the `--from` blocklist, if it declares it (`resumeTime` undefined: indefinite). */
  declared?: { resumeTime?: string };
  now: Date;
  /** The renewal window: StreamBlock renews an indefinite ban once less than this is left. */
  windowDays: number;
  mode: ResumeTimeMode;
}

/**
 * Whether an expiry has the shape of a StreamBlock indefinite ban: forbidden for the vendor's maximum
 * less an hour and renewed before less than the renewal window is left, so between now + window and
 * now + the vendor's maximum (the hour's margin absorbs a vendor clock a little ahead).
 */
export function looksIndefinite(vendor: VendorId, expiresAt: Date, now: Date, windowDays: number): boolean {
  const left = expiresAt.getTime() - now.getTime();
  return left >= windowDays * 86_400_000 && left <= VENDOR_LIMITS[vendor].maxBanSeconds * 1000;
}

/**
 * The `resumeTime` to export, or undefined for an indefinite ban. In `auto` mode a ban the `--from` file
 * declares keeps its declared form where the vendor agrees (or cannot say: Aliyun); any other ban is
 * indefinite when its expiry looks like StreamBlock's indefinite pattern, and otherwise keeps its expiry.
 */
export function exportedResumeTime(input: ExportedResumeTimeInput): string | undefined {
  const { expiresAt, declared } = input;
  const held = expiresAt ? formatUtcSeconds(expiresAt) : undefined;
  if (input.mode === "none") return undefined;
  if (input.mode === "exact") return held ?? declared?.resumeTime;
  if (declared) {
    if (declared.resumeTime === undefined) return undefined;
    if (held === undefined || held === declared.resumeTime) return declared.resumeTime;
  }
  if (expiresAt === undefined) return undefined;
  return looksIndefinite(input.vendor, expiresAt, input.now, input.windowDays) ? undefined : held;
}
