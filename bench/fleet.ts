// Fleet benchmark: one blocklist over 3 vendors x 2 accounts on a PostgreSQL backend, as one stack and as one stack per (vendor, account) in parallel.
import { rateBoundSeconds } from "../provider/vendors/rate-bound";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../provider/sandbox/sandbox";
import { sandboxEnv } from "../provider/sandbox/sandbox-env";
import { SECOND_SANDBOX_CREDENTIALS } from "../provider/sandbox/sandbox-credentials";
import type { CallRecorder, CallLogEntry } from "../provider/sandbox/call-recorder";
import { VENDOR_IDS, type VendorId } from "../provider/vendors/vendor-id";
import { installedProject } from "../test/e2e/installed-package";
import { postgresBackend, type PostgresBackend } from "../test/e2e/postgres-backend";
import { ACCOUNTS, SECOND, SHARDS, shardName, subFileYaml, wholeFileYaml, type Account, type Shard } from "./fleet-blocklist";
import { cliEnv, initStack, killCliTrees, measured, pulumiOn, writeBlocklistProgram, type Measured } from "./bench-harness";

/** Bans in the file: N / 6 entries, each banned on every (vendor, account). */
const N = Number(process.env.BENCH_FLEET_N ?? 30_000);
const LAYOUTS = (process.env.BENCH_FLEET_LAYOUTS ?? "sharded,single").split(",") as Layout[];
/** `no-op preview, one at a time`: each shard's preview alone, as a CI matrix with a runner per job sees it. */
const OPS = (process.env.BENCH_OPS ?? "first up,no-op preview,no-op preview one at a time,refresh,destroy").split(",");
/** The engine's default settings unless BENCH_ENGINE_ENV says otherwise ('tuned': BENCHMARKS.md's, or a JSON object). */
const TUNED_ENGINE_ENV = {
  PULUMI_SKIP_CHECKPOINTS: "true",
  PULUMI_PARALLEL_DIFF: "true",
  NODE_OPTIONS: "--max-old-space-size=384 --max-semi-space-size=16",
  GOMEMLIMIT: "300MiB",
};
const ENGINE_ENV: Record<string, string> =
  process.env.BENCH_ENGINE_ENV === "tuned" ? TUNED_ENGINE_ENV : process.env.BENCH_ENGINE_ENV ? JSON.parse(process.env.BENCH_ENGINE_ENV) : {};
/** An operation still running after this long is killed and reported as not finished (its layout stops there). */
const OP_TIMEOUT_MS = Number(process.env.BENCH_FLEET_TIMEOUT_S ?? 3600) * 1000;

type Layout = "single" | "sharded";

/** Calls keyed `vendor.account.action`, account by name. */
type AccountCalls = Record<string, number>;

/**
 * The slowest (vendor, account, action) of `calls`: each account meters its own, all run in parallel; and
 * per (vendor, action) over all accounts, where the vendor also caps the API as a whole (Huawei).
 */
function accountBound(calls: AccountCalls): number {
  let bound = 0;
  const perAction = new Map<string, { vendor: VendorId; action: string; calls: number; accounts: number }>();
  for (const [key, n] of Object.entries(calls)) {
    const [vendor, , action] = key.split(".") as [VendorId, string, string];
    bound = Math.max(bound, rateBoundSeconds(vendor, action, n));
    const all = perAction.get(`${vendor}.${action}`) ?? { vendor, action, calls: 0, accounts: 0 };
    perAction.set(`${vendor}.${action}`, { ...all, calls: all.calls + n, accounts: all.accounts + 1 });
  }
  for (const a of perAction.values()) bound = Math.max(bound, rateBoundSeconds(a.vendor, a.action, a.calls, a.accounts));
  return bound;
}

/**
 * Counts every sandbox call by vendor, account and action (the sandbox's own counts have no account).
 * Wraps the recorder in this process: the bench reads, the sandbox is unchanged.
 */
function countByAccount(sb: Sandbox): { snapshot(): AccountCalls } {
  const accountName = (vendor: VendorId, id: string | undefined): string => {
    if (id === undefined) return "unauthenticated";
    if (id === sb.primaryAccount(vendor)) return "default";
    const second = SECOND_SANDBOX_CREDENTIALS;
    const secondId = vendor === "tencent" ? second.tencent.secretId : vendor === "aliyun" ? second.aliyun.accessKeyId : second.huawei.projectId;
    return id === secondId ? SECOND : id;
  };
  const counts: AccountCalls = {};
  const recorder = (sb as unknown as { parts: { recorder: CallRecorder } }).parts.recorder;
  const record = recorder.record.bind(recorder);
  recorder.record = (e: CallLogEntry) => {
    const key = `${e.vendor}.${accountName(e.vendor, e.account)}.${e.action}`;
    counts[key] = (counts[key] ?? 0) + 1;
    record(e);
  };
  return { snapshot: () => ({ ...counts }) };
}

