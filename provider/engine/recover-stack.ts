// The one recovery step a pipeline runs before every `pulumi up`: makes a killed run's in-flight bans and resumes visible to the next up.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { recoverDeployment, unrecordedBanId, type Deployment, type DeploymentRecovery, type UnrecordedBan } from "./recover-deployment";
import { fileBackendDir, stackLocks } from "./recover-lock";
import { lockOwnerRunning, orphanedProviders, processRunning } from "./recover-processes";
import { PulumiRunner } from "./recover-pulumi";
import { findUnrecordedBans } from "./recover-unrecorded";
import { isDefaultAccount } from "../resource/vendor-account";

/** How recovery runs. */
export interface RecoverOptions {
  /** The Pulumi project directory (holding Pulumi.yaml). */
  cwd: string;
  /** The stack; omitted: the selected one. */
  stack?: string;
  env: NodeJS.ProcessEnv;
  /** Take bans the vendors hold on the stack's domains and no state records into state (after a run killed under PULUMI_SKIP_CHECKPOINTS). */
  adoptUnrecorded?: boolean;
  /** How long to wait for a dead run's provider processes to finish their calls and exit. @default 120 s */
  providerWaitMs?: number;
  /** Progress lines. */
  log(line: string): void;
  /** The CLI to run (tests); default: `pulumi` on PATH. */
  runner?: PulumiRunner;
}

/** What recovery found and did. */
export interface RecoverResult {
  /** False when there was nothing to recover (nothing was changed). */
  recovered: boolean;
  /** A lock left by a run that is gone: true/false on the file backend, undefined where locks cannot be read. */
  staleLock: boolean | undefined;
  /** The pending-operation handling (when the deployment was rewritten). */
  deployment?: Omit<DeploymentRecovery, "deployment">;
  /** Bans found at the vendors and in no state (PULUMI_SKIP_CHECKPOINTS only). */
  unrecorded: UnrecordedBan[];
}

/**
 * The stack tag recover sets while a recovery is under way and removes once its refresh succeeded: a
 * recovery that fails half-way (a vendor down during the refresh) is taken up again by the next recover.
 */
export const RECOVERY_TAG = "streamblock:recovery";

/** Recovery stopped before changing anything: the message says why and what to do. */
export class RecoverRefused extends Error {
  override name = "RecoverRefused";
}

/**
 * Recovers `stack` from a killed `pulumi up` (a no-op, apart from reads, when no run died):
 * 1. refuses while the lock's owner still runs on this machine (elsewhere the pipeline must serialise runs);
 * 2. waits until the dead run's dynamic-provider processes have exited, so no call of theirs is in flight;
 * 3. under PULUMI_SKIP_CHECKPOINTS (no pending operations are ever written), compares the vendors' bans on
 *    the stack's domains with state and refuses while some are unrecorded, unless `adoptUnrecorded`;
 * 4. removes the stale lock (`pulumi cancel`) and tags the stack (RECOVERY_TAG) until step 6 succeeds;
 * 5. moves pending StreamBlock creates into the stack's resources (`stack export`/`import`), keeps
 *    resources with pending deletes;
 * 6. `pulumi refresh`: reads every ban, so state holds what the vendors hold before the next `up`.
 */
