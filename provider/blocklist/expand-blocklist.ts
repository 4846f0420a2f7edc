// Turns a blocklist into one StreamBlock spec per (vendor, domain, app, stream), named from that key.
import type { VendorId } from "../vendors/vendor-id";
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import type { Blocklist } from "./blocklist-schema";

export interface BlockSpec {
  /** The resource name: `vendor/domain/app/stream`, so reordering or regrouping the file never renames. */
  name: string;
  vendor: VendorId;
  domain: string;
  app: string;
  stream: string;
  resumeTime?: string;
  reason?: string;
}

/** Expands every entry onto the vendors and domains it applies to; throws on duplicates, naming both entries. */
export function expandBlocklist(list: Blocklist): BlockSpec[] {
  const out = new Map<string, { spec: BlockSpec; entry: number }>();
  list.streams.forEach((entry, index) => {
    const vendors = (entry.vendors ?? (Object.keys(list.vendors) as VendorId[])).filter((v) => list.vendors[v]);
    for (const vendor of vendors) {
      const domains = list.vendors[vendor]!.domains.map((d) => d.toLowerCase());
      const wanted = entry.domains?.map((d) => d.toLowerCase());
      for (const domain of wanted ? domains.filter((d) => wanted.includes(d)) : domains) {
        const spec: BlockSpec = { name: "", vendor, domain, app: entry.app ?? DEFAULT_APP, stream: entry.stream };
        spec.name = streamBlockId(vendor, spec);
        if (entry.resumeTime !== undefined) spec.resumeTime = entry.resumeTime;
        if (entry.reason !== undefined) spec.reason = entry.reason;
        const seen = out.get(spec.name);
        if (seen) throw new Error(`streams[${index}] bans ${spec.name} again (already banned by streams[${seen.entry}]); remove one`);
        out.set(spec.name, { spec, entry: index });
      }
    }
  });
  return [...out.values()].map((v) => v.spec);
}
