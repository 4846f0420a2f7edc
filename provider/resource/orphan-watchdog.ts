// Ends a dynamic-provider process whose engine died (a killed `pulumi up`), instead of lingering forever.
import { processSingleton } from "../transport/process-singleton";

/**
 * Pulumi's Node.js dynamic-provider host serves gRPC until it is killed and never notices that the
 * engine which started it is gone: every SIGKILLed `pulumi up` left one behind for good. When this
 * process runs as that host and its parent changes (it was re-parented to init), wait out a grace period
 * so calls already at a vendor can finish (the next `up` adopts what they applied), then exit.
 */
export function startOrphanWatchdog(graceMs = 10_000, pollMs = 1_000): void {
  if (!/dynamic-provider[\\/]index\.js$/.test(process.argv[1] ?? "")) return;
  processSingleton("pulumi-streamblock.orphan-watchdog", () => {
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      setTimeout(() => process.exit(0), graceMs).unref();
    }, pollMs);
    timer.unref();
    return timer;
  });
}