export async function recoverStack(opts: RecoverOptions): Promise<RecoverResult> {
  const project = projectName(opts.cwd);
  const pulumi = opts.runner ?? new PulumiRunner(opts.cwd, opts.env);
  const stackArgs = opts.stack === undefined ? [] : ["--stack", opts.stack];
  const stack = opts.stack ?? (await pulumi.ok(["stack", "--show-name"])).trim();
  const stackShort = stack.split("/").pop() ?? stack;

  const exportRun = await pulumi.run(["stack", "export", ...stackArgs]);
  if (exportRun.code !== 0 && /no stack named/i.test(exportRun.stderr)) {
    opts.log(`no stack named ${stack} yet; nothing to recover`);
    return { recovered: false, staleLock: false, unrecorded: [] };
  }
  if (exportRun.code !== 0) throw new Error(`pulumi stack export failed (exit ${exportRun.code}): ${exportRun.stderr.trim()}`);
  // State no longer changes once a run's engine is dead, so this export stays valid while the providers drain.
  const exported = JSON.parse(exportRun.stdout) as { deployment?: Deployment };

  const url = (JSON.parse(await pulumi.ok(["whoami", "--json"])) as { url?: string }).url ?? "";
  const backendDir = fileBackendDir(url);
  const locks = backendDir === undefined ? undefined : stackLocks(backendDir, project, stackShort);
  for (const lock of locks ?? []) {
    if (lock.owner && lockOwnerRunning(lock.owner)) {
      throw new RecoverRefused(
        `stack ${stack} is locked by pulumi process ${lock.owner.pid}, still running on this machine (${lock.file}); ` +
          "recover runs before an up, never alongside one: wait for it to finish",
      );
    }
  }

  await waitForOrphanedProviders(project, opts.env.PULUMI_HOME, opts.providerWaitMs ?? 120_000, opts.log);

  const deployment = exported.deployment ?? {};
  const pending = deployment.pending_operations ?? [];
  const staleLock = locks === undefined ? undefined : locks.length > 0;
  const skipCheckpoints = /^(1|true)$/i.test(opts.env.PULUMI_SKIP_CHECKPOINTS ?? "");
  const tags = JSON.parse((await pulumi.ok(["stack", "tag", "ls", "--json", ...stackArgs])) || "{}") as Record<string, string>;
  const unfinished = tags[RECOVERY_TAG] !== undefined;

  if (pending.length === 0 && staleLock === false && !unfinished) {
    opts.log(`stack ${stack}: no lock and no pending operations; nothing to recover`);
    return { recovered: false, staleLock, unrecorded: [] };
  }
  if (unfinished) opts.log(`stack ${stack}: taking up the recovery begun ${tags[RECOVERY_TAG]}`);

  let unrecorded: UnrecordedBan[] = [];
  if (skipCheckpoints && pending.length === 0 && (staleLock !== false || unfinished)) {
    // With checkpoints skipped a killed run leaves no record of what it applied: ask the vendors.
    unrecorded = await findUnrecordedBans(deployment.resources ?? [], opts.env, (vendor, why, account) =>
      opts.log(
        `stack ${stack}: WARNING: cannot look for bans a killed run applied at ${isDefaultAccount(account) ? vendor : `${vendor} account ${account}`}: ${why}. ` +
          `A ban it applied to a stream the file no longer declares stays in force unseen until it expires; ` +
          `run with checkpoints (without PULUMI_SKIP_CHECKPOINTS) for ${vendor} accounts without a list`,
      ),
    );
    if (unrecorded.length > 0 && !opts.adoptUnrecorded) {
      const list = unrecorded.map((b) => `  ${unrecordedBanId(b)}`).join("\n");
      throw new RecoverRefused(
        `stack ${stack}: ${unrecorded.length} ${unrecorded.length === 1 ? "ban is" : "bans are"} in force on the stack's domains with no record in state:\n${list}\n` +
          (staleLock
            ? "A run was killed under PULUMI_SKIP_CHECKPOINTS, which records nothing until the end: it may have applied them. "
            : "Under PULUMI_SKIP_CHECKPOINTS a killed run records nothing, and this backend's locks cannot be read here. ") +
          "If none was made outside this stack (a console ban, another stack), run `streamblock recover --adopt-unrecorded` " +
          "to take them into state: the next up keeps those declared and lifts the rest. Otherwise ban them in the file, or lift them by hand.",
      );
    }
    if (unrecorded.length === 0) opts.log(`stack ${stack}: every ban on the stack's domains is in state`);
  }

  if (staleLock !== false) {
    // Under the pipeline's rule (one run per stack at a time) any lock found now belongs to a dead run.
    const r = await pulumi.run(["cancel", "--yes", ...stackArgs]);
    if (r.code !== 0 && !/no .*(update|operation)|not .*(locked|in progress)/i.test(r.stderr + r.stdout)) {
      throw new Error(`pulumi cancel failed (exit ${r.code}): ${(r.stderr || r.stdout).trim()}`);
    }
    if (staleLock) opts.log(`stack ${stack}: removed the lock of a run that is gone`);
  }
  const mustRefresh = pending.length > 0 || staleLock === true || unfinished;
  if (mustRefresh && !unfinished) await pulumi.ok(["stack", "tag", "set", RECOVERY_TAG, new Date().toISOString(), ...stackArgs]);

  const adopt = opts.adoptUnrecorded ? unrecorded : [];
  let done: DeploymentRecovery | undefined;
  if (pending.length > 0 || adopt.length > 0) {
    done = recoverDeployment(deployment, adopt);
    await importDeployment(pulumi, { ...exported, deployment: done.deployment }, stackArgs);
    for (const urn of done.recovered) opts.log(`recovered into state (made by this stack, not adopted): ${urn}`);
    for (const urn of done.leftToRefresh) opts.log(`kept, for the refresh to read: ${urn}`);
    for (const d of done.dropped) opts.log(`dropped pending ${d.op} of ${d.urn}`);
  }

  if (mustRefresh || adopt.length > 0) {
    opts.log(`stack ${stack}: refreshing, so state holds what the vendors hold`);
    await pulumi.ok(["refresh", "--yes", "--skip-preview", ...stackArgs], { echo: true });
    if (mustRefresh) await pulumi.ok(["stack", "tag", "rm", RECOVERY_TAG, ...stackArgs]);
  }
  const { deployment: _d, ...summary } = done ?? { deployment: undefined };
  return { recovered: true, staleLock, ...(done ? { deployment: summary as Omit<DeploymentRecovery, "deployment"> } : {}), unrecorded };
}

async function waitForOrphanedProviders(project: string, pulumiHome: string | undefined, waitMs: number, log: (line: string) => void): Promise<void> {
  let pids = orphanedProviders(project, pulumiHome);
  if (pids.length === 0) return;
  log(`waiting for ${pids.length} provider ${pids.length === 1 ? "process" : "processes"} of a dead run to exit (pid ${pids.join(", ")})`);
  const deadline = Date.now() + waitMs;
  while (pids.length > 0) {
    if (Date.now() > deadline) {
      throw new RecoverRefused(
        `provider process ${pids.join(", ")} of a dead run of project ${project} is still running after ${Math.round(waitMs / 1000)} s; ` +
          "it may still change bans. Let it finish (or end it), then run recover again",
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    pids = pids.filter(processRunning);
  }
  log("the dead run's provider processes have exited");
}

async function importDeployment(pulumi: PulumiRunner, exported: unknown, stackArgs: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "streamblock-recover-"));
  try {
    const file = join(dir, "deployment.json");
    // Holds what `stack export` printed: secrets stay encrypted.
    writeFileSync(file, JSON.stringify(exported), { mode: 0o600 });
    await pulumi.ok(["stack", "import", "--file", file, ...stackArgs]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function projectName(cwd: string): string {
  for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
    let text: string;
    try {
      text = readFileSync(join(cwd, f), "utf8");
    } catch {
      continue;
    }
    const name = (parse(text) as { name?: unknown } | null)?.name;
    if (typeof name === "string" && name !== "") return name;
    throw new RecoverRefused(`${join(cwd, f)} has no project name`);
  }
  throw new RecoverRefused(`no Pulumi.yaml in ${cwd}: run recover in the Pulumi project directory (or pass --cwd DIR)`);
}
