// Reads Tencent action parameters from a POST JSON body, a GET query or a legacy form body, and checks them.
import { EmulatorError } from "../emulator-error";
import { isFormContentType, parseUrlEncoded, type ReceivedRequest } from "../http-util";

/** Parameters as sent: JSON values from a POST body, strings from a query or form. */
export type TencentParams = Record<string, unknown>;

/**
 * Common parameters of the legacy signature (tencent.md §2.2) that travel with the business ones and are
 * not "unknown parameters".
 */
const LEGACY_COMMON = new Set([
  "Action", "Version", "Region", "Timestamp", "Nonce", "SecretId", "Signature", "SignatureMethod", "Token",
  "Language", "RequestClient",
]);

/** Extracts the parameters; malformed JSON is InvalidParameter. */
export function readTencentParams(req: ReceivedRequest): TencentParams {
  if (req.method === "GET") return Object.fromEntries(parseUrlEncoded(req.rawQuery));
  if (isFormContentType(req.headers["content-type"])) return Object.fromEntries(parseUrlEncoded(req.body));
  if (req.body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    throw new EmulatorError("InvalidParameter", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new EmulatorError("InvalidParameter", "The request body must be a JSON object.");
  }
  return parsed as TencentParams;
}

/** tencent.md §6 (recommended): an undefined parameter is UnknownParameter. */
export function rejectUnknownParams(params: TencentParams, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name) && !LEGACY_COMMON.has(name)) {
      throw new EmulatorError("UnknownParameter", `The parameter \`${name}\` is not recognized.`);
    }
  }
}

/** A String parameter; missing or empty required ones are MissingParameter, overlong ones InvalidParameterValue. */
export function stringParam(params: TencentParams, name: string, required: true, maxLength?: number): string;
export function stringParam(params: TencentParams, name: string, required: false, maxLength?: number): string | undefined;
export function stringParam(params: TencentParams, name: string, required: boolean, maxLength?: number): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") {
    if (required) throw new EmulatorError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
    return undefined;
  }
  if (typeof value !== "string") {
    throw new EmulatorError("InvalidParameter", `The parameter \`${name}\` must be a String.`);
  }
  if (maxLength !== undefined && value.length > maxLength) {
    throw new EmulatorError("InvalidParameterValue", `The value of \`${name}\` is longer than ${maxLength} characters.`);
  }
  return value;
}

/** An Integer parameter (a JSON number or, from a query, its decimal text) within [min, max]. */
export function intParam(params: TencentParams, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw new EmulatorError("InvalidParameter", `The parameter \`${name}\` must be an Integer.`);
  if (n < min || n > max) {
    throw new EmulatorError("InvalidParameterValue", `The value of \`${name}\` must be between ${min} and ${max}.`);
  }
  return n;
}
