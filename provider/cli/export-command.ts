// `streamblock export`: writes a vendor's live bans on push domains as a valid blocklist file, so `pulumi up` can adopt them.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Ban } from "../vendors/adapter";
import { formatUtcSeconds } from "../vendors/utc-time";
import { checkInputs } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import { formatProblem } from "../blocklist/blocklist-problem";
import { renderBlocklist } from "../blocklist/render-blocklist";
import { schemaModeline } from "../blocklist/schema-location";
import { validateBlocklist } from "../blocklist/validate-blocklist";
import type { CliRunner } from "./main";
import { listBans } from "./list-bans";
import { parseOptions } from "./parse-options";
import { progressFor } from "./progress-counter";
import { CREDENTIALS_HELP, adapterFromEnv, envSettings, parseDomains, parseVendor, runVendorCommand } from "./vendor-connection";
import { UsageError } from "./run-command";

/** Bans lifting sooner than this are left out: they would be gone, or invalid, by the time the file is applied. */
const MIN_REMAINING_MS = 10 * 60_000;

const HELP = `usage: streamblock export --vendor V --domain D [--domain D2 ...] [-o FILE] [--indefinite] [--progress]

Writes the bans a vendor holds on push domains as a blocklist file (to stdout, or FILE). This is how a
team adopts existing bans: export, review and commit the file, and \`pulumi up\` takes the bans over
without lifting them.

  --vendor V       huawei, tencent or aliyun
  --domain D       a push domain; repeat for more
  -o, --output F   write to F instead of stdout
  --indefinite     leave resume times out, so StreamBlock keeps every ban in force (renewing it);
                   by default each ban keeps the expiry the vendor holds (Aliyun's list has none)
  --progress       count listed bans on stderr even when it is not a terminal

Bans that lift within 10 minutes, and names StreamBlock refuses (wildcards, "/" in the app), are left
out with a note on stderr.

${CREDENTIALS_HELP}
`;

export const exportCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("export", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        {
          vendor: { type: "string" },
          domain: { type: "string", multiple: true },
          output: { type: "string", short: "o" },
          indefinite: { type: "boolean" },
          progress: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
        true,
      );
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const vendor = parseVendor(values.vendor);
      const domains = parseDomains(values.domain);
      const settings = envSettings(process.env);
      const now = new Date(Date.now() + settings.clockOffsetMs());
      const listed = await listBans(adapterFromEnv(vendor, process.env), domains, progressFor(`streamblock export: ${vendor} bans listed:`, values.progress));

      const bans: Ban[] = [];
      for (const ban of listed) {
        const id = streamBlockId(vendor, ban);
        const refused = checkInputs({ vendor, domain: ban.domain, app: ban.app, stream: ban.stream }, { now }).failures;
        if (refused.length > 0) {
          process.stderr.write(`streamblock export: left out ${id}: ${refused.map((f) => f.reason).join("; ")}\n`);
        } else if (!values.indefinite && ban.expiresAt && ban.expiresAt.getTime() - now.getTime() < MIN_REMAINING_MS) {
          process.stderr.write(`streamblock export: left out ${id}: it lifts at ${formatUtcSeconds(ban.expiresAt)}, within 10 minutes\n`);
        } else {
          bans.push(ban);
        }
      }

      const file = values.output ?? "<stdout>";
      const modeline = schemaModeline(values.output === undefined ? process.cwd() : dirname(resolve(values.output)));
      const command = `streamblock export --vendor ${vendor} ${domains.map((d) => `--domain ${d}`).join(" ")}${values.indefinite ? " --indefinite" : ""}`;
      const header = [
        ...(modeline ? [modeline] : []),
        `Exported by \`${command}\` at ${formatUtcSeconds(now)}: ${bans.length} ${bans.length === 1 ? "ban" : "bans"}.`,
        "Review and commit it (or merge its entries into your blocklist); `pulumi up` adopts these bans without lifting them.",
        ...(vendor === "aliyun" && !values.indefinite ? ["Aliyun does not say when its bans lift: these have no resumeTime, so StreamBlock keeps them in force."] : []),
      ];
      const huawei = { region: settings.get("huaweiRegion"), projectId: settings.get("huaweiProjectId") };
      const text = renderBlocklist({ vendor, domains, bans, header, huawei, indefinite: values.indefinite });

      // The file must pass the same validation `pulumi up` applies, or it is not written.
      const check = validateBlocklist(text, file, { now });
      if (!check.ok) {
        process.stderr.write(check.problems.map((p) => `${formatProblem(p)}\n`).join(""));
        throw new Error("the exported file would not be valid; nothing was written");
      }
      if (values.output === undefined) process.stdout.write(text);
      else writeFileSync(values.output, text);
      process.stderr.write(`streamblock export: ${bans.length} ${bans.length === 1 ? "ban" : "bans"} of ${vendor} written to ${file}\n`);
      return 0;
    }),
};
