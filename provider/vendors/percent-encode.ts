// RFC 3986 percent-encoding and decoding shared by the Aliyun and Huawei signers and verifiers.

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/**
 * Encodes a string the way Aliyun (aliyun.md §3) and Huawei (huawei.md §5) canonicalise it: the
 * unreserved characters `A-Z a-z 0-9 - _ . ~` stay, every other UTF-8 byte becomes `%XY` (upper-case hex),
 * so a space is `%20`, never `+`.
 * @param value - any string; lone surrogates are encoded as U+FFFD, as Buffer.from does
 */
export function percentEncode(value: string): string {
  let out = "";
  for (const ch of value) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, "utf8")) {
      out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
    }
  }
  return out;
}

/**
 * Decodes `%XY` escapes (UTF-8) back to text. With `plusIsSpace` a `+` becomes a space, as in
 * `application/x-www-form-urlencoded` data and query strings; without it `+` stays (URL paths).
 * @throws URIError when an escape is malformed or the bytes are not UTF-8
 */
export function percentDecode(value: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace ? value.replace(/\+/g, " ") : value;
  return decodeURIComponent(spaced);
}
