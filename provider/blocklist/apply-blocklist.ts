// The Pulumi program body: one StreamBlock per (vendor, domain, app, stream) of a valid blocklist file, and a summary to export.
import * as pulumi from "@pulumi/pulumi";
import { StreamBlock } from "../resource/stream-block";
import { ProviderSettings, type ConfigLookup } from "../resource/provider-settings";
import type { VendorId } from "../vendors/vendor-id";
import { configuredVendors } from "./expand-blocklist";
import { declareInWindow } from "./declare-in-window";
import { loadBlocklist } from "./load-blocklist";

export interface BlocklistSummary {
  /** Bans declared, over every vendor and domain. */
  bans: number;
  /** Bans declared per configured vendor. */
  perVendor: Partial<Record<VendorId, number>>;
  /** The ban that lifts first (by the expiry each vendor holds), once the bans exist. */
  soonestExpiry: pulumi.Output<{ at: string; ban: string } | undefined>;
}

export interface ApplyBlocklistOptions {
  /** Resume times are checked against it. @default now, shifted by the clockOffsetSeconds setting */
  now?: Date;
  /** Where the Huawei region and project the file names are checked. @default stack config, then env vars */
  settings?: ProviderSettings;
}

/**
 * Declares the bans of a blocklist file, each named `vendor/domain/app/stream` so that reordering,
 * regrouping or rewording entries never replaces (or lifts) a ban. An invalid file throws a
 * BlocklistError listing every problem before any resource is declared, so it applies nothing.
 */
export function applyBlocklist(file: string, opts: ApplyBlocklistOptions = {}): { summary: BlocklistSummary; blocks: StreamBlock[] } {
  const settings = opts.settings ?? new ProviderSettings(stackConfig, process.env);
  const now = opts.now ?? new Date(Date.now() + settings.clockOffsetMs());
  const { blocklist, bans } = loadBlocklist(file, { now, stack: settings });
  const perVendor: Partial<Record<VendorId, number>> = Object.fromEntries(configuredVendors(blocklist).map((v) => [v, 0]));
  const blocks = bans.map(({ name, entry: _entry, ...args }) => {
    perVendor[args.vendor] = (perVendor[args.vendor] ?? 0) + 1;
    return new StreamBlock(name, args);
  });
  const soonestExpiry = pulumi.all(blocks.map((b) => b.expiresAt)).apply((expiries) => soonest(expiries, bans.map((b) => b.name)));
  return { summary: { bans: bans.length, perVendor, soonestExpiry }, blocks };
}

/** Unsettled bans applyBlocklistWindowed lets the program hold at once. */
export const DEFAULT_MAX_PENDING = 500;

/** Bans per group whose soonest expiry is combined into one Output (bounds what the summary holds on to). */
const SUMMARY_GROUP = 500;

/**
 * Like applyBlocklist, but for large files: declares the bans through a sliding window of at most
 * `maxPending` not yet settled by the engine, so the program holds that many registrations instead of
 * all of them (at 10,000 bans the engine's process tree peaked at 3.1 GB declared at once), while the
 * vendors never wait for the program (waves of 500 cost 1.6 s of idle vendors per wave; BENCHMARKS.md).
 */
export async function applyBlocklistWindowed(
  file: string,
  opts: ApplyBlocklistOptions & { maxPending?: number } = {},
): Promise<Omit<BlocklistSummary, "soonestExpiry"> & { soonestExpiry: pulumi.Output<{ at: string; ban: string } | undefined> }> {
  const settings = opts.settings ?? new ProviderSettings(stackConfig, process.env);
  const now = opts.now ?? new Date(Date.now() + settings.clockOffsetMs());
  const { blocklist, bans } = loadBlocklist(file, { now, stack: settings });
  const perVendor: Partial<Record<VendorId, number>> = Object.fromEntries(configuredVendors(blocklist).map((v) => [v, 0]));
  const groupSoonest: pulumi.Output<{ at: string; ban: string } | undefined>[] = [];
  let group: StreamBlock[] = [];
  const closeGroup = (end: number): void => {
    const names = bans.slice(end - group.length, end).map((b) => b.name);
    groupSoonest.push(pulumi.all(group.map((b) => b.expiresAt)).apply((e) => soonest(e, names)));
    group = [];
  };
  await declareInWindow(
    bans,
    ({ name, entry: _entry, ...args }, i) => {
      perVendor[args.vendor] = (perVendor[args.vendor] ?? 0) + 1;
      const block = new StreamBlock(name, args);
      group.push(block);
      if (group.length === SUMMARY_GROUP || i === bans.length - 1) closeGroup(i + 1);
      // A resource's URN settles once the engine has processed it: resolved, or rejected when its step
      // failed (with --continue-on-error the update goes on, so a failed ban must not hold up the rest).
      return settled(block.urn);
    },
    { maxPending: opts.maxPending ?? DEFAULT_MAX_PENDING },
  );
  const soonestExpiry = pulumi.all(groupSoonest).apply((gs) => soonest(gs.map((g) => g?.at), gs.map((g) => g?.ban ?? "")));
  return { bans: bans.length, perVendor, soonestExpiry };
}

/** The promise behind an Output (the SDK's own accessor; `apply` never runs for a failed resource). */
function settled(o: pulumi.Output<unknown>): Promise<unknown> {
  return (o as unknown as { promise(): Promise<unknown> }).promise();
}

/** The earliest known expiry and its ban; Aliyun bans StreamBlock adopted have none. */
export function soonest(expiries: (string | undefined)[], names: string[]): { at: string; ban: string } | undefined {
  let best: { at: string; ban: string; ms: number } | undefined;
  expiries.forEach((at, i) => {
    const ms = at ? Date.parse(at) : Number.NaN;
    if (!Number.isNaN(ms) && (!best || ms < best.ms)) best = { at: at!, ban: names[i]!, ms };
  });
  return best && { at: best.at, ban: best.ban };
}

const stackConfig: ConfigLookup = (key) => {
  const i = key.indexOf(":");
  return new pulumi.Config(key.slice(0, i)).get(key.slice(i + 1));
};
