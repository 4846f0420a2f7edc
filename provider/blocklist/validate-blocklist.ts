// Validates a blocklist file's text and collects EVERY problem at file:line:column: YAML, schema, narrowing, duplicates, times, caps.
import { LineCounter, parseDocument, visit, type Document } from "yaml";
import { checkInputs } from "../resource/stream-block-inputs";
import { SETTING_SOURCES, type SettingName } from "../resource/provider-settings";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { Blocklist, StreamEntry } from "./blocklist-schema";
import { sortProblems, type BlocklistProblem } from "./blocklist-problem";
import { configuredVendors, entryVendors, expandBlocklist, type BlockSpec } from "./expand-blocklist";
import { formatKeyPath, schemaIssueProblems } from "./schema-issue-message";
import { SourcePositions, type KeyPath, type SourcePosition } from "./source-positions";

/** The stack the file is about to be applied to: its Huawei region and project must match the file's. */
export interface StackSettings {
  get(name: Extract<SettingName, "huaweiRegion" | "huaweiProjectId">): string | undefined;
}

export interface ValidateOptions {
  /** Resume times are checked against this instant. */
  now: Date;
  /** Given when applying: checks the Huawei region and project against the stack's settings. */
  stack?: StackSettings;
}

export type BlocklistValidation =
  | { ok: true; blocklist: Blocklist; bans: BlockSpec[]; problems: [] }
  | { ok: false; problems: BlocklistProblem[] };

/** Parses and checks one blocklist file's text; `file` is the name problems are reported under. */
export function validateBlocklist(text: string, file: string, opts: ValidateOptions): BlocklistValidation {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = new SourcePositions(doc, lines);
  const problems: BlocklistProblem[] = [];
  const add = (pos: SourcePosition, path: KeyPath, message: string) =>
    problems.push({ file, line: pos.line, column: pos.column, path: formatKeyPath(path), message });

  for (const e of doc.errors) add(at.ofOffset(e.pos[0]), [], yamlMessage(e.code, e.message));
  for (const pos of unresolvedAliases(doc, at)) add(pos.at, [], `YAML: unknown alias *${pos.name}; define the anchor &${pos.name} before using it`);
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    add({ line: 1, column: 1 }, [], `YAML: ${(e as Error).message}`);
    return { ok: false, problems };
  }
  const parsed = Blocklist.safeParse(raw);
  if (!parsed.success) {
    const valueAt = (path: KeyPath) => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null | undefined)?.[k], raw);
    const sourceAt = (path: KeyPath) => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? text.slice(node.range[0], node.range[1]) : undefined;
    };
    for (const issue of parsed.error.issues) {
      for (const p of schemaIssueProblems(issue, Blocklist, valueAt, sourceAt)) {
        add(p.unknownKey !== undefined ? at.ofKey(p.path, p.unknownKey) : at.ofValue(p.path), p.unknownKey ? [...p.path, p.unknownKey] : p.path, p.message);
      }
    }
  }

  // With schema problems, the parts that are valid are still checked, so one run reports everything.
  const list = parsed.success ? parsed.data : salvage(raw);
  if (!list) return { ok: false, problems: sortProblems(problems) };
  checkDomainLists(list, at, add);
  if (opts.stack) checkStackSettings(list, opts.stack, at, add);
  checkNarrowing(list, at, add);
  const bans = expandBlocklist(list);
  checkDuplicates(bans, at, add);
  checkResumeTimes(bans, opts.now, at, add);
  checkAliyunCap(bans, at, add);
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, blocklist: list, bans, problems: [] };
}

/**
 * The valid part of a file that failed the schema: its vendors if they are valid (every other check
 * needs them), and the entries that are valid, at their own indexes (a sparse array, which forEach skips).
 */
function salvage(raw: unknown): Blocklist | undefined {
  const r = raw as { vendors?: unknown; streams?: unknown } | null;
  const vendors = Blocklist.shape.vendors.safeParse(r?.vendors);
  if (!vendors.success) return undefined;
  const streams: StreamEntry[] = [];
  if (Array.isArray(r?.streams)) {
    r.streams.forEach((item: unknown, i: number) => {
      const entry = StreamEntry.safeParse(item);
      if (entry.success) streams[i] = entry.data;
    });
  }
  return { vendors: vendors.data, streams };
}

type Add = (pos: SourcePosition, path: KeyPath, message: string) => void;

function yamlMessage(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS") return "YAML: a blocklist file holds one YAML document; remove the second ---";
  if (code === "DUPLICATE_KEY") return "YAML: this key appears twice in the same mapping; keep one";
  return `YAML: ${message}`;
}

function unresolvedAliases(doc: Document, at: SourcePositions): { at: SourcePosition; name: string }[] {
  const out: { at: SourcePosition; name: string }[] = [];
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined) out.push({ at: at.ofOffset(node.range?.[0] ?? 0), name: node.source });
    },
  });
  return out;
}

/** A vendor's domain listed twice (domains are case-insensitive). */
function checkDomainLists(list: Blocklist, at: SourcePositions, add: Add): void {
  for (const vendor of configuredVendors(list)) {
    listedTwice(list.vendors[vendor]!.domains, ["vendors", vendor, "domains"], at, add, (d) => d.toLowerCase());
  }
}

