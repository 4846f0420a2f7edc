// Reads and validates a blocklist file; an invalid one throws a BlocklistError listing every problem at file:line:column.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { formatProblem, type BlocklistProblem } from "./blocklist-problem";
import { formatBytes, MAX_BLOCKLIST_BYTES } from "./blocklist-limits";
import { validateBlocklist, type FinishedEntry, type ValidateOptions } from "./validate-blocklist";
import type { Blocklist } from "./blocklist-schema";
import type { BlockSpec } from "./expand-blocklist";

export class BlocklistError extends Error {
  override name = "BlocklistError";
  constructor(readonly problems: BlocklistProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

/** The file could not be read at all (missing, a directory, no permission). */
export class UnreadableBlocklistError extends BlocklistError {
  override name = "UnreadableBlocklistError";
  constructor(
    file: string,
    readonly reason: string,
  ) {
    super([{ file, line: 1, column: 1, path: "", message: `cannot read the blocklist: ${reason}` }]);
  }
}

/** A valid blocklist and its bans, one per (vendor, domain, app, stream). */
export interface LoadedBlocklist {
  blocklist: Blocklist;
  bans: BlockSpec[];
  /** Finished entries (resume time passed) and other notes that do not make the file invalid. */
  warnings: BlocklistProblem[];
  finished: FinishedEntry[];
}

/** Reads `file` and validates it; throws BlocklistError with every problem if it cannot be read or is invalid. */
export function loadBlocklist(file: string, opts: ValidateOptions): LoadedBlocklist {
  const text = readBlocklistText(file);
  const r = validateBlocklist(text, file, opts);
  if (!r.ok) throw new BlocklistError(r.problems);
  return { blocklist: r.blocklist, bans: r.bans, warnings: r.warnings, finished: r.finished };
}

/**
 * The file's text; throws BlocklistError if it cannot be read or is larger than MAX_BLOCKLIST_BYTES,
 * which is checked on the open file's size before anything is read.
 */
export function readBlocklistText(file: string): string {
  const whole = (message: string) => new BlocklistError([{ file, line: 1, column: 1, path: "", message }]);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new UnreadableBlocklistError(file, readFailure(e));
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_BLOCKLIST_BYTES) {
      throw whole(
        `the file has ${size.toLocaleString("en-US")} bytes; StreamBlock takes at most ${formatBytes(MAX_BLOCKLIST_BYTES)} and refuses larger files before reading them, to bound the time and memory a check takes: split the list or remove entries`,
      );
    }
    return readFileSync(fd, "utf8");
  } catch (e) {
    if (e instanceof BlocklistError) throw e;
    throw new UnreadableBlocklistError(file, readFailure(e));
  } finally {
    closeSync(fd);
  }
}

/** Why a file could not be read, in words. */
export function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return (e as Error).message;
}
