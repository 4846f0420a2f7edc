// The hash and HMAC primitives the three vendors' signatures are built from.
import { createHash, createHmac } from "node:crypto";

/** Lower-case hex SHA-256 of the UTF-8 bytes of `data`. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Raw HMAC-SHA256 of `data` (UTF-8) under `key`. */
export function hmacSha256(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Base64 HMAC-SHA1 of `data` (UTF-8) under `key`. */
export function hmacSha1Base64(key: string, data: string): string {
  return createHmac("sha1", key).update(data, "utf8").digest("base64");
}
