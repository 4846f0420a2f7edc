// Huawei error codes the adapter acts on, and which are worth retrying.

/** huawei.md §3: "The resource already exists." (assumed answer to a duplicate create; UNVERIFIED). */
export const HUAWEI_ALREADY_EXISTS = "LIVE.103011018";
/** huawei.md §3: "The resource to access is not exists" (assumed answer for a missing ban; UNVERIFIED). */
export const HUAWEI_NOT_FOUND = "LIVE.103011019";
/** huawei.md §3: server internal error, "please try again later". */
const HUAWEI_INTERNAL = "LIVE.100011005";

/** APIG throttling (APIGW.0308 / APIG.0308, HTTP 429): rejected before reaching the service. */
export function isHuaweiThrottling(code: string, httpStatus: number): boolean {
  return httpStatus === 429 || /^APIGW?\.0308$/.test(code);
}

export function isHuaweiRetryable(code: string, httpStatus: number): boolean {
  return isHuaweiThrottling(code, httpStatus) || httpStatus >= 500 || code === HUAWEI_INTERNAL;
}
