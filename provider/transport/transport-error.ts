// A network-level failure of one HTTP exchange: a stable code, whether the request left us, and whether to retry.

// A function, not a module-level constant: Pulumi's closure serializer turns a captured symbol into a
// plain object, and using that as a property key throws. Symbol.for is looked up at call time instead.
const brand = (): symbol => Symbol.for("pulumi-streamblock.TransportError");

/** Stable codes for everything that can go wrong below HTTP status level. */
export type TransportErrorCode =
  | "INSECURE_ENDPOINT"
  | "INVALID_REQUEST"
  | "ECONNREFUSED"
  | "CONNECT_TIMEOUT"
  | "DNS_ERROR"
  | "NETWORK_UNREACHABLE"
  | "TLS_ERROR"
  | "PROXY_ERROR"
  | "ECONNRESET"
  | "ETIMEDOUT"
  | "HEADERS_TIMEOUT"
  | "BODY_TIMEOUT"
  | "RESPONSE_TOO_LARGE"
  | "PROTOCOL_ERROR"
  | "ABORTED"
  | "CLIENT_CLOSED"
  | "NETWORK_ERROR";

export interface TransportErrorFields {
  code: TransportErrorCode;
  /** What happened, in words. Never contains headers, query strings or bodies. */
  detail: string;
  /** `METHOD origin/path` of the request, without the query (signed URLs carry signatures there). */
  target: string;
  /**
   * False only when the request provably never reached the server (refused, connect timeout, DNS, TLS
   * handshake, refused by our own endpoint rule). True when unsure: callers must then assume it executed.
   */
  requestSent: boolean;
  retryable: boolean;
  cause?: unknown;
}

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly detail: string;
  readonly target: string;
  readonly requestSent: boolean;
  readonly retryable: boolean;

  constructor(f: TransportErrorFields) {
    super(`${f.code}: ${f.detail} (${f.target})`, f.cause === undefined ? undefined : { cause: f.cause });
    this.name = "TransportError";
    this.code = f.code;
    this.detail = f.detail;
    this.target = f.target;
    this.requestSent = f.requestSent;
    this.retryable = f.retryable;
    Object.defineProperty(this, brand(), { value: true });
  }

  /** Works across duplicate copies of this module (the dynamic provider may load two). */
  static isInstance(e: unknown): e is TransportError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[brand()] === true;
  }
}

/** `METHOD https://host:port/path`: what a message may say about a request (no query, no userinfo). */
export function describeTarget(method: string, url: URL): string {
  return `${method} ${url.origin}${url.pathname}`;
}