function listedTwice(items: readonly string[], path: KeyPath, at: SourcePositions, add: Add, fold: (s: string) => string = (s) => s): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = fold(item);
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else add(at.ofValue([...path, i]), [...path, i], `${item} is listed twice (first at line ${at.lineOf([...path, j])}); remove one`);
  });
}

function checkStackSettings(list: Blocklist, stack: StackSettings, at: SourcePositions, add: Add): void {
  const huawei = list.vendors.huawei;
  if (!huawei) return;
  for (const [key, setting] of [["region", "huaweiRegion"], ["projectId", "huaweiProjectId"]] as const) {
    const wanted = huawei[key];
    if (wanted === undefined) continue;
    const actual = stack.get(setting);
    if (actual === wanted) continue;
    const sources = `stack config streamblock:${setting} or ${SETTING_SOURCES[setting].join(" or ")}`;
    const has = actual === undefined ? "sets none" : `is ${actual}`;
    add(at.ofValue(["vendors", "huawei", key]), ["vendors", "huawei", key], `the file is for Huawei ${key} ${wanted} but this stack's ${setting} ${has} (${sources}); nothing was applied`);
  }
}

/** An entry's vendors and domains must name configured ones; a domain must belong to one of the entry's vendors. */
function checkNarrowing(list: Blocklist, at: SourcePositions, add: Add): void {
  const configured = configuredVendors(list);
  list.streams.forEach((entry, i) => {
    const base: KeyPath = ["streams", i];
    if (entry.vendors) {
      listedTwice(entry.vendors, [...base, "vendors"], at, add);
      entry.vendors.forEach((v, j) => {
        if (!configured.includes(v)) {
          const path = [...base, "vendors", j];
          add(at.ofValue(path), path, `${v} is not configured; add it under vendors: or remove it from this entry`);
        }
      });
    }
    if (entry.domains) {
      listedTwice(entry.domains, [...base, "domains"], at, add, (d) => d.toLowerCase());
      const vendors = entryVendors(list, entry);
      entry.domains.forEach((d, j) => {
        const domain = d.toLowerCase();
        if (vendors.some((v) => list.vendors[v]!.domains.some((x) => x.toLowerCase() === domain))) return;
        const path = [...base, "domains", j];
        const of = vendors.length === 0 ? "any vendor this entry applies to" : vendors.join(" or ");
        add(at.ofValue(path), path, `${d} is not a push domain of ${of}; list it under vendors: or remove it from this entry`);
      });
    }
  });
}

/** The same (vendor, domain, app, stream) from two entries: one problem per pair of entries, naming both lines. */
function checkDuplicates(bans: BlockSpec[], at: SourcePositions, add: Add): void {
  const first = new Map<string, BlockSpec>();
  const pairs = new Map<string, { later: BlockSpec; earlier: BlockSpec; where: string[] }>();
  for (const ban of bans) {
    const seen = first.get(ban.name);
    if (!seen) {
      first.set(ban.name, ban);
      continue;
    }
    const k = `${ban.entry}/${seen.entry}`;
    const pair = pairs.get(k) ?? { later: ban, earlier: seen, where: [] };
    pair.where.push(`${ban.vendor}/${ban.domain}`);
    pairs.set(k, pair);
  }
  for (const { later, earlier, where } of pairs.values()) {
    const path: KeyPath = ["streams", later.entry];
    const by = `streams[${earlier.entry}] (line ${at.lineOf(["streams", earlier.entry])})`;
    add(
      at.ofValue(path),
      path,
      `stream ${later.stream} (app ${later.app}) is banned twice: ${by} already bans it on ${where.join(", ")}; remove one entry or narrow it with vendors: or domains:`,
    );
  }
}

/** StreamBlock's own resume-time rules (past, beyond the vendor's maximum), for each vendor an entry applies to. */
function checkResumeTimes(bans: BlockSpec[], now: Date, at: SourcePositions, add: Add): void {
  const done = new Set<string>();
  for (const ban of bans) {
    if (ban.resumeTime === undefined) continue;
    const k = `${ban.entry}/${ban.vendor}`;
    if (done.has(k)) continue;
    done.add(k);
    const r = checkInputs({ vendor: ban.vendor, domain: ban.domain, app: ban.app, stream: ban.stream, resumeTime: ban.resumeTime }, { now });
    for (const f of r.failures) {
      const path: KeyPath = ["streams", ban.entry, f.property];
      add(at.ofValue(path), path, f.reason);
    }
  }
}

/** Aliyun holds at most 10,000 bans per account (aliyun.md §2.1); the file's Aliyun section is one account. */
function checkAliyunCap(bans: BlockSpec[], at: SourcePositions, add: Add): void {
  const cap = VENDOR_LIMITS.aliyun.maxBansPerAccount!;
  const count = bans.filter((b) => b.vendor === "aliyun").length;
  if (count <= cap) return;
  const path: KeyPath = ["vendors", "aliyun"];
  add(
    at.ofKey(["vendors"], "aliyun"),
    path,
    `the file bans ${count.toLocaleString("en-US")} streams on aliyun; an Aliyun account holds at most ${cap.toLocaleString("en-US")} bans: narrow some entries to other vendors`,
  );
}
