// Answers "is this stream banned, until when?" for many reads with one paged list per (vendor, domain).
import type { Ban, StreamKey, VendorAdapter } from "../vendors/adapter";
import { isListUnavailable } from "../vendors/tencent/tencent-adapter";
import { StreamedListing } from "./streamed-listing";

/**
 * Refresh reads every resource; a list per (vendor, domain) costs one call per page instead of one per
 * stream. The listing is memoised for this provider process (one engine operation) and patched after
 * every change this process makes, so later reads see them. Where the vendor has no list (Tencent's
 * mainland API), each read falls back to the per-stream lookup.
 */
export class BanReader {
  private readonly listings = new Map<string, StreamedListing>();

  constructor(
    private readonly adapterFor: (vendor: string) => VendorAdapter,
    /** The vendor matches bans on the stream name alone (Tencent's default): any domain's ban counts. */
    private readonly streamNameOnly: (vendor: string) => boolean = () => false,
  ) {}

  async get(vendor: string, key: StreamKey): Promise<Ban | undefined> {
    const adapter = this.adapterFor(vendor);
    if (adapter.capabilities.listScope === "account" && adapter.listAccount) {
      const streamed = this.listing(vendor, "", adapter);
      // The row for this very domain wins over the fallbacks below, so it can be answered early.
      const exact = await streamed.whenListed(accountKey(key.domain, key));
      if (exact) return { ...exact, domain: key.domain, app: key.app };
      const listing = await streamed.complete;
      if (listing === undefined) return adapter.lookup(key);
      // An account-wide row with no domain matches by stream name on every domain.
      let hit = listing.get(accountKey(key.domain, key)) ?? listing.get(accountKey("", key));
      if (!hit && this.streamNameOnly(vendor)) hit = byStream(listing).get(key.stream);
      return hit ? { ...hit, domain: key.domain, app: key.app } : undefined;
    }
    const streamed = this.listing(vendor, key.domain, adapter);
    const early = await streamed.whenListed(entryKey(key));
    if (early) return early;
    const listing = await streamed.complete;
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

  private listing(vendor: string, domain: string, adapter: VendorAdapter): StreamedListing {
    const id = `${vendor}\u0000${domain}`;
    let l = this.listings.get(id);
    if (!l) {
      l = load(adapter, domain);
      this.listings.set(id, l);
      // A failed listing is not memoised: the next read tries again (and surfaces its own error).
      const failed = l;
      l.complete.catch(() => this.listings.get(id) === failed && this.listings.delete(id));
    }
    return l;
  }

  private async patch(vendor: string, domain: string, f: (m: Map<string, Ban>) => void): Promise<void> {
    const l = this.listings.get(`${vendor}\u0000${domain}`);
    if (!l) return;
    // After the last page: a page read before this change must not undo it.
    const m = await l.complete.catch(() => undefined);
    if (m) {
      f(m);
      streamIndexes.delete(m);
    }
  }
}

/** Starts one listing: a domain's, or with domain "" the whole account's (keyed by domain too). */
function load(adapter: VendorAdapter, domain: string): StreamedListing {
  if (adapter.capabilities.listing === "unavailable") return new StreamedListing(none(), entryKey, () => true);
  if (domain === "" && adapter.listAccount) {
    return new StreamedListing(adapter.listAccount(), (b) => accountKey(b.domain, b), isListUnavailable);
  }
  return new StreamedListing(adapter.list(domain), entryKey, isListUnavailable);
}

/** A source that reports the vendor has no listing. */
async function* none(): AsyncIterable<Ban> {
  throw new Error("no listing");
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
