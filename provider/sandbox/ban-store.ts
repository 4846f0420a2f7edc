// The sandbox's state: bans, one-shot kicks and publishing streams, per vendor and account, with lazy expiry.
import type { VendorId } from "../vendors/vendor-id";
import type { SandboxClock } from "./sandbox-clock";

/** One stream on one vendor account. `account` is the key id (Tencent, Aliyun) or project id (Huawei). */
export interface StreamRef {
  vendor: VendorId;
  account: string;
  domain: string;
  app: string;
  stream: string;
}

/** A ban as the sandbox holds it. Times are ISO-8601 UTC strings. */
export interface BanRecord extends StreamRef {
  createdAt: string;
  expiresAt: string;
  reason?: string;
}

/** One one-shot disconnect (Tencent DropLiveStream, Aliyun Oneshot=yes, Huawei block-once). */
export interface KickRecord extends StreamRef {
  at: string;
  /** The vendor action that kicked. */
  action: string;
}

/** Which bans a query selects; omitted fields match anything. */
export interface BanFilter {
  vendor?: VendorId;
  account?: string;
  domain?: string;
  app?: string;
  stream?: string;
  /** Also return bans whose resume time has passed (they no longer block). */
  includeExpired?: boolean;
}

/** What persistence keeps: bans and kicks only. */
export interface StoreSnapshot {
  bans: BanRecord[];
  kicks: KickRecord[];
}

/** Kicks kept in memory (oldest dropped first), so a long benchmark cannot grow the state without bound. */
export const MAX_KICKS = 10_000;

/** Holds every vendor's bans; expiry is applied on every read against the sandbox clock. */
export class BanStore {
  private readonly bans = new Map<string, BanRecord>();
  // Indexes so per-account and per-stream-name queries stay cheap with tens of thousands of bans.
  private readonly byAccount = new Map<string, Set<string>>();
  private readonly byStream = new Map<string, Set<string>>();
  // Parsed expiry per ban: quota checks test every ban of an account on each forbid.
  private readonly expiryMs = new WeakMap<BanRecord, number>();
  private kickLog: KickRecord[] = [];
  private readonly publishing = new Set<string>();

  /**
   * @param clock the sandbox clock that decides expiry
   * @param onChange called after every change to bans or kicks (persistence hooks in here)
   */
  constructor(
    private readonly clock: SandboxClock,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Whether a ban still blocks at the sandbox's current time. */
  isActive(ban: BanRecord): boolean {
    let ms = this.expiryMs.get(ban);
    if (ms === undefined) {
      ms = Date.parse(ban.expiresAt);
      this.expiryMs.set(ban, ms);
    }
    return ms > this.clock.nowMs();
  }

  /** Creates or overwrites the ban on `ref`; a (re)forbid restarts its creation time. */
  putBan(ref: StreamRef, expiresAt: Date, reason?: string): BanRecord {
    const ban: BanRecord = {
      ...pickRef(ref),
      createdAt: this.clock.now().toISOString(),
      expiresAt: expiresAt.toISOString(),
      ...(reason === undefined ? {} : { reason }),
    };
    this.insert(ban);
    this.onChange();
    return ban;
  }

  /** Changes the resume time of an existing ban; undefined when there is none. */
  updateExpiry(ref: StreamRef, expiresAt: Date): BanRecord | undefined {
    const ban = this.bans.get(refKey(ref));
    if (!ban) return undefined;
    ban.expiresAt = expiresAt.toISOString();
    this.expiryMs.set(ban, expiresAt.getTime());
    this.onChange();
    return ban;
  }

  /** The ban on exactly `ref`, or undefined (expired bans only when asked). */
  getBan(ref: StreamRef, includeExpired = false): BanRecord | undefined {
    const ban = this.bans.get(refKey(ref));
    if (!ban || (!includeExpired && !this.isActive(ban))) return undefined;
    return ban;
  }

  /** Removes the ban on exactly `ref` (expired or not); true when one was there. */
  removeBan(ref: StreamRef): boolean {
    const removed = this.delete(ref);
    if (removed) this.onChange();
    return removed;
  }

  /** Removes every ban the filter selects (expired included); returns how many. */
  removeBans(filter: BanFilter): number {
    const doomed = this.listBans({ ...filter, includeExpired: true });
    for (const ban of doomed) this.delete(ban);
    if (doomed.length > 0) this.onChange();
    return doomed.length;
  }

  /** Bans matching the filter, oldest first (ties by key, so the order is stable). */
  listBans(filter: BanFilter = {}): BanRecord[] {
    const out: BanRecord[] = [];
    for (const ban of this.candidates(filter)) {
      if (matches(ban, filter) && (filter.includeExpired || this.isActive(ban))) out.push(ban);
    }
    return out.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(refKey(a), refKey(b)));
  }

