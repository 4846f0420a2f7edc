// Documented per-vendor limits: ban durations, page sizes and API call limits (per second or per minute); names are in name-rules.ts.
// Each figure cites its source in ../shared/vendors/<vendor>.md; the client limiter and the sandbox throttle default to `calls`.
import type { VendorId } from "./vendor-id";

/**
 * A documented call limit: one account (vendor "user") may make at most `perAccount` calls in any
 * `windowSeconds`, and all accounts together at most `perApi`, where the vendor documents one.
 * `windowSeconds: 1` is a QPS figure (paced as a rate); longer windows are counted exactly.
 */
export interface CallLimit {
  perAccount: number;
  perApi?: number;
  windowSeconds: number;
}

/** A QPS figure: `n` calls per second per account. */
function perSecond(n: number): CallLimit {
  return { perAccount: n, windowSeconds: 1 };
}

/** A per-minute figure: `perAccount` calls per minute per account, `perApi` per minute for all accounts. */
function perMinute(perAccount: number, perApi: number): CallLimit {
  return { perAccount, perApi, windowSeconds: 60 };
}

export interface VendorLimits {
  /** Ban length when no resume time is sent. */
  defaultBanSeconds: number;
  /** Longest ban the vendor accepts (resume time at most now + this). */
  maxBanSeconds: number;
  /** Longest accepted reason, in UTF-8 bytes (Tencent documents 2048; we apply it everywhere). */
  maxReasonBytes: number;
  /** Largest page the list call accepts, and its default. */
  maxPageSize: number;
  defaultPageSize: number;
  /** Bans the account may hold at once, where the vendor caps it. */
  maxBansPerAccount?: number;
  /** Documented call limits per vendor action name. */
  calls: Readonly<Record<string, CallLimit>>;
  /** Allowed clock skew of a signed request, in seconds. */
  signatureSkewSeconds: number;
}

const DAY = 86_400;

export const VENDOR_LIMITS: Readonly<Record<VendorId, VendorLimits>> = {
  // huawei.md §2.1–2.5 (DOC-live_03_0010 etc.): default 7 days, max 90 days;
  // List size 1–100, default 10; §5.5 gateway skew 15 minutes. §1 rate limits (DOC live_03_0052):
  // forbid and modify 4,000/min per user, 12,000/min per API; list and resume 3,000/min per user,
  // 6,000/min per API; over them APIG answers 429 APIGW.0308. CreateStreamForbiddenOnce is not in that
  // table (UNVERIFIED): we assume the create row.
  huawei: {
    defaultBanSeconds: 7 * DAY,
    maxBanSeconds: 90 * DAY,
    maxReasonBytes: 2048,
    maxPageSize: 100,
    defaultPageSize: 10,
    calls: {
      CreateStreamForbidden: perMinute(4000, 12_000),
      UpdateStreamForbidden: perMinute(4000, 12_000),
      CreateStreamForbiddenOnce: perMinute(4000, 12_000),
      ListStreamForbidden: perMinute(3000, 6000),
      DeleteStreamForbidden: perMinute(3000, 6000),
    },
    signatureSkewSeconds: 15 * 60,
  },
  // tencent.md §3.1–3.5: default 7 days, max 90 days, Reason 2048 bytes; QPS Forbid 200, Resume 100
  // (intl doc), Drop 100, DescribeLiveStreamState 300, DescribeLiveForbidStreamList 2 (CN doc; intl says
  // 100: we take the stricter). PageSize 1–100, default 10. §2 skew 5 minutes.
  tencent: {
    defaultBanSeconds: 7 * DAY,
    maxBanSeconds: 90 * DAY,
    maxReasonBytes: 2048,
    maxPageSize: 100,
    defaultPageSize: 10,
    calls: {
      ForbidLiveStream: perSecond(200),
      ResumeLiveStream: perSecond(100),
      DropLiveStream: perSecond(100),
      // tencent.md §3.4 (CN doc 267/20470): with the forbid list gone (§3.5) this bounds a Tencent refresh.
      DescribeLiveStreamState: perSecond(300),
      DescribeLiveForbidStreamList: perSecond(2),
    },
    signatureSkewSeconds: 5 * 60,
  },
  // aliyun.md §2.1–2.3, §5: no ResumeTime = 6 months (183 days; we use 180 as the safe lower reading);
  // 10,000 bans per account; QPS Forbid 20, Resume 30, DescribeLiveStreamsBlockList 50; PageSize 1–3000,
  // default 2000; skew ±15 minutes (V3 doc). Aliyun documents no maximum resume time: we cap at the
  // default duration so renewal logic has one number.
  aliyun: {
    defaultBanSeconds: 180 * DAY,
    maxBanSeconds: 180 * DAY,
    maxReasonBytes: 2048,
    maxPageSize: 3000,
    defaultPageSize: 2000,
    maxBansPerAccount: 10_000,
    calls: {
      ForbidLiveStream: perSecond(20),
      ResumeLiveStream: perSecond(30),
      DescribeLiveStreamsBlockList: perSecond(50),
    },
    signatureSkewSeconds: 15 * 60,
  },
};
