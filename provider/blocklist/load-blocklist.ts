// Reads and validates a blocklist YAML file; every problem names the file and the offending key.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { Blocklist } from "./blocklist-schema";

export class BlocklistError extends Error {
  override name = "BlocklistError";
}

export function loadBlocklist(file: string): Blocklist {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new BlocklistError(`${file}: ${(e as Error).message}`);
  }
  const r = Blocklist.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${file}: ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new BlocklistError(lines.join("\n"));
  }
  return r.data;
}
