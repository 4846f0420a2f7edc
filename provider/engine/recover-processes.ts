// Finds, through /proc, the processes recovery must not race: a live lock owner and a dead run's dynamic-provider processes.
import { readFileSync, readdirSync } from "node:fs";
import { hostname } from "node:os";

/** What the file backend's lock file records about the run holding the lock. */
export interface LockOwner {
  pid: number;
  hostname: string;
  timestamp?: string;
}

/** True when `owner` is a `pulumi` process still running on this machine (another machine's cannot be checked). */
export function lockOwnerRunning(owner: LockOwner, thisHost = hostname()): boolean {
  if (owner.hostname !== thisHost) return false;
  return processName(owner.pid)?.startsWith("pulumi") ?? false;
}

/**
 * Dynamic-provider processes of `project` whose engine is gone (their parent is no longer a `pulumi`
 * process): a killed run's providers, which may still complete calls they had in flight at a vendor.
 * Only those run under the same PULUMI_HOME (inherited from the CLI; undefined = the default) count:
 * recover runs with the up's environment, and other users' or test stacks' providers are not its business.
 */
export function orphanedProviders(project: string, pulumiHome: string | undefined): number[] {
  const out: number[] = [];
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const cmdline = readProc(pid, "cmdline");
    if (!cmdline || !/cmd[\\/]dynamic-provider/.test(cmdline)) continue;
    const environ = readProc(pid, "environ")?.split("\0") ?? [];
    if (!environ.includes(`PULUMI_PROJECT=${project}`)) continue;
    if (environ.find((e) => e.startsWith("PULUMI_HOME="))?.slice("PULUMI_HOME=".length) !== pulumiHome) continue;
    const ppid = parentPid(pid);
    if (ppid !== undefined && processName(ppid)?.startsWith("pulumi")) continue;
    out.push(pid);
  }
  return out;
}

/** Whether `pid` is still running (a zombie counts as gone: it can make no more calls). */
export function processRunning(pid: number): boolean {
  const stat = readProc(pid, "stat");
  if (stat === undefined) return false;
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

function processName(pid: number): string | undefined {
  if (!processRunning(pid)) return undefined;
  return readProc(pid, "comm")?.trim();
}

function parentPid(pid: number): number | undefined {
  const stat = readProc(pid, "stat");
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
