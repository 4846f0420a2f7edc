// Huawei Cloud API Gateway AK/SK signing (SDK-HMAC-SHA256), step by step and as one call.
import type { HuaweiCredentials } from "../credentials";
import type { HttpRequest } from "../../transport/http-types";
import { hmacSha256, sha256Hex } from "../digest";
import { percentDecode, percentEncode } from "../percent-encode";
import { parseRawQuery } from "../raw-query";
import { canonicalHeaderBlock, sortedHeaderNames } from "../signed-headers";

export const APIG_ALGORITHM = "SDK-HMAC-SHA256";
/** The header value that tells the gateway the body is not hashed (huawei.md §5 step 1). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** Inputs of the canonical request; header names lower-case, path and query values decoded. */
export interface ApigCanonicalInput {
  method: string;
  /** The decoded path segments' source: the path as sent (it is decoded, then re-encoded). */
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  headers: Record<string, string>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

/**
 * Each `/`-separated segment decoded, then percent-encoded, with a trailing `/` appended when missing
 * (for signing only; huawei.md §5 step 1).
 * @throws URIError on a malformed escape in the path
 */
export function apigCanonicalUri(path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => percentEncode(percentDecode(segment, false)))
    .join("/");
  return encoded.endsWith("/") ? encoded : encoded + "/";
}

/** `enc(k)=enc(v)` sorted by name then value (UTF-8 byte order, as the Go SDK), joined with `&`. */
export function apigCanonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return [...query]
    .sort((a, b) => byteCompare(a[0], b[0]) || byteCompare(a[1], b[1]))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}

/** `name:trimmed value\n` per signed header, sorted by name (huawei.md §5). */
export const apigCanonicalHeaders = canonicalHeaderBlock;

/** The CanonicalRequest of huawei.md §5 step 1. */
export function apigCanonicalRequest(input: ApigCanonicalInput): string {
  return [
    input.method.toUpperCase(),
    apigCanonicalUri(input.path),
    apigCanonicalQuery(input.query),
    apigCanonicalHeaders(input.headers, input.signedHeaders),
    sortedHeaderNames(input.signedHeaders).join(";"),
    input.payloadHash,
  ].join("\n");
}

/** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD` when the x-sdk-content-sha256 header says so. */
export function apigPayloadHash(headers: Record<string, string>, body: string): string {
  return headers["x-sdk-content-sha256"] === UNSIGNED_PAYLOAD ? UNSIGNED_PAYLOAD : sha256Hex(body);
}

/** `SDK-HMAC-SHA256\n<x-sdk-date>\n<hex sha256(canonical request)>`. */
export function apigStringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${APIG_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 keyed by the SK itself (no derivation). */
export function apigSignature(sk: string, stringToSign: string): string {
  return hmacSha256(sk, stringToSign).toString("hex");
}

/** `SDK-HMAC-SHA256 Access=<ak>, SignedHeaders=<list>, Signature=<hex>`. */
export function apigAuthorization(ak: string, signedHeaders: readonly string[], signature: string): string {
  return `${APIG_ALGORITHM} Access=${ak}, SignedHeaders=${sortedHeaderNames(signedHeaders).join(";")}, Signature=${signature}`;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function apigSdkDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/**
 * Authenticates a Huawei Cloud request. AK/SK credentials: returns a copy with `x-sdk-date`,
 * `x-project-id`, `x-security-token` (temporary AK/SK only) and `authorization`, signing `host` (with
 * port), `content-type` if set, `x-project-id`, `x-sdk-date`, `x-security-token` and
 * `x-sdk-content-sha256` if set. Token credentials: adds only `x-auth-token` and `x-project-id`.
 * @param req - the request as it will be sent; path and query are canonicalised from the URL
 * @param creds - AK/SK or IAM token, with the project id
 * @param opts.now - signing time (whole seconds)
 */
export function signHuaweiRequest(req: HttpRequest, creds: HuaweiCredentials, opts: { now: Date }): HttpRequest {
  const headers: Record<string, string> = { ...req.headers, "x-project-id": creds.projectId };
  delete headers.authorization;
  if (creds.kind === "token") {
    headers["x-auth-token"] = creds.authToken;
    return { ...req, headers };
  }
  headers["x-sdk-date"] = apigSdkDate(opts.now);
  if (creds.securityToken !== undefined) headers["x-security-token"] = creds.securityToken;
  const signedValues: Record<string, string> = { ...headers, host: req.url.host };
  const signedHeaders = ["host", "x-project-id", "x-sdk-date", "content-type", "x-security-token", "x-sdk-content-sha256"].filter(
    (name) => signedValues[name] !== undefined,
  );
  const body = req.body ?? "";
  const canonical = apigCanonicalRequest({
    method: req.method,
    path: req.url.pathname,
    query: parseRawQuery(req.url.search.slice(1)),
    headers: signedValues,
    signedHeaders,
    payloadHash: apigPayloadHash(headers, body),
  });
  const signature = apigSignature(creds.sk, apigStringToSign(headers["x-sdk-date"], canonical));
  headers.authorization = apigAuthorization(creds.ak, signedHeaders, signature);
  return { ...req, headers };
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
