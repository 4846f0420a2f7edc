// Which VendorErrors count as throttling, and when a non-idempotent operation may be sent again.
import { strict as assert } from "node:assert";
import { VendorError } from "../../provider/vendors/vendor-error";
import { isSafeToRepeat, isThrottling, isUnreachable } from "../../provider/transport/retry-decision";

function err(code: string, extra: Partial<ConstructorParameters<typeof VendorError>[0]> = {}): VendorError {
  return new VendorError({ vendor: "tencent", operation: "kick", code, vendorMessage: "m", retryable: true, ...extra });
}

describe("transport/retry-decision", () => {
  it("knows each vendor's throttling codes", () => {
    for (const c of ["RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "Throttling", "Throttling.User", "Throttling.Api", "APIGW.0308", "APIG.0308", "HTTP_429"]) {
      assert.equal(isThrottling(err(c)), true, c);
    }
    assert.equal(isThrottling(err("Anything", { httpStatus: 429 })), true);
  });

  it("does not mistake look-alikes for throttling", () => {
    for (const c of ["RequestSizeLimitExceeded", "LimitExceeded", "ECONNRESET", "HTTP_503", "APIGW.0301"]) {
      assert.equal(isThrottling(err(c, { httpStatus: 400 })), false, c);
    }
  });

  it("repeats a non-idempotent call only on proof it did not run", () => {
    assert.equal(isSafeToRepeat(err("ECONNRESET"), false), false);
    assert.equal(isSafeToRepeat(err("HEADERS_TIMEOUT"), false), false);
    assert.equal(isSafeToRepeat(err("HTTP_503", { httpStatus: 503 }), false), false);
    assert.equal(isSafeToRepeat(err("ECONNREFUSED", { notExecuted: true }), false), true);
    assert.equal(isSafeToRepeat(err("Throttling.User", { httpStatus: 400 }), false), true);
    assert.equal(isSafeToRepeat(err("ECONNRESET"), true), true);
  });

  it("knows an unreachable vendor: refused, connect timeout, no route, temporary DNS, proxy connect; nothing that was answered or sent", () => {
    for (const c of ["ECONNREFUSED", "CONNECT_TIMEOUT", "NETWORK_UNREACHABLE", "DNS_ERROR", "PROXY_ERROR"]) {
      assert.equal(isUnreachable(err(c, { notExecuted: true })), true, c);
    }
    assert.equal(isUnreachable(err("DNS_ERROR", { notExecuted: true, retryable: false })), false, "a host name that does not exist");
    assert.equal(isUnreachable(err("ECONNREFUSED", { notExecuted: false })), false);
    for (const c of ["ECONNRESET", "HEADERS_TIMEOUT", "ETIMEDOUT"]) assert.equal(isUnreachable(err(c)), false, c);
    assert.equal(isUnreachable(err("HTTP_503", { httpStatus: 503, notExecuted: true })), false);
    assert.equal(isUnreachable(err("RequestLimitExceeded", { httpStatus: 200, notExecuted: true })), false);
  });
});
