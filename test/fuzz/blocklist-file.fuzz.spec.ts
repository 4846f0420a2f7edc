// Property-based fuzzing of the blocklist file parser: any text yields the bans or located problems, never an exception; an invalid file applies nothing.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { applyBlocklist, InvalidBlocklistError } from "../../provider/blocklist/apply-blocklist";
import { ProviderSettings } from "../../provider/resource/provider-settings";
import { checkInputs } from "../../provider/resource/stream-block-inputs";
import { fuzzParameters } from "./fuzz-settings";

const NOW = new Date("2026-11-21T00:00:00Z");
const FILE = "blocklist.yaml";

/** A valid file using every feature: three vendors, Huawei's region, narrowing, resume times, reasons. */
const VALID = `vendors:
  tencent:
    domains: [push.tencent.example.com, Push2.Tencent.example.com]
  aliyun:
    domains: [push.aliyun.example.com]
  huawei:
    domains: [push.huawei.example.com]
    region: cn-north-4
streams:
  - stream: spam-bot-4711
    reason: automated spam, ticket TS-1021
  - stream: restream-pirate
    app: live2
    resumeTime: "2026-12-24T00:00:00+08:00"
    vendors: [tencent, aliyun]
  - stream: "game/room-7"
    domains: [push.huawei.example.com]
`;

/** Checks the parser's contract for one text. */
function assertContract(text: string): void {
  const r = validateBlocklist(text, FILE, { now: NOW });
  if (!r.ok) {
    assert.ok(r.problems.length > 0, "an invalid file names at least one problem");
    for (const p of r.problems) {
      assert.equal(p.file, FILE);
      assert.ok(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1, JSON.stringify(p));
      assert.ok(p.message.length > 0 && typeof p.path === "string", JSON.stringify(p));
    }
    return;
  }
  // A file the parser accepts never holds a ban StreamBlock's own check would refuse, nor one ban twice.
  const names = new Set<string>();
  for (const { name, entry: _entry, ...ban } of r.bans) {
    const c = checkInputs({ ...ban }, { now: NOW });
    assert.deepEqual(c.failures, [], `${name}: ${JSON.stringify(c.failures)}`);
    assert.ok(!names.has(name), `${name} twice`);
    names.add(name);
  }
}

/** Text edits a reviewer's typo, a bad merge or a truncated upload could make. */
const mutated = fc
  .array(
    fc.oneof(
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(":", "- ", "\n", "  ", "\t", "*", "&a ", "*a", "!!binary ", "[", "{", '"', "---\n", "~", "null", "<<: *x")) }),
      fc.record({ kind: fc.constant("duplicateLine" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("dropLine" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) => {
    let text = VALID;
    for (const e of edits) {
      const lines = text.split("\n");
      if (e.kind === "delete") {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + text.slice(at + e.length);
      } else if (e.kind === "insert") {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.text + text.slice(at);
      } else if (e.kind === "duplicateLine") {
        const i = e.at % lines.length;
        lines.splice(i, 0, lines[i]!);
        text = lines.join("\n");
      } else if (e.kind === "dropLine") {
        lines.splice(e.at % lines.length, 1);
        text = lines.join("\n");
      } else {
        text = text.slice(0, e.at % (text.length + 1));
      }
    }
    return text;
  });

describe("fuzz: blocklist file parser (validateBlocklist)", function () {
  this.timeout(120_000);

  it("the reference file is valid (the mutations below start from it)", () => {
    const r = validateBlocklist(VALID, FILE, { now: NOW });
    assert.ok(r.ok, JSON.stringify(r.problems));
    assert.equal(r.bans.length, 2 + 1 + 1 + 2 + 1 + 1);
  });

  it("arbitrary text: the bans or problems at file:line:column, never an exception", () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), assertContract), fuzzParameters());
  });

  it("arbitrary JSON values written as YAML: the same contract", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => assertContract(stringify(v))), fuzzParameters());
  });

  it("a valid file after random edits: the same contract; a valid result declares exactly its bans, an invalid one throws every problem and declares nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamblock-fuzz-"));
    const file = join(dir, FILE);
    const settings = new ProviderSettings(() => undefined, { HUAWEICLOUD_SDK_REGION: "cn-north-4" });
    // applyBlocklist reads StreamBlock from the module at call time: a stand-in records what it declares.
    const resourceModule = require("../../provider/resource/stream-block") as { StreamBlock: unknown };
    const real = resourceModule.StreamBlock;
    let declared: string[] = [];
    resourceModule.StreamBlock = class {
      readonly expiresAt = undefined;
      constructor(name: string) {
        declared.push(name);
      }
    };
    const seen = { valid: 0, invalid: 0 };
    try {
      fc.assert(
        fc.property(mutated, (text) => {
          assertContract(text);
          const r = validateBlocklist(text, file, { now: NOW, stack: settings });
          writeFileSync(file, text);
          declared = [];
          if (r.ok) {
            seen.valid++;
            applyBlocklist(file, { now: NOW, settings });
            assert.deepEqual(declared, r.bans.map((b) => b.name));
            return;
          }
          seen.invalid++;
          assert.throws(
            () => applyBlocklist(file, { now: NOW, settings }),
            (e: unknown) => e instanceof InvalidBlocklistError && JSON.stringify(e.problems) === JSON.stringify(r.problems),
          );
          assert.deepEqual(declared, [], "an invalid file declares nothing");
        }),
        fuzzParameters(),
      );
    } finally {
      resourceModule.StreamBlock = real;
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(seen.valid > 0 && seen.invalid > 0, JSON.stringify(seen));
  });
});
