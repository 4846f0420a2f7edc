// Streams declared in this engine operation: a delete of a still-declared stream must not resume it, and one ban declared twice is refused.
import { processSingleton } from "../transport/process-singleton";

/**
 * The hidden input through which StreamBlock tells check() which resource it is (the dynamic provider's
 * check gets no URN). check() removes it, so it never reaches state, outputs or diffs.
 */
export const CLAIMANT_INPUT = "__claimant";

/** One resource's declaration of a ban, as its check() saw it. */
export interface Claim {
  /** The declaring resource's URN (StreamBlock passes it as a hidden input); absent from older programs. */
  claimant?: string;
  /** `vendor/domain/app/stream`. */
  id: string;
  resumeTime?: string;
  reason?: string;
}

/**
 * The engine checks every resource the program declares before it deletes the ones it no longer
 * declares, and all of it runs in one provider process. So a stream claimed by check() in this process
 * is still wanted: when a resource is renamed (new URN, same stream), or a stream moves from one resource
 * to another, or an earlier `up` died between the create and the delete, the old resource's delete must
 * leave the ban alone. `destroy` runs no program, claims nothing, and resumes everything it owns.
 *
 * Claims are keyed by what is one ban at the vendor (see the provider's claimKey). Two resources claiming
 * one ban are refused: the vendor would hold one resume time and the state two. The one exception is a
 * Tencent stream name declared on several domains under stream-name matching, declared alike (a
 * blocklist entry on every Tencent domain): one ban with one resume time, which each resource records.
 * A resource may be checked more than once in one process (preview, then update): its own claim is renewed.
 */
export class StreamClaims {
  private readonly claimed = new Map<string, Claim[]>();

  /** Records the claim; returns why it is refused (naming both resources), or undefined. */
  claim(key: string, c: Claim): string | undefined {
    const held = this.claimed.get(key) ?? [];
    const others = c.claimant === undefined ? [] : held.filter((h) => h.claimant !== undefined && h.claimant !== c.claimant);
    const clash = others.find((h) => h.id === c.id) ?? others.find((h) => h.resumeTime !== c.resumeTime || h.reason !== c.reason);
    if (clash) return clashReason(clash, c);
    const kept = c.claimant === undefined ? held : held.filter((h) => h.claimant !== c.claimant);
    this.claimed.set(key, [...kept, c]);
    return undefined;
  }

  isClaimed(key: string): boolean {
    return (this.claimed.get(key)?.length ?? 0) > 0;
  }

  /** Who claims the ban under `key` (URNs), for notes. */
  claimants(key: string): string[] {
    return (this.claimed.get(key) ?? []).flatMap((c) => (c.claimant === undefined ? [] : [c.claimant]));
  }
}

function clashReason(first: Claim, second: Claim): string {
  const a = resourceName(first.claimant!, second.claimant!);
  const b = resourceName(second.claimant!, first.claimant!);
  if (first.id === second.id) {
    return `${first.id} is declared twice, by ${a} and by ${b}; the vendor holds one ban with one resume time: declare it once (remove ${b} or ${a})`;
  }
  const differs = first.resumeTime !== second.resumeTime ? `resumeTime ${show(first.resumeTime)} and ${show(second.resumeTime)}` : `reason ${show(first.reason)} and ${show(second.reason)}`;
  return (
    `${a} (${first.id}) and ${b} (${second.id}) are one ban at Tencent, which matches bans on the stream name alone ` +
    `(streamblock:tencentMatching stream-name), but declare ${differs}: declare them alike, declare the stream once, ` +
    `or set streamblock:tencentMatching to strict if the account has strict matching`
  );
}

/** The resource's name from its URN, quoted; the whole URN when the other resource has the same name. */
export function resourceName(urn: string, other: string): string {
  const name = (u: string) => u.slice(u.lastIndexOf("::") + 2);
  return name(urn) === name(other) ? `"${urn}"` : `"${name(urn)}"`;
}

function show(v: string | undefined): string {
  return v === undefined ? "(none)" : JSON.stringify(v);
}

export function getStreamClaims(): StreamClaims {
  return processSingleton("pulumi-streamblock.stream-claims", () => new StreamClaims());
}
