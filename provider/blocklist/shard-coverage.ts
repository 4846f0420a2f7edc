// Which stack applies which vendor account of the file: bans no stack covers, accounts two stacks claim, selectors matching nothing.
import { DEFAULT_ACCOUNT } from "../resource/vendor-account";
import type { VendorId } from "../vendors/vendor-id";
import { formatAccount, formatSelector, inShard, SHARD_KEY, type ShardSelector } from "./shard-selector";

/** One vendor account of the file, with how many bans the file declares on it. */
export interface FileAccount {
  vendor: VendorId;
  account: string;
  bans: number;
}

/** A stack of the project and its shard; no shard: it applies the whole file. */
export interface StackShard {
  stack: string;
  shard?: ShardSelector[];
}

export interface ShardCoverage {
  /** Accounts with bans that no stack applies: those bans would silently never be applied. */
  uncovered: FileAccount[];
  /** Accounts two or more sharded stacks claim (the two-stacks-one-account hazard). */
  overlaps: { vendor: VendorId; account: string; stacks: string[] }[];
  /** Selectors that match no account of the file (a typo, or an account the file dropped). */
  unmatched: { stack: string; selector: ShardSelector }[];
  /** Stacks without a shard beside sharded ones: they apply every account the sharded ones do. */
  wholeFile: string[];
}

/** The vendor accounts of the file with their ban counts, every configured account listed (0 bans too). */
export function fileAccounts(accounts: { vendor: VendorId; account: string }[], bans: { vendor: VendorId; account?: string }[]): FileAccount[] {
  const out = accounts.map((a) => ({ ...a, bans: 0 }));
  const at = new Map(out.map((a) => [`${a.vendor}/${a.account}`, a]));
  for (const b of bans) {
    const a = at.get(`${b.vendor}/${b.account ?? DEFAULT_ACCOUNT}`);
    if (a) a.bans++;
  }
  return out;
}

/** Compares the stacks' shards with the file's accounts. No sharded stack at all: nothing to report. */
export function shardCoverage(accounts: FileAccount[], stacks: StackShard[]): ShardCoverage {
  const sharded = stacks.filter((s) => s.shard !== undefined);
  const wholeFile = sharded.length === 0 ? [] : stacks.filter((s) => s.shard === undefined).map((s) => s.stack);
  const covered = (a: FileAccount) => stacks.some((s) => inShard(s.shard, a.vendor, a.account));
  const uncovered = stacks.length === 0 ? accounts.filter((a) => a.bans > 0) : accounts.filter((a) => a.bans > 0 && !covered(a));
  const overlaps = accounts
    .map((a) => ({ vendor: a.vendor, account: a.account, stacks: sharded.filter((s) => inShard(s.shard, a.vendor, a.account)).map((s) => s.stack) }))
    .filter((o) => o.stacks.length > 1);
  const unmatched = sharded.flatMap((s) =>
    s.shard!.filter((sel) => !accounts.some((a) => inShard([sel], a.vendor, a.account))).map((selector) => ({ stack: s.stack, selector })),
  );
  return { uncovered, overlaps, unmatched, wholeFile };
}

/** A ban outside every stack's shard: what is missing and how to fix it. */
export function describeUncovered(a: FileAccount, stacks: string[]): string {
  const n = `${a.bans} ${a.bans === 1 ? "ban" : "bans"}`;
  return `${n} on ${formatAccount(a.vendor, a.account)} in no stack's shard (${stacks.length ? `stacks seen: ${stacks.join(", ")}` : "no stack config seen"}): nothing applies them; add ${a.vendor}/${a.account} to one stack's ${SHARD_KEY}`;
}

/** Two stacks claiming one account: the hazard and the remedy. */
export function describeOverlap(o: ShardCoverage["overlaps"][number]): string {
  return (
    `${formatAccount(o.vendor, o.account)} is in the shard of stacks ${o.stacks.join(" and ")}: each would ban it and one stack's destroy or drift fix lifts the other's bans; ` +
    `keep it in one stack's ${SHARD_KEY} and remove it from the others`
  );
}

export function describeUnmatched(u: ShardCoverage["unmatched"][number]): string {
  return `stack ${u.stack}: ${SHARD_KEY} names ${formatSelector(u.selector)}, which is no vendor account of the file: the stack applies nothing there (and lifts the bans it holds there); if it is a typo, fix the name`;
}

export function describeWholeFile(stack: string): string {
  return (
    `stack ${stack} has no ${SHARD_KEY}, so it applies the whole file beside the sharded stacks: if it uses the same vendor accounts, ` +
    `one stack's destroy or drift fix lifts the other's bans; give it a ${SHARD_KEY}, or keep a stack that applies the file elsewhere (a sandbox) in another project directory`
  );
}
