// The Pulumi program body: one StreamBlock per (vendor, domain, app, stream) of a valid blocklist file, and a summary to export.
import * as pulumi from "@pulumi/pulumi";
import { StreamBlock } from "../resource/stream-block";
import { ProviderSettings, type ConfigLookup } from "../resource/provider-settings";
import type { VendorId } from "../vendors/vendor-id";
import { configuredVendors } from "./expand-blocklist";
import { declareInWindow } from "./declare-in-window";
import { BlocklistError, loadBlocklist, type LoadedBlocklist } from "./load-blocklist";
import { formatProblem, type BlocklistProblem } from "./blocklist-problem";
import { soonest, SoonestExpiryTracker, type SoonestExpiry } from "./soonest-expiry";
import { inShard, parseShardSetting, ShardSettingError, SHARD_KEY, type ShardSelector } from "./shard-selector";
import { planShard } from "./shard-plan";
import { readProjectStacks } from "./stack-shards";
import { handoverReminder } from "../resource/shard-handover";
import { withoutSourcePosition } from "./without-source-position";

export interface BlocklistSummary {
  /** Bans declared, over every vendor and domain. */
  bans: number;
  /** Bans declared per configured vendor. */
  perVendor: Partial<Record<VendorId, number>>;
  /** The ban that lifts first (by the expiry each vendor holds), once the bans exist. */
  soonestExpiry: pulumi.Output<SoonestExpiry | undefined>;
}

export interface ApplyBlocklistOptions {
  /** Resume times are checked against it. @default now, shifted by the clockOffsetSeconds setting */
  now?: Date;
  /** Where the Huawei region and project the file names are checked. @default stack config, then env vars */
  settings?: ProviderSettings;
  /** This stack's shard. @default the streamblock:shard stack config; unset: the whole file */
  shard?: ShardSelector[];
  /** Where the project's stack config files (Pulumi.<stack>.yaml) are, for the shard report. @default the working directory (the project's, under pulumi) */
  projectDir?: string;
}

/**
 * Declares the bans of a blocklist file, each named `vendor/domain/app/stream` so that reordering,
 * regrouping or rewording entries never replaces (or lifts) a ban. An invalid file throws a
 * InvalidBlocklistError listing every problem before any resource is declared, so it applies nothing.
 * Finished entries (resume time passed) are not declared; each is a warning.
 */
export function applyBlocklist(file: string, opts: ApplyBlocklistOptions = {}): { summary: BlocklistSummary; blocks: StreamBlock[] } {
  const settings = opts.settings ?? new ProviderSettings(stackConfig, process.env);
  const now = opts.now ?? new Date(Date.now() + settings.clockOffsetMs());
  const { blocklist, bans, shard } = loadForProgram(file, now, settings, opts);
  const perVendor = vendorCounts(blocklist, shard);
  const blocks = bans.map(({ name, entry: _entry, ...args }) => {
    perVendor[args.vendor] = (perVendor[args.vendor] ?? 0) + 1;
    return withoutSourcePosition(() => new StreamBlock(name, args));
  });
  const soonestExpiry = pulumi.all(blocks.map((b) => b.expiresAt)).apply((expiries) => soonest(expiries, bans.map((b) => b.name)));
  return { summary: { bans: bans.length, perVendor, soonestExpiry }, blocks };
}

/** Unsettled bans applyBlocklistWindowed lets the program hold at once. */
export const DEFAULT_MAX_PENDING = 500;

/**
 * Like applyBlocklist, but for large files: declares the bans through a sliding window of at most
 * `maxPending` not yet settled by the engine, so the program holds that many registrations instead of
 * all of them (at 10,000 bans the engine's process tree peaked at 3.1 GB declared at once), while the
 * vendors never wait for the program (waves of 500 cost 1.6 s of idle vendors per wave; BENCHMARKS.md).
 * An invalid file throws an InvalidBlocklistError at the call, before any promise exists.
 */
export function applyBlocklistWindowed(file: string, opts: ApplyBlocklistOptions & { maxPending?: number } = {}): Promise<BlocklistSummary> {
  const settings = opts.settings ?? new ProviderSettings(stackConfig, process.env);
  const now = opts.now ?? new Date(Date.now() + settings.clockOffsetMs());
  // Thrown, not returned as a rejected promise: the language host attaches its handler to the program's
  // promise only after an I/O turn, so a rejection would also print Node's PromiseRejectionHandledWarning.
  const { blocklist, bans, shard } = loadForProgram(file, now, settings, opts);
  return declareWindowed(vendorCounts(blocklist, shard), bans, opts.maxPending ?? DEFAULT_MAX_PENDING);
}

