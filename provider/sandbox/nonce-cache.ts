// Remembers Aliyun signature nonces for a retention window, so a replayed request answers SignatureNonceUsed.
import type { SandboxClock } from "./sandbox-clock";

/**
 * aliyun.md §5: how long the real gateway remembers nonces is UNVERIFIED; it must at least cover the
 * timestamp window, so the sandbox keeps each nonce for twice the skew (past and future side).
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  private nextSweepMs = 0;

  /**
   * @param clock the sandbox clock
   * @param retentionMs how long a nonce stays remembered
   */
  constructor(
    private readonly clock: SandboxClock,
    private readonly retentionMs: number,
  ) {}

  /** Records the nonce; false when it was already used within the retention window. */
  use(nonce: string): boolean {
    const now = this.clock.nowMs();
    this.sweep(now);
    const until = this.seen.get(nonce);
    if (until !== undefined && until > now) return false;
    this.seen.set(nonce, now + this.retentionMs);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.seen.clear();
  }

  private sweep(now: number): void {
    if (now < this.nextSweepMs) return;
    for (const [nonce, until] of this.seen) if (until <= now) this.seen.delete(nonce);
    this.nextSweepMs = now + 60_000;
  }
}
