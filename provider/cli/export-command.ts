// `streamblock export`: writes the live bans of every configured vendor and domain as one valid blocklist file, so `pulumi up` can adopt them.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Ban, StreamKey } from "../vendors/adapter";
import { VENDOR_IDS, type VendorId } from "../vendors/vendor-id";
import { formatUtcSeconds } from "../vendors/utc-time";
import { checkInputs } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import { formatProblem } from "../blocklist/blocklist-problem";
import { loadBlocklist } from "../blocklist/load-blocklist";
import { renderBlocklist, type RenderedBan, type RenderedSection } from "../blocklist/render-blocklist";
import { schemaModeline } from "../blocklist/schema-location";
import { validateBlocklist } from "../blocklist/validate-blocklist";
import type { CliRunner } from "./main";
import { exportedResumeTime, type ResumeTimeMode } from "./exported-resume-time";
import { NoBanList, listBans, lookUpBans } from "./list-bans";
import { parseOptions } from "./parse-options";
import { progressFor } from "./progress-counter";
import { CREDENTIALS_HELP, adapterFromEnv, envSettings, parseAccount, parseVendor, runVendorCommand } from "./vendor-connection";
import { DEFAULT_ACCOUNT, isDefaultAccount } from "../resource/vendor-account";
import { UsageError } from "./run-command";

/** Bans lifting sooner than this are left out: they would be gone, or invalid, by the time the file is applied. */
const MIN_REMAINING_MS = 10 * 60_000;

