// Alibaba Cloud RPC signature with HMAC-SHA1 (the doc's "V1", the SDK's `signatureAlgorithm:'v2'`).
import type { AliyunCredentials } from "../credentials";
import { hmacSha1Base64 } from "../digest";
import { percentEncode } from "../percent-encode";
import { aliyunTimestamp } from "./acs3-signer";

/** Sorted `enc(k)=enc(v)` pairs joined with `&`, every parameter except `Signature` (aliyun.md §3). */
export function rpcCanonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? "")}`)
    .join("&");
}

/** `METHOD&%2F&enc(canonicalized query)`. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  return `${method}&${percentEncode("/")}&${percentEncode(rpcCanonicalizedQuery(params))}`;
}

/** Base64 HMAC-SHA1 keyed by `AccessKeySecret + "&"`. */
export function rpcSignature(accessKeySecret: string, stringToSign: string): string {
  return hmacSha1Base64(accessKeySecret + "&", stringToSign);
}

/**
 * Adds the RPC common parameters and the Signature to a call's parameters. The caller supplies
 * `Action`, `Version` and the business parameters; this adds `Format` (JSON unless given),
 * `AccessKeyId`, `SignatureMethod`, `SignatureVersion`, `SignatureNonce`, `Timestamp`, `SecurityToken`
 * (STS only) and finally `Signature`. Send the result as query or form body, each name and value
 * percent-encoded.
 * @param method - the HTTP method the parameters are sent with; it is part of the signature
 * @param params - Action, Version and business parameters (no arrays: flatten them first)
 * @param creds - AccessKey pair and optional STS token
 * @param opts.now - signing time (whole seconds)
 * @param opts.nonce - unique per request
 */
export function signAliyunRpcParams(
  method: string,
  params: Record<string, string>,
  creds: AliyunCredentials,
  opts: { now: Date; nonce: string },
): Record<string, string> {
  const all: Record<string, string> = {
    Format: "JSON",
    ...params,
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: opts.nonce,
    Timestamp: aliyunTimestamp(opts.now),
  };
  delete all.Signature;
  if (creds.securityToken !== undefined) all.SecurityToken = creds.securityToken;
  all.Signature = rpcSignature(creds.accessKeySecret, rpcStringToSign(method.toUpperCase(), all));
  return all;
}
