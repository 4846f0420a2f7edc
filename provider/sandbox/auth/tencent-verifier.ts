// Server-side check of Tencent TC3-HMAC-SHA256 requests for the sandbox's Tencent emulator.
import { sha256Hex } from "../../vendors/digest";
import {
  tc3CanonicalRequest,
  tc3CredentialScope,
  tc3Date,
  tc3DeriveKeys,
  tc3Signature,
  tc3StringToSign,
} from "../../vendors/tencent/tc3-signer";
import {
  checkSessionToken,
  outsideSkew,
  signaturesEqual,
  verifyFailure,
  type ReceivedRequest,
  type SecretLookup,
  type VerifyResult,
} from "./verify-result";

const AUTHORIZATION =
  /^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies a TC3-HMAC-SHA256 request as the Tencent gateway does (tencent.md §2, §5). Takes the service
 * from the Authorization credential scope (the Node SDK signs `127` for 127.0.0.1), tries the canonical
 * host without and with the port (Node SDK vs Go SDK), signs the raw received query, and checks
 * X-TC-Token against the key's session token. Failure order: missing, malformed, unknown-key,
 * expired, bad-signature, bad-token.
 * @param req - the request as received
 * @param lookup - secret (and session token) by SecretId
 * @param now - the emulator's clock
 * @param skewSeconds - allowed distance of X-TC-Timestamp from now (Tencent: 300)
 */
export function verifyTencentRequest(req: ReceivedRequest, lookup: SecretLookup, now: Date, skewSeconds: number): VerifyResult {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization === "") return verifyFailure("missing", "no Authorization header");
  const m = AUTHORIZATION.exec(authorization.trim());
  if (!m) return verifyFailure("malformed", "Authorization is not TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…");
  const [, secretId = "", scopeDate = "", service = "", signedList = "", signature = ""] = m;
  const timestampText = req.headers["x-tc-timestamp"];
  if (timestampText === undefined) return verifyFailure("missing", "no X-TC-Timestamp header");
  if (!/^\d{1,12}$/.test(timestampText)) return verifyFailure("malformed", "X-TC-Timestamp is not integer seconds");
  const signedHeaders = signedList.split(";");
  if (!signedHeaders.includes("content-type") || !signedHeaders.includes("host")) {
    return verifyFailure("malformed", "SignedHeaders must include content-type and host");
  }
  const absent = signedHeaders.find((name) => req.headers[name] === undefined);
  if (absent !== undefined) return verifyFailure("malformed", `signed header ${absent} is not in the request`);
  const key = lookup(secretId);
  if (key === undefined) return verifyFailure("unknown-key", `SecretId ${secretId} not found`);
  const timestamp = Number(timestampText);
  if (outsideSkew(new Date(timestamp * 1000), now, skewSeconds)) {
    return verifyFailure("expired", `X-TC-Timestamp ${timestampText} is more than ${skewSeconds}s from server time`);
  }
  if (scopeDate !== tc3Date(timestamp)) {
    return verifyFailure("bad-signature", `credential scope date ${scopeDate} is not the UTC date of X-TC-Timestamp`);
  }
  const scope = tc3CredentialScope(scopeDate, service);
  const signingKey = tc3DeriveKeys(key.secret, scopeDate, service).signing;
  const host = req.headers.host ?? "";
  // tencent.md §5: the Node SDK signs the hostname without port, the Go SDK the Host header as sent.
  const hostForms = [...new Set([host.replace(/:\d+$/, ""), host])];
  const stringsToSign = hostForms.map((hostForm) =>
    tc3StringToSign(
      timestamp,
      scope,
      tc3CanonicalRequest({
        method: req.method,
        canonicalUri: req.path,
        canonicalQuery: req.rawQuery,
        headers: { ...req.headers, host: hostForm },
        signedHeaders,
        payloadHash: sha256Hex(req.body),
      }),
    ),
  );
  if (!stringsToSign.some((sts) => signaturesEqual(tc3Signature(signingKey, sts), signature))) {
    return verifyFailure("bad-signature", `signature does not match; server string to sign: ${JSON.stringify(stringsToSign[0])}`);
  }
  const tokenFailure = checkSessionToken(key, req.headers["x-tc-token"], "X-TC-Token");
  if (tokenFailure) return tokenFailure;
  return { ok: true, accessKeyId: secretId };
}