  /** How many bans the filter selects, without sorting. */
  countBans(filter: BanFilter): number {
    let n = 0;
    for (const ban of this.candidates(filter)) {
      if (matches(ban, filter) && (filter.includeExpired || this.isActive(ban))) n++;
    }
    return n;
  }

  /** Records a one-shot disconnect and ends the stream's current push. */
  recordKick(ref: StreamRef, action: string): KickRecord {
    const kick: KickRecord = { ...pickRef(ref), at: this.clock.now().toISOString(), action };
    this.kickLog.push(kick);
    if (this.kickLog.length > MAX_KICKS) this.kickLog = this.kickLog.slice(-MAX_KICKS);
    this.publishing.delete(refKey(ref));
    this.onChange();
    return kick;
  }

  /** Kicks, oldest first, optionally only those the filter selects. */
  listKicks(filter: Omit<BanFilter, "includeExpired"> = {}): KickRecord[] {
    return this.kickLog.filter((k) => matches(k, filter));
  }

  /** Marks a stream as pushing (or not): what Tencent's DescribeLiveStreamState reports as active. */
  setPublishing(ref: StreamRef, publishing: boolean): void {
    if (publishing) this.publishing.add(refKey(ref));
    else this.publishing.delete(refKey(ref));
  }

  /** Whether the stream is pushing right now. */
  isPublishing(ref: StreamRef): boolean {
    return this.publishing.has(refKey(ref));
  }

  /** Streams currently pushing. */
  listPublishing(): StreamRef[] {
    return [...this.publishing].map(parseKey);
  }

  /** Bans (expired included) and kicks, as persistence stores them. */
  snapshot(): StoreSnapshot {
    return {
      bans: this.listBans({ includeExpired: true }).map((b) => ({ ...b })),
      kicks: this.kickLog.map((k) => ({ ...k })),
    };
  }

  /** Replaces the whole state with a snapshot (used when loading a state file). */
  restore(snapshot: StoreSnapshot): void {
    this.clearBans();
    for (const ban of snapshot.bans) this.insert({ ...ban });
    this.kickLog = snapshot.kicks.slice(-MAX_KICKS).map((k) => ({ ...k }));
    this.publishing.clear();
  }

  /** Forgets everything. */
  clear(): void {
    this.clearBans();
    this.kickLog = [];
    this.publishing.clear();
    this.onChange();
  }

  private *candidates(filter: BanFilter): Iterable<BanRecord> {
    let keys: Iterable<string> | undefined;
    if (filter.vendor !== undefined && filter.account !== undefined) {
      keys =
        filter.stream !== undefined
          ? this.byStream.get(streamKey(filter.vendor, filter.account, filter.stream))
          : this.byAccount.get(accountKey(filter.vendor, filter.account));
      if (keys === undefined) return;
      for (const key of keys) {
        const ban = this.bans.get(key);
        if (ban) yield ban;
      }
      return;
    }
    yield* this.bans.values();
  }

  private insert(ban: BanRecord): void {
    const key = refKey(ban);
    this.bans.set(key, ban);
    addTo(this.byAccount, accountKey(ban.vendor, ban.account), key);
    addTo(this.byStream, streamKey(ban.vendor, ban.account, ban.stream), key);
  }

  private delete(ref: StreamRef): boolean {
    const key = refKey(ref);
    if (!this.bans.delete(key)) return false;
    removeFrom(this.byAccount, accountKey(ref.vendor, ref.account), key);
    removeFrom(this.byStream, streamKey(ref.vendor, ref.account, ref.stream), key);
    return true;
  }

  private clearBans(): void {
    this.bans.clear();
    this.byAccount.clear();
    this.byStream.clear();
  }
}

const SEP = "\u0000";

function accountKey(vendor: VendorId, account: string): string {
  return `${vendor}${SEP}${account}`;
}

function streamKey(vendor: VendorId, account: string, stream: string): string {
  return `${vendor}${SEP}${account}${SEP}${stream}`;
}

function addTo(index: Map<string, Set<string>>, at: string, key: string): void {
  let set = index.get(at);
  if (!set) index.set(at, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, at: string, key: string): void {
  const set = index.get(at);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(at);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function refKey(r: StreamRef): string {
  return [r.vendor, r.account, r.domain, r.app, r.stream].join(SEP);
}

function parseKey(key: string): StreamRef {
  const [vendor, account, domain, app, stream] = key.split(SEP) as [VendorId, string, string, string, string];
  return { vendor, account, domain, app, stream };
}

function pickRef(r: StreamRef): StreamRef {
  return { vendor: r.vendor, account: r.account, domain: r.domain, app: r.app, stream: r.stream };
}

function matches(r: StreamRef, f: Omit<BanFilter, "includeExpired">): boolean {
  return (
    (f.vendor === undefined || r.vendor === f.vendor) &&
    (f.account === undefined || r.account === f.account) &&
    (f.domain === undefined || r.domain === f.domain) &&
    (f.app === undefined || r.app === f.app) &&
    (f.stream === undefined || r.stream === f.stream)
  );
}
