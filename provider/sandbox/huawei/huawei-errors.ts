// Huawei error codes (LIVE.* service codes, APIGW.* gateway codes) and the {"error_code","error_msg"} reply with X-Request-Id.
import { randomUUID } from "node:crypto";
import type { VerifyFailureReason } from "../auth/verify-result";
import type { Reply } from "../http-util";

/**
 * huawei.md §3 (service codes) and the APIG codes it quotes. APIGW.0301's status 401 is UNVERIFIED;
 * APIGW.0302 (403), APIGW.0308 (429, throttling) and APIGW.0101 (404) are APIG's published gateway codes
 * that the spec does not cover for Live: assumptions.
 */
export const HUAWEI_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  "APIGW.0101": { status: 404, message: "The API does not exist or has not been published in the environment." },
  "APIGW.0301": { status: 401, message: "Incorrect IAM authentication information: verify aksk signature fail" },
  "APIGW.0302": { status: 403, message: "The IAM user is not authorized to access the API." },
  "APIGW.0308": { status: 429, message: "The throttling threshold has been reached" },
  "LIVE.100011001": { status: 400, message: "Invalid request parameter." },
  "LIVE.100011003": { status: 401, message: "Unauthorized access to the interface." },
  "LIVE.100011004": { status: 400, message: "The protocol is not supported. The API only supports the HTTPS protocol." },
  "LIVE.100011005": { status: 500, message: "Server internal error, please try again later." },
  "LIVE.100011009": { status: 400, message: "The requested user does not exist." },
  "LIVE.100011011": { status: 400, message: "The method specified in the request is not supported." },
  "LIVE.100011012": { status: 400, message: "Unsupported media type." },
  "LIVE.103011018": { status: 400, message: "The resource already exists." },
  "LIVE.103011019": { status: 400, message: "The resource to access is not exists" },
  "LIVE.103011021": { status: 400, message: "Failed to access the database." },
};

/** huawei.md §3: APIG's wording per verification failure (all APIGW.0301). */
export const HUAWEI_AUTH_MESSAGES: Readonly<Record<VerifyFailureReason, string>> = {
  missing: "Incorrect IAM authentication information: x-auth-token not found",
  malformed: "Incorrect IAM authentication information: verify aksk signature fail",
  "unknown-key": "Incorrect IAM authentication information: Get secretKey failed, ak not exist",
  "bad-signature": "Incorrect IAM authentication information: verify aksk signature fail",
  expired: "Incorrect IAM authentication information: verify aksk signature fail, signature expired",
  "nonce-reused": "Incorrect IAM authentication information: verify aksk signature fail",
  "bad-token": "Incorrect IAM authentication information: decrypt token fail",
};

/** A new request id: 32 lower-case hex digits (a UUID without dashes, as APIG writes them). */
export function huaweiRequestId(): string {
  return randomUUID().replace(/-/g, "");
}

/** A success reply: 204 with no body, or 200 with JSON; always with X-Request-Id (huawei.md §1). */
export function huaweiSuccess(status: 200 | 204, body?: unknown): Reply {
  const headers: Record<string, string> = { "x-request-id": huaweiRequestId() };
  if (status === 204) return { status, headers, body: "", code: "OK" };
  return { status, headers: { ...headers, "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(body), code: "OK" };
}

/**
 * An error reply `{"error_code","error_msg"}`; gateway (APIGW) errors also carry `request_id` in the body,
 * as in the APIG sample of huawei.md §3.
 */
export function huaweiError(code: string, status?: number, message?: string, headers: Record<string, string> = {}): Reply {
  const info = HUAWEI_ERRORS[code];
  const requestId = huaweiRequestId();
  const body: Record<string, string> = { error_code: code, error_msg: message ?? info?.message ?? "Request failed." };
  if (code.startsWith("APIG")) body.request_id = requestId;
  return {
    status: status ?? info?.status ?? 400,
    headers: { "content-type": "application/json;charset=utf-8", "x-request-id": requestId, ...headers },
    body: JSON.stringify(body),
    code,
  };
}