const OPTIONS = {
  vendor: { type: "string", multiple: true },
  account: { type: "string", multiple: true },
  domain: { type: "string", multiple: true },
  from: { type: "string" },
  output: { type: "string", short: "o" },
  exact: { type: "boolean" },
  indefinite: { type: "boolean" },
  progress: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const HELP = `usage: streamblock export (--from FILE | --vendor V [--account NAME] --domain D [--domain D2 ...] [--vendor V2 --domain D3 ...])
                          [-o FILE] [--exact | --indefinite] [--progress]

Writes the bans the vendors hold on push domains as one blocklist file (to stdout, or FILE). This is how
a team adopts existing bans: export, review and commit the file, and \`pulumi up\` takes the bans over
without lifting them.

  --from FILE      list every vendor, account and domain of FILE's vendors: section (Huawei region and
                   project, Aliyun region, Tencent site included); FILE's entries also lend their declared resume times and reasons
  --vendor V       huawei, tencent or aliyun; each --domain after it belongs to it (repeat both)
  --account NAME   the --domain values after it (up to the next --vendor) are this named account's
  --domain D       a push domain
  -o, --output F   write to F instead of stdout (it may be the --from file)
  --exact          every ban keeps the expiry the vendor holds
  --indefinite     no resume times: StreamBlock keeps every ban in force, renewing it
  --progress       count listed bans on stderr even when it is not a terminal

Resume times, by default: re-applying an export of a stack's own bans changes nothing. A ban that
--from FILE declares keeps its declared resume time (or none) where the vendor agrees or cannot say
(Aliyun lists no expiries). Any other ban whose expiry looks like StreamBlock's indefinite pattern (the
vendor's maximum less an hour, renewed before less than the renewal window is left) is written without a
resume time; the rest keep the vendor's expiry. Reasons come from FILE: no vendor's list returns one.
Where a vendor has no list of bans (Tencent's mainland API), the streams FILE declares are looked up
one by one instead.

Bans that lift within 10 minutes, and names StreamBlock refuses (wildcards, "/" in the app), are left
out with a note on stderr. The file is validated before it is written.

${CREDENTIALS_HELP}
`;

export const exportCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("export", HELP, async () => {
      const { values, positionals } = parseOptions(args, OPTIONS, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      if (values.exact && values.indefinite) throw new UsageError("choose one of --exact and --indefinite");
      const mode: ResumeTimeMode = values.exact ? "exact" : values.indefinite ? "none" : "auto";
      const settings = envSettings(process.env);
      const now = new Date(Date.now() + settings.clockOffsetMs());

      const { sections, declared } = values.from !== undefined ? fromFile(values.from, values, now) : fromFlags(args);
      const vendors = VENDOR_IDS.filter((v) => sections[v] !== undefined);
      const accounts = vendors.flatMap((vendor) => accountsOf(sections[vendor]!).map((a) => ({ vendor, ...a })));
      // Every account's missing settings at once, before any vendor call.
      const unset = accounts.map((a) => settings.unsetFor(a.vendor, a.account)).filter((m): m is string => m !== undefined);
      if (unset.length > 0) throw new Error(unset.join("\n"));
      // Pinned to the listed account, so the file cannot be applied to another project by mistake (a --from file keeps its own section).
      if (sections.huawei && values.from === undefined) {
        for (const a of accountsOf(sections.huawei)) {
          const scoped = settings.forAccount(a.account);
          const region = scoped.get("huaweiRegion");
          const projectId = scoped.get("huaweiProjectId");
          if (region) a.section.region = region;
          if (projectId) a.section.projectId = projectId;
        }
      }
      if (sections.aliyun && values.from === undefined) {
        for (const a of accountsOf(sections.aliyun)) {
          const region = settings.forAccount(a.account).aliyunRegion();
          if (region) a.section.region = region;
        }
      }

      const bans: RenderedBan[] = [];
      const windowDays = settings.renewalWindowDays();
      for (const { vendor, account, section } of accounts) {
        const adapter = adapterFromEnv(vendor, process.env, account);
        const named = isDefaultAccount(account) ? {} : { account };
        const where = isDefaultAccount(account) ? vendor : `${vendor} account ${account}`;
        let listed: Ban[];
        try {
          listed = await listBans(adapter, section.domains, progressFor(`streamblock export: ${where} bans listed:`, values.progress));
        } catch (e) {
          const keys = [...declared.values()].filter((d) => d.vendor === vendor && (d.account ?? DEFAULT_ACCOUNT) === account).map(keyOf);
          if (!(e instanceof NoBanList) || keys.length === 0) throw e;
          // tencent.md §3.5: no list on mainland accounts, but the streams the file declares can be looked up.
          process.stderr.write(`streamblock export: ${e.message}; looking up the ${keys.length} ${where} streams ${values.from} declares one by one (bans it does not declare are not found)\n`);
          listed = await lookUpBans(adapter, keys, progressFor(`streamblock export: ${where} streams looked up:`, values.progress));
        }
        for (const ban of listed) {
          const id = streamBlockId(vendor, { ...ban, ...named });
          const refused = checkInputs({ vendor, domain: ban.domain, app: ban.app, stream: ban.stream }, { now }).failures;
          if (refused.length > 0) {
            process.stderr.write(`streamblock export: left out ${id}: ${refused.map((f) => f.reason).join("; ")}\n`);
            continue;
          }
          const known = declared.get(id);
          const resumeTime = exportedResumeTime({ vendor, expiresAt: ban.expiresAt, declared: known, now, windowDays, mode });
          if (resumeTime !== undefined && Date.parse(resumeTime) - now.getTime() < MIN_REMAINING_MS) {
            process.stderr.write(`streamblock export: left out ${id}: it lifts at ${resumeTime}, within 10 minutes\n`);
            continue;
          }
          const out: RenderedBan = { vendor, ...named, domain: ban.domain, app: ban.app, stream: ban.stream };
          if (resumeTime !== undefined) out.resumeTime = resumeTime;
          if (known?.reason !== undefined) out.reason = known.reason;
          bans.push(out);
        }
      }

      const file = values.output ?? "<stdout>";
      const modeline = schemaModeline(values.output === undefined ? process.cwd() : dirname(resolve(values.output)));
      const counts = vendors.map((v) => `${v} ${bans.filter((b) => b.vendor === v).length}`).join(", ");
      const header = [
        ...(modeline ? [modeline] : []),
        `Exported by \`${commandLine(values, sections)}\` at ${formatUtcSeconds(now)}: ${bans.length} ${bans.length === 1 ? "ban" : "bans"} (${counts}).`,
        "Review and commit it (or merge its entries into your blocklist); `pulumi up` adopts these bans without lifting them.",
        ...(sections.aliyun && mode !== "none"
          ? ["Aliyun does not say when its bans lift: its bans have no resumeTime (unless --from declares one), so StreamBlock keeps them in force."]
          : []),
      ];
      const text = renderBlocklist({ vendors: sections, bans, header });

      // The file must pass the same validation `pulumi up` applies, or it is not written.
      const check = validateBlocklist(text, file, { now });
      if (!check.ok) {
        process.stderr.write(check.problems.map((p) => `${formatProblem(p)}\n`).join(""));
        throw new Error("the exported file would not be valid; nothing was written");
      }
      if (values.output === undefined) process.stdout.write(text);
      else writeFileSync(values.output, text);
      process.stderr.write(`streamblock export: ${bans.length} ${bans.length === 1 ? "ban" : "bans"} (${counts}) written to ${file}\n`);
      return 0;
    }),
};

type Sections = Partial<Record<VendorId, RenderedSection>>;
type Declared = Map<string, { vendor: VendorId; account?: string; domain: string; app: string; stream: string; resumeTime?: string; reason?: string }>;

/** A vendor section's accounts: the default one (the section itself), then each named one. */
function accountsOf(s: RenderedSection): { account: string; section: Omit<RenderedSection, "accounts"> }[] {
  return [{ account: DEFAULT_ACCOUNT, section: s }, ...Object.entries(s.accounts ?? {}).map(([account, section]) => ({ account, section }))];
}

/** Vendors and domains from `--vendor V --domain D ...`: each --domain belongs to the --vendor before it. */
function fromFlags(args: string[]): { sections: Sections; declared: Declared } {
  const { tokens } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  const sections: Sections = {};
  let current: VendorId | undefined;
  let account = DEFAULT_ACCOUNT;
  const owner = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    if (t.name === "vendor") {
      current = parseVendor(t.value);
      account = DEFAULT_ACCOUNT;
      sections[current] ??= { domains: [] };
    } else if (t.name === "account") {
      if (!current) throw new UsageError(`--account ${t.value} comes before any --vendor; write --vendor V --account NAME --domain D`);
      account = parseAccount(t.value);
      if (!isDefaultAccount(account)) (sections[current]!.accounts ??= {})[account] ??= { domains: [] };
    } else if (t.name === "domain") {
      if (!current) throw new UsageError(`--domain ${t.value} comes before any --vendor; write --vendor V --domain D`);
      const d = t.value!.toLowerCase();
      const first = owner.get(`${current} ${d}`);
      if (first !== undefined && first !== account) throw new UsageError(`--domain ${d} is given for ${current} accounts ${first} and ${account}; a push domain belongs to one account`);
      owner.set(`${current} ${d}`, account);
      const list = isDefaultAccount(account) ? sections[current]!.domains : sections[current]!.accounts![account]!.domains;
      if (!list.includes(d)) list.push(d);
    }
  }
  if (!current) throw new UsageError(`give --from FILE, or --vendor V --domain D (V one of ${VENDOR_IDS.join(", ")})`);
  for (const v of VENDOR_IDS) {
    const s = sections[v];
    if (!s) continue;
    for (const a of accountsOf(s)) {
      if (a.section.domains.length > 0) continue;
      // A vendor given only for its named accounts still needs its default account's domains in the file format.
      if (isDefaultAccount(a.account)) {
        throw new UsageError(`--vendor ${v} needs at least one --domain after it (a push domain, e.g. push.example.com)`);
      }
      throw new UsageError(`--vendor ${v} --account ${a.account} needs at least one --domain after it (a push domain, e.g. push.example.com)`);
    }
  }
  return { sections, declared: new Map() };
}

