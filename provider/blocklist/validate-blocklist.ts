// Validates a blocklist file's text and collects EVERY problem at file:line:column: size, YAML, schema, narrowing, duplicates, times, caps.
import { isSeq, LineCounter, parseDocument, visit, type Document } from "yaml";
import type { z } from "zod";
import { checkInputs, STREAM_BLOCK_FIELD_RULES } from "../resource/stream-block-inputs";
import { checkAccountDomains, checkAccountNarrowing, checkAliyunCap, checkStackSettings, entryDomains, type StackSettings } from "./account-checks";
import { VENDOR_IDS } from "../vendors/vendor-id";
import { VENDOR_LIMITS } from "../vendors/vendor-limits";
import { nameProblem, namesProblem } from "../vendors/name-rules";
import { AliyunSection, Blocklist, HuaweiSection, StreamEntry, TencentSection } from "./blocklist-schema";
import { sortProblems, type BlocklistProblem } from "./blocklist-problem";
import { exceedsNodeLimit, formatBytes, MAX_BANS, MAX_BLOCKLIST_BYTES, MAX_ENTRIES, MAX_YAML_NODES } from "./blocklist-limits";
import { configuredVendors, countBans, expandBlocklist, type BlockSpec } from "./expand-blocklist";
import { baseTimedEntryKeys, hasPassed, timedEntryKey, type BaseFile } from "./finished-entries";
import { formatKeyPath, schemaIssueProblems } from "./schema-issue-message";
import { SourcePositions, type KeyPath, type SourcePosition } from "./source-positions";

export type { StackSettings };

export interface ValidateOptions {
  /** Resume times are checked against this instant. */
  now: Date;
  /** Given when applying: checks the Huawei region and project against the stack's settings. */
  stack?: StackSettings;
  /**
   * The same file on the branch a change goes into (null: the file is new there). With it, a resume time
   * already past is an error in an entry the change adds or retimes; without it (or in an entry the base
   * already had) it is a warning: the ban ran its course, and time passing must never fail a run.
   */
  base?: BaseFile;
}

/** A timed entry whose resume time has passed: it declares nothing. */
export interface FinishedEntry {
  /** Index in `streams`. */
  index: number;
  stream: string;
  app?: string;
  resumeTime: string;
}

export type BlocklistValidation =
  | { ok: true; blocklist: Blocklist; bans: BlockSpec[]; problems: []; warnings: BlocklistProblem[]; finished: FinishedEntry[] }
  | { ok: false; problems: BlocklistProblem[]; warnings: BlocklistProblem[] };

