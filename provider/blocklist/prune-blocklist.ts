// Deletes finished entries (resume time passed) from a blocklist file's text, leaving every other byte, comment and blank line as it was.
import { CST, Parser } from "yaml";
import type { BlocklistProblem } from "./blocklist-problem";
import { validateBlocklist, type FinishedEntry } from "./validate-blocklist";

/** A deleted entry, at the line its `-` was on. */
export interface PrunedEntry extends FinishedEntry {
  line: number;
}

export type PruneResult = { ok: true; text: string; removed: PrunedEntry[] } | { ok: false; problems: BlocklistProblem[] };

/**
 * The text without its finished entries. Each goes with its lines: from its `-` to its last line, and the
 * comment lines directly above it at the `-`'s indentation (they describe it); a blank line it leaves
 * doubled is dropped. A list left empty becomes `streams: []`. An invalid file is not touched.
 */
export function pruneBlocklist(text: string, file: string, opts: { now: Date }): PruneResult {
  const before = validateBlocklist(text, file, opts);
  if (!before.ok) return { ok: false, problems: before.problems };
  if (before.finished.length === 0) return { ok: true, text, removed: [] };
  const whole = (message: string): PruneResult => ({ ok: false, problems: [{ file, line: 1, column: 1, path: "streams", message }] });

  const seq = streamsSequence(text);
  if ("problem" in seq) return whole(seq.problem);
  const lines = text.split(/(?<=\n)/);
  const starts: number[] = [];
  lines.reduce((offset, l) => (starts.push(offset), offset + l.length), 0);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const dashLines = seq.dashOffsets.map(lineOf);
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const blank = (l: string | undefined) => l !== undefined && l.trim() === "";

  const drop = new Set<number>();
  const removed: PrunedEntry[] = [];
  for (const f of before.finished) {
    const dash = dashLines[f.index]!;
    const indent = seq.dashOffsets[f.index]! - starts[dash]!;
    const floor = f.index === 0 ? lineOf(seq.keyOffset) : dashLines[f.index - 1]!;
    const ceiling = dashLines[f.index + 1] ?? lines.length;
    let from = dash;
    while (from - 1 > floor && lines[from - 1]!.trimStart().startsWith("#") && indentOf(lines[from - 1]!) === indent) from--;
    let to = dash;
    for (let j = dash + 1; j < ceiling; j++) {
      if (blank(lines[j])) continue;
      if (indentOf(lines[j]!) > indent) to = j;
      else break;
    }
    if ((from === 0 || blank(lines[from - 1])) && blank(lines[to + 1])) to++;
    for (let j = from; j <= to; j++) drop.add(j);
    removed.push({ ...f, line: dash + 1 });
  }

  const kept = lines.map((l, i) => (drop.has(i) ? "" : l));
  if (removed.length === seq.dashOffsets.length) {
    const colon = lineOf(seq.colonOffset);
    const col = seq.colonOffset - starts[colon]! + 1;
    kept[colon] = `${kept[colon]!.slice(0, col)} []${kept[colon]!.slice(col)}`;
  }
  const out = kept.join("");
  const after = validateBlocklist(out, file, opts);
  if (!after.ok || after.finished.length > 0 || after.bans.length !== before.bans.length) {
    return whole("prune could not delete the finished entries cleanly from this layout; nothing was written: delete them by hand");
  }
  return { ok: true, text: out, removed };
}

/** Where the top-level `streams:` block list is: its key, its `:`, and each item's `-`; else why prune cannot edit it. */
function streamsSequence(text: string): { keyOffset: number; colonOffset: number; dashOffsets: number[] } | { problem: string } {
  const doc = [...new Parser().parse(text)].find((t): t is CST.Document => t.type === "document");
  const map = doc?.value;
  if (map?.type !== "block-map") return { problem: "prune edits a file whose top level is a block mapping (vendors: and streams: on their own lines)" };
  const pair = map.items.find((p) => p.key && CST.isScalar(p.key) && CST.resolveAsScalar(p.key).value === "streams");
  if (!pair?.key || !CST.isScalar(pair.key)) return { problem: "the file has no streams: key" };
  const colon = pair.sep?.find((t) => t.type === "map-value-ind");
  if (!colon) return { problem: "streams: has no value" };
  const seq = pair.value;
  if (seq?.type !== "block-seq") {
    return { problem: "prune edits a streams: list written one entry per `- ` line; this one is written [ ... ] on one line: delete the finished entries by hand" };
  }
  const dashOffsets: number[] = [];
  for (const item of seq.items) {
    const dash = item.start.find((t) => t.type === "seq-item-ind");
    if (!dash) return { problem: "an entry of streams: has no `- `" };
    dashOffsets.push(dash.offset);
  }
  return { keyOffset: pair.key.offset, colonOffset: colon.offset, dashOffsets };
}
