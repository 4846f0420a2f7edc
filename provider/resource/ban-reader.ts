// Answers "is this stream banned, until when?" for many reads with one paged list per (vendor, domain).
import type { Ban, StreamKey, VendorAdapter } from "../vendors/adapter";
import { isListUnavailable } from "../vendors/tencent/tencent-adapter";

/**
 * Refresh reads every resource; a list per (vendor, domain) costs one call per page instead of one per
 * stream. The listing is memoised for this provider process (one engine operation) and patched after
 * every change this process makes, so later reads see them. Where the vendor has no list (Tencent's
 * mainland API), each read falls back to the per-stream lookup.
 */
export class BanReader {
  private readonly listings = new Map<string, Promise<Map<string, Ban> | undefined>>();

  constructor(
    private readonly adapterFor: (vendor: string) => VendorAdapter,
    /** The vendor matches bans on the stream name alone (Tencent's default): any domain's ban counts. */
    private readonly streamNameOnly: (vendor: string) => boolean = () => false,
  ) {}

  async get(vendor: string, key: StreamKey): Promise<Ban | undefined> {
    const adapter = this.adapterFor(vendor);
    if (adapter.capabilities.listScope === "account" && adapter.listAccount) {
      const listing = await this.listing(vendor, "", adapter);
      if (listing === undefined) return adapter.lookup(key);
      // An account-wide row with no domain matches by stream name on every domain.
      let hit = listing.get(accountKey(key.domain, key)) ?? listing.get(accountKey("", key));
      if (!hit && this.streamNameOnly(vendor)) hit = byStream(listing).get(key.stream);
      return hit ? { ...hit, domain: key.domain, app: key.app } : undefined;
    }
    const listing = await this.listing(vendor, key.domain, adapter);
    if (listing === undefined) return adapter.lookup(key);
    return listing.get(entryKey(key));
  }

  /** Records a change made by this process so later reads agree with it. */
  recordBanned(vendor: string, ban: Ban): void {
    void this.patch(vendor, ban.domain, (m) => m.set(entryKey(ban), ban));
    void this.patch(vendor, "", (m) => m.set(accountKey(ban.domain, ban), ban));
  }

  recordResumed(vendor: string, key: StreamKey): void {
    void this.patch(vendor, key.domain, (m) => m.delete(entryKey(key)));
    void this.patch(vendor, "", (m) => m.delete(accountKey(key.domain, key)));
  }

  private listing(vendor: string, domain: string, adapter: VendorAdapter): Promise<Map<string, Ban> | undefined> {
    const id = `${vendor}\u0000${domain}`;
    let p = this.listings.get(id);
    if (!p) {
      p = load(adapter, domain);
      this.listings.set(id, p);
      // A failed listing is not memoised: the next read tries again (and surfaces its own error).
      p.catch(() => this.listings.delete(id));
    }
    return p;
  }

  private async patch(vendor: string, domain: string, f: (m: Map<string, Ban>) => void): Promise<void> {
    const p = this.listings.get(`${vendor}\u0000${domain}`);
    if (!p) return;
    const m = await p.catch(() => undefined);
    if (m) {
      f(m);
      streamIndexes.delete(m);
    }
  }
}

/** Loads one listing: a domain's, or with domain "" the whole account's (keyed by domain too). */
async function load(adapter: VendorAdapter, domain: string): Promise<Map<string, Ban> | undefined> {
  if (adapter.capabilities.listing === "unavailable") return undefined;
  const m = new Map<string, Ban>();
  try {
    if (domain === "" && adapter.listAccount) {
      for await (const ban of adapter.listAccount()) m.set(accountKey(ban.domain, ban), ban);
    } else {
      for await (const ban of adapter.list(domain)) m.set(entryKey(ban), ban);
    }
  } catch (e) {
    if (isListUnavailable(e)) return undefined;
    throw e;
  }
  return m;
}

const streamIndexes = new WeakMap<Map<string, Ban>, Map<string, Ban>>();

/** The listing indexed by stream name alone (built once per listing; patched listings rebuild it). */
function byStream(listing: Map<string, Ban>): Map<string, Ban> {
  let index = streamIndexes.get(listing);
  if (!index || index.size === 0) {
    index = new Map([...listing.values()].map((b) => [b.stream, b]));
    streamIndexes.set(listing, index);
  }
  return index;
}

function entryKey(k: StreamKey): string {
  return `${k.app}/${k.stream}`;
}

function accountKey(domain: string, k: Omit<StreamKey, "domain">): string {
  return `${domain}/${k.app}/${k.stream}`;
}
