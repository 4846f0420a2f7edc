// Notices that a foreground CLI process lost its caller: its parent died (npx killed), its stdin pipe closed, or its terminal hung up.
import { fstatSync } from "node:fs";

/** The parent when this module loaded (early in the command): a parent that dies before the watch starts is still noticed. */
const PARENT_AT_LOAD = process.ppid;

export interface ParentWatch {
  stop(): void;
}

/**
 * Calls `onGone` once, with why, when the parent process is gone (this process was re-parented), the
 * stdin pipe or socket reaches its end, or SIGHUP arrives. Stdin is watched only when it is a pipe or a
 * socket: /dev/null or a file (a job started with `&` in a script) ends at once and means nothing.
 */
export function watchParent(onGone: (why: string) => void, pollMs = 500): ParentWatch {
  let done = false;
  const gone = (why: string) => {
    if (done) return;
    done = true;
    stop();
    onGone(why);
  };
  const parent = PARENT_AT_LOAD;
  // Node has no event for a parent's death; polling ppid is the portable way (no prctl PDEATHSIG in Node).
  const check = () => {
    if (process.ppid !== parent) gone(`its parent process ${parent} exited`);
  };
  const timer = setInterval(check, pollMs);
  timer.unref();
  setImmediate(check);
  const onEnd = () => gone("stdin closed");
  const onHup = () => gone("the terminal hung up (SIGHUP)");
  const watchStdin = stdinIsPipe();
  if (watchStdin) {
    process.stdin.on("end", onEnd);
    process.stdin.on("close", onEnd);
    process.stdin.on("error", onEnd);
    process.stdin.resume();
  }
  process.on("SIGHUP", onHup);
  function stop(): void {
    clearInterval(timer);
    process.off("SIGHUP", onHup);
    if (watchStdin) {
      process.stdin.off("end", onEnd);
      process.stdin.off("close", onEnd);
      process.stdin.off("error", onEnd);
      process.stdin.pause();
      process.stdin.unref?.();
    }
  }
  return { stop };
}

function stdinIsPipe(): boolean {
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isSocket();
  } catch {
    return false;
  }
}
