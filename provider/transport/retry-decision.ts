// Pure predicates over VendorError: is it throttling, is the vendor unreachable, and may this operation be sent again after it.
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

// Transport codes of a request that never left us because nothing answered the connection (classify-network-error.ts).
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "CONNECT_TIMEOUT", "NETWORK_UNREACHABLE", "DNS_ERROR", "PROXY_ERROR"]);

/**
 * True when the vendor could not be reached at all (connection refused, connect timeout, no route, a
 * temporary DNS failure, the proxy's connect failing) and the failure is worth retrying: what a vendor
 * restart or a network blip looks like. Nothing was sent, so retrying is always safe and costs the
 * vendor nothing; such attempts are bounded by elapsed time rather than counted.
 */
export function isUnreachable(e: VendorError): boolean {
  return e.retryable && e.notExecuted && e.httpStatus === undefined && UNREACHABLE_CODES.has(e.code);
}
