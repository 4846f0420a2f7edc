// Lists a vendor's live bans on some push domains, counting them on the progress counter, sorted for stable output.
import type { Ban, StreamKey, VendorAdapter } from "../vendors/adapter";
import { isListUnavailable } from "../vendors/tencent/tencent-adapter";
import type { ProgressCounter } from "./progress-counter";

/** The vendor has no list of bans for this account (Tencent mainland); bans can only be looked up one by one. */
export class NoBanList extends Error {
  override name = "NoBanList";
}

/** Every ban on `domains`, sorted by domain, app and stream; throws NoBanList where the vendor cannot list. */
export async function listBans(adapter: VendorAdapter, domains: string[], progress?: ProgressCounter): Promise<Ban[]> {
  const out: Ban[] = [];
  try {
    for (const domain of domains) {
      for await (const ban of adapter.list(domain)) {
        out.push(ban);
        progress?.tick();
      }
    }
  } catch (e) {
    if (isListUnavailable(e)) {
      // tencent.md §3.5: the mainland API took DescribeLiveForbidStreamList offline; no other call lists bans.
      throw new NoBanList(`${adapter.vendor} offers no list of bans for this account (${(e as Error).message}); bans can only be looked up one stream at a time`);
    }
    throw e;
  } finally {
    progress?.done();
  }
  return sortBans(out);
}

/** The bans among `keys` (looked up one stream at a time), for a vendor without a list; sorted like listBans. */
export async function lookUpBans(adapter: VendorAdapter, keys: StreamKey[], progress?: ProgressCounter): Promise<Ban[]> {
  const out: Ban[] = [];
  try {
    for (const key of keys) {
      const ban = await adapter.lookup(key);
      if (ban) out.push({ ...ban, domain: key.domain });
      progress?.tick();
    }
  } finally {
    progress?.done();
  }
  return sortBans(out);
}

function sortBans(bans: Ban[]): Ban[] {
  return bans.sort((a, b) => cmp(a.domain, b.domain) || cmp(a.app, b.app) || cmp(a.stream, b.stream));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
