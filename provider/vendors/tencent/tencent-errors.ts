// Which Tencent error codes are worth retrying, and which prove the request never ran.

// tencent.md §4.2: frequency limits. The request was rejected before any business logic.
const THROTTLING = /^RequestLimitExceeded(\.|$)/;

// tencent.md §4.1–4.2: server-side failures where a later attempt may succeed.
const TRANSIENT = new Set([
  "InternalError",
  "InternalError.CallOtherSvrError",
  "InternalError.GetBizidError",
  "InternalError.GetStreamInfoError",
  "InternalError.GetUpstreamInfoError",
  "InternalError.UpdateDataError",
  "FailedOperation.CallOtherSvrFailed",
  "ServiceUnavailable",
  "ResourceUnavailable",
]);

/** Codes saying the API itself is gone (the mainland forbid list since 2025-11-28, tencent.md §3.5). */
const ACTION_GONE = new Set(["ActionOffline", "InvalidAction", "UnsupportedOperation"]);

export function isTencentThrottling(code: string): boolean {
  return THROTTLING.test(code);
}

export function isTencentRetryable(code: string): boolean {
  return isTencentThrottling(code) || TRANSIENT.has(code);
}

export function isTencentActionGone(code: string): boolean {
  return ACTION_GONE.has(code);
}
