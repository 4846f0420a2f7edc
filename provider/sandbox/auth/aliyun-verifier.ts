// Server-side check of Alibaba Cloud requests (V3 ACS3-HMAC-SHA256 and RPC HMAC-SHA1) for the sandbox's Aliyun emulator.
import { sha256Hex } from "../../vendors/digest";
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign } from "../../vendors/aliyun/acs3-signer";
import { rpcSignature, rpcStringToSign } from "../../vendors/aliyun/rpc-signer";
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

/** Records a signature nonce; returns false when it was already used (the request is a replay). */
export type NonceRegistry = (nonce: string) => boolean;

const V3_AUTHORIZATION = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const V3_REQUIRED_SIGNED = ["host", "x-acs-date", "x-acs-signature-nonce"];
const RPC_REQUIRED = ["SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];

/**
 * Verifies an Aliyun request in whichever scheme it uses: V3 when the Authorization header starts with
 * `ACS3-`, otherwise RPC HMAC-SHA1 parameters.
 * @param req - the request as received
 * @param lookup - secret (and STS token) by AccessKeyId
 * @param now - the emulator's clock
 * @param skewSeconds - allowed distance of the signing time from now (aliyun.md §5 suggests 900)
 * @param useNonce - records the nonce; consulted only once the signature is valid
 */
export function verifyAliyunRequest(
  req: ReceivedRequest,
  lookup: SecretLookup,
  now: Date,
  skewSeconds: number,
  useNonce: NonceRegistry,
): VerifyResult {
  return (req.headers.authorization ?? "").startsWith("ACS3-")
    ? verifyAliyunV3Request(req, lookup, now, skewSeconds, useNonce)
    : verifyAliyunRpcRequest(req, lookup, now, skewSeconds, useNonce);
}

/**
 * Verifies an ACS3-HMAC-SHA256 request (aliyun.md §4). The signed-header list comes from the
 * Authorization header (the SDK also signs x-acs-credentials-provider and retry headers) and must cover
 * host (with port), x-acs-date and x-acs-signature-nonce. The payload hash is recomputed from the body,
 * the query decoded and re-encoded. Failure order: missing, malformed, unknown-key, expired,
 * bad-signature, bad-token, nonce-reused.
 */
export function verifyAliyunV3Request(
  req: ReceivedRequest,
  lookup: SecretLookup,
  now: Date,
  skewSeconds: number,
  useNonce: NonceRegistry,
): VerifyResult {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization === "") return verifyFailure("missing", "no Authorization header");
  const m = V3_AUTHORIZATION.exec(authorization.trim());
  if (!m) return verifyFailure("malformed", "Authorization is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…");
  const [, accessKeyId = "", signedList = "", signature = ""] = m;
  const signedHeaders = signedList.split(";");
  const unsigned = V3_REQUIRED_SIGNED.find((name) => !signedHeaders.includes(name));
  if (unsigned !== undefined) return verifyFailure("malformed", `SignedHeaders must include ${unsigned}`);
  const absent = signedHeaders.find((name) => req.headers[name] === undefined);
  if (absent !== undefined) return verifyFailure("malformed", `signed header ${absent} is not in the request`);
  const date = req.headers["x-acs-date"] ?? "";
  if (!ISO_SECONDS.test(date)) return verifyFailure("malformed", "x-acs-date is not yyyy-MM-ddTHH:mm:ssZ");
  let query: Array<[string, string]>;
  try {
    query = parseRawQuery(req.rawQuery);
  } catch {
    return verifyFailure("malformed", "query string has a malformed percent-escape");
  }
  const key = lookup(accessKeyId);
  if (key === undefined) return verifyFailure("unknown-key", `AccessKeyId ${accessKeyId} not found`);
  if (outsideSkew(new Date(date), now, skewSeconds)) {
    return verifyFailure("expired", `x-acs-date ${date} is more than ${skewSeconds}s from server time`);
  }
  const payloadHash = sha256Hex(req.body);
  const declaredHash = req.headers["x-acs-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return verifyFailure("bad-signature", "x-acs-content-sha256 does not match the body");
  }
  const stringToSign = acs3StringToSign(
    acs3CanonicalRequest({ method: req.method, canonicalUri: req.path, query, headers: req.headers, signedHeaders, payloadHash }),
  );
  if (!signaturesEqual(acs3Signature(key.secret, stringToSign), signature)) {
    return verifyFailure("bad-signature", `signature does not match; server string to sign: ${JSON.stringify(stringToSign)}`);
  }
  const tokenFailure = checkSessionToken(key, req.headers["x-acs-security-token"], "x-acs-security-token");
  if (tokenFailure) return tokenFailure;
  const nonce = req.headers["x-acs-signature-nonce"] ?? "";
  if (!useNonce(nonce)) return verifyFailure("nonce-reused", `x-acs-signature-nonce ${nonce} was used already`);
  return { ok: true, accessKeyId };
}

