// Scale benchmark: N streams over three vendors through the real engine against the rate-limited sandbox.
import { execFile, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../provider/sandbox/sandbox";
import { sandboxEnv } from "../provider/sandbox/sandbox-env";
import type { CallCounts } from "../provider/sandbox/call-recorder";
import { VENDOR_LIMITS } from "../provider/vendors/vendor-limits";
import { rateBoundOfRunSeconds } from "../provider/vendors/rate-bound";
import { VENDOR_IDS, type VendorId } from "../provider/vendors/vendor-id";
import { PACKAGE_ROOT, ensurePulumiBin } from "../provider/engine/pulumi-cli";
import { installedProject } from "../test/e2e/installed-package";
import { delta, measured, type Measured } from "./bench-harness";
import { scaffoldFiles } from "../provider/cli/init-scaffold";
import { streamblockPackage } from "../provider/package-root";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const CHANGE_FRACTION = 0.1;
/** The settings README "Large blocklists" recommends (BENCH_ENGINE_ENV='{}' for the engine's defaults). */
const TUNED_ENGINE_ENV = {
  PULUMI_SKIP_CHECKPOINTS: "true",
  PULUMI_PARALLEL_DIFF: "true",
  NODE_OPTIONS: "--max-old-space-size=384 --max-semi-space-size=16",
  GOMEMLIMIT: "300MiB",
};
/**
 * BENCH_SETTINGS=default: what a user gets without tuning: the project `streamblock init` scaffolds
 * (TypeScript through ts-node) and none of the engine variables below, even if this shell has them.
 */
const USER_DEFAULTS = process.env.BENCH_SETTINGS === "default";
const ENGINE_VARIABLES = ["PULUMI_SKIP_CHECKPOINTS", "PULUMI_PARALLEL_DIFF", "NODE_OPTIONS", "GOMEMLIMIT"];
const ENGINE_ENV: Record<string, string> = process.env.BENCH_ENGINE_ENV
  ? JSON.parse(process.env.BENCH_ENGINE_ENV)
  : USER_DEFAULTS
    ? {}
    : TUNED_ENGINE_ENV;
/** BENCH_VENDORS: the vendors the blocklist bans on (a comma list), default all three. */
const VENDORS: VendorId[] = (process.env.BENCH_VENDORS ?? VENDOR_IDS.join(",")).split(",").map((v) => {
  if (!(VENDOR_IDS as readonly string[]).includes(v)) throw new Error(`BENCH_VENDORS: unknown vendor "${v}" (one of ${VENDOR_IDS.join(", ")})`);
  return v as VendorId;
});
/** BENCH_THROTTLE=off: the sandbox answers at any rate and the client-side limiter is off (STREAMBLOCK_RATE_LIMIT=false). */
const THROTTLE = process.env.BENCH_THROTTLE !== "off";
/** BENCH_LATENCY_MS: the sandbox's round trip, added to every vendor request. */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
if (!(Number.isFinite(LATENCY_MS) && LATENCY_MS >= 0)) throw new Error("BENCH_LATENCY_MS must be a non-negative number of milliseconds");
/**
 * Tencent's forbid list: gone by default, as on mainland accounts since 2025-11-28 (tencent.md §3.5), so a
 * refresh reads each Tencent stream's state; BENCH_TENCENT_LIST=available for an account that still has it.
 */
const TENCENT_LIST_AVAILABLE = process.env.BENCH_TENCENT_LIST === "available";
/** The engine's --parallel (default 4 x CPUs = 8 here). */
const PARALLEL = process.env.BENCH_PARALLEL ? ["--parallel", process.env.BENCH_PARALLEL] : [];

/** One printed row: an operation at one N, with what `measured` sampled while it ran. */
type Row = Pick<Measured<unknown>, "seconds" | "peakMb" | "peakByRole" | "cpuByRole" | "leadSeconds" | "tailSeconds"> & {
  n: number;
  op: string;
  boundSeconds: number;
  calls: Record<string, number>;
  boundCalls: number;
  stateBytesPerStream?: number;
  /** The 1-minute load average when the step ended (the machine is shared). */
  load: number;
};

function stateBytes(dir: string): number {
  const stacks = join(dir, ".pulumi", "stacks");
  let total = 0;
  for (const project of readdirSync(stacks)) {
    for (const f of readdirSync(join(stacks, project))) if (f.endsWith(".json")) total += statSync(join(stacks, project, f)).size;
  }
  return total;
}

async function runSize(n: number, sb: Sandbox, rows: Row[]): Promise<void> {
  const project = installedProject();
  const streamsFile = join(project.dir, "blocklist.yaml");
  const streams = Array.from({ length: n }, (_, i) => ({
    vendor: VENDORS[i % VENDORS.length]!,
    domain: `push${i % 2}.bench.example.com`,
    stream: `s${i}`,
  }));
  writeFileSync(streamsFile, blocklistYaml(streams));
  if (USER_DEFAULTS) {
    // The scaffold's own Pulumi.yaml, index.ts and tsconfig.json, as `streamblock init` writes them.
    for (const f of scaffoldFiles("streamblock-bench", streamblockPackage(PACKAGE_ROOT), "")) {
      if (["Pulumi.yaml", "index.ts", "tsconfig.json"].includes(f.path)) writeFileSync(join(project.dir, f.path), f.text);
    }
  } else {
    writeFileSync(join(project.dir, "Pulumi.yaml"), "name: streamblock-bench\nruntime: nodejs\nmain: index.js\n");
    // The product's own program body, from the installed package, as a user's blocklist repository runs it.
    writeFileSync(
      join(project.dir, "index.js"),
      `const { applyBlocklistWindowed } = require("pulumi-streamblock/dist/provider/blocklist/apply-blocklist.js");\n` +
        `const maxPending = Number(process.env.BENCH_PENDING || 0) || undefined;\n` +
        `module.exports = applyBlocklistWindowed(process.env.BENCH_STREAMS, { maxPending }).then((s) => ({ bans: s.bans }));\n`,
    );
  }
  const inherited = { ...process.env };
  if (USER_DEFAULTS) for (const k of ENGINE_VARIABLES) delete inherited[k];
  const env = {
    ...inherited,
    BENCH_STREAMS: streamsFile,
    STREAMBLOCK_BLOCKLIST: streamsFile,
    ...(THROTTLE ? {} : { STREAMBLOCK_RATE_LIMIT: "false" }),
    BENCH_PENDING: process.env.BENCH_PENDING ?? "",
    ...sandboxEnv(sb),
    PULUMI_BACKEND_URL: `file://${project.dir}?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: join(project.dir, ".pulumi-home"),
    PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${ensurePulumiBin()}:${process.env.PATH}`,
    ...ENGINE_ENV,
  };
  // The CLI itself, as a pipeline runs it (the Automation API would add `stack output` and `stack history`
  // runs to every operation). Asynchronous: the sandbox answers from this process.
  const pulumi = (...args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile("pulumi", [...args, "--stack", "bench", "--non-interactive"], { cwd: project.dir, env, maxBuffer: 1 << 30 }, (err, stdout, stderr) =>
        err ? reject(new Error(`pulumi ${args.join(" ")} failed: ${err.message}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`)) : resolve(),
      ),
    );
  await new Promise<void>((resolve, reject) =>
    execFile("pulumi", ["stack", "init", "bench", "--non-interactive"], { cwd: project.dir, env }, (err) => (err ? reject(err) : resolve())),
  );
  const only = process.env.BENCH_OPS?.split(",");
  const step = async (op: string, boundCalls: number, f: () => Promise<unknown>) => {
    if (only && !only.includes(op)) return;
    const before = sb.calls();
    const m = await measured(sb, f);
    const calls = delta(before, sb.calls());
    const row: Row = { n, op, seconds: m.seconds, boundSeconds: rateBoundOfRunSeconds(calls), peakMb: m.peakMb, peakByRole: m.peakByRole, cpuByRole: m.cpuByRole, calls, boundCalls, load: loadavg()[0]! };
    if (m.leadSeconds !== undefined) Object.assign(row, { leadSeconds: m.leadSeconds, tailSeconds: m.tailSeconds });
    if (op === "first up") row.stateBytesPerStream = Math.round(stateBytes(project.dir) / n);
    rows.push(row);
    print(row);
  };
  // Lower bounds on calls: one forbid per stream; one list page per page-size streams per vendor/domain.
  // Tencent: its list gone, one DescribeLiveStreamState per stream (300/s) after one refused list call;
  // where it answers, one pass over the account's list (no domain filter) serves both domains.
  const tencentStreams = streams.filter((s) => s.vendor === "tencent").length;
  const readCalls = VENDORS.reduce((sum, v) => {
    const pageSize = VENDOR_LIMITS[v].maxPageSize;
    if (v !== "tencent") return sum + 2 * Math.ceil(n / VENDORS.length / 2 / pageSize);
    return sum + (TENCENT_LIST_AVAILABLE ? Math.ceil(tencentStreams / pageSize) : tencentStreams + 1);
  }, 0);
  const changed = Math.round(n * CHANGE_FRACTION);
  // Aliyun has no update call: at least a resume and a forbid per changed stream.
  const changeCalls = streams.slice(0, changed).reduce((sum, s) => sum + (s.vendor === "aliyun" ? 2 : 1), 0);
  if (only?.includes("first preview")) await step("first preview", 0, () => pulumi("preview", ...PARALLEL));
  await step("first up", n, () => pulumi("up", "--yes", "--skip-preview", ...PARALLEL));
  await step("no-op preview", 0, () => pulumi("preview", "--expect-no-changes", ...PARALLEL));
  await step("refresh", readCalls, () => pulumi("refresh", "--yes", "--skip-preview", ...PARALLEL));
  const resumeTime = new Date(Date.now() + 20 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  writeFileSync(streamsFile, blocklistYaml(streams.map((s, i) => (i < changed ? { ...s, resumeTime } : s))));
  await step(`${CHANGE_FRACTION * 100}% change`, changeCalls, () => pulumi("up", "--yes", "--skip-preview", ...PARALLEL));
  await step("destroy", n, () => pulumi("destroy", "--yes", "--skip-preview", ...PARALLEL));
  await pulumi("stack", "rm", "--yes", "--force");
  project.dispose();
}

/** One entry per stream, narrowed to its vendor and domain. */
function blocklistYaml(streams: { vendor: string; domain: string; stream: string; resumeTime?: string }[]): string {
  const domains = "[push0.bench.example.com, push1.bench.example.com]";
  const lines = ["vendors:", ...VENDORS.flatMap((v) => [`  ${v}:`, `    domains: ${domains}`]), "streams:"];
  for (const s of streams) {
    const resume = s.resumeTime ? `, resumeTime: "${s.resumeTime}"` : "";
    lines.push(`  - { stream: ${s.stream}, vendors: [${s.vendor}], domains: [${s.domain}]${resume} }`);
  }
  return lines.join("\n") + "\n";
}

function print(r: Row): void {
  const calls = Object.entries(r.calls).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
  const ratio = r.boundSeconds > 0 ? (r.seconds / r.boundSeconds).toFixed(2) : "n/a";
  const callsTotal = Object.values(r.calls).reduce((a, b) => a + b, 0);
  const callRatio = r.boundCalls > 0 ? (callsTotal / r.boundCalls).toFixed(2) : callsTotal === 0 ? "1.00 (0 = 0)" : "∞";
  const phases = r.leadSeconds === undefined ? "" : `${r.leadSeconds.toFixed(1)} / ${(r.seconds - r.leadSeconds - r.tailSeconds!).toFixed(1)} / ${r.tailSeconds!.toFixed(1)}`;
  console.log(
    `| ${r.n} | ${r.op} | ${r.seconds.toFixed(1)} | ${r.boundSeconds.toFixed(1)} | ${ratio} | ${phases} | ${r.peakMb.toFixed(0)} | ${(["cli", "program", "provider"] as const).map((k) => r.peakByRole[k].toFixed(0)).join(" / ")} | ${callsTotal} | ${callRatio} | ${r.stateBytesPerStream ?? ""} | ${(["cli", "program", "provider"] as const).map((k) => r.cpuByRole[k].toFixed(1)).join(" / ")} | ${r.load.toFixed(1)} | ${calls} |`,
  );
}

async function main(): Promise<void> {
  console.log(
    `StreamBlock scale benchmark: vendors ${VENDORS.join(", ")}, ${THROTTLE ? "sandbox and limiter at the documented QPS" : "sandbox throttle and client limiter off"}, round trip ${LATENCY_MS} ms, Tencent's forbid list ${TENCENT_LIST_AVAILABLE ? "available" : "gone"}, ${USER_DEFAULTS ? "user defaults (init scaffold, no engine variables)" : "bench project"}, node ${process.version}, engine env ${JSON.stringify(ENGINE_ENV)}, options ${JSON.stringify(PARALLEL)}`,
  );
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log("| N | operation | wall s | QPS-bound s | ratio | before / during / after calls s | peak MB | CLI / program / provider peak MB | vendor calls | calls / bound | state B/stream | CLI / program / provider CPU s | load | calls by kind |");
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  const rows: Row[] = [];
  for (const n of SIZES) {
    const variants = TENCENT_LIST_AVAILABLE ? { tencent: { forbidList: "available" as const } } : {};
    const sb = await startSandbox({
      ports: { huawei: 0, tencent: 0, aliyun: 0 },
      adminServer: false,
      variants,
      latencyMs: LATENCY_MS,
      throttle: { enabled: THROTTLE },
    });
    try {
      await runSize(n, sb, rows);
    } finally {
      await sb.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
