// One vendor listing as its pages arrive: a read of a stream already listed is answered before the last page.
import type { Ban } from "../vendors/adapter";

/**
 * Refresh reads every resource through the engine's workers, and a read blocks its worker until the read
 * is answered. Tencent's account-wide list pages at 2 requests/s (34 pages at 10,000 bans); a read that
 * waited for the whole list would hold its worker for all of it. A stream found on a page is answered at
 * once; a stream that is not listed is known only once the last page is in. How much this saves depends
 * on the vendor's order (the sandbox lists Tencent newest first, tencent.md §6, UNVERIFIED, while the
 * engine reads oldest first): with `--parallel 512` at N = 1,000 the reads after the last page went from
 * 0.3 s to 0.1 s (BENCHMARKS.md).
 */
export class StreamedListing {
  /** Every ban listed so far; once complete, the whole listing (later patched by this process). */
  private readonly entries = new Map<string, Ban>();
  private readonly waiters = new Map<string, ((b: Ban | undefined) => void)[]>();
  private state: "loading" | "complete" | "unavailable" | "failed" = "loading";
  private failure: unknown;
  /** The whole listing, or undefined where the vendor has none; rejects when a page failed. */
  readonly complete: Promise<Map<string, Ban> | undefined>;

  constructor(
    source: AsyncIterable<Ban>,
    keyOf: (b: Ban) => string,
    /** An error meaning the vendor offers no listing (the caller falls back to per-stream lookups). */
    isUnavailable: (e: unknown) => boolean,
  ) {
    this.complete = (async () => {
      try {
        for await (const ban of source) {
          const key = keyOf(ban);
          this.entries.set(key, ban);
          this.settle(key, ban);
        }
        this.state = "complete";
      } catch (e) {
        this.state = isUnavailable(e) ? "unavailable" : "failed";
        this.failure = e;
      }
      for (const key of [...this.waiters.keys()]) this.settle(key, undefined);
      if (this.state === "failed") throw this.failure;
      return this.state === "complete" ? this.entries : undefined;
    })();
    this.complete.catch(() => undefined);
  }

  /**
   * The ban listed under `key`, as soon as a page holds it; undefined once the listing is over without
   * it (or the vendor has no listing: then see `complete`). Rejects if the listing failed before it.
   */
  whenListed(key: string): Promise<Ban | undefined> {
    const hit = this.entries.get(key);
    if (hit) return Promise.resolve(hit);
    if (this.state === "failed") return Promise.reject(this.failure);
    if (this.state !== "loading") return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(key) ?? [];
      list.push((b) => (b === undefined && this.state === "failed" ? reject(this.failure) : resolve(b)));
      this.waiters.set(key, list);
    });
  }

  private settle(key: string, ban: Ban | undefined): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    for (const w of list) w(ban);
  }
}
