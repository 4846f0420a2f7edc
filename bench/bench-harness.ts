// Pieces the engine benchmarks share: the blocklist program in an installed project, the pulumi CLI, peak RSS per process tree, vendor calls.
import { execFile, execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Sandbox } from "../provider/sandbox/sandbox";
import type { CallCounts } from "../provider/sandbox/call-recorder";
import { VENDOR_IDS } from "../provider/vendors/vendor-id";
import { PACKAGE_ROOT, ensurePulumiBin } from "../provider/engine/pulumi-cli";

/** The engine's processes, by role. */
export type Role = "cli" | "program" | "provider" | "other";

/** Each live process's parent and RSS, read once from /proc. */
interface ProcessTable {
  children: Map<number, number[]>;
  rss: Map<number, number>;
  /** CPU seconds (user + system) used so far. */
  cpu: Map<number, number>;
}

function processTable(): ProcessTable {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      rss.set(Number(d), Number(fields[21]) * 4096);
      cpu.set(Number(d), (Number(fields[11]) + Number(fields[12])) / 100);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      /* the process ended */
    }
  }
  return { children, rss, cpu };
}

/** RSS in MB of a process tree, in total and by role, and CPU seconds used so far by role, sampled from /proc. */
export function treeRssMb(
  root: number,
  table: ProcessTable = processTable(),
): { total: number; byRole: Record<Role, number>; cpuByRole: Record<Role, number> } {
  const byRole: Record<Role, number> = { cli: 0, program: 0, provider: 0, other: 0 };
  const cpuByRole: Record<Role, number> = { cli: 0, program: 0, provider: 0, other: 0 };
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    const role = roleOf(p, p === root);
    byRole[role] += (table.rss.get(p) ?? 0) / 1024 / 1024;
    cpuByRole[role] += table.cpu.get(p) ?? 0;
    stack.push(...(table.children.get(p) ?? []));
  }
  return { total: byRole.cli + byRole.program + byRole.provider + byRole.other, byRole, cpuByRole };
}

function roleOf(pid: number, isRoot: boolean): Role {
  if (isRoot) return "cli";
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "other";
  }
  if (cmd.includes("dynamic-provider")) return "provider";
  if (cmd.includes("cmd/run")) return "program";
  return "other";
}

/** SIGKILLs every pulumi CLI this process started that still runs, and each one's process tree (after a timeout). */
export function killCliTrees(): void {
  let cli = "";
  try {
    cli = execFileSync("pgrep", ["-P", String(process.pid), "-x", "pulumi"], { encoding: "utf8" });
  } catch {
    return; // none runs
  }
  const table = processTable();
  for (const root of cli.split("\n").filter(Boolean).map(Number)) {
    const tree = [root];
    for (let i = 0; i < tree.length; i++) tree.push(...(table.children.get(tree[i]!) ?? []));
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* it ended */
      }
    }
  }
}

/** The `--stack` a pulumi CLI process runs on (the key of its tree's peak), or its pid. */
function stackOf(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const i = args.indexOf("--stack");
    if (i >= 0 && args[i + 1]) return args[i + 1]!;
  } catch {
    /* the process ended */
  }
  return `pid ${pid}`;
}

export interface Measured<T> {
  value: T;
  seconds: number;
  /** The largest tree's peak (the only tree's, when one CLI runs). */
  peakMb: number;
  /** Each role's own peak over every tree (they need not peak together). */
  peakByRole: Record<Role, number>;
  /** CPU seconds each role had used at the last sample (up to 200 ms short of the end), summed over trees. */
  cpuByRole: Record<Role, number>;
  /** Each CLI tree's own peak, keyed by its `--stack`, and each of its roles' own peak. */
  peakByTree: Record<string, number>;
  peakByTreeRole: Record<string, Record<Role, number>>;
  /** The peak of the trees' sum, sampled together. */
  peakSumMb: number;
  /** Seconds from the start to the first vendor call, and from the last vendor call to the end. */
  leadSeconds?: number;
  tailSeconds?: number;
}

