// Alibaba Cloud signature V3 (ACS3-HMAC-SHA256), step by step and as one call.
import type { AliyunCredentials } from "../credentials";
import type { HttpRequest } from "../../transport/http-types";
import { hmacSha256, sha256Hex } from "../digest";
import { percentEncode } from "../percent-encode";
import { parseRawQuery } from "../raw-query";
import { canonicalHeaderBlock, sortedHeaderNames } from "../signed-headers";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Inputs of the canonical request; header names lower-case, query values decoded. */
export interface Acs3CanonicalInput {
  method: string;
  /** `/` for RPC-style APIs. */
  canonicalUri: string;
  query: ReadonlyArray<readonly [string, string]>;
  headers: Record<string, string>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

/**
 * Query sorted by name, `enc(k)=enc(v)` joined with `&`; an empty value renders `k=` as openapi-core
 * 1.0.8 does (aliyun.md §4, vector C).
 */
export function acs3CanonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  // openapi-core sorts the raw names, then encodes.
  return [...query]
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
}

/** The headers V3 signs from a header map: `host`, `content-type` and every `x-acs-*`, sorted. */
export function acs3HeadersToSign(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map((n) => n.toLowerCase())
    .filter((n) => n === "host" || n === "content-type" || n.startsWith("x-acs-"))
    .sort();
}

/**
 * Folds raw header pairs into one value per lower-cased name: values trimmed, sorted and joined with `,`,
 * as openapi-core does for a header sent several times (aliyun.md §4, vector C).
 */
export function acs3CollectHeaders(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    grouped.set(key, [...(grouped.get(key) ?? []), value.trim()]);
  }
  return Object.fromEntries([...grouped].map(([k, vs]) => [k, vs.sort().join(",")]));
}

/** `name:trimmed value\n` per signed header, sorted by name (aliyun.md §4). */
export const acs3CanonicalHeaders = canonicalHeaderBlock;

/** The CanonicalRequest of aliyun.md §4. */
export function acs3CanonicalRequest(input: Acs3CanonicalInput): string {
  return [
    input.method.toUpperCase(),
    input.canonicalUri,
    acs3CanonicalQuery(input.query),
    acs3CanonicalHeaders(input.headers, input.signedHeaders),
    sortedHeaderNames(input.signedHeaders).join(";"),
    input.payloadHash,
  ].join("\n");
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 keyed by the AccessKeySecret itself (no `&`, no derivation). */
export function acs3Signature(accessKeySecret: string, stringToSign: string): string {
  return hmacSha256(accessKeySecret, stringToSign).toString("hex");
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<list>,Signature=<hex>` (no spaces after commas). */
export function acs3Authorization(accessKeyId: string, signedHeaders: readonly string[], signature: string): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${sortedHeaderNames(signedHeaders).join(";")},Signature=${signature}`;
}

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, no milliseconds. */
export function aliyunTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Signs an Alibaba Cloud V3 request. The caller has set `x-acs-action` and `x-acs-version` and put the
 * business parameters in the URL query; this returns a copy with `x-acs-date`, `x-acs-signature-nonce`,
 * `x-acs-content-sha256`, `x-acs-security-token` (STS only) and `authorization` added. Signs `host`
 * (with port), `content-type` if set, and every `x-acs-*` header.
 * @param req - the request as it will be sent
 * @param creds - AccessKey pair and optional STS token
 * @param opts.now - signing time (whole seconds)
 * @param opts.nonce - unique per request; the server rejects a reused one
 */
export function signAliyunV3Request(
  req: HttpRequest,
  creds: AliyunCredentials,
  opts: { now: Date; nonce: string },
): HttpRequest {
  const body = req.body ?? "";
  const headers: Record<string, string> = {
    ...req.headers,
    "x-acs-date": aliyunTimestamp(opts.now),
    "x-acs-signature-nonce": opts.nonce,
    "x-acs-content-sha256": sha256Hex(body),
  };
  if (creds.securityToken !== undefined) headers["x-acs-security-token"] = creds.securityToken;
  delete headers.authorization;
  // aliyun.md §4: host is signed with its port, as the HTTP client sends it.
  const signedValues: Record<string, string> = { ...headers, host: req.url.host };
  const signedHeaders = acs3HeadersToSign(signedValues);
  const canonical = acs3CanonicalRequest({
    method: req.method,
    canonicalUri: req.url.pathname,
    query: parseRawQuery(req.url.search.slice(1)),
    headers: signedValues,
    signedHeaders,
    payloadHash: headers["x-acs-content-sha256"] ?? "",
  });
  const signature = acs3Signature(creds.accessKeySecret, acs3StringToSign(canonical));
  headers.authorization = acs3Authorization(creds.accessKeyId, signedHeaders, signature);
  return { ...req, headers };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
