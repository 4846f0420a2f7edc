// Counts the vendor operations running in this process, so a provider whose engine died can let them finish before it exits.
import { processSingleton } from "./process-singleton";

interface InFlight {
  count: number;
  waiters: (() => void)[];
}

function inFlight(): InFlight {
  return processSingleton("pulumi-streamblock.transport.inFlightCalls", (): InFlight => ({ count: 0, waiters: [] }));
}

/** Runs `op`, counting it as in flight until it settles. */
export async function trackInFlight<T>(op: () => Promise<T>): Promise<T> {
  const s = inFlight();
  s.count++;
  try {
    return await op();
  } finally {
    s.count--;
    if (s.count === 0) for (const w of s.waiters.splice(0)) w();
  }
}

/** How many operations are running now. */
export function callsInFlight(): number {
  return inFlight().count;
}

/** Resolves once no operation is running (at once when none is). */
export function whenNoCallsInFlight(): Promise<void> {
  const s = inFlight();
  if (s.count === 0) return Promise.resolve();
  return new Promise((resolve) => s.waiters.push(resolve));
}
