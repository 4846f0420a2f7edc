// Entry point the serialized shim loads at run time: builds the StreamKick provider from stack config.
import "../node-version-guard"; // first: an old Node.js fails here in one line, before undici loads
import { StreamKickProvider } from "./stream-kick-provider";
import type { ConfigLookup } from "./provider-settings";
import { startOrphanWatchdog } from "./orphan-watchdog";

export function create(config: ConfigLookup): StreamKickProvider {
  startOrphanWatchdog();
  return new StreamKickProvider(config);
}
