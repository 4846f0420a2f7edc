// The one interface every vendor adapter implements: what StreamBlock needs from a CDN's block API.
import type { VendorId } from "./vendor-id";

/** Identifies one stream on one vendor account: the push domain, the app (path) and the stream name. */
export interface StreamKey {
  domain: string;
  app: string;
  stream: string;
}

/** A ban as the vendor holds it. */
export interface Ban extends StreamKey {
  /**
   * When the vendor lifts the ban. Undefined where the vendor does not say (Aliyun's list carries no
   * resume times).
   */
  expiresAt?: Date;
}

export interface ForbidRequest extends StreamKey {
  /** Absolute UTC instant, whole seconds. Omitted: the vendor's default duration applies. */
  resumeTime?: Date;
  /** Sent where the vendor takes one (Tencent); other vendors ignore it. */
  reason?: string;
}

/** What a state-changing call reports back. */
export interface ChangeResult {
  /** Request id of the vendor call that made the change (the last one, for multi-call operations). */
  requestId: string;
  /**
   * The expiry the vendor now holds, as far as the adapter knows it: the resume time sent, or now plus
   * the vendor's default duration when none was sent.
   */
  expiresAt?: Date;
  /** Human-readable notes on what the adapter had to do (e.g. Aliyun's resume-then-forbid). */
  notes: string[];
}

export interface AdapterCapabilities {
  /** The vendor's list returns resume times (false for Aliyun). */
  listHasExpiry: boolean;
  /**
   * How `list` is served: a paged vendor list, or unavailable (Tencent's mainland API removed its
   * forbid list; look streams up one by one instead).
   */
  listing: "paged" | "unavailable";
  /** The vendor has a native update call (Huawei PUT); otherwise update re-forbids. */
  nativeUpdate: boolean;
  /** Rows per list page the adapter asks for. */
  pageSize: number;
  /**
   * `account`: the vendor's list has no domain filter (Tencent), so one pass over `listAccount()` serves
   * every domain; `domain`: list each domain on its own.
   */
  listScope: "domain" | "account";
}

export interface ForbidOptions {
  /**
   * Where the only way to change an existing ban's resume time is to lift it and ban again (Aliyun;
   * Tencent if it refuses a second forbid), may the adapter do so? False keeps the existing ban as the
   * vendor holds it (expiresAt then unknown) so the stream is never unbanned, even for a round trip.
   * @default true
   */
  liftToAlign?: boolean;
}

export interface VendorAdapter {
  readonly vendor: VendorId;
  readonly capabilities: AdapterCapabilities;
  /** Bans the stream. Already banned: converges to the asked resume time (idempotent), see ForbidOptions. */
  forbid(req: ForbidRequest, opts?: ForbidOptions): Promise<ChangeResult>;
  /** Lifts the ban. Not banned: succeeds (idempotent). */
  resume(key: StreamKey): Promise<ChangeResult>;
  /** Changes the resume time of an existing ban (or bans it if the vendor lost it). */
  updateResumeTime(req: ForbidRequest): Promise<ChangeResult>;
  /** The ban on one stream, or undefined when the stream is not banned. */
  lookup(key: StreamKey): Promise<Ban | undefined>;
  /** Every ban on a domain; paging is hidden. Throws ListUnavailable where the vendor has no list. */
  list(domain: string): AsyncIterable<Ban>;
  /**
   * Every ban of the account, for vendors whose list has no domain filter (listScope `account`). A ban
   * with an empty domain matches by stream name on every domain.
   */
  listAccount?(): AsyncIterable<Ban>;
  /** Disconnects the current push once; the streamer may push again. */
  kick(key: StreamKey): Promise<ChangeResult>;
}

/**
 * After a vendor refused a change, asks whether the stream is banned; if that lookup fails too, the
 * original refusal is what the user must see, so it is rethrown.
 */
export async function isBannedOr(adapter: VendorAdapter, key: StreamKey, original: unknown): Promise<boolean> {
  try {
    return (await adapter.lookup(key)) !== undefined;
  } catch {
    throw original;
  }
}
