// The size limits a blocklist file must keep, checked before the costly parse so a hostile file is refused in milliseconds.
import { Lexer } from "yaml";

/**
 * Bytes. A 10,000-entry file with every field set (a reason, narrowing, a resume time) is 1.8 MB; the
 * check runs on the file's size before it is read.
 */
export const MAX_BLOCKLIST_BYTES = 4 * 1024 * 1024;

/**
 * YAML nodes (keys, values, list items, collections), counted by the tokenizer alone. Parsing costs
 * about 1 KB per node: a file just under this limit peaks at 264 MB RSS, inside the README's
 * `--max-old-space-size=384` (bench/hostile-blocklist.ts); issue 12's 620,000-entry file needed 1.5 GB.
 * A 10,000-entry file with every field set has about 180,000.
 */
export const MAX_YAML_NODES = 200_000;

/** `streams` entries: three vendors at Aliyun's documented 10,000 bans per account (aliyun.md §2.1). */
export const MAX_ENTRIES = 30_000;

/** Bans after expansion onto every vendor and domain: the same 30,000 (the largest run measured is 10,000, BENCHMARKS.md). */
export const MAX_BANS = 30_000;

/** 4,194,304 -> "4 MiB". */
export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n.toLocaleString("en-US")} bytes`;
}

/**
 * Whether `text` holds more than `limit` YAML nodes, by the tokenizer (no parse tree is built); stops
 * counting at the limit, so the cost of a hostile file is bounded by the limit, not by the file.
 */
export function exceedsNodeLimit(text: string, limit: number = MAX_YAML_NODES): boolean {
  let nodes = 0;
  for (const token of new Lexer().lex(text)) {
    if (startsNode(token) && ++nodes > limit) return true;
  }
  return false;
}

// The lexer marks a plain scalar with \x1f; quoted and block scalars, collections, items and aliases by their source.
function startsNode(token: string): boolean {
  switch (token[0]) {
    case "\x1f":
    case '"':
    case "'":
    case "|":
    case ">":
    case "{":
    case "[":
    case "*":
      return true;
    case "-":
      return token === "-";
    default:
      return false;
  }
}
