// Scale benchmark: N streams over three vendors through the real engine against the rate-limited sandbox.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../provider/sandbox/sandbox";
import { sandboxEnv } from "../provider/sandbox/sandbox-env";
import { VENDOR_LIMITS } from "../provider/vendors/vendor-limits";
import { VENDOR_IDS, type VendorId } from "../provider/vendors/vendor-id";
import { installedProject } from "../test/e2e/installed-package";
import { cliEnv, delta, initStack, measured, pulumiOn, writeBlocklistProgram, type Role } from "./bench-harness";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
const CHANGE_FRACTION = 0.1;
/** The settings README "Large blocklists" recommends (BENCH_ENGINE_ENV='{}' for the engine's defaults). */
const TUNED_ENGINE_ENV = {
  PULUMI_SKIP_CHECKPOINTS: "true",
  PULUMI_PARALLEL_DIFF: "true",
  NODE_OPTIONS: "--max-old-space-size=384 --max-semi-space-size=16",
  GOMEMLIMIT: "300MiB",
};
const ENGINE_ENV: Record<string, string> = process.env.BENCH_ENGINE_ENV ? JSON.parse(process.env.BENCH_ENGINE_ENV) : TUNED_ENGINE_ENV;
/**
 * Tencent's forbid list: gone by default, as on mainland accounts since 2025-11-28 (tencent.md §3.5), so a
 * refresh reads each Tencent stream's state; BENCH_TENCENT_LIST=available for an account that still has it.
 */
const TENCENT_LIST_AVAILABLE = process.env.BENCH_TENCENT_LIST === "available";
/** The engine's --parallel (default 4 x CPUs = 8 here). */
const PARALLEL = process.env.BENCH_PARALLEL ? ["--parallel", process.env.BENCH_PARALLEL] : [];

interface Row {
  n: number;
  op: string;
  seconds: number;
  boundSeconds: number;
  peakMb: number;
  peakByRole: Record<Role, number>;
  calls: Record<string, number>;
  boundCalls: number;
  stateBytesPerStream?: number;
  leadSeconds?: number;
  tailSeconds?: number;
}

/** The vendor-QPS bound: every (vendor, action) runs at its documented rate, all in parallel. */
function qpsBound(calls: Record<string, number>): number {
  let bound = 0;
  for (const [key, n] of Object.entries(calls)) {
    const [vendor, action] = key.split(".") as [VendorId, string];
    const qps = VENDOR_LIMITS[vendor].qps[action] ?? Infinity;
    bound = Math.max(bound, n / qps);
  }
  return bound;
}

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
    vendor: VENDOR_IDS[i % 3]!,
    domain: `push${i % 2}.bench.example.com`,
    stream: `s${i}`,
  }));
  writeFileSync(streamsFile, blocklistYaml(streams));
  writeBlocklistProgram(project.dir);
  const env = {
    ...process.env,
    BENCH_STREAMS: streamsFile,
    BENCH_PENDING: process.env.BENCH_PENDING ?? "",
    ...sandboxEnv(sb),
    PULUMI_BACKEND_URL: `file://${project.dir}?metadata=skip`,
    ...cliEnv(project.dir),
    ...ENGINE_ENV,
  };
  const pulumi = pulumiOn("bench", project.dir, env);
  await initStack("bench", project.dir, env);
  const only = process.env.BENCH_OPS?.split(",");
  const step = async (op: string, boundCalls: number, f: () => Promise<unknown>) => {
    if (only && !only.includes(op)) return;
    const before = sb.calls();
    const m = await measured(sb, f);
    const calls = delta(before, sb.calls());
    const row: Row = { n, op, seconds: m.seconds, boundSeconds: qpsBound(calls), peakMb: m.peakMb, peakByRole: m.peakByRole, calls, boundCalls };
    if (m.leadSeconds !== undefined) Object.assign(row, { leadSeconds: m.leadSeconds, tailSeconds: m.tailSeconds });
    if (op === "first up") row.stateBytesPerStream = Math.round(stateBytes(project.dir) / n);
    rows.push(row);
    print(row);
  };
  // Lower bounds on calls: one forbid per stream; one list page per page-size streams per vendor/domain.
  // Tencent: its list gone, one DescribeLiveStreamState per stream (300/s) after one refused list call;
  // where it answers, one pass over the account's list (no domain filter) serves both domains.
  const tencentStreams = streams.filter((s) => s.vendor === "tencent").length;
  const readCalls = VENDOR_IDS.reduce((sum, v) => {
    const pageSize = VENDOR_LIMITS[v].maxPageSize;
    if (v !== "tencent") return sum + 2 * Math.ceil(n / 3 / 2 / pageSize);
    return sum + (TENCENT_LIST_AVAILABLE ? Math.ceil(tencentStreams / pageSize) : tencentStreams + 1);
  }, 0);
  const changed = Math.round(n * CHANGE_FRACTION);
  // Aliyun has no update call: at least a resume and a forbid per changed stream.
  const changeCalls = VENDOR_IDS.reduce((sum, v, i) => sum + streams.slice(0, changed).filter((_, j) => j % 3 === i).length * (v === "aliyun" ? 2 : 1), 0);
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
  const lines = ["vendors:", ...VENDOR_IDS.flatMap((v) => [`  ${v}:`, `    domains: ${domains}`]), "streams:"];
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
    `| ${r.n} | ${r.op} | ${r.seconds.toFixed(1)} | ${r.boundSeconds.toFixed(1)} | ${ratio} | ${phases} | ${r.peakMb.toFixed(0)} | ${(["cli", "program", "provider"] as const).map((k) => r.peakByRole[k].toFixed(0)).join(" / ")} | ${callsTotal} | ${callRatio} | ${r.stateBytesPerStream ?? ""} | ${calls} |`,
  );
}

async function main(): Promise<void> {
  console.log(
    `StreamBlock scale benchmark: sandbox at the documented QPS, Tencent's forbid list ${TENCENT_LIST_AVAILABLE ? "available" : "gone"}, node ${process.version}, engine env ${JSON.stringify(ENGINE_ENV)}, options ${JSON.stringify(PARALLEL)}`,
  );
  console.log("| N | operation | wall s | QPS-bound s | ratio | before / during / after calls s | peak MB | CLI / program / provider peak MB | vendor calls | calls / bound | state B/stream | calls by kind |");
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  const rows: Row[] = [];
  for (const n of SIZES) {
    const variants = TENCENT_LIST_AVAILABLE ? { tencent: { forbidList: "available" as const } } : {};
    const sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, variants });
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
