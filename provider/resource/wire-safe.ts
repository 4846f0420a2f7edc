// Makes a provider result safe for the engine's wire: protobuf Struct refuses `undefined` anywhere in it.
/**
 * A copy of `value` without undefined-valued object properties, at any depth (an undefined array element
 * becomes null, as in JSON). The dynamic provider host converts every result with
 * `Struct.fromJavaScript`, which throws `Unexpected struct type.` on an undefined, failing the whole
 * engine operation (an adopted Aliyun ban's unknown `expiresAt` failed every refresh).
 */
export function wireSafe<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : strip(v)));
  if (value === null || typeof value !== "object" || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = strip(v);
  return out;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
