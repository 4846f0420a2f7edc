// Server-side check of Tencent's legacy signature (HmacSHA1 / HmacSHA256 over sorted parameters), which the Node SDK sends with signMethod set.
import { createHmac } from "node:crypto";
import {
  checkSessionToken,
  outsideSkew,
  signaturesEqual,
  verifyFailure,
  type ReceivedRequest,
  type SecretLookup,
  type VerifyResult,
} from "../auth/verify-result";

const ALGORITHMS: Readonly<Record<string, string>> = { HmacSHA1: "sha1", HmacSHA256: "sha256" };

/**
 * Verifies a legacy-signed request (tencent.md §2.2): every parameter but Signature, sorted, joined as
 * raw `k=v` with `&`, prefixed by METHOD + host + path + "?"; Signature = base64(HMAC(secretKey, that)).
 * The Node SDK signs its endpoint as the host, so both the Host header as sent and the bare hostname are tried.
 * @param req the request as received
 * @param params its decoded parameters (query for GET, form body for POST)
 * @param lookup secret (and session token) by SecretId
 * @param now the time to check Timestamp against
 * @param skewSeconds allowed distance of Timestamp from now (Tencent: 300)
 */
export function verifyTencentLegacyRequest(
  req: ReceivedRequest,
  params: Record<string, unknown>,
  lookup: SecretLookup,
  now: Date,
  skewSeconds: number,
): VerifyResult {
  const text = (name: string): string | undefined => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const signature = text("Signature");
  const secretId = text("SecretId");
  if (signature === undefined || secretId === undefined) return verifyFailure("missing", "no Signature or SecretId parameter");
  const method = text("SignatureMethod") ?? "HmacSHA1";
  const algorithm = ALGORITHMS[method];
  if (algorithm === undefined) return verifyFailure("malformed", "SignatureMethod must be HmacSHA1 or HmacSHA256");
  const timestamp = text("Timestamp") ?? "";
  if (!/^\d{1,12}$/.test(timestamp) || text("Nonce") === undefined) {
    return verifyFailure("malformed", "Timestamp (integer seconds) and Nonce are required");
  }
  const key = lookup(secretId);
  if (key === undefined) return verifyFailure("unknown-key", `SecretId ${secretId} not found`);
  if (outsideSkew(new Date(Number(timestamp) * 1000), now, skewSeconds)) {
    return verifyFailure("expired", `Timestamp ${timestamp} is more than ${skewSeconds}s from server time`);
  }
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join("&");
  const host = req.headers.host ?? "";
  const hosts = [...new Set([host, host.replace(/:\d+$/, "")])];
  const matched = hosts.some((h) => {
    const stringToSign = `${req.method}${h}${req.path}?${canonical}`;
    return signaturesEqual(createHmac(algorithm, key.secret).update(stringToSign, "utf8").digest("base64"), signature);
  });
  if (!matched) return verifyFailure("bad-signature", "legacy signature does not match");
  const tokenFailure = checkSessionToken(key, text("Token"), "Token");
  if (tokenFailure) return tokenFailure;
  return { ok: true, accessKeyId: secretId };
}
