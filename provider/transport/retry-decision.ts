// Pure predicates over VendorError: is it throttling, and may this operation be sent again after it.
import type { VendorError } from "../vendors/vendor-error";

// Throttling codes: tencent.md common errors (RequestLimitExceeded, RequestLimitExceeded.*), aliyun.md
// (Throttling, Throttling.User, Throttling.Api: "any code containing Throttling"), Huawei APIG flow control
// (APIGW.0308 / APIG.0308), and plain HTTP 429. RequestSizeLimitExceeded is NOT throttling.
const THROTTLING_CODE = /^(RequestLimitExceeded(\..*)?|.*Throttling.*|APIGW?\.0308|HTTP_429|TooManyRequests)$/;

/** True when the vendor rejected the call for rate reasons (which also means it did not execute it). */
export function isThrottling(e: VendorError): boolean {
  return e.httpStatus === 429 || THROTTLING_CODE.test(e.code);
}

/**
 * Whether sending the operation again after this error cannot do something twice. Idempotent operations
 * may always be repeated; a non-idempotent one (a one-shot kick) only when the failure proves the vendor
 * did not execute it: `notExecuted` (refused, connect timeout, DNS, set by adapters) or a throttling rejection.
 */
export function isSafeToRepeat(e: VendorError, idempotent: boolean): boolean {
  return idempotent || e.notExecuted || isThrottling(e);
}
