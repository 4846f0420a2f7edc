// The Pulumi program body: one StreamBlock per expanded blocklist entry, and a summary to export.
import { StreamBlock } from "../resource/stream-block";
import { expandBlocklist } from "./expand-blocklist";
import { loadBlocklist } from "./load-blocklist";

export interface BlocklistSummary {
  bans: number;
  perVendor: Record<string, number>;
}

/** Declares the bans of a blocklist file. Invalid files throw before any resource is declared. */
export function applyBlocklist(file: string): { summary: BlocklistSummary; blocks: StreamBlock[] } {
  const specs = expandBlocklist(loadBlocklist(file));
  const perVendor: Record<string, number> = {};
  const blocks = specs.map(({ name, ...args }) => {
    perVendor[args.vendor] = (perVendor[args.vendor] ?? 0) + 1;
    return new StreamBlock(name, args);
  });
  return { summary: { bans: specs.length, perVendor }, blocks };
}
