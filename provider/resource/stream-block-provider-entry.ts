// Entry point the serialized shim loads at run time: builds the StreamBlock provider from stack config.
import { StreamBlockProvider } from "./stream-block-provider";
import type { ConfigLookup } from "./provider-settings";

export function create(config: ConfigLookup): StreamBlockProvider {
  return new StreamBlockProvider(config);
}