/** Parses and checks one blocklist file's text; `file` is the name problems are reported under. */
export function validateBlocklist(text: string, file: string, opts: ValidateOptions): BlocklistValidation {
  const problems: BlocklistProblem[] = [];
  const warnings: BlocklistProblem[] = [];
  const fail = (): BlocklistValidation => ({ ok: false, problems: sortProblems(problems), warnings: sortProblems(warnings) });
  const whole = (message: string) => problems.push({ file, line: 1, column: 1, path: "", message });

  // The size limits come first and cost little, so a hostile file never reaches the parser.
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_BLOCKLIST_BYTES) {
    whole(tooLarge(`${bytes.toLocaleString("en-US")} bytes`, `${formatBytes(MAX_BLOCKLIST_BYTES)}`));
    return fail();
  }
  if (exceedsNodeLimit(text)) {
    whole(tooLarge(`more than ${MAX_YAML_NODES.toLocaleString("en-US")} YAML nodes (keys, values and list items)`, "that many"));
    return fail();
  }

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = new SourcePositions(doc, lines);
  const add = (pos: SourcePosition, path: KeyPath, message: string) =>
    problems.push({ file, line: pos.line, column: pos.column, path: formatKeyPath(path), message });

  for (const e of doc.errors) add(at.ofOffset(e.pos[0]), [], yamlMessage(e.code, e.message));
  for (const pos of unresolvedAliases(doc, at)) add(pos.at, [], `YAML: unknown alias *${pos.name}; define the anchor &${pos.name} before using it`);
  for (const t of foreignTags(doc, at)) add(t.at, [], `YAML: the tag ${t.tag} is not allowed in a blocklist (only plain strings, lists and mappings); remove it`);
  if (problems.length > 0) return fail();

  const streamsNode = doc.get("streams", true);
  if (isSeq(streamsNode) && streamsNode.items.length > MAX_ENTRIES) {
    add(at.ofKey([], "streams"), ["streams"], tooLarge(`${streamsNode.items.length.toLocaleString("en-US")} entries`, `${MAX_ENTRIES.toLocaleString("en-US")} entries`));
    return fail();
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    add({ line: 1, column: 1 }, [], `YAML: ${(e as Error).message}`);
    return fail();
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

  // With schema problems, every valid field is still checked, so one run reports everything: an entry
  // that fails the schema skips only the checks that need its bad fields.
  const checked = parsed.success ? fromValid(parsed.data) : salvage(raw);
  if (!checked) return fail();
  checkDomainLists(checked.vendors, at, add);
  checkAccountDomains(checked.vendors, at, add);
  if (opts.stack) checkStackSettings(checked.vendors, opts.stack, at, add);
  checkNarrowing(checked, at, add);
  checkVendorNames(checked, at, add);
  const warn = (pos: SourcePosition, path: KeyPath, message: string) =>
    warnings.push({ file, line: pos.line, column: pos.column, path: formatKeyPath(path), message, severity: "warning" });
  const finished = checkResumeTimes(checked, file, opts, at, add, warn);

  // Bans come from the complete entries that still ban something; finished entries declare nothing.
  const active: Blocklist = { vendors: checked.vendors, streams: [] };
  for (const e of checked.entries) if (e.broken.size === 0 && !finished.has(e.index)) active.streams[e.index] = e.entry as StreamEntry;
  const count = countBans(active);
  if (count > MAX_BANS) {
    add(at.ofKey([], "streams"), ["streams"], tooLarge(`${count.toLocaleString("en-US")} bans once expanded onto every vendor and domain`, `${MAX_BANS.toLocaleString("en-US")} bans`));
    return fail();
  }
  const bans = expandBlocklist(active);
  checkDuplicates(bans, at, add);
  checkAliyunCap(bans, at, add);
  if (problems.length > 0 || !parsed.success) return fail();
  return { ok: true, blocklist: parsed.data, bans, problems: [], warnings: sortProblems(warnings), finished: [...finished.values()] };
}

function tooLarge(what: string, limit: string): string {
  return `the file has ${what}; StreamBlock takes at most ${limit} and refuses larger files before parsing them, to bound the time and memory a check takes: split the list or remove entries`;
}

/** A checked entry: the fields that passed the schema, and the names of those that did not (or are missing). */
interface EntryView {
  index: number;
  entry: Partial<StreamEntry>;
  broken: ReadonlySet<string>;
}

/** The part of a file the semantic checks run on: valid vendor sections and every entry's valid fields. */
interface CheckedBlocklist {
  vendors: Blocklist["vendors"];
  entries: EntryView[];
}

function fromValid(list: Blocklist): CheckedBlocklist {
  return { vendors: list.vendors, entries: list.streams.map((entry, index) => ({ index, entry, broken: new Set() })) };
}

/**
 * The valid part of a file that failed the schema: each vendor section that is valid (a section with bad
 * domains keeps its good ones), and of each entry the fields that are valid. Without any valid vendor
 * there is nothing to check entries against.
 */
function salvage(raw: unknown): CheckedBlocklist | undefined {
  const r = raw as { vendors?: Record<string, unknown>; streams?: unknown } | null;
  if (!r || typeof r !== "object" || !r.vendors || typeof r.vendors !== "object") return undefined;
  const vendors: Blocklist["vendors"] = {};
  for (const v of VENDOR_IDS) {
    const section = r.vendors[v] as { domains?: unknown } | undefined;
    if (!section || typeof section !== "object") continue;
    const ok = sectionSchema(v).safeParse(section);
    if (ok.success) vendors[v] = ok.data;
    else if (Array.isArray(section.domains)) {
      const domains = section.domains.filter((d) => STREAM_BLOCK_FIELD_RULES.domain.safeParse(d).success) as string[];
      if (domains.length > 0) vendors[v] = { domains, ...salvageAccounts(v, (section as { accounts?: unknown }).accounts) };
    }
  }
  if (Object.keys(vendors).length === 0) return undefined;
  const entries: EntryView[] = [];
  if (Array.isArray(r.streams)) {
    r.streams.forEach((item: unknown, index: number) => {
      if (!item || typeof item !== "object" || Array.isArray(item)) return;
      const entry: Record<string, unknown> = {};
      const broken = new Set<string>();
      for (const [key, schema] of Object.entries(StreamEntry.shape)) {
        const value = (item as Record<string, unknown>)[key];
        const field = (schema as z.ZodType).safeParse(value);
        if (!field.success) broken.add(key);
        else if (field.data !== undefined) entry[key] = field.data;
      }
      entries.push({ index, entry: entry as Partial<StreamEntry>, broken });
    });
  }
  return { vendors, entries };
}