/**
 * Verifies an RPC HMAC-SHA1 request (aliyun.md §3): parameters merged from the query and an
 * x-www-form-urlencoded body (openapi-core 'v2' uses the query even on POST, pop-core POST the body),
 * a name given twice is malformed. Failure order: missing, malformed, unknown-key, expired,
 * bad-signature, bad-token, nonce-reused.
 */
export function verifyAliyunRpcRequest(
  req: ReceivedRequest,
  lookup: SecretLookup,
  now: Date,
  skewSeconds: number,
  useNonce: NonceRegistry,
): VerifyResult {
  const params: Record<string, string> = {};
  try {
    const fromBody = isFormBody(req) ? parseRawQuery(req.body) : [];
    for (const [name, value] of [...parseRawQuery(req.rawQuery), ...fromBody]) {
      if (Object.prototype.hasOwnProperty.call(params, name)) return verifyFailure("malformed", `parameter ${name} given twice`);
      params[name] = value;
    }
  } catch {
    return verifyFailure("malformed", "parameters have a malformed percent-escape");
  }
  const { Signature: signature, AccessKeyId: accessKeyId } = params;
  if (signature === undefined || accessKeyId === undefined) return verifyFailure("missing", "no Signature or AccessKeyId parameter");
  const lacking = RPC_REQUIRED.find((name) => params[name] === undefined);
  if (lacking !== undefined) return verifyFailure("malformed", `parameter ${lacking} is missing`);
  if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0") {
    return verifyFailure("malformed", "only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported");
  }
  const timestamp = params.Timestamp ?? "";
  if (!ISO_SECONDS.test(timestamp)) return verifyFailure("malformed", "Timestamp is not yyyy-MM-ddTHH:mm:ssZ");
  const key = lookup(accessKeyId);
  if (key === undefined) return verifyFailure("unknown-key", `AccessKeyId ${accessKeyId} not found`);
  if (outsideSkew(new Date(timestamp), now, skewSeconds)) {
    return verifyFailure("expired", `Timestamp ${timestamp} is more than ${skewSeconds}s from server time`);
  }
  const stringToSign = rpcStringToSign(req.method.toUpperCase(), params);
  if (!signaturesEqual(rpcSignature(key.secret, stringToSign), signature)) {
    const shown = params.SecurityToken === undefined ? stringToSign : rpcStringToSign(req.method.toUpperCase(), { ...params, SecurityToken: "REDACTED" });
    return verifyFailure("bad-signature", `signature does not match; server string to sign (SecurityToken redacted): ${JSON.stringify(shown)}`);
  }
  const tokenFailure = checkSessionToken(key, params.SecurityToken, "SecurityToken");
  if (tokenFailure) return tokenFailure;
  const nonce = params.SignatureNonce ?? "";
  if (!useNonce(nonce)) return verifyFailure("nonce-reused", `SignatureNonce ${nonce} was used already`);
  return { ok: true, accessKeyId };
}

function isFormBody(req: ReceivedRequest): boolean {
  return req.body !== "" && (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}
