// Rejection cost of hostile blocklist files: each case in its own process under the README's NODE_OPTIONS, wall time and peak RSS.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const HEAD = "vendors:\n  tencent:\n    domains: [a.example.com]\n  aliyun:\n    domains: [a.example.com]\nstreams:\n";
const FULL_ENTRY = (i: number) =>
  `  - stream: stream-name-${i}\n    app: live\n    reason: automated spam, ticket TS-${i}\n    vendors: [tencent, aliyun]\n    domains: [a.example.com]\n`;

/** [what, file text]. */
const CASES: [string, () => string][] = [
  ["620,000 entries (issue 12's file): over the byte limit", () => HEAD + Array.from({ length: 620_000 }, (_, i) => `  - stream: s${i}\n`).join("")],
  ["one flow list of 2 million items, under 4 MiB: over the node limit", () => `${HEAD}  - [${"a,".repeat(2_000_000)}]\n`],
  ["one flow list of 199,000 items: the most a file can hold under the node limit, parsed in full", () => `${HEAD}  - [${"a,".repeat(199_000)}]\n`],
  ["30,001 entries: over the entry limit", () => HEAD + Array.from({ length: 30_001 }, (_, i) => `  - stream: s${i}\n`).join("")],
  ["valid: 10,000 entries, each with stream, app, reason, vendors and domains", () => HEAD + Array.from({ length: 10_000 }, (_, i) => FULL_ENTRY(i)).join("")],
];

// The child: loads the compiled validator, validates the file as `streamblock validate` does, reports.
const CHILD = `
const { readBlocklistText } = require(${JSON.stringify(join(ROOT, "dist/provider/blocklist/load-blocklist.js"))});
const { validateBlocklist } = require(${JSON.stringify(join(ROOT, "dist/provider/blocklist/validate-blocklist.js"))});
const t = performance.now();
let verdict;
try {
  const r = validateBlocklist(readBlocklistText(process.argv[1]), "f", { now: new Date() });
  verdict = r.ok ? "valid, " + r.bans.length + " bans" : r.problems[0].message.slice(0, 60);
} catch (e) { verdict = e.problems ? e.problems[0].message.slice(0, 60) : String(e); }
console.log(JSON.stringify({ ms: performance.now() - t, rssMB: process.resourceUsage().maxRSS / 1024, verdict }));
`;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "streamblock-hostile-bench-"));
  try {
    console.log("| file | bytes | validate ms | peak RSS MB | verdict |\n|---|---|---|---|---|");
    for (const [what, make] of CASES) {
      const file = join(dir, "blocklist.yaml");
      const text = make();
      writeFileSync(file, text);
      const r = spawnSync(process.execPath, ["-e", CHILD, file], {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=384 --max-semi-space-size=16" },
      });
      const out = r.status === 0 ? (JSON.parse(r.stdout) as { ms: number; rssMB: number; verdict: string }) : undefined;
      const cells = out ? [out.ms.toFixed(0), out.rssMB.toFixed(0), out.verdict] : ["-", "-", `exit ${r.status}: ${r.stderr.split("\n").find((l) => l.includes("heap")) ?? "failed"}`];
      console.log(`| ${what} | ${Buffer.byteLength(text).toLocaleString("en-US")} | ${cells.join(" | ")} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
