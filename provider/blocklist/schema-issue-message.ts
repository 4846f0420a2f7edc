// Turns one zod issue on the blocklist into what a reviewer reads: the key path, and a message naming the fix.
import type { z } from "zod";
import type { KeyPath } from "./source-positions";

/** One schema problem before it is placed in the file. */
export interface SchemaProblem {
  path: KeyPath;
  /** Set for an unknown key: the position is the key itself. */
  unknownKey?: string;
  message: string;
}

/** `streams[2].vendors[0]`, `vendors.tencent.domains`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) out += typeof segment === "number" ? `[${segment}]` : `${out ? "." : ""}${segment}`;
  return out;
}

/**
 * The problems of one issue. `root` is the schema that was parsed (for the keys a mapping takes),
 * `valueAt` reads the parsed YAML at a path (to tell a missing key from a wrong value) and
 * `sourceAt` the text written there (to show what YAML made of an unquoted value).
 */
export function schemaIssueProblems(
  issue: z.core.$ZodIssue,
  root: z.ZodType,
  valueAt: (path: KeyPath) => unknown,
  sourceAt: (path: KeyPath) => string | undefined,
): SchemaProblem[] {
  const path = issue.path as (string | number)[];
  if (issue.code === "unrecognized_keys") {
    const allowed = keysOf(schemaAt(root, path));
    return issue.keys.map((key) => ({
      path,
      unknownKey: key,
      message: `unknown key "${key}"${suggestion(key, allowed)}; ${where(path)} takes ${allowed.join(", ")}`,
    }));
  }
  if (issue.code === "invalid_key") {
    // A bad key of a mapping such as accounts: point at the key itself.
    return [{ path: path.slice(0, -1), unknownKey: String(path[path.length - 1]), message: issue.message }];
  }
  if (issue.code === "invalid_type") {
    const value = valueAt(path);
    const key = path[path.length - 1];
    if (value === undefined && path.length > 0 && typeof key === "string") {
      return [{ path, message: issue.message.startsWith(`${key} is required`) ? issue.message : `${key} is required` }];
    }
    if (value === null && path.length > 0 && typeof key === "string") return [{ path, message: `${key} has no value; ${issue.message}` }];
    if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
      const written = sourceAt(path) ?? String(value);
      return [{ path, message: `${issue.message}; YAML reads ${written} as a ${typeof value}: quote it ("${written}")` }];
    }
    if (path.length === 0 && (value === null || value === undefined)) {
      return [{ path, message: "the file is empty; a blocklist needs vendors: and streams:" }];
    }
  }
  return [{ path, message: issue.message }];
}

function where(path: KeyPath): string {
  if (path.length === 0) return "the file";
  if (typeof path[path.length - 1] === "number") return `a ${formatKeyPath(path.slice(0, -1))} entry`;
  return formatKeyPath(path);
}

/** A close spelling among the allowed keys: same letters ignoring case, `_` and `-`, or one edit away. */
function suggestion(key: string, allowed: string[]): string {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const hit = allowed.find((a) => fold(a) === fold(key)) ?? allowed.find((a) => editDistance(a, key) <= 2);
  return hit ? ` (did you mean "${hit}"?)` : "";
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

interface DefLike {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  in?: unknown;
  valueType?: unknown;
}

function defOf(schema: unknown): DefLike | undefined {
  return (schema as { _zod?: { def?: DefLike } } | undefined)?._zod?.def;
}

/** The schema that applies at `path`, looking through optional, default and array wrappers. */
function schemaAt(root: unknown, path: KeyPath): unknown {
  let schema = unwrap(root);
  for (const segment of path) {
    const def = defOf(schema);
    if (def?.type === "object" && typeof segment === "string") schema = unwrap(def.shape?.[segment]);
    else if (def?.type === "array" && typeof segment === "number") schema = unwrap(def.element);
    else if (def?.type === "record" && typeof segment === "string") schema = unwrap(def.valueType);
    else return undefined;
  }
  return schema;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let def = defOf(s); def && ["optional", "default", "nullable", "readonly", "prefault", "pipe"].includes(def.type); def = defOf(s)) {
    s = def.type === "pipe" ? def.in : def.innerType;
  }
  return s;
}

function keysOf(schema: unknown): string[] {
  const def = defOf(schema);
  return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
}
