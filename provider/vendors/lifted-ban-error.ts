// A re-forbid that failed after the ban was lifted to change it: the error must say the stream is not banned now.
import { VendorError } from "./vendor-error";

/**
 * Where a vendor can change a ban's resume time only by resuming and forbidding again (Aliyun; Tencent
 * when it refuses a second forbid), a failed forbid leaves the stream unbanned. The user must learn that
 * from the error, not from the next refresh.
 * @param e what the re-forbid threw
 * @param resumeRequestId the request id of the resume that lifted the ban
 * @returns a VendorError with the same fields whose message says so; anything else unchanged
 */
export function liftedBanError(e: unknown, resumeRequestId: string): unknown {
  if (!VendorError.isInstance(e)) return e;
  return new VendorError({
    vendor: e.vendor,
    operation: e.operation,
    stream: e.stream,
    code: e.code,
    vendorMessage: `${e.vendorMessage}; the ban had been lifted (resume request ${resumeRequestId || "without id"}) to change its resume time, so the stream is NOT banned until an up succeeds`,
    httpStatus: e.httpStatus,
    requestId: e.requestId,
    retryable: e.retryable,
    retryAfterMs: e.retryAfterMs,
    notExecuted: e.notExecuted,
    cause: e,
  });
}
