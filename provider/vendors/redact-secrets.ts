// Strips credential values a vendor echoed back (Aliyun's V1 "server string to sign" carries the STS token) from a VendorError.
import { VendorError } from "./vendor-error";
import { percentEncode } from "./percent-encode";

export const REDACTED = "[REDACTED]";

/** A secret as it can appear in an echoed request: as is, percent-encoded once or twice, JSON-escaped. */
function forms(secret: string): string[] {
  const once = percentEncode(secret);
  const all = [secret, once, percentEncode(once), encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret)), JSON.stringify(secret).slice(1, -1)];
  // Longest first, so a shorter form never leaves a longer one half replaced.
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret (in every form {@link forms} knows) with `[REDACTED]`.
 * @param text any text from a vendor
 * @param secrets credential values; empty and undefined entries are ignored
 */
export function redactText(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * The same VendorError with secrets removed from its message; any other value unchanged. The redacted
 * copy drops the original as `cause`, since the original's message still holds the secret.
 */
export function redactVendorError(e: unknown, secrets: readonly (string | undefined)[]): unknown {
  if (!VendorError.isInstance(e)) return e;
  const vendorMessage = redactText(e.vendorMessage, secrets);
  if (vendorMessage === e.vendorMessage) return e;
  return new VendorError({
    vendor: e.vendor,
    operation: e.operation,
    stream: e.stream,
    code: e.code,
    vendorMessage,
    httpStatus: e.httpStatus,
    requestId: e.requestId,
    retryable: e.retryable,
    retryAfterMs: e.retryAfterMs,
    notExecuted: e.notExecuted,
  });
}
