// Sends one HttpRequest over keep-alive undici pools, with timeouts, the endpoint rule and env proxies.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from "undici";
import type { HttpRequest, HttpResponse } from "./http-types";
import { checkEndpoint, isLoopbackHost, type EndpointRefusal } from "./endpoint-policy";
import { TransportError, describeTarget } from "./transport-error";
import { classifyNetworkError } from "./classify-network-error";
import { processSingleton, dropProcessSingleton } from "./process-singleton";

export interface ProxySettings {
  /** Overrides HTTP_PROXY / http_proxy. */
  httpProxy?: string;
  /** Overrides HTTPS_PROXY / https_proxy. */
  httpsProxy?: string;
  /** Overrides NO_PROXY / no_proxy. */
  noProxy?: string;
}

export interface HttpClientOptions {
  /** TCP (and TLS) connect timeout. @default 5000 */
  connectTimeoutMs?: number;
  /** Time from sending the request to the complete response headers. @default 15000 */
  headersTimeoutMs?: number;
  /** Longest pause between two chunks of the response body. @default 15000 */
  bodyTimeoutMs?: number;
  /** Most sockets open to one origin at once. @default 32 */
  connectionsPerOrigin?: number;
  /** Reuse sockets between requests. @default true */
  keepAlive?: boolean;
  /** How long an idle socket stays open, unless the server says less. @default 4000 */
  keepAliveTimeoutMs?: number;
  /** Larger response bodies fail with RESPONSE_TOO_LARGE. @default 32 MiB */
  maxResponseBytes?: number;
  /**
   * Proxy for non-loopback origins. Default: read from HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case)
   * when the first non-loopback request is sent. `false`: never use a proxy. Loopback is never proxied.
   */
  proxy?: ProxySettings | false;
}

export const DEFAULT_HTTP_CLIENT_OPTIONS = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  connectionsPerOrigin: 32,
  keepAlive: true,
  keepAliveTimeoutMs: 4_000,
  maxResponseBytes: 32 * 1024 * 1024,
} as const;

const REFUSAL_DETAIL: Readonly<Record<EndpointRefusal, string>> = {
  "plain-http-non-loopback": "plain http:// is only allowed to loopback hosts (127.0.0.0/8, ::1, localhost); use https://",
  "unsupported-protocol": "only https:// (and http:// to loopback) endpoints are supported",
  "credentials-in-url": "user:password in an endpoint URL is not allowed",
};

/**
 * The one HTTP client every vendor adapter sends through. It returns every HTTP status as a response
 * (vendors put their error codes in the body); it throws only TransportError, for network failures and
 * for URLs the endpoint rule refuses (those are refused before any socket is opened).
 */
export class HttpClient {
  private readonly options: typeof DEFAULT_HTTP_CLIENT_OPTIONS;
  private readonly proxy: ProxySettings | false;
  private direct: Agent | undefined;
  private proxied: Dispatcher | undefined;
  private closing: Promise<void> | undefined;

  constructor(opts: HttpClientOptions = {}) {
    const { proxy, ...rest } = opts;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_HTTP_CLIENT_OPTIONS, ...defined };
    this.proxy = proxy ?? {};
  }

  /**
   * Sends the request exactly as given (headers and body untouched) and reads the whole body as UTF-8.
   * @param req the signed request
   * @param opts.signal aborts the exchange; the promise then rejects with TransportError ABORTED
   * @returns the response, whatever its status
   * @throws TransportError on refusal by the endpoint rule, network failure, timeout or abort
   */
  async send(req: HttpRequest, opts: { signal?: AbortSignal } = {}): Promise<HttpResponse> {
    const target = describeTarget(req.method, req.url);
    const refusal = checkEndpoint(req.url);
    if (refusal !== undefined) {
      throw new TransportError({
        code: "INSECURE_ENDPOINT",
        detail: REFUSAL_DETAIL[refusal],
        target,
        requestSent: false,
        retryable: false,
      });
    }
    const { signal } = opts;
    try {
      signal?.throwIfAborted();
      const res = await this.dispatcherFor(req.url).request({
        origin: req.url.origin,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
        reset: !this.options.keepAlive,
      });
      const body = await res.body.text();
      // undici (client-h1.js onMessageComplete) frees a keep-alive socket one event-loop turn after the
      // response ends; a caller that sends its next request at once would otherwise open a second socket
      // (and TLS handshake) per origin. Waiting that turn here keeps sequential calls on one socket.
      await new Promise((resolve) => setImmediate(resolve));
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (e) {
      throw classifyNetworkError(e, target, signal?.aborted ?? false);
    }
  }

  /** Closes every pool after in-flight requests finish; later sends fail with CLIENT_CLOSED. */
  close(): Promise<void> {
    this.closing ??= Promise.all([this.direct?.close(), this.proxied?.close()]).then(() => undefined);
    return this.closing;
  }

  private dispatcherFor(url: URL): Dispatcher {
    if (this.closing !== undefined) {
      throw new TransportError({ code: "CLIENT_CLOSED", detail: "HTTP client already closed", target: describeTarget("", url), requestSent: false, retryable: false });
    }
    this.direct ??= new Agent(this.agentOptions());
    if (this.proxy === false || isLoopbackHost(url.hostname)) return this.direct;
    this.proxied ??= new EnvHttpProxyAgent({ ...this.agentOptions(), ...this.proxy });
    return this.proxied;
  }

  private agentOptions(): Agent.Options {
    const o = this.options;
    return {
      connections: o.connectionsPerOrigin,
      connectTimeout: o.connectTimeoutMs,
      headersTimeout: o.headersTimeoutMs,
      bodyTimeout: o.bodyTimeoutMs,
      keepAliveTimeout: o.keepAliveTimeoutMs,
      maxResponseSize: o.maxResponseBytes,
    };
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

const SHARED_CLIENT_KEY = "pulumi-streamblock.transport.sharedHttpClient";

/**
 * The process-wide HttpClient (default options), created on first use and kept on `globalThis`, so
 * serialized provider code never captures sockets and every resource in the process shares the pools.
 */
export function getSharedHttpClient(): HttpClient {
  return processSingleton(SHARED_CLIENT_KEY, () => new HttpClient());
}

/** Closes and forgets the process-wide client (the next getSharedHttpClient() makes a fresh one). */
export async function closeSharedHttpClient(): Promise<void> {
  await dropProcessSingleton<HttpClient>(SHARED_CLIENT_KEY)?.close();
}
