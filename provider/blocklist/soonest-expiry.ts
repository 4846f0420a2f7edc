// The blocklist summary's "soonest expiry": the ban that lifts first, gathered without holding on to the bans.
import * as pulumi from "@pulumi/pulumi";

export interface SoonestExpiry {
  at: string;
  ban: string;
}

/** The earliest known expiry and its ban; Aliyun bans StreamBlock adopted have none. */
export function soonest(expiries: (string | undefined)[], names: string[]): SoonestExpiry | undefined {
  let best: { at: string; ban: string; ms: number } | undefined;
  expiries.forEach((at, i) => {
    const ms = at ? Date.parse(at) : Number.NaN;
    if (!Number.isNaN(ms) && (!best || ms < best.ms)) best = { at: at!, ban: names[i]!, ms };
  });
  return best && { at: best.at, ban: best.ban };
}

/** The SDK's view of an Output: its value and whether it is known (unknown in a preview of a create). */
interface OutputInternals<T> {
  promise(): Promise<T>;
  isKnown: Promise<boolean>;
}

/**
 * Follows each ban's expiresAt as it settles, keeping only the soonest, so that the summary does not keep
 * every ban's resource alive as `pulumi.all` over them would. A failed ban is left out; any unknown expiry
 * (a preview) makes the result unknown, as `pulumi.all` would.
 */
export class SoonestExpiryTracker {
  private best: SoonestExpiry | undefined;
  private unknown = false;
  private readonly pending = new Set<Promise<void>>();

  track(expiresAt: pulumi.Output<string | undefined>, ban: string): void {
    const o = expiresAt as unknown as OutputInternals<string | undefined>;
    const p: Promise<void> = Promise.all([o.promise(), o.isKnown]).then(
      ([at, known]) => {
        if (!known) this.unknown = true;
        else this.best = soonest([this.best?.at, at], [this.best?.ban ?? "", ban]);
      },
      () => undefined,
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** The soonest expiry of every tracked ban, once all have settled. */
  result(): pulumi.Output<SoonestExpiry | undefined> {
    return pulumi.output(
      Promise.all(this.pending).then(() => (this.unknown ? (pulumi.unknown as unknown as undefined) : this.best)),
    );
  }
}
