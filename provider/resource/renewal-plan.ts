// When an indefinite ban (no resumeTime) is renewed, and until when: the vendor's maximum, with a margin.
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import type { VendorId } from "../vendors/vendor-id";
import { addSeconds, truncateToSeconds } from "../vendors/utc-time";

export const DEFAULT_RENEWAL_WINDOW_DAYS = 30;

/**
 * Kept off the vendor's exact maximum so a client clock slightly ahead of the vendor's never asks for
 * more than the vendor allows.
 */
const MAX_MARGIN_SECONDS = 3600;

/** The resume time StreamBlock sends for an indefinite ban created or renewed at `now`. */
export function indefiniteResumeTime(vendor: VendorId, now: Date): Date {
  return truncateToSeconds(addSeconds(now, VENDOR_LIMITS[vendor].maxBanSeconds - MAX_MARGIN_SECONDS));
}

/**
 * Why an indefinite ban must be renewed now, or undefined if it need not be. A ban whose expiry is
 * unknown (an Aliyun ban StreamBlock adopted: Aliyun does not reveal resume times) is not renewed, since
 * renewing it would lift it for a moment; once it lapses, `pulumi up --refresh` bans it afresh.
 */
export function renewalReason(expiresAt: string | undefined, now: Date, windowDays: number): string | undefined {
  if (expiresAt === undefined) return undefined;
  const leftMs = Date.parse(expiresAt) - now.getTime();
  if (Number.isNaN(leftMs)) return `the recorded expiry "${expiresAt}" is unreadable`;
  if (leftMs >= windowDays * 86_400_000) return undefined;
  if (leftMs <= 0) return `the ban expired at ${expiresAt}`;
  const days = Math.floor(leftMs / 86_400_000);
  const hours = Math.floor((leftMs % 86_400_000) / 3_600_000);
  return `the ban expires at ${expiresAt}, in ${days}d ${hours}h, inside the ${windowDays}-day renewal window`;
}
