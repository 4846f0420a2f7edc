// Splits a raw query string (or form body) into decoded name/value pairs, keeping order and repeats.
import { percentDecode } from "./percent-encode";

/**
 * Parses `a=1&b=x%20y&c` into `[["a","1"],["b","x y"],["c",""]]`. Empty segments are skipped, `+` is a
 * space (form encoding), and a name without `=` gets the empty value.
 * @param raw - the query without the leading `?`, or an x-www-form-urlencoded body
 * @throws URIError on a malformed escape
 */
export function parseRawQuery(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of raw.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? "" : segment.slice(eq + 1);
    pairs.push([percentDecode(name, true), percentDecode(value, true)]);
  }
  return pairs;
}