function sectionSchema(vendor: string) {
  return vendor === "huawei" ? HuaweiSection : vendor === "tencent" ? TencentSection : AliyunSection;
}

/** The named accounts of a section that failed the schema which are themselves valid (so entries naming them are still checked). */
function salvageAccounts(vendor: string, raw: unknown): { accounts?: Record<string, { domains: string[] }> } {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const one = sectionSchema(vendor).shape.accounts;
  const accounts: Record<string, { domains: string[] }> = {};
  for (const [name, section] of Object.entries(raw)) {
    const ok = one.safeParse({ [name]: section });
    if (ok.success && ok.data) Object.assign(accounts, ok.data);
  }
  return Object.keys(accounts).length > 0 ? { accounts } : {};
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

// The core schema's own tags are harmless; any other (!!binary, !!set, !custom) would turn a value into something else.
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** Nodes with a tag other than the core schema's, at the node, with the tag as written. */
function foreignTags(doc: Document, at: SourcePositions): { at: SourcePosition; tag: string }[] {
  const out: { at: SourcePosition; tag: string }[] = [];
  visit(doc, {
    Node(_, node) {
      if (node.tag === undefined || CORE_TAGS.has(node.tag)) return;
      const tag = node.tag.startsWith("tag:yaml.org,2002:") ? `!!${node.tag.slice("tag:yaml.org,2002:".length)}` : node.tag;
      out.push({ at: at.ofOffset(node.range?.[0] ?? 0), tag });
    },
  });
  return out;
}

/** A vendor's domain listed twice (domains are case-insensitive). */
function checkDomainLists(vendors: Blocklist["vendors"], at: SourcePositions, add: Add): void {
  for (const vendor of VENDOR_IDS) {
    const section = vendors[vendor];
    if (section) listedTwice(section.domains, ["vendors", vendor, "domains"], at, add, (d) => d.toLowerCase());
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

/** The vendors one entry applies to; undefined when its `vendors:` failed the schema (unknown, so unchecked). */
function vendorsOf(list: CheckedBlocklist, e: EntryView): ReturnType<typeof configuredVendors> | undefined {
  if (e.broken.has("vendors")) return undefined;
  const configured = configuredVendors({ vendors: list.vendors, streams: [] });
  return e.entry.vendors ? configured.filter((v) => e.entry.vendors!.includes(v)) : configured;
}

/** An entry's vendors and domains must name configured ones; a domain must belong to one of the entry's vendors. */
function checkNarrowing(list: CheckedBlocklist, at: SourcePositions, add: Add): void {
  const configured = configuredVendors({ vendors: list.vendors, streams: [] });
  for (const e of list.entries) {
    const { entry } = e;
    const base: KeyPath = ["streams", e.index];
    if (entry.vendors) {
      listedTwice(entry.vendors, [...base, "vendors"], at, add);
      entry.vendors.forEach((v, j) => {
        if (!configured.includes(v)) {
          const path = [...base, "vendors", j];
          add(at.ofValue(path), path, `${v} is not configured; add it under vendors: or remove it from this entry`);
        }
      });
    }
    const vendors = vendorsOf(list, e);
    checkAccountNarrowing(list.vendors, { index: e.index, entry, vendors }, at, add);
    if (entry.domains && vendors) {
      listedTwice(entry.domains, [...base, "domains"], at, add, (d) => d.toLowerCase());
      const allowed = entryDomains(list.vendors, vendors, e.broken.has("accounts") ? undefined : entry.accounts);
      entry.domains.forEach((d, j) => {
        const domain = d.toLowerCase();
        if (allowed.has(domain)) return;
        const path = [...base, "domains", j];
        const of = vendors.length === 0 ? "any vendor this entry applies to" : vendors.join(" or ");
        add(at.ofValue(path), path, `${d} is not a push domain of ${of}; list it under vendors: or remove it from this entry`);
      });
    }
  }
}

/**
 * Each entry's stream and app against the rules of every vendor it applies to (vendors/name-rules.ts, the
 * same rules check() applies to a StreamBlock). Where another of its vendors accepts the name, narrowing is a fix too.
 */
function checkVendorNames(list: CheckedBlocklist, at: SourcePositions, add: Add): void {
  for (const e of list.entries) {
    // The vendors the entry reaches: its domains: narrows them too.
    const domains = e.broken.has("domains") ? undefined : e.entry.domains?.map((d) => d.toLowerCase());
    const vendors = (vendorsOf(list, e) ?? []).filter((v) => !domains || list.vendors[v]!.domains.some((d) => domains.includes(d.toLowerCase())));
    for (const field of ["stream", "app"] as const) {
      const value = e.entry[field];
      if (value === undefined || e.broken.has(field)) continue;
      const problem = namesProblem(vendors, field, value);
      if (problem === undefined) continue;
      const accepting = vendors.filter((v) => nameProblem(v, field, value) === undefined);
      const narrow = accepting.length > 0 ? `, or narrow the entry with vendors: [${accepting.join(", ")}]` : "";
      const path: KeyPath = ["streams", e.index, field];
      add(at.ofValue(path), path, `${problem}${narrow}`);
    }
  }
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

/**
 * Resume times: one that has passed makes the entry finished (a warning, or an error where the change
 * wrote that time: see ValidateOptions.base); a future one must be within the maximum of each vendor
 * the entry applies to. Returns the finished entries by index.
 */
function checkResumeTimes(list: CheckedBlocklist, file: string, opts: ValidateOptions, at: SourcePositions, add: Add, warn: Add): Map<number, FinishedEntry> {
  const finished = new Map<number, FinishedEntry>();
  const baseKeys = opts.base === undefined ? undefined : baseTimedEntryKeys(opts.base);
  for (const e of list.entries) {
    const { resumeTime, stream, app } = e.entry;
    if (resumeTime === undefined || e.broken.has("resumeTime")) continue;
    const path: KeyPath = ["streams", e.index, "resumeTime"];
    if (hasPassed(resumeTime, opts.now)) {
      finished.set(e.index, { index: e.index, stream: stream ?? "", resumeTime, ...(app === undefined ? {} : { app }) });
      const unchanged = stream !== undefined && !e.broken.has("app") && baseKeys?.has(timedEntryKey({ stream, app, resumeTime }));
      if (baseKeys && !unchanged) {
        add(at.ofValue(path), path, `resumeTime ${resumeTime} is already past: this change adds the entry or sets its time, and it would ban nothing; set a future time (at most ${maxDays()} days ahead)`);
      } else {
        warn(at.ofValue(path), path, `resumeTime ${resumeTime} has passed: the ban ran its course and this entry declares nothing; delete it (streamblock prune ${file} deletes every finished entry)`);
      }
      continue;
    }
    // The vendor's maximum, with StreamBlock's own rule and message; the key is a placeholder.
    for (const vendor of vendorsOf(list, e) ?? []) {
      const r = checkInputs({ vendor, domain: "a.example.com", stream: "s", resumeTime }, { now: opts.now });
      for (const f of r.failures) add(at.ofValue(path), path, f.reason);
    }
  }
  return finished;
}

/** "90 (180 on Aliyun)": the vendors' maximum ban durations. */
function maxDays(): string {
  const days = VENDOR_IDS.map((v) => [v, VENDOR_LIMITS[v].maxBanSeconds / 86400] as const);
  const common = Math.min(...days.map(([, d]) => d));
  const others = days.filter(([, d]) => d !== common).map(([v, d]) => `${d} on ${v[0]!.toUpperCase()}${v.slice(1)}`);
  return others.length ? `${common} (${others.join(", ")})` : `${common}`;
}
