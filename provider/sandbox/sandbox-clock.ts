// The sandbox's clock: real time plus an offset that tests move, so bans expire without waiting.

/** A clock whose reading tests can move forward or back; the emulators read time only through it. */
export class SandboxClock {
  private offset = 0;

  /** @param realNowMs source of real time in epoch milliseconds (tests may pass a fixed function). */
  constructor(private readonly realNowMs: () => number = Date.now) {}

  /** The sandbox's current time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** The sandbox's current time in epoch milliseconds. */
  nowMs(): number {
    return this.realNowMs() + this.offset;
  }

  /** Milliseconds the sandbox runs ahead of (positive) or behind (negative) real time. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock by `ms` (negative moves it back). */
  advance(ms: number): void {
    assertFinite(ms, "advance");
    this.offset += ms;
  }

  /** Sets the clock so that it reads `at` now, and keeps running from there. */
  set(at: Date): void {
    assertFinite(at.getTime(), "set");
    this.offset = at.getTime() - this.realNowMs();
  }

  /** Back to real time. */
  reset(): void {
    this.offset = 0;
  }
}

function assertFinite(n: number, what: string): void {
  if (!Number.isFinite(n)) throw new RangeError(`SandboxClock.${what}: not a finite time`);
}
