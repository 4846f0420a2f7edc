// Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), step by step and as one call.
import type { TencentCredentials } from "../credentials";
import type { HttpRequest } from "../../transport/http-types";
import { hmacSha256, sha256Hex } from "../digest";

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";
const TC3_REQUEST = "tc3_request";

/** Inputs of the canonical request; header names lower-case. */
export interface Tc3CanonicalInput {
  method: string;
  /** The URL path; `/` for every Tencent API. */
  canonicalUri: string;
  /** The query exactly as sent on the wire, without `?` (tencent.md §5: never re-encoded). */
  canonicalQuery: string;
  headers: Record<string, string>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

/** `name:value\n` per signed header, names sorted, values trimmed and lower-cased (tencent.md §2 step 1). */
export function tc3CanonicalHeaders(headers: Record<string, string>, signedHeaders: readonly string[]): string {
  return sortedNames(signedHeaders)
    .map((name) => {
      const value = headers[name];
      if (value === undefined) throw new Error(`signed header ${name} is not set`);
      return `${name}:${value.trim().toLowerCase()}\n`;
    })
    .join("");
}

/** Signed header names, lower-cased, sorted and `;`-joined. */
export function tc3SignedHeaders(signedHeaders: readonly string[]): string {
  return sortedNames(signedHeaders).join(";");
}

/** The CanonicalRequest of tencent.md §2 step 1. */
export function tc3CanonicalRequest(input: Tc3CanonicalInput): string {
  return [
    input.method.toUpperCase(),
    input.canonicalUri,
    input.canonicalQuery,
    tc3CanonicalHeaders(input.headers, input.signedHeaders),
    tc3SignedHeaders(input.signedHeaders),
    input.payloadHash,
  ].join("\n");
}

/** `YYYY-MM-DD` of a UNIX timestamp, in UTC (local time breaks signing 00:00-08:00 in China). */
export function tc3Date(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/** `<date>/<service>/tc3_request`. */
export function tc3CredentialScope(date: string, service: string): string {
  return `${date}/${service}/${TC3_REQUEST}`;
}

/** The StringToSign of tencent.md §2 step 2. */
export function tc3StringToSign(timestampSeconds: number, credentialScope: string, canonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestampSeconds), credentialScope, sha256Hex(canonicalRequest)].join("\n");
}

/** The three derived keys of tencent.md §2 step 3; `signing` signs the StringToSign. */
export function tc3DeriveKeys(secretKey: string, date: string, service: string): { date: Buffer; service: Buffer; signing: Buffer } {
  const dateKey = hmacSha256("TC3" + secretKey, date);
  const serviceKey = hmacSha256(dateKey, service);
  const signing = hmacSha256(serviceKey, TC3_REQUEST);
  return { date: dateKey, service: serviceKey, signing };
}

/** Hex HMAC-SHA256 of the StringToSign under the derived signing key. */
export function tc3Signature(signingKey: Buffer, stringToSign: string): string {
  return hmacSha256(signingKey, stringToSign).toString("hex");
}

/** The Authorization header value; separators exactly as tencent.md §2 step 4. */
export function tc3Authorization(secretId: string, credentialScope: string, signedHeaders: readonly string[], signature: string): string {
  return `${TC3_ALGORITHM} Credential=${secretId}/${credentialScope}, SignedHeaders=${tc3SignedHeaders(signedHeaders)}, Signature=${signature}`;
}

/**
 * Signs a Tencent Cloud API 3.0 request. The caller has set `x-tc-action`, `x-tc-version` and
 * `content-type`; this returns a copy with `authorization`, `x-tc-timestamp` and (for temporary
 * credentials) `x-tc-token` added. Signs `content-type;host` like the official SDK.
 * @param req - the request as it will be sent; its URL query is signed byte for byte
 * @param creds - secret id/key and optional STS token
 * @param opts.now - signing time (whole seconds are used)
 * @param opts.service - credential-scope service, default `live`
 * @throws Error when content-type is not set (it must be signed)
 */
export function signTencentRequest(
  req: HttpRequest,
  creds: TencentCredentials,
  opts: { now: Date; service?: string },
): HttpRequest {
  const service = opts.service ?? "live";
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  const contentType = req.headers["content-type"];
  if (contentType === undefined) throw new Error("signTencentRequest: content-type header must be set");
  // tencent.md §5: the SDK signs the URL hostname without the port, whatever Host header goes out.
  const signedValues: Record<string, string> = { "content-type": contentType, host: req.url.hostname };
  const signedHeaders = ["content-type", "host"];
  const canonical = tc3CanonicalRequest({
    method: req.method,
    canonicalUri: req.url.pathname,
    canonicalQuery: req.url.search.slice(1),
    headers: signedValues,
    signedHeaders,
    payloadHash: sha256Hex(req.body ?? ""),
  });
  const date = tc3Date(timestamp);
  const scope = tc3CredentialScope(date, service);
  const signature = tc3Signature(tc3DeriveKeys(creds.secretKey, date, service).signing, tc3StringToSign(timestamp, scope, canonical));
  const headers: Record<string, string> = {
    ...req.headers,
    "x-tc-timestamp": String(timestamp),
    authorization: tc3Authorization(creds.secretId, scope, signedHeaders, signature),
  };
  if (creds.sessionToken !== undefined) headers["x-tc-token"] = creds.sessionToken;
  return { ...req, headers };
}

function sortedNames(names: readonly string[]): string[] {
  return names.map((n) => n.toLowerCase()).sort();
}
