// Tencent error codes the emulator answers, with messages, and the {"Response":{Error,RequestId}} envelope (always HTTP 200).
import { randomUUID } from "node:crypto";
import type { VerifyFailureReason } from "../auth/verify-result";
import { jsonReply, type Reply } from "../http-util";

/**
 * tencent.md §4.1–4.2. Only AuthFailure.SignatureFailure's message is published verbatim (§1.2); the
 * others are modelled on the gateway's English style and are UNVERIFIED ("not to be relied on").
 */
export const TENCENT_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  ActionOffline: "The action has been taken offline.",
  "AuthFailure.InvalidAuthorization": "The Authorization header in the request is not in the TencentCloud API 3.0 format.",
  "AuthFailure.InvalidSecretId": "The SecretId is not an API key.",
  "AuthFailure.SecretIdNotFound": "The SecretId is not found, please ensure that your SecretId is correct.",
  "AuthFailure.SignatureExpire": "Signature expired. Timestamp and server time cannot differ by more than five minutes.",
  "AuthFailure.SignatureFailure": "The provided credentials could not be validated. Please check your signature is correct.",
  "AuthFailure.TokenFailure": "The provided token is invalid.",
  "AuthFailure.UnauthorizedOperation": "The request is not authorized.",
  FailedOperation: "Operation failed.",
  "FailedOperation.CallOtherSvrFailed": "Failed to call another internal service.",
  InternalError: "An internal error has occurred. Retry your request.",
  "InternalError.CallOtherSvrError": "Internal service call error.",
  InvalidAction: "The requested action does not exist.",
  InvalidParameter: "A parameter is invalid.",
  InvalidParameterValue: "A parameter value is invalid.",
  MissingParameter: "A required parameter is missing.",
  NoSuchVersion: "The requested API version does not exist.",
  RequestLimitExceeded: "Your request rate is too high.",
  RequestSizeLimitExceeded: "The request is too large.",
  "ResourceNotFound.ForbidService": "The user is disabled.",
  "ResourceNotFound.UserNotExist": "The user has not registered for Live.",
  ServiceUnavailable: "The service is temporarily unavailable.",
  UnknownParameter: "An unknown parameter was sent.",
  UnsupportedProtocol: "Only GET and POST requests are supported.",
};

/** tencent.md §2: which AuthFailure code each verification failure gets. */
export const TENCENT_AUTH_CODES: Readonly<Record<VerifyFailureReason, string>> = {
  missing: "AuthFailure.InvalidAuthorization",
  malformed: "AuthFailure.InvalidAuthorization",
  "unknown-key": "AuthFailure.SecretIdNotFound",
  "bad-signature": "AuthFailure.SignatureFailure",
  expired: "AuthFailure.SignatureExpire",
  "nonce-reused": "AuthFailure.SignatureFailure",
  "bad-token": "AuthFailure.TokenFailure",
};

/** A new Tencent request id (lower-case UUID, as in every documented example). */
export function tencentRequestId(): string {
  return randomUUID();
}

/** Response headers every Tencent reply carries: the SDK reads `x-tc-traceid` (tencent.md §5). */
function envelopeHeaders(traceId: string | undefined): Record<string, string> {
  return traceId ? { "x-tc-traceid": traceId } : {};
}

/** A success envelope: HTTP 200, `{"Response":{...fields,"RequestId"}}`. */
export function tencentSuccess(fields: Record<string, unknown>, traceId: string | undefined): Reply {
  return jsonReply(200, { Response: { ...fields, RequestId: tencentRequestId() } }, "OK", envelopeHeaders(traceId));
}

/**
 * An error envelope. tencent.md §1: HTTP 200 whenever the server processed the request, errors included;
 * `status` exists only for injected faults that want a different one.
 */
export function tencentError(code: string, message: string | undefined, traceId: string | undefined, status = 200): Reply {
  const Message = message ?? TENCENT_ERROR_MESSAGES[code] ?? "An error occurred.";
  return jsonReply(
    status,
    { Response: { Error: { Code: code, Message }, RequestId: tencentRequestId() } },
    code,
    envelopeHeaders(traceId),
  );
}
