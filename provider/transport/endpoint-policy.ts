// The endpoint rule: vendor calls go over HTTPS; plain HTTP is allowed only to loopback (emulators, tests).
import { isIPv4, isIPv6 } from "node:net";

/** Why a URL may not be called, or undefined when it may. */
export type EndpointRefusal = "unsupported-protocol" | "plain-http-non-loopback" | "credentials-in-url";

/**
 * True for `localhost`, any address in 127.0.0.0/8, `::1` and IPv4-mapped loopback (`::ffff:127.x.y.z`).
 * Takes a URL hostname (IPv6 in brackets, as `URL.hostname` gives it) or a bare address.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (host === "localhost") return true;
  if (isIPv4(host)) return host.startsWith("127.");
  if (isIPv6(host)) {
    if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
    const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
    if (mapped === undefined) return false;
    if (isIPv4(mapped)) return mapped.startsWith("127.");
    // WHATWG URL serialises ::ffff:127.0.0.1 as ::ffff:7f00:1: the high group's first byte is 0x7f.
    const high = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(mapped)?.[1];
    return high !== undefined && parseInt(high, 16) >> 8 === 0x7f;
  }
  return false;
}

/**
 * Checks a URL against the endpoint rule: `https:` anywhere, `http:` only to a loopback host, never
 * user:password in the URL. Pure: no DNS lookup (a name is loopback only if it is `localhost`).
 * @returns the reason for refusal, or undefined when the URL may be called.
 */
export function checkEndpoint(url: URL): EndpointRefusal | undefined {
  if (url.username !== "" || url.password !== "") return "credentials-in-url";
  if (url.protocol === "https:") return undefined;
  if (url.protocol !== "http:") return "unsupported-protocol";
  return isLoopbackHost(url.hostname) ? undefined : "plain-http-non-loopback";
}
