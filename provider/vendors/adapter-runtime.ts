// What every adapter shares: options, and one vendor call = rate-limit, sign, send, parse, inside retries.
import { createHash, randomUUID } from "node:crypto";
import type { HttpRequest, HttpResponse } from "../transport/http-types";
import { HttpClient, getSharedHttpClient } from "../transport/http-client";
import { callWithRetries, type RetryDeps, type RetryPolicy } from "../transport/call-with-retries";
import { RateLimiter, getSharedRateLimiter } from "../transport/rate-limiter";
import type { VendorId } from "./vendor-id";
import type { StreamKey } from "./adapter";
import { redactVendorError } from "./redact-secrets";

/** Options every adapter takes besides its credentials. */
export interface AdapterOptions {
  /** Base URL overriding the vendor's real host, e.g. `http://127.0.0.1:7001` for the sandbox. */
  endpoint?: string;
  retry?: Partial<RetryPolicy>;
  /** Told before each retry's wait (the provider reports waits for an unreachable vendor). */
  onRetry?: RetryDeps["onRetry"];
  /** HTTP client; defaults to the process-wide shared one (keep-alive pools per origin). */
  http?: HttpClient;
  /** Rate limiter; defaults to the process-wide shared one (documented limits per vendor/account/action and per vendor/action). */
  limiter?: RateLimiter;
  /** Clock for signatures and expiry arithmetic. */
  now?: () => Date;
  /** Nonce source for signatures that need one (Aliyun). */
  nonce?: () => string;
}

/** Per-call description handed to {@link AdapterRuntime.call}. */
export interface VendorCall<T> {
  /** Our operation name (forbid, resume, ...), for errors. */
  operation: string;
  /** The vendor's action name, the rate limiter key and QPS table key. */
  action: string;
  /** `domain/app/stream` or the domain, for errors. */
  stream?: string;
  /** Safe to repeat after an ambiguous failure (the request may have run). */
  idempotent: boolean;
  /** Builds and signs the request afresh for each attempt (timestamps and nonces must be new). */
  build: () => HttpRequest;
  /** Turns the response into a result, or throws a VendorError. */
  parse: (res: HttpResponse) => T;
}

export class AdapterRuntime {
  readonly http: HttpClient;
  readonly limiter: RateLimiter;
  readonly now: () => Date;
  readonly nonce: () => string;
  private readonly retry: Partial<RetryPolicy>;
  private readonly onRetry: RetryDeps["onRetry"];

  constructor(
    readonly vendor: VendorId,
    /** Non-secret account label for rate limiting: a hash of the key id, never the key itself. */
    readonly account: string,
    opts: AdapterOptions,
    /** The credential values in use: removed from any vendor message that echoes them back. */
    private readonly secrets: readonly (string | undefined)[] = [],
  ) {
    this.http = opts.http ?? getSharedHttpClient();
    this.limiter = opts.limiter ?? getSharedRateLimiter();
    this.now = opts.now ?? (() => new Date());
    this.nonce = opts.nonce ?? (() => randomUUID());
    this.retry = opts.retry ?? {};
    this.onRetry = opts.onRetry;
  }

  call<T>(c: VendorCall<T>): Promise<T> {
    return callWithRetries(
      { vendor: this.vendor, operation: c.operation, stream: c.stream, idempotent: c.idempotent },
      this.retry,
      async (_attempt, signal) => {
        await this.limiter.acquire({ vendor: this.vendor, account: this.account, action: c.action }, signal);
        const res = await this.http.send(c.build(), { signal });
        try {
          return c.parse(res);
        } catch (e) {
          throw redactVendorError(e, this.secrets);
        }
      },
      { onRetry: this.onRetry },
    );
  }
}

/** A short non-reversible label for an access key id, so limiter keys and logs never hold the id itself. */
export function accountLabel(keyId: string): string {
  return createHash("sha256").update(keyId).digest("hex").slice(0, 12);
}

export function streamLabel(k: StreamKey): string {
  return `${k.domain}/${k.app}/${k.stream}`;
}

/** Joins a base URL (no trailing slash needed) and a path, keeping the base's own path prefix. */
export function endpointUrl(base: string, path: string): URL {
  const u = new URL(base);
  u.pathname = u.pathname.replace(/\/$/, "") + path;
  return u;
}