function callsBetween(before: AccountCalls, after: AccountCalls): AccountCalls {
  const out: AccountCalls = {};
  for (const [k, n] of Object.entries(after)) if (n - (before[k] ?? 0) > 0) out[k] = n - (before[k] ?? 0);
  return out;
}

/** What a shard stack applies: a blocklist file and stack config to set. */
interface ShardInput {
  file: string;
  config: Record<string, string>;
}

/**
 * Each shard stack applies the whole file narrowed by its `streamblock:shard` stack config (README
 * "Shards"), as users run shards; BENCH_FLEET_SHARD=subfile gives each its own sub-file instead (how the
 * 30,000-ban figures in BENCHMARKS.md were measured, before shard selection was merged).
 */
const shardInput = process.env.BENCH_FLEET_SHARD === "subfile" ? subFileShard : configShard;

function subFileShard(shard: Shard, dir: string, entries: number): ShardInput {
  const file = join(dir, `blocklist.${shardName(shard)}.yaml`);
  writeFileSync(file, subFileYaml(shard, entries));
  return { file, config: {} };
}

/** The whole file, narrowed by stack config (`streamblock:shard: <vendor>/<account>`). */
export function configShard(shard: Shard, dir: string): ShardInput {
  return { file: join(dir, "blocklist.yaml"), config: { "streamblock:shard": `${shard.vendor}/${shard.account}` } };
}

interface StackRun {
  stack: string;
  /** The (vendor, account) pairs it applies. */
  shards: Shard[];
  pulumi: (...args: string[]) => Promise<string>;
  env: NodeJS.ProcessEnv;
}

interface OpResult {
  layout: Layout;
  op: string;
  m: Measured<{ stack: string; seconds: number; error?: string }[]>;
  calls: AccountCalls;
  /** Checkpoint bytes per stack, after the operation (first up only). */
  stateBytes?: Record<string, { checkpoint: number; row: number }>;
}

async function runLayout(layout: Layout, pg: PostgresBackend, results: OpResult[]): Promise<void> {
  const sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  const counter = countByAccount(sb);
  const project = installedProject();
  try {
    writeBlocklistProgram(project.dir, "streamblock-fleet");
    const entries = Math.ceil(N / SHARDS.length);
    const wholeFile = join(project.dir, "blocklist.yaml");
    writeFileSync(wholeFile, wholeFileYaml(entries));
    const baseEnv = {
      ...process.env,
      ...sandboxEnv(sb),
      ...sandboxEnv(sb, SECOND),
      ...cliEnv(project.dir),
      ...pg.env,
      PULUMI_BACKEND_URL: pg.url,
      BENCH_PENDING: process.env.BENCH_PENDING ?? "",
      ...ENGINE_ENV,
    };
    const stacks: StackRun[] = [];
    if (layout === "single") {
      const env = { ...baseEnv, BENCH_STREAMS: wholeFile };
      stacks.push({ stack: "fleet", shards: SHARDS, pulumi: pulumiOn("fleet", project.dir, env), env });
      await initStack("fleet", project.dir, env);
    } else {
      for (const shard of SHARDS) {
        const input = shardInput(shard, project.dir, entries);
        const env = { ...baseEnv, BENCH_STREAMS: input.file };
        const stack = shardName(shard);
        stacks.push({ stack, shards: [shard], pulumi: pulumiOn(stack, project.dir, env), env });
        await initStack(stack, project.dir, env);
        for (const [k, v] of Object.entries(input.config)) await pulumiOn(stack, project.dir, env)("config", "set", k, v);
      }
    }
    const ops: [string, string[]][] = [
      ["first up", ["up", "--yes", "--skip-preview"]],
      ["no-op preview", ["preview", "--expect-no-changes"]],
      ...(layout === "sharded" ? [["no-op preview one at a time", ["preview", "--expect-no-changes"]] as [string, string[]]] : []),
      ["refresh", ["refresh", "--yes", "--skip-preview"]],
      ["destroy", ["destroy", "--yes", "--skip-preview"]],
    ];
    for (const [op, args] of ops) {
      if (!OPS.includes(op)) continue;
      const before = counter.snapshot();
      const run = async (s: StackRun) => {
        const started = Date.now();
        try {
          await withTimeout(s.pulumi(...args), OP_TIMEOUT_MS);
          return { stack: s.stack, seconds: (Date.now() - started) / 1000 };
        } catch (e) {
          return { stack: s.stack, seconds: (Date.now() - started) / 1000, error: (e as Error).message.split("\n")[0]! };
        }
      };
      const oneAtATime = async () => {
        const out = [];
        for (const s of stacks) out.push(await run(s));
        return out;
      };
      const m = await measured(sb, () => (op.endsWith("one at a time") ? oneAtATime() : Promise.all(stacks.map(run))));
      const result: OpResult = { layout, op, m, calls: callsBetween(before, counter.snapshot()) };
      if (op === "first up") result.stateBytes = checkpointBytes(pg);
      results.push(result);
      printResult(result, stacks);
      if (m.value.some((r) => r.error)) {
        console.log(`${layout}: ${op} did not finish on every stack; this layout stops here`);
        break;
      }
    }
  } finally {
    killCliTrees();
    project.dispose();
    await sb.close();
  }
}

