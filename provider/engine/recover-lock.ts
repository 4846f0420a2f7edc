// The file backend's update locks: where they live for a stack, and who holds them.
import { readFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { LockOwner } from "./recover-processes";

/** A lock file of a stack on the file backend. */
export interface StackLock {
  file: string;
  /** Undefined when the file cannot be read as a lock (then its owner is unknown). */
  owner?: LockOwner;
}

/** The directory of a `file://` backend URL (query dropped, `~` expanded); undefined for other backends. */
export function fileBackendDir(url: string): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  let path = decodeURIComponent(url.slice("file://".length).split("?")[0] ?? "");
  if (path === "~" || path.startsWith("~/")) path = join(homedir(), path.slice(1));
  return path;
}

/**
 * The lock files of `project`/`stack` in a file backend (project-scoped layout
 * `.pulumi/locks/<org>/<project>/<stack>/`, and the legacy `.pulumi/locks/<stack>/`).
 */
export function stackLocks(backendDir: string, project: string, stack: string): StackLock[] {
  const root = join(backendDir, ".pulumi", "locks");
  const dirs = [join(root, stack), ...list(root).map((org) => join(root, org, project, stack))];
  const out: StackLock[] = [];
  for (const dir of dirs) {
    for (const name of list(dir)) {
      if (!name.endsWith(".json")) continue;
      const file = join(dir, name);
      out.push({ file, ...ownerOf(file) });
    }
  }
  return out;
}

function ownerOf(file: string): { owner?: LockOwner } {
  try {
    const j = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    if (typeof j.pid !== "number" || typeof j.hostname !== "string") return {};
    return { owner: { pid: j.pid, hostname: j.hostname, ...(typeof j.timestamp === "string" ? { timestamp: j.timestamp } : {}) } };
  } catch {
    return {};
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
