// Hostile blocklist files are refused before the costly parse, each with the limit it broke and why (timings: bench/hostile-blocklist.ts).
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatProblem } from "../../provider/blocklist/blocklist-problem";
import { MAX_BANS, MAX_BLOCKLIST_BYTES, MAX_ENTRIES, MAX_YAML_NODES } from "../../provider/blocklist/blocklist-limits";
import { BlocklistError, readBlocklistText } from "../../provider/blocklist/load-blocklist";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { FILE, NOW } from "./blocklist-cases";

const VENDORS = "vendors:\n  tencent:\n    domains: [a.example.com]\nstreams:\n";
const WHY = "refuses larger files before parsing them, to bound the time and memory a check takes: split the list or remove entries";

function problems(text: string): string[] {
  return validateBlocklist(text, FILE, { now: NOW }).problems.map(formatProblem);
}

describe("blocklist: hostile files", () => {
  it("more than 4 MiB: refused on the file's size, before it is read", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamblock-hostile-"));
    try {
      const file = join(dir, "blocklist.yaml");
      writeFileSync(file, VENDORS + "#".repeat(MAX_BLOCKLIST_BYTES));
      assert.throws(
        () => readBlocklistText(file),
        (e: unknown) =>
          e instanceof BlocklistError &&
          e.message === `${file}:1:1: the file has ${(MAX_BLOCKLIST_BYTES + VENDORS.length).toLocaleString("en-US")} bytes; StreamBlock takes at most 4 MiB and ${WHY.replace("parsing", "reading")}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(problems(VENDORS + "#".repeat(MAX_BLOCKLIST_BYTES)), [
      `blocklist.yaml:1:1: the file has ${(MAX_BLOCKLIST_BYTES + VENDORS.length).toLocaleString("en-US")} bytes; StreamBlock takes at most 4 MiB and ${WHY}`,
    ]);
  });

  it("more YAML nodes than 200,000 within the byte limit (flow style packs many per line): refused by the tokenizer alone", () => {
    const text = `${VENDORS}  - [${"a,".repeat(MAX_YAML_NODES)}]\n`;
    assert.ok(Buffer.byteLength(text) < MAX_BLOCKLIST_BYTES);
    assert.deepEqual(problems(text), [`blocklist.yaml:1:1: the file has more than 200,000 YAML nodes (keys, values and list items); StreamBlock takes at most that many and ${WHY}`]);
  });

  it("more than 30,000 entries: refused once parsed, before the schema and the checks", () => {
    const text = VENDORS + "  - x\n".repeat(MAX_ENTRIES + 1);
    assert.deepEqual(problems(text), [`blocklist.yaml:4:1: streams: the file has 30,001 entries; StreamBlock takes at most 30,000 entries and ${WHY}`]);
  });

  it("more than 30,000 bans once expanded onto every domain: refused before they are built", () => {
    const domains = Array.from({ length: MAX_BANS / 2 + 1 }, (_, i) => `d${i}.example.com`).join(", ");
    const text = `vendors:\n  tencent:\n    domains: [${domains}]\nstreams:\n  - stream: a\n  - stream: b\n`;
    assert.deepEqual(problems(text), [
      `blocklist.yaml:4:1: streams: the file has 30,002 bans once expanded onto every vendor and domain; StreamBlock takes at most 30,000 bans and ${WHY}`,
    ]);
  });

  it("vendors: without streams: is refused (a bad merge must not lift every ban); streams: [] lifts them on purpose", () => {
    assert.deepEqual(problems("vendors:\n  tencent:\n    domains: [a.example.com]\n"), [
      "blocklist.yaml:1:1: streams: streams is required: list the banned streams, or write streams: [] to lift every ban",
    ]);
    const r = validateBlocklist(`${VENDORS.replace("streams:\n", "streams: []\n")}`, FILE, { now: NOW });
    assert.ok(r.ok && r.bans.length === 0);
  });

  it("tags beyond plain strings, lists and mappings are refused where they are written; core tags pass", () => {
    const text = `${VENDORS}  - stream: !!binary c3BhbQ==\n  - stream: !custom spam\n    reason: !!timestamp 2026-01-01\n  - !!set {stream: x}\n  - stream: !!str 0042\n`;
    assert.deepEqual(problems(text), [
      "blocklist.yaml:5:22: YAML: the tag !!binary is not allowed in a blocklist (only plain strings, lists and mappings); remove it",
      "blocklist.yaml:6:21: YAML: the tag !custom is not allowed in a blocklist (only plain strings, lists and mappings); remove it",
      "blocklist.yaml:7:25: YAML: the tag !!timestamp is not allowed in a blocklist (only plain strings, lists and mappings); remove it",
      "blocklist.yaml:8:5: YAML: Set items must all have null values",
      "blocklist.yaml:8:11: YAML: the tag !!set is not allowed in a blocklist (only plain strings, lists and mappings); remove it",
    ]);
    assert.deepEqual(problems(`${VENDORS}  - stream: !!str 0042\n`), []);
  });
});