/** Rejects after `ms`; the CLI tree it leaves running is killed by killCliTrees. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not finished after ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Each stack's checkpoint from the state table: its own bytes (the row holds it base64-encoded, as
 * `pulumi stack export` would print it) and the row's bytes as stored (a `.json.bak` row of the previous
 * checkpoint sits beside it).
 */
function checkpointBytes(pg: PostgresBackend): Record<string, { checkpoint: number; row: number }> {
  const rows = pg.query(
    `SELECT key, octet_length(decode(data->>'data', 'base64')), octet_length(data::text) FROM ${pg.table} WHERE key LIKE '%/.pulumi/stacks/streamblock-fleet/%.json'`,
  );
  return Object.fromEntries(rows.map(([key, checkpoint, row]) => [key!.replace(/^.*\/([^/]+)\.json$/, "$1"), { checkpoint: Number(checkpoint), row: Number(row) }]));
}

function bansOf(stack: StackRun): number {
  return Math.ceil(N / SHARDS.length) * stack.shards.length;
}

function printResult(r: OpResult, stacks: StackRun[]): void {
  const m = r.m;
  const bound = accountBound(r.calls);
  const total = Object.values(r.calls).reduce((a, b) => a + b, 0);
  const phases = m.leadSeconds === undefined ? "" : `${m.leadSeconds.toFixed(1)} / ${(m.seconds - m.leadSeconds - m.tailSeconds!).toFixed(1)} / ${m.tailSeconds!.toFixed(1)}`;
  const ratio = bound > 0 ? (m.seconds / bound).toFixed(2) : "n/a";
  const sum = (k: "checkpoint" | "row") => Object.values(r.stateBytes ?? {}).reduce((a, b) => a + b[k], 0);
  const perBan = r.stateBytes ? `${Math.round(sum("checkpoint") / N)} (row ${Math.round(sum("row") / N)})` : "";
  console.log(
    `| ${r.layout} | ${N} | ${r.op} | ${m.seconds.toFixed(1)} | ${bound.toFixed(1)} | ${ratio} | ${phases} | ${m.peakMb.toFixed(0)} | ${m.peakSumMb.toFixed(0)} | ${total} | ${perBan} |`,
  );
  for (const s of stacks) {
    const own = m.value.find((v) => v.stack === s.stack)!;
    const prefixes = s.shards.map((sh) => `${sh.vendor}.${sh.account}.`);
    const calls = Object.fromEntries(Object.entries(r.calls).filter(([k]) => prefixes.some((p) => k.startsWith(p))));
    const b = accountBound(calls);
    const state = r.stateBytes?.[s.stack];
    const callText = Object.entries(calls).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
    console.log(
      `|   | ${s.stack} | ${r.op} | ${own.seconds.toFixed(1)}${own.error ? ` (${own.error})` : ""} | ${b.toFixed(1)} | ${b > 0 ? (own.seconds / b).toFixed(2) : "n/a"} | ${(m.peakByTree[s.stack] ?? 0).toFixed(0)} (${(["cli", "program", "provider"] as const).map((k) => (m.peakByTreeRole[s.stack]?.[k] ?? 0).toFixed(0)).join(" / ")}) | ${state === undefined ? "" : `${state.checkpoint} (${Math.round(state.checkpoint / bansOf(s))} B/ban; row ${state.row})`} | ${callText} |`,
    );
  }
}

function loadAverages(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(", ");
}

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N <= 0 || N % SHARDS.length !== 0) throw new Error(`BENCH_FLEET_N must be a positive multiple of ${SHARDS.length} (one ban per entry and account), not ${process.env.BENCH_FLEET_N}`);
  console.log(
    `StreamBlock fleet benchmark: ${N} bans over ${VENDOR_IDS.length} vendors x ${ACCOUNTS.length} accounts, PostgreSQL backend, sandbox metering each account at the documented QPS, node ${process.version}, engine env ${JSON.stringify(ENGINE_ENV)}, started ${new Date().toISOString()}, load average ${loadAverages()}`,
  );
  console.log("Layout rows: | layout | N | operation | wall s | per-account QPS bound s | ratio | before / during / after calls s | largest tree peak MB | sum of trees peak MB | vendor calls | checkpoint B/ban (stored row B/ban) |");
  console.log("Stack rows:  |   | stack | operation | wall s | its accounts' bound s | ratio | tree peak MB (CLI / program / provider) | checkpoint bytes | calls by vendor.account.action |");
  const pg = postgresBackend();
  const results: OpResult[] = [];
  for (const layout of LAYOUTS) await runLayout(layout, layout === LAYOUTS[0] ? pg : postgresBackend(), results);
  console.log(`ended ${new Date().toISOString()}, load average ${loadAverages()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
