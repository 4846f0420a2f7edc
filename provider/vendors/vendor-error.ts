// The single error type every vendor call throws: who, what, the vendor's code and whether to retry.
import type { VendorId } from "./vendor-id";

// A function, not a module constant: Pulumi's closure serializer cannot carry a Symbol value.
const brand = (): symbol => Symbol.for("pulumi-streamblock.VendorError");

export interface VendorErrorFields {
  vendor: VendorId;
  /** Our operation name: forbid, resume, updateResumeTime, lookup, list, kick. */
  operation: string;
  /** `domain/app/stream` (or the domain, for a list) the call was about. */
  stream?: string;
  /** The vendor's error code, or a transport code (ETIMEDOUT, ECONNRESET, HTTP_503, DEADLINE). */
  code: string;
  /** The vendor's message. Never contains credentials. */
  vendorMessage: string;
  httpStatus?: number;
  requestId?: string;
  retryable: boolean;
  /** A retry-after hint from the vendor, in milliseconds. */
  retryAfterMs?: number;
  /** True when the request provably did not reach the vendor's business logic (safe to repeat). */
  notExecuted?: boolean;
  cause?: unknown;
}

export class VendorError extends Error {
  readonly vendor: VendorId;
  readonly operation: string;
  readonly stream?: string;
  readonly code: string;
  readonly vendorMessage: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly notExecuted: boolean;

  constructor(f: VendorErrorFields) {
    super(formatMessage(f), f.cause === undefined ? undefined : { cause: f.cause });
    this.name = "VendorError";
    this.vendor = f.vendor;
    this.operation = f.operation;
    this.stream = f.stream;
    this.code = f.code;
    this.vendorMessage = f.vendorMessage;
    this.httpStatus = f.httpStatus;
    this.requestId = f.requestId;
    this.retryable = f.retryable;
    this.retryAfterMs = f.retryAfterMs;
    this.notExecuted = f.notExecuted ?? false;
    Object.defineProperty(this, brand(), { value: true });
  }

  /** Works across duplicate copies of this module (the dynamic provider may load two). */
  static isInstance(e: unknown): e is VendorError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[brand()] === true;
  }
}

function formatMessage(f: VendorErrorFields): string {
  const parts = [`${f.vendor} ${f.operation}`];
  if (f.stream) parts.push(`stream ${f.stream}`);
  // One line: engines and CI logs show the first line of an error (Aliyun's V3 "server string to sign"
  // spans two); the escaped newline keeps the vendor's text exact for signature debugging.
  parts.push(`failed: ${f.code}: ${f.vendorMessage.replace(/\r?\n/g, "\\n")}`);
  const meta: string[] = [];
  if (f.httpStatus !== undefined) meta.push(`HTTP ${f.httpStatus}`);
  if (f.requestId) meta.push(`request id ${f.requestId}`);
  meta.push(f.retryable ? "retryable" : "not retryable");
  return `${parts.join(" ")} (${meta.join(", ")})`;
}
