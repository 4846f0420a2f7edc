// Writes a vendor's bans as blocklist file text: one entry per stream, narrowed to domains only where needed.
import { stringify } from "yaml";
import type { Ban } from "../vendors/adapter";
import type { VendorId } from "../vendors/vendor-id";
import { formatUtcSeconds } from "../vendors/utc-time";
import { DEFAULT_APP } from "../resource/stream-block-inputs";

export interface RenderBlocklistInput {
  vendor: VendorId;
  /** The push domains the bans were listed on: the vendor section's domains. */
  domains: string[];
  bans: Ban[];
  /** Comment lines for the top of the file, without "# ". */
  header: string[];
  /** Huawei only: written into the section, so the file applies to this region and project only. */
  huawei?: { region?: string; projectId?: string };
  /** Leave resume times out: StreamBlock then keeps every ban in force, renewing it. */
  indefinite?: boolean;
}

/**
 * The blocklist text. Bans of the same app, stream and expiry on every listed domain become one entry;
 * otherwise the entry is narrowed with `domains:`. Entries are sorted by stream, then app.
 */
export function renderBlocklist(input: RenderBlocklistInput): string {
  const groups = new Map<string, { app: string; stream: string; resumeTime?: string; domains: string[] }>();
  for (const ban of input.bans) {
    const resumeTime = !input.indefinite && ban.expiresAt ? formatUtcSeconds(ban.expiresAt) : undefined;
    const key = JSON.stringify([ban.stream, ban.app, resumeTime ?? ""]);
    const g = groups.get(key) ?? { app: ban.app, stream: ban.stream, resumeTime, domains: [] };
    if (!g.domains.includes(ban.domain)) g.domains.push(ban.domain);
    groups.set(key, g);
  }
  const streams = [...groups.values()]
    .sort((a, b) => cmp(a.stream, b.stream) || cmp(a.app, b.app) || cmp(a.resumeTime ?? "", b.resumeTime ?? ""))
    .map((g) => {
      const entry: Record<string, unknown> = { stream: g.stream };
      if (g.app !== DEFAULT_APP) entry.app = g.app;
      if (g.resumeTime) entry.resumeTime = g.resumeTime;
      if (g.domains.length < input.domains.length) entry.domains = [...g.domains].sort(cmp);
      return entry;
    });
  const section: Record<string, unknown> = { domains: input.domains };
  if (input.vendor === "huawei" && input.huawei?.region) section.region = input.huawei.region;
  if (input.vendor === "huawei" && input.huawei?.projectId) section.projectId = input.huawei.projectId;
  // Quoted as YAML 1.1 would need (yes, on, timestamps): other tools reading the file (PyYAML, linters) see strings too.
  const body = stringify({ vendors: { [input.vendor]: section }, streams }, { lineWidth: 0, version: "1.1" });
  return input.header.map((l) => `# ${l}\n`).join("") + body;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
