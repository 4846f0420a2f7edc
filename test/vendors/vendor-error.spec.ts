// VendorError: one message format for every vendor, and a brand that survives duplicate module copies.
import { strict as assert } from "node:assert";
import { VendorError } from "../../provider/vendors/vendor-error";

describe("vendors/vendor-error", () => {
  it("names vendor, operation, stream, code, status and request id", () => {
    const e = new VendorError({
      vendor: "tencent",
      operation: "forbid",
      stream: "push.example.com/live/s1",
      code: "InvalidParameterValue",
      vendorMessage: "bad ResumeTime",
      httpStatus: 200,
      requestId: "8e50cdb5",
      retryable: false,
    });
    assert.equal(
      e.message,
      "tencent forbid stream push.example.com/live/s1 failed: InvalidParameterValue: bad ResumeTime (HTTP 200, request id 8e50cdb5, not retryable)",
    );
    assert.equal(e.notExecuted, false);
  });

  it("is recognised by brand, not by prototype", () => {
    const e = new VendorError({ vendor: "aliyun", operation: "list", code: "X", vendorMessage: "y", retryable: true });
    const copy = Object.create(Error.prototype);
    assert.equal(VendorError.isInstance(e), true);
    assert.equal(VendorError.isInstance(copy), false);
    assert.equal(VendorError.isInstance(new Error("z")), false);
  });
});
