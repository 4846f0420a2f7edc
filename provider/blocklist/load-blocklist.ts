// Reads and validates a blocklist file; an invalid one throws a BlocklistError listing every problem at file:line:column.
import { readFileSync } from "node:fs";
import { formatProblem, type BlocklistProblem } from "./blocklist-problem";
import { validateBlocklist, type ValidateOptions } from "./validate-blocklist";
import type { Blocklist } from "./blocklist-schema";
import type { BlockSpec } from "./expand-blocklist";

export class BlocklistError extends Error {
  override name = "BlocklistError";
  constructor(readonly problems: BlocklistProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

/** A valid blocklist and its bans, one per (vendor, domain, app, stream). */
export interface LoadedBlocklist {
  blocklist: Blocklist;
  bans: BlockSpec[];
}

/** Reads `file` and validates it; throws BlocklistError with every problem if it cannot be read or is invalid. */
export function loadBlocklist(file: string, opts: ValidateOptions): LoadedBlocklist {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new BlocklistError([{ file, line: 1, column: 1, path: "", message: `cannot read the blocklist: ${readFailure(e)}` }]);
  }
  const r = validateBlocklist(text, file, opts);
  if (!r.ok) throw new BlocklistError(r.problems);
  return { blocklist: r.blocklist, bans: r.bans };
}

/** Why a file could not be read, in words. */
export function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}
