// The request a sandbox emulator received and what a signature verifier says about it; shared by the three verifiers.
import { timingSafeEqual } from "node:crypto";

/** One HTTP request exactly as the emulator received it. */
export interface ReceivedRequest {
  method: string;
  /** Raw path as received, without the query. */
  path: string;
  /** Raw query as received, without `?` ("" when none). */
  rawQuery: string;
  /** Header names lower-case; repeated headers joined as node:http does. */
  headers: Record<string, string>;
  body: string;
}

export type VerifyFailureReason =
  | "missing"
  | "malformed"
  | "unknown-key"
  | "bad-signature"
  | "expired"
  | "nonce-reused"
  | "bad-token";

/** `detail` is for the emulator's error message; it never contains a secret or a token. */
export type VerifyResult =
  | { ok: true; accessKeyId: string }
  | { ok: false; reason: VerifyFailureReason; detail: string };

/** The secret behind a key id, and the session token that must accompany it when the key is temporary. */
export interface KeySecret {
  secret: string;
  sessionToken?: string;
}

/** Finds the secret of a key id (SecretId, AccessKeyId, AK); undefined when the key is unknown. */
export type SecretLookup = (keyId: string) => KeySecret | undefined;

/** A failed verification. */
export function verifyFailure(reason: VerifyFailureReason, detail: string): VerifyResult {
  return { ok: false, reason, detail };
}

/** Compares two signatures in constant time (for equal lengths). */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `signedAt` lies more than `skewSeconds` before or after `now`, or is not a valid date. */
export function outsideSkew(signedAt: Date, now: Date, skewSeconds: number): boolean {
  const distance = Math.abs(now.getTime() - signedAt.getTime());
  return !Number.isFinite(distance) || distance > skewSeconds * 1000;
}

/**
 * Checks the session token sent with a request against the key's: required and equal for a temporary
 * key, absent for a long-term one. Returns a failure or undefined.
 */
export function checkSessionToken(key: KeySecret, sent: string | undefined, headerName: string): VerifyResult | undefined {
  if (key.sessionToken === undefined) {
    return sent === undefined ? undefined : verifyFailure("bad-token", `${headerName} sent for a long-term key`);
  }
  if (sent === undefined) return verifyFailure("bad-token", `temporary key without ${headerName}`);
  return signaturesEqual(sent, key.sessionToken) ? undefined : verifyFailure("bad-token", `${headerName} does not belong to this key`);
}