async function declareWindowed(perVendor: Partial<Record<VendorId, number>>, bans: LoadedBlocklist["bans"], maxPending: number): Promise<BlocklistSummary> {
  const expiries = new SoonestExpiryTracker();
  // The SDK stores a source-mapped stack trace on every promise it makes (runtime/debuggable.js, for its
  // leak report), about 40% of the program's CPU per ban: a no-op preview of 1,000 bans took 9.2 s with
  // them, 5.6 s without (BENCHMARKS.md). Errors keep their messages. The SDK lifts the limit for each
  // resource's source position, which withoutSourcePosition leaves out of the state.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    await declareInWindow(
      bans,
      ({ name, entry: _entry, ...args }) => {
        perVendor[args.vendor] = (perVendor[args.vendor] ?? 0) + 1;
        const block = withoutSourcePosition(() => new StreamBlock(name, args));
        expiries.track(block.expiresAt, name);
        // A resource's URN settles once the engine has processed it: resolved, or rejected when its step
        // failed (with --continue-on-error the update goes on, so a failed ban must not hold up the rest).
        return settled(block.urn).finally(() => releaseFromParent(block));
      },
      { maxPending },
    );
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { bans: bans.length, perVendor, soonestExpiry: expiries.result() };
}

/**
 * Drops a settled resource from its parent's child set. The SDK keeps every resource in its parent's
 * `__childResources` (the root stack's, here) only to expand `dependsOn` on a component, which nothing does
 * with the root stack; the set kept every ban's objects alive, about 12 KB each (120 MB of the program's
 * heap at 10,000 bans; BENCHMARKS.md). The summary holds what it needs of each ban separately.
 */
function releaseFromParent(resource: pulumi.Resource): void {
  const r = resource as unknown as { __parentResource?: { __childResources?: Set<unknown> } };
  r.__parentResource?.__childResources?.delete(resource);
}

/** The promise behind an Output (the SDK's own accessor; `apply` never runs for a failed resource). */
function settled(o: pulumi.Output<unknown>): Promise<unknown> {
  return (o as unknown as { promise(): Promise<unknown> }).promise();
}

/**
 * An invalid blocklist in a program run: a RunError, which the language host prints as its message alone,
 * the problems' file:line:column lines (any other error comes with its stack, coloured, and its
 * properties dumped).
 */
export class InvalidBlocklistError extends pulumi.RunError {
  override name = "InvalidBlocklistError";
  constructor(readonly problems: BlocklistProblem[]) {
    super(problems.map(formatProblem).join("\n"));
  }
}

/** A shard setting that is malformed, or claims what another stack claims: nothing is declared. */
export class ShardError extends pulumi.RunError {
  override name = "ShardError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** Bans per configured vendor of the shard, 0 for each to start. */
function vendorCounts(blocklist: LoadedBlocklist["blocklist"], shard: ShardSelector[] | undefined): Partial<Record<VendorId, number>> {
  return Object.fromEntries(configuredVendors(blocklist).filter((v) => !shard || shard.some((s) => s.vendor === v)).map((v) => [v, 0]));
}

/**
 * Loads the file for a program run: the whole file is validated (every vendor and account), then only the
 * stack's shard is kept; warnings go to the engine's diagnostics; problems throw an InvalidBlocklistError,
 * a refused shard a ShardError.
 */
function loadForProgram(file: string, now: Date, settings: ProviderSettings, opts: ApplyBlocklistOptions): LoadedBlocklist & { shard?: ShardSelector[] } {
  const stack = pulumi.getStack();
  let shard: ShardSelector[] | undefined;
  try {
    shard = opts.shard ?? parseShardSetting(stackConfig(SHARD_KEY), `stack ${stack}`);
  } catch (e) {
    if (e instanceof ShardSettingError) throw new ShardError([e.message]);
    throw e;
  }
  // Another shard's accounts are not this stack's: their Huawei region or Tencent site is not checked against its settings.
  const stackSettings = { get: settings.get.bind(settings), forAccount: settings.forAccount.bind(settings), applies: (v: VendorId, a: string) => inShard(shard, v, a) };
  let loaded: LoadedBlocklist;
  try {
    loaded = loadBlocklist(file, { now, stack: stackSettings });
  } catch (e) {
    if (e instanceof BlocklistError) throw new InvalidBlocklistError(e.problems);
    throw e;
  }
  const plan = planShard(loaded.blocklist, loaded.bans, shard ? { stack, shard } : { stack }, readProjectStacks(opts.projectDir ?? process.cwd()));
  if (plan.errors.length > 0) throw new ShardError(plan.errors);
  for (const w of loaded.warnings) void pulumi.log.warn(formatProblem({ ...w, severity: undefined }));
  for (const w of plan.warnings) void pulumi.log.warn(w);
  const handover = handoverReminder(stackConfig, process.env);
  if (handover) void pulumi.log.warn(handover);
  return { ...loaded, bans: plan.bans, shard };
}

const stackConfig: ConfigLookup = (key) => {
  const i = key.indexOf(":");
  return new pulumi.Config(key.slice(0, i)).get(key.slice(i + 1));
};
