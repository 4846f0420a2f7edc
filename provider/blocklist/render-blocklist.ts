// Writes bans of one or more vendors as blocklist file text: one entry per stream, narrowed to vendors and domains only where needed.
import { stringify } from "yaml";
import type { StreamKey } from "../vendors/adapter";
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { DEFAULT_APP } from "../resource/stream-block-inputs";

/** One ban as the file should declare it. */
export interface RenderedBan extends StreamKey {
  vendor: VendorId;
  /** A named account; its domains are its own, so the domain alone places the ban in the file. */
  account?: string;
  /** `yyyy-MM-ddTHH:mm:ssZ`; undefined: indefinite. */
  resumeTime?: string;
  reason?: string;
}

/** A vendor section: the push domains bans were listed on; Huawei may pin its region and project, Aliyun its region, Tencent its site. */
export interface RenderedSection {
  domains: string[];
  region?: string;
  projectId?: string;
  site?: string;
  /** Named accounts, each with its own domains (no domain under two accounts of a vendor). */
  accounts?: Record<string, Omit<RenderedSection, "accounts">>;
}

/** Every domain of a vendor section, over all its accounts. */
function allDomains(s: RenderedSection): string[] {
  return [...s.domains, ...Object.values(s.accounts ?? {}).flatMap((a) => a.domains)];
}

/** A section as the file writes it: a region on Huawei and Aliyun, a project only on Huawei, a site only on Tencent, accounts only when there are any. */
function sectionText(v: VendorId, s: Omit<RenderedSection, "accounts">): Record<string, unknown> {
  return {
    domains: s.domains,
    ...(v !== "tencent" && s.region ? { region: s.region } : {}),
    ...(v === "huawei" && s.projectId ? { projectId: s.projectId } : {}),
    ...(v === "tencent" && s.site ? { site: s.site } : {}),
  };
}

export interface RenderBlocklistInput {
  vendors: Partial<Record<VendorId, RenderedSection>>;
  bans: RenderedBan[];
  /** Comment lines for the top of the file, without "# ". */
  header: string[];
}

interface Group {
  app: string;
  stream: string;
  resumeTime?: string;
  reason?: string;
  /** `vendor domain` pairs. */
  pairs: Set<string>;
}

/**
 * The blocklist text. Bans of the same app, stream, resume time and reason become one entry, narrowed
 * with `vendors:`/`domains:` only where they are not on every configured vendor and domain; a group no
 * single narrowing expresses is written as one entry per vendor. Entries are sorted by stream, then app.
 */
export function renderBlocklist(input: RenderBlocklistInput): string {
  const configured = VENDOR_IDS.filter((v) => input.vendors[v] !== undefined);
  const groups = new Map<string, Group>();
  for (const ban of input.bans) {
    const key = JSON.stringify([ban.stream, ban.app, ban.resumeTime ?? "", ban.reason ?? null]);
    const g = groups.get(key) ?? { app: ban.app, stream: ban.stream, resumeTime: ban.resumeTime, reason: ban.reason, pairs: new Set<string>() };
    g.pairs.add(`${ban.vendor} ${ban.domain}`);
    groups.set(key, g);
  }
  const entries = [...groups.values()].flatMap((g) => narrowings(g, input.vendors, configured).map((n) => ({ g, ...n })));
  const streams = entries
    .sort((a, b) => cmp(a.g.stream, b.g.stream) || cmp(a.g.app, b.g.app) || cmp(a.g.resumeTime ?? "", b.g.resumeTime ?? "") || cmp(a.g.reason ?? "", b.g.reason ?? "") || cmp(String(a.vendors ?? ""), String(b.vendors ?? "")))
    .map(({ g, vendors, domains }) => {
      const entry: Record<string, unknown> = { stream: g.stream };
      if (g.app !== DEFAULT_APP) entry.app = g.app;
      if (g.resumeTime) entry.resumeTime = g.resumeTime;
      if (g.reason !== undefined) entry.reason = g.reason;
      if (vendors) entry.vendors = vendors;
      if (domains) entry.domains = domains;
      return entry;
    });
  const sections: Record<string, unknown> = {};
  for (const v of configured) {
    const s = input.vendors[v]!;
    const accounts = Object.entries(s.accounts ?? {});
    sections[v] = { ...sectionText(v, s), ...(accounts.length > 0 ? { accounts: Object.fromEntries(accounts.map(([a, as]) => [a, sectionText(v, as)])) } : {}) };
  }
  // Quoted as YAML 1.1 would need (yes, on, timestamps): other tools reading the file (PyYAML, linters) see strings too.
  const body = stringify({ vendors: sections, streams }, { lineWidth: 0, version: "1.1" });
  return input.header.map((l) => `# ${l}\n`).join("") + body;
}

/** The `vendors:`/`domains:` narrowings (undefined: not narrowed) whose expansions are exactly the group's bans. */
function narrowings(g: Group, sections: RenderBlocklistInput["vendors"], configured: VendorId[]): { vendors?: VendorId[]; domains?: string[] }[] {
  const vendors = configured.filter((v) => [...g.pairs].some((p) => p.startsWith(`${v} `)));
  const domains = [...new Set([...g.pairs].map((p) => p.slice(p.indexOf(" ") + 1)))].sort(cmp);
  const expand = (vs: VendorId[], ds: string[] | undefined) =>
    new Set(vs.flatMap((v) => allDomains(sections[v]!).filter((d) => !ds || ds.includes(d)).map((d) => `${v} ${d}`)));
  const same = (a: Set<string>) => a.size === g.pairs.size && [...a].every((p) => g.pairs.has(p));
  const vendorNarrowing = vendors.length === configured.length ? undefined : vendors;
  if (same(expand(vendors, undefined))) return [{ vendors: vendorNarrowing }];
  if (same(expand(vendors, domains))) return [{ vendors: vendorNarrowing, domains }];
  return vendors.map((v) => {
    const own = domains.filter((d) => g.pairs.has(`${v} ${d}`));
    const all = own.length === new Set(allDomains(sections[v]!)).size;
    return { vendors: configured.length === 1 ? undefined : [v], domains: all ? undefined : own };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