/** Vendors, domains and declared bans from an existing blocklist file (which must be valid). */
function fromFile(file: string, values: { vendor?: string[]; account?: string[]; domain?: string[] }, now: Date): { sections: Sections; declared: Declared } {
  if (values.vendor || values.domain || values.account) throw new UsageError("--from takes the vendors, accounts and domains from the file; leave out --vendor, --account and --domain");
  const { blocklist, bans } = loadBlocklist(file, { now });
  const sections: Sections = {};
  for (const v of VENDOR_IDS) {
    const s = blocklist.vendors[v];
    if (!s) continue;
    const one = (a: { domains: string[]; region?: string; projectId?: string; site?: string }): RenderedSection => {
      const section: RenderedSection = { domains: [...new Set(a.domains.map((d) => d.toLowerCase()))] };
      if (a.region) section.region = a.region;
      if (a.projectId) section.projectId = a.projectId;
      if (a.site) section.site = a.site;
      return section;
    };
    const section = one(s);
    const named = Object.entries(s.accounts ?? {});
    if (named.length > 0) section.accounts = Object.fromEntries(named.map(([a, as]) => [a, one(as)]));
    sections[v] = section;
  }
  const declared: Declared = new Map(bans.map((b) => [b.name, b]));
  return { sections, declared };
}

/** The command as it could be typed again, for the file's header. */
function commandLine(values: { from?: string; exact?: boolean; indefinite?: boolean }, sections: Sections): string {
  const domains = (ds: string[]) => ds.map((d) => `--domain ${d}`).join(" ");
  const source =
    values.from !== undefined
      ? `--from ${values.from}`
      : VENDOR_IDS.filter((v) => sections[v])
          .map((v) => [`--vendor ${v} ${domains(sections[v]!.domains)}`, ...Object.entries(sections[v]!.accounts ?? {}).map(([a, s]) => `--account ${a} ${domains(s.domains)}`)].join(" "))
          .join(" ");
  return `streamblock export ${source}${values.exact ? " --exact" : ""}${values.indefinite ? " --indefinite" : ""}`;
}

function keyOf(b: StreamKey): StreamKey {
  return { domain: b.domain, app: b.app, stream: b.stream };
}
