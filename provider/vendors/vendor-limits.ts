// Documented per-vendor limits: ban durations, page sizes and API rate limits (QPS); names are in name-rules.ts.
// Each figure cites its source in ../shared/vendors/<vendor>.md; the client-side rate limiter defaults to `qps`.
import type { VendorId } from "./vendor-id";

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
  /** Documented requests per second, per account, per vendor action name. */
  qps: Readonly<Record<string, number>>;
  /** Allowed clock skew of a signed request, in seconds. */
  signatureSkewSeconds: number;
}

const DAY = 86_400;

export const VENDOR_LIMITS: Readonly<Record<VendorId, VendorLimits>> = {
  // huawei.md §2.1–2.5 (DOC-live_03_0010 etc.): default 7 days, max 90 days;
  // List size 1–100, default 10; §5.5 gateway skew 15 minutes. Huawei publishes no
  // per-action QPS for these APIs: 20/s is our conservative assumption, overridable.
  huawei: {
    defaultBanSeconds: 7 * DAY,
    maxBanSeconds: 90 * DAY,
    maxReasonBytes: 2048,
    maxPageSize: 100,
    defaultPageSize: 10,
    qps: {
      CreateStreamForbidden: 20,
      ListStreamForbidden: 20,
      UpdateStreamForbidden: 20,
      DeleteStreamForbidden: 20,
      CreateStreamForbiddenOnce: 20,
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
    qps: {
      ForbidLiveStream: 200,
      ResumeLiveStream: 100,
      DropLiveStream: 100,
      // tencent.md §3.4 (CN doc 267/20470): with the forbid list gone (§3.5) this bounds a Tencent refresh.
      DescribeLiveStreamState: 300,
      DescribeLiveForbidStreamList: 2,
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
    qps: {
      ForbidLiveStream: 20,
      ResumeLiveStream: 30,
      DescribeLiveStreamsBlockList: 50,
    },
    signatureSkewSeconds: 15 * 60,
  },
};
