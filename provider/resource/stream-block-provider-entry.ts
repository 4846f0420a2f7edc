// Entry point the serialized shim loads at run time: builds the StreamBlock provider from stack config.
import "../node-version-guard"; // first: an old Node.js fails here in one line, before undici loads
import { StreamBlockProvider } from "./stream-block-provider";
import type { ConfigLookup } from "./provider-settings";
import { startOrphanWatchdog } from "./orphan-watchdog";

export function create(config: ConfigLookup): StreamBlockProvider {
  startOrphanWatchdog();
  return new StreamBlockProvider(config);
}
