// Server-side check of Huawei APIG requests (SDK-HMAC-SHA256 or X-Auth-Token) for the sandbox's Huawei emulator.
import {
  apigCanonicalRequest,
  apigPayloadHash,
  apigSignature,
  apigStringToSign,
} from "../../vendors/huawei/apig-signer";
import { parseRawQuery } from "../../vendors/raw-query";
import {
  checkSessionToken,
  outsideSkew,
  signaturesEqual,
  verifyFailure,
  type ReceivedRequest,
  type SecretLookup,
  type VerifyResult,
} from "./verify-result";

/** Finds who an IAM token belongs to (reported as `accessKeyId`); undefined when the token is not valid. */
export type TokenLookup = (token: string) => string | undefined;

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Verifies a Huawei Cloud request (huawei.md §5). With an Authorization header: SDK-HMAC-SHA256 over the
 * client-declared SignedHeaders, which must include x-sdk-date; path and query are decoded and
 * re-encoded canonically (SDKs put different bytes on the wire); `x-sdk-content-sha256:
 * UNSIGNED-PAYLOAD` replaces the body hash; X-Security-Token is checked against the key's session
 * token. Without one: X-Auth-Token through `lookupToken`. Failure order: missing, malformed,
 * unknown-key, expired, bad-signature, bad-token.
 * @param req - the request as received
 * @param lookup - secret (and session token) by AK
 * @param now - the emulator's clock
 * @param skewSeconds - allowed distance of X-Sdk-Date from now (APIG: 900)
 * @param lookupToken - identity behind an X-Auth-Token
 */
export function verifyHuaweiRequest(
  req: ReceivedRequest,
  lookup: SecretLookup,
  now: Date,
  skewSeconds: number,
  lookupToken: TokenLookup,
): VerifyResult {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization === "") {
    const token = req.headers["x-auth-token"];
    if (token === undefined || token === "") return verifyFailure("missing", "neither Authorization nor X-Auth-Token");
    const principal = lookupToken(token);
    return principal === undefined ? verifyFailure("bad-token", "X-Auth-Token is not valid") : { ok: true, accessKeyId: principal };
  }
  const m = AUTHORIZATION.exec(authorization.trim());
  if (!m) return verifyFailure("malformed", "Authorization is not SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…");
  const [, ak = "", signedList = "", signature = ""] = m;
  const signedHeaders = signedList.split(";");
  if (!signedHeaders.includes("x-sdk-date")) return verifyFailure("malformed", "SignedHeaders must include x-sdk-date");
  const absent = signedHeaders.find((name) => req.headers[name] === undefined);
  if (absent !== undefined) return verifyFailure("malformed", `signed header ${absent} is not in the request`);
  const sdkDate = (req.headers["x-sdk-date"] ?? "").trim();
  const d = SDK_DATE.exec(sdkDate);
  if (!d) return verifyFailure("malformed", "X-Sdk-Date is not YYYYMMDDTHHMMSSZ");
  let canonical: string;
  try {
    canonical = apigCanonicalRequest({
      method: req.method,
      path: req.path,
      query: parseRawQuery(req.rawQuery),
      headers: req.headers,
      signedHeaders,
      payloadHash: apigPayloadHash(req.headers, req.body),
    });
  } catch {
    return verifyFailure("malformed", "path or query has a malformed percent-escape");
  }
  const key = lookup(ak);
  if (key === undefined) return verifyFailure("unknown-key", `AK ${ak} not found`);
  const signedAt = new Date(`${d[1]}-${d[2]}-${d[3]}T${d[4]}:${d[5]}:${d[6]}Z`);
  if (outsideSkew(signedAt, now, skewSeconds)) {
    return verifyFailure("expired", `X-Sdk-Date ${sdkDate} is more than ${skewSeconds}s from server time`);
  }
  const stringToSign = apigStringToSign(sdkDate, canonical);
  if (!signaturesEqual(apigSignature(key.secret, stringToSign), signature)) {
    return verifyFailure("bad-signature", `signature does not match; server string to sign: ${JSON.stringify(stringToSign)}`);
  }
  const tokenFailure = checkSessionToken(key, req.headers["x-security-token"], "X-Security-Token");
  if (tokenFailure) return tokenFailure;
  return { ok: true, accessKeyId: ak };
}