/** Runs f, sampling every pulumi CLI tree's RSS every 200 ms and the sandbox's call total every 20 ms. */
export async function measured<T>(sb: Sandbox, f: () => Promise<T>): Promise<Measured<T>> {
  let peak = 0;
  let peakSum = 0;
  const peakByRole: Record<Role, number> = { cli: 0, program: 0, provider: 0, other: 0 };
  const cpuByRole: Record<Role, number> = { cli: 0, program: 0, provider: 0, other: 0 };
  const cpuByTree: Record<string, Record<Role, number>> = {};
  const peakByTree: Record<string, number> = {};
  const peakByTreeRole: Record<string, Record<Role, number>> = {};
  const timer = setInterval(() => {
    let cli = "";
    try {
      cli = execFileSync("pgrep", ["-P", String(process.pid), "-x", "pulumi"], { encoding: "utf8" }).trim();
    } catch {
      return; // no CLI running at this instant (pgrep exits 1)
    }
    const table = processTable();
    let sum = 0;
    for (const pid of cli.split("\n").filter(Boolean)) {
      const m = treeRssMb(Number(pid), table);
      const tree = stackOf(Number(pid));
      peakByTree[tree] = Math.max(peakByTree[tree] ?? 0, m.total);
      peak = Math.max(peak, m.total);
      sum += m.total;
      const treeRoles = (peakByTreeRole[tree] ??= { cli: 0, program: 0, provider: 0, other: 0 });
      const treeCpu = (cpuByTree[tree] ??= { cli: 0, program: 0, provider: 0, other: 0 });
      for (const r of Object.keys(peakByRole) as Role[]) {
        peakByRole[r] = Math.max(peakByRole[r], m.byRole[r]);
        treeRoles[r] = Math.max(treeRoles[r], m.byRole[r]);
        treeCpu[r] = Math.max(treeCpu[r], m.cpuByRole[r]);
      }
    }
    peakSum = Math.max(peakSum, sum);
    for (const r of Object.keys(cpuByRole) as Role[]) cpuByRole[r] = Object.values(cpuByTree).reduce((a, t) => a + t[r], 0);
  }, 200);
  const total = () => Object.values(sb.calls()).reduce((sum, byAction) => sum + Object.values(byAction).reduce((a, c) => a + c.calls, 0), 0);
  const initial = total();
  let last = initial;
  let firstCallAt: number | undefined;
  let lastCallAt: number | undefined;
  const calls = setInterval(() => {
    const now = total();
    if (now !== last) {
      firstCallAt ??= Date.now();
      lastCallAt = Date.now();
      last = now;
    }
  }, 20);
  const started = Date.now();
  try {
    const value = await f();
    const ended = Date.now();
    return {
      value,
      seconds: (ended - started) / 1000,
      peakMb: peak,
      peakByRole,
      cpuByRole,
      peakByTree,
      peakByTreeRole,
      peakSumMb: peakSum,
      ...(firstCallAt === undefined ? {} : { leadSeconds: (firstCallAt - started) / 1000, tailSeconds: (ended - lastCallAt!) / 1000 }),
    };
  } finally {
    clearInterval(timer);
    clearInterval(calls);
  }
}

/** Calls made between two snapshots, keyed `vendor.action`. */
export function delta(before: CallCounts, after: CallCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of VENDOR_IDS) {
    for (const [action, c] of Object.entries(after[v])) {
      const d = c.calls - (before[v][action]?.calls ?? 0);
      if (d > 0) out[`${v}.${action}`] = d;
    }
  }
  return out;
}

/**
 * Makes `dir` (an installed project) a Pulumi project running the product's own program body, from the
 * installed package, as a user's blocklist repository runs it: it applies the file named by $BENCH_STREAMS.
 */
export function writeBlocklistProgram(dir: string, projectName = "streamblock-bench"): void {
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${projectName}\nruntime: nodejs\nmain: index.js\n`);
  writeFileSync(
    join(dir, "index.js"),
    `const { applyBlocklistWindowed } = require("pulumi-streamblock/dist/provider/blocklist/apply-blocklist.js");\n` +
      `const maxPending = Number(process.env.BENCH_PENDING || 0) || undefined;\n` +
      `module.exports = applyBlocklistWindowed(process.env.BENCH_STREAMS, { maxPending }).then((s) => ({ bans: s.bans }));\n`,
  );
}

/** The environment every bench CLI run needs besides the backend and the vendors: no update check, no plugin download, its own PULUMI_HOME. */
export function cliEnv(dir: string): Record<string, string> {
  return {
    PULUMI_CONFIG_PASSPHRASE: "bench",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: join(dir, ".pulumi-home"),
    PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${ensurePulumiBin()}:${process.env.PATH}`,
  };
}

/**
 * The CLI itself on one stack, as a pipeline runs it (the Automation API would add `stack output` and
 * `stack history` runs to every operation). Asynchronous: the sandbox answers from this process.
 */
export function pulumiOn(stack: string, cwd: string, env: NodeJS.ProcessEnv): (...args: string[]) => Promise<string> {
  return (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile("pulumi", [...args, "--stack", stack, "--non-interactive"], { cwd, env, maxBuffer: 1 << 30 }, (err, stdout, stderr) =>
        err ? reject(new Error(`pulumi ${args.join(" ")} --stack ${stack} failed: ${err.message}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`)) : resolve(stdout),
      ),
    );
}

/** `pulumi stack init` of a new stack (no --stack flag: init takes the name). */
export function initStack(stack: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    execFile("pulumi", ["stack", "init", stack, "--non-interactive"], { cwd, env }, (err, _stdout, stderr) =>
      err ? reject(new Error(`pulumi stack init ${stack} failed: ${err.message}\n${stderr}`)) : resolve(),
    ),
  );
}
