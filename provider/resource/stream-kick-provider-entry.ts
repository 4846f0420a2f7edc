// Entry point the serialized shim loads at run time: builds the StreamKick provider from stack config.
import { StreamKickProvider } from "./stream-kick-provider";
import type { ConfigLookup } from "./provider-settings";
import { startOrphanWatchdog } from "./orphan-watchdog";

export function create(config: ConfigLookup): StreamKickProvider {
  startOrphanWatchdog();
  return new StreamKickProvider(config);
}
