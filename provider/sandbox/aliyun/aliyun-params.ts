// Reads Aliyun RPC parameters from the query and an x-www-form-urlencoded body (GET or POST), and checks them.
import { EmulatorError } from "../emulator-error";
import { isFormContentType, parseUrlEncoded, type ReceivedRequest } from "../http-util";
import type { AliyunFormat } from "./aliyun-errors";

const parsed = new WeakMap<ReceivedRequest, Record<string, string>>();

/** Parameter name → value, query first, then the form body (aliyun.md §1: both places, either method). */
export function readAliyunParams(req: ReceivedRequest): Record<string, string> {
  let params = parsed.get(req);
  if (params === undefined) {
    const pairs = parseUrlEncoded(req.rawQuery);
    if (isFormContentType(req.headers["content-type"])) pairs.push(...parseUrlEncoded(req.body));
    params = Object.fromEntries(pairs);
    parsed.set(req, params);
  }
  return params;
}

/**
 * The reply format: the `Format` parameter (case-insensitive: openapi-core V1 sends `json`), else JSON when
 * the client accepts it (V3 sends no Format, only `accept: application/json`), else XML, the documented default.
 */
export function replyFormat(req: ReceivedRequest, params: Record<string, string>): AliyunFormat {
  const format = params.Format?.toUpperCase();
  if (format === "JSON" || format === "XML") return format;
  return (req.headers.accept ?? "").toLowerCase().includes("json") ? "JSON" : "XML";
}

/** A required String parameter: absent or empty is `Missing<Name>`, longer than `maxLength` `Invalid<Name>.Malformed`. */
export function requiredParam(params: Record<string, string>, name: string, maxLength: number): string {
  const value = params[name];
  if (value === undefined || value === "") throw new EmulatorError(`Missing${name}`, `${name} is mandatory for this action.`);
  if (value.length > maxLength) throw malformed(name);
  return value;
}

/** An Integer parameter within [min, max], or `fallback` when absent. */
export function intParam(params: Record<string, string>, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw malformed(name);
  const n = Number(value);
  if (n < min || n > max) throw malformed(name);
  return n;
}

/** `Invalid<Name>.Malformed` (400), the pattern of aliyun.md §2.1's InvalidResumeTime.Malformed. */
export function malformed(name: string): EmulatorError {
  return new EmulatorError(`Invalid${name}.Malformed`, `Specified parameter ${name} is not valid.`);
}
