// Maps what undici and node:net throw to a TransportError, deciding whether the request may have been sent.
import { TransportError, type TransportErrorCode } from "./transport-error";

interface Classification {
  code: TransportErrorCode;
  detail: string;
  requestSent: boolean;
  retryable: boolean;
}

const BY_CODE: Readonly<Record<string, Classification>> = {
  ECONNREFUSED: { code: "ECONNREFUSED", detail: "connection refused", requestSent: false, retryable: true },
  UND_ERR_CONNECT_TIMEOUT: { code: "CONNECT_TIMEOUT", detail: "connect timed out", requestSent: false, retryable: true },
  ENOTFOUND: { code: "DNS_ERROR", detail: "host name not found", requestSent: false, retryable: false },
  EAI_AGAIN: { code: "DNS_ERROR", detail: "DNS lookup failed temporarily", requestSent: false, retryable: true },
  EHOSTUNREACH: { code: "NETWORK_UNREACHABLE", detail: "host unreachable", requestSent: false, retryable: true },
  ENETUNREACH: { code: "NETWORK_UNREACHABLE", detail: "network unreachable", requestSent: false, retryable: true },
  ENETDOWN: { code: "NETWORK_UNREACHABLE", detail: "network down", requestSent: false, retryable: true },
  EHOSTDOWN: { code: "NETWORK_UNREACHABLE", detail: "host down", requestSent: false, retryable: true },
  EADDRNOTAVAIL: { code: "NETWORK_UNREACHABLE", detail: "no local address available", requestSent: false, retryable: true },
  UND_ERR_PRX_CONN: { code: "PROXY_ERROR", detail: "could not connect to the proxy", requestSent: false, retryable: true },
  UND_ERR_PRX_TLS: { code: "PROXY_ERROR", detail: "TLS to the proxy failed", requestSent: false, retryable: false },
  UND_ERR_INVALID_ARG: { code: "INVALID_REQUEST", detail: "request rejected by the HTTP client", requestSent: false, retryable: false },
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: { code: "INVALID_REQUEST", detail: "content-length header does not match the body", requestSent: false, retryable: false },
  UND_ERR_DESTROYED: { code: "CLIENT_CLOSED", detail: "HTTP client already closed", requestSent: false, retryable: false },
  UND_ERR_CLOSED: { code: "CLIENT_CLOSED", detail: "HTTP client already closed", requestSent: false, retryable: false },
  // From here on the request may have reached the server: a keep-alive socket reset can hit mid-request.
  ECONNRESET: { code: "ECONNRESET", detail: "connection reset", requestSent: true, retryable: true },
  UND_ERR_SOCKET: { code: "ECONNRESET", detail: "connection closed by the other side", requestSent: true, retryable: true },
  EPIPE: { code: "ECONNRESET", detail: "connection broken while sending", requestSent: true, retryable: true },
  ECONNABORTED: { code: "ECONNRESET", detail: "connection aborted", requestSent: true, retryable: true },
  ETIMEDOUT: { code: "ETIMEDOUT", detail: "socket timed out", requestSent: true, retryable: true },
  UND_ERR_HEADERS_TIMEOUT: { code: "HEADERS_TIMEOUT", detail: "no response headers in time", requestSent: true, retryable: true },
  UND_ERR_BODY_TIMEOUT: { code: "BODY_TIMEOUT", detail: "response body stalled", requestSent: true, retryable: true },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { code: "ECONNRESET", detail: "response body cut short", requestSent: true, retryable: true },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { code: "RESPONSE_TOO_LARGE", detail: "response body too large", requestSent: true, retryable: false },
  UND_ERR_HEADERS_OVERFLOW: { code: "PROTOCOL_ERROR", detail: "response headers too large", requestSent: true, retryable: false },
  UND_ERR_INFO: { code: "PROTOCOL_ERROR", detail: "unexpected response", requestSent: true, retryable: true },
};

// Certificate verification failures (OpenSSL codes as Node reports them): a retry cannot fix these.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

function errorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string") return code;
  // Happy-eyeballs connects (several addresses for one name) fail with an AggregateError of per-address errors.
  if (e instanceof AggregateError) return errorCode(e.errors[0]);
  return undefined;
}

/**
 * Turns an error thrown while sending one request into a TransportError. `aborted` says the caller's
 * AbortSignal fired: undici then rejects with the signal's reason, which can be anything.
 * The underlying error travels as `cause`; only its code (never its message) reaches our message.
 */
export function classifyNetworkError(e: unknown, target: string, aborted: boolean): TransportError {
  if (TransportError.isInstance(e)) return e;
  if (aborted) {
    return new TransportError({ code: "ABORTED", detail: "request aborted by the caller", target, requestSent: true, retryable: false, cause: e });
  }
  const raw = errorCode(e);
  const message = e instanceof Error ? e.message : "";
  let c: Classification | undefined = raw === undefined ? undefined : BY_CODE[raw];
  if (raw === "UND_ERR_ABORTED" && message.startsWith("Proxy response")) {
    // proxy-agent.js: a CONNECT answered with non-200 never reached the origin.
    c = { code: "PROXY_ERROR", detail: "proxy refused the tunnel", requestSent: false, retryable: true };
  } else if (raw === "UND_ERR_INVALID_ARG" && message.startsWith("Proxy Authentication Required")) {
    c = { code: "PROXY_ERROR", detail: "proxy authentication required", requestSent: false, retryable: false };
  } else if (raw !== undefined && raw.startsWith("HPE_")) {
    c = { code: "PROTOCOL_ERROR", detail: "malformed HTTP response", requestSent: true, retryable: true };
  } else if (raw !== undefined && TLS_CODE.test(raw)) {
    c = { code: "TLS_ERROR", detail: "TLS handshake or certificate verification failed", requestSent: false, retryable: false };
  }
  c ??= { code: "NETWORK_ERROR", detail: "network failure", requestSent: true, retryable: true };
  const detail = raw === undefined || raw === c.code ? c.detail : `${c.detail} [${raw}]`;
  return new TransportError({ ...c, detail, target, cause: e });
}
