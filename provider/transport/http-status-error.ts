// Fallback VendorError for a non-2xx response whose body the adapter could not read as a vendor error.
import type { VendorId } from "../vendors/vendor-id";
import { VendorError } from "../vendors/vendor-error";
import type { HttpResponse } from "./http-types";
import { parseRetryAfter } from "./retry-after";
import { STATUS_CODES } from "node:http";

/** Statuses worth retrying when nothing better is known: timeouts, throttling and server-side failures. */
const RETRYABLE_STATUS = new Set([408, 425, 429]);
/** Server errors that a retry cannot fix. */
const PERMANENT_5XX = new Set([501, 505]);

// huawei.md §1 X-Request-Id; aliyun x-acs-request-id; tencent returns the id only in the body.
const REQUEST_ID_HEADERS = ["x-request-id", "x-acs-request-id", "x-tc-requestid"];

/**
 * Builds `HTTP_<status>` from the status alone. The body is deliberately left out of the message: an
 * unknown server or proxy may echo request headers (signatures, tokens) back in it.
 * @param ctx who made the call, for the message
 * @param res the response
 * @param nowMs current epoch ms, to turn a Retry-After date into a delay
 */
export function vendorErrorFromStatus(
  ctx: { vendor: VendorId; operation: string; stream?: string },
  res: HttpResponse,
  nowMs: number = Date.now(),
): VendorError {
  const reason = STATUS_CODES[res.status] ?? "unknown status";
  const requestId = REQUEST_ID_HEADERS.map((h) => res.headers[h]).find((v) => v !== undefined && v !== "");
  return new VendorError({
    vendor: ctx.vendor,
    operation: ctx.operation,
    stream: ctx.stream,
    code: `HTTP_${res.status}`,
    vendorMessage: `${reason} without a recognised vendor error body`,
    httpStatus: res.status,
    requestId,
    retryable: RETRYABLE_STATUS.has(res.status) || (res.status >= 500 && !PERMANENT_5XX.has(res.status)),
    retryAfterMs: parseRetryAfter(res.headers["retry-after"], nowMs),
    notExecuted: res.status === 429,
  });
}
