// What one stack applies of the file under its shard setting, and what its preview refuses or warns about the project's other stacks.
import { configuredVendors, vendorAccounts, type BlockSpec } from "./expand-blocklist";
import type { Blocklist } from "./blocklist-schema";
import { describeOverlap, describeUncovered, describeUnmatched, describeWholeFile, fileAccounts, shardCoverage, type StackShard } from "./shard-coverage";
import { inShard } from "./shard-selector";
import type { ProjectStacks } from "./stack-shards";

export interface ShardPlan {
  /** The bans this stack declares: its shard's, or all of them without a shard. */
  bans: BlockSpec[];
  /** Refusals: nothing is declared while there is one. */
  errors: string[];
  warnings: string[];
}

/** Every vendor account the file configures, default ones first. */
export function accountsOf(blocklist: Blocklist): { vendor: ReturnType<typeof configuredVendors>[number]; account: string }[] {
  return configuredVendors(blocklist).flatMap((vendor) => vendorAccounts(blocklist.vendors[vendor]!).map(({ account }) => ({ vendor, account })));
}

/**
 * Picks this stack's bans and checks its shard against the file and against the project's other stacks
 * (`project`, read from their config files; this stack's own file there is replaced by `own`, the engine's
 * config). Refused: an account this stack claims that another sharded stack claims too. Warned: bans no
 * stack covers, selectors matching no account of the file, the other stacks' problems.
 * Without any shard in the project, nothing is reported (today's single-stack use).
 */
export function planShard(blocklist: Blocklist, bans: BlockSpec[], own: StackShard, project: ProjectStacks): ShardPlan {
  const others = project.stacks.filter((s) => s.stack !== own.stack);
  const stacks = [own, ...others];
  const errors: string[] = [];
  const warnings: string[] = [];
  if (stacks.every((s) => s.shard === undefined)) return { bans, errors, warnings };
  const coverage = shardCoverage(fileAccounts(accountsOf(blocklist), bans), stacks);
  // A warning, not a refusal: a file that drops an account lifts its bans through the stack that held them,
  // and a typo cannot lift anything (the stack's bans outside its shard are refused their delete).
  for (const u of coverage.unmatched) warnings.push(describeUnmatched(u));
  for (const o of coverage.overlaps) (o.stacks.includes(own.stack) ? errors : warnings).push(describeOverlap(o));
  for (const a of coverage.uncovered) warnings.push(describeUncovered(a, stacks.map((s) => s.stack)));
  for (const s of coverage.wholeFile) warnings.push(describeWholeFile(s));
  warnings.push(...project.problems);
  return { bans: own.shard ? bans.filter((b) => inShard(own.shard, b.vendor, b.account)) : bans, errors, warnings };
}
