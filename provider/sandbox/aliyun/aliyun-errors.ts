// Aliyun error codes (HTTP status + message), auth-failure mapping, and the flat JSON / XML reply shapes.
import { randomUUID } from "node:crypto";
import type { VerifyFailureReason } from "../auth/verify-result";
import type { Reply } from "../http-util";

/** The gateway name Aliyun puts in HostId (aliyun.md §1). */
export const ALIYUN_HOST_ID = "live.aliyuncs.com";

/**
 * aliyun.md §2.1 ([DOC-F-2019], [DOC-ERR]) and §5. Statuses and codes marked UNVERIFIED there are our
 * best reading: SignatureDoesNotMatch 400, Throttling.User 400, QuotaExceeded.Blacklist (name and status),
 * InvalidStream.NotFound, InvalidVersion, InvalidSecurityToken.Mismatch.
 */
export const ALIYUN_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  ConfigAlreadyExists: { status: 400, message: "Config has already exist." },
  Forbidden: { status: 401, message: "User not authorized to operate on the specified resource." },
  IllegalOperation: { status: 403, message: "Illegal domain operate is not permitted." },
  IncompleteSignature: { status: 400, message: "The request signature does not conform to Aliyun standards." },
  InternalError: { status: 500, message: "The request processing has failed due to some unknown error." },
  "InvalidAccessKeyId.NotFound": { status: 404, message: "Specified access key is not found." },
  "InvalidAction.NotFound": { status: 404, message: "Specified api is not found, please check your url and method." },
  "InvalidDomain.NotFound": { status: 404, message: "The domain provided does not exist in our records." },
  "InvalidIdentity.ServiceDisabled": { status: 400, message: "The request identity was not allowed operated." },
  "InvalidResumeTime.Malformed": { status: 400, message: "Specified parameter ResumeTime is not valid." },
  "InvalidSecurityToken.Mismatch": { status: 400, message: "Specified SecurityToken mismatch with the AccessKey." },
  "InvalidStream.NotFound": { status: 404, message: "The specified stream does not exist in the blacklist." },
  "InvalidTimeStamp.Expired": { status: 400, message: "Specified time stamp or date value is expired." },
  InvalidVersion: { status: 400, message: "Specified parameter Version is not valid." },
  "QuotaExceeded.Blacklist": { status: 400, message: "The number of blacklisted streams exceeds the quota." },
  ServiceUnavailable: { status: 503, message: "The request has failed due to a temporary failure of the server." },
  SignatureDoesNotMatch: { status: 400, message: "Specified signature is not matched with our calculation." },
  SignatureNonceUsed: { status: 400, message: "Specified signature nonce was used already." },
  "Throttling.User": { status: 400, message: "Request was denied due to user flow control." },
};

/** aliyun.md §5: the gateway code for each verification failure. */
export const ALIYUN_AUTH_CODES: Readonly<Record<VerifyFailureReason, string>> = {
  missing: "IncompleteSignature",
  malformed: "IncompleteSignature",
  "unknown-key": "InvalidAccessKeyId.NotFound",
  "bad-signature": "SignatureDoesNotMatch",
  expired: "InvalidTimeStamp.Expired",
  "nonce-reused": "SignatureNonceUsed",
  "bad-token": "InvalidSecurityToken.Mismatch",
};

/** Status and message of a code, with the `Missing<Param>` / `Invalid<Param>.Malformed` families built in. */
export function aliyunErrorInfo(code: string): { status: number; message: string } {
  const known = ALIYUN_ERRORS[code];
  if (known) return known;
  const missing = /^Missing([A-Z]\w*)$/.exec(code);
  if (missing) return { status: 400, message: `${missing[1]} is mandatory for this action.` };
  const malformed = /^Invalid([A-Z]\w*)\.Malformed$/.exec(code);
  if (malformed) return { status: 400, message: `Specified parameter ${malformed[1]} is not valid.` };
  return { status: 400, message: "The request has failed." };
}

/** A new Aliyun request id: an upper-case UUID, as in every documented example. */
export function aliyunRequestId(): string {
  return randomUUID().toUpperCase();
}

/** JSON unless the request asked for XML (aliyun.md §1: Format absent means XML, V3 asks JSON via Accept). */
export type AliyunFormat = "JSON" | "XML";

/** A success reply: `{RequestId, ...fields}`, or `<ActionResponse>` in XML. */
export function aliyunSuccess(action: string, fields: Record<string, unknown>, format: AliyunFormat): Reply {
  const requestId = aliyunRequestId();
  const body = { RequestId: requestId, ...fields };
  return render(200, `${action}Response`, body, format, "OK", requestId, {});
}

/**
 * An error reply, flat: RequestId, HostId, Code, Message, Recommend (aliyun.md §1). The troubleshoot URL's
 * `product=` casing for live is UNVERIFIED; we send `live`.
 */
export function aliyunError(
  code: string,
  format: AliyunFormat,
  status?: number,
  message?: string,
  headers: Record<string, string> = {},
): Reply {
  const info = aliyunErrorInfo(code);
  const requestId = aliyunRequestId();
  const body = {
    RequestId: requestId,
    HostId: ALIYUN_HOST_ID,
    Code: code,
    Message: message ?? info.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=live&requestId=${requestId}`,
  };
  return render(status ?? info.status, "Error", body, format, code, requestId, headers);
}

function render(
  status: number,
  root: string,
  body: Record<string, unknown>,
  format: AliyunFormat,
  code: string,
  requestId: string,
  headers: Record<string, string>,
): Reply {
  const common = { "x-acs-request-id": requestId, ...headers };
  if (format === "XML") {
    // openapi-client parses XML errors only with exactly this content type (aliyun.md §1).
    return {
      status,
      headers: { "content-type": "text/xml;charset=utf-8", ...common },
      body: `<?xml version="1.0" encoding="UTF-8"?>${toXml(root, body)}`,
      code,
    };
  }
  return { status, headers: { "content-type": "application/json;charset=utf-8", ...common }, body: JSON.stringify(body), code };
}

/** Renders a JSON-shaped value as Aliyun XML: arrays repeat their element name. */
function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join("");
  if (typeof value === "object" && value !== null) {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(k, v))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
