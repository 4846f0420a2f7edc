// Ends a dynamic-provider process whose engine died (a killed `pulumi up`), instead of lingering forever.
import { fstatSync } from "node:fs";
import { processSingleton } from "../transport/process-singleton";
import { whenNoCallsInFlight } from "../transport/in-flight-calls";

/*
 * Pulumi's Node.js dynamic-provider host serves gRPC until it is killed and never notices that the engine
 * which started it is gone: every SIGKILLed `pulumi up` left one behind for good. Two signs of a dead
 * engine, whichever comes first:
 * - stdin: the engine starts every plugin with a pipe on stdin that it never writes nor closes, so
 *   end-of-file there means the engine process is gone. This also works behind the release archives'
 *   `sh` launcher, which stays the node process's parent.
 * - the parent process changing (re-parented to init or a subreaper), for a stdin that is not a pipe.
 * Node has no PR_SET_PDEATHSIG, hence the polling.
 */

export interface EngineWatch {
  /** The engine's side of our stdin, when stdin is a pipe; undefined otherwise. */
  stdin?: NodeJS.ReadableStream & { unref?: () => void };
  /** The parent process id now. @default () => process.ppid */
  ppid?: () => number;
  /** How often the parent is checked. @default 500 */
  pollMs?: number;
}

/**
 * Calls `onGone` once, as soon as the engine that started this process is gone. Keeps nothing alive on
 * its own (timers and the stdin handle are unref'd). Returns a function that stops watching.
 */
export function watchEngine(onGone: () => void, w: EngineWatch = {}): () => void {
  const ppid = w.ppid ?? (() => process.ppid);
  const parent = ppid();
  let done = false;
  const gone = (): void => {
    if (done) return;
    stop();
    onGone();
  };
  const timer = setInterval(() => {
    if (ppid() !== parent) gone();
  }, w.pollMs ?? 500);
  timer.unref();
  const stdin = w.stdin;
  const ignore = (): void => undefined;
  stdin?.on("data", ignore);
  stdin?.on("end", gone);
  stdin?.on("close", gone);
  stdin?.on("error", gone);
  stdin?.unref?.();
  function stop(): void {
    done = true;
    clearInterval(timer);
    stdin?.off("end", gone);
    stdin?.off("close", gone);
    stdin?.off("error", gone);
  }
  return stop;
}

/** True in Pulumi's Node.js dynamic-provider host process (never in a program, a test or the CLI). */
export function isDynamicProviderHost(argv: readonly string[] = process.argv): boolean {
  return /dynamic-provider[\\/]index\.js$/.test(argv[1] ?? "");
}

/**
 * In the dynamic-provider host: once the engine is gone, let vendor calls already running finish (for at
 * most `graceMs`; the next `up` adopts what they applied), then exit. Elsewhere: nothing. Idempotent, and
 * shared by every copy of this module in the process.
 */
export function startOrphanWatchdog(graceMs = 10_000): void {
  if (!isDynamicProviderHost()) return;
  processSingleton("pulumi-streamblock.orphan-watchdog", () =>
    watchEngine(
      () => {
        setTimeout(() => process.exit(0), graceMs).unref();
        void whenNoCallsInFlight().then(() => process.exit(0));
      },
      { stdin: stdinIfPipe() },
    ),
  );
}

function stdinIfPipe(): (NodeJS.ReadableStream & { unref?: () => void }) | undefined {
  try {
    return fstatSync(0).isFIFO() ? (process.stdin as NodeJS.ReadableStream & { unref?: () => void }) : undefined;
  } catch {
    return undefined;
  }
}
