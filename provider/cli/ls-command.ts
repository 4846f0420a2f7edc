// `streamblock ls`: a vendor's live bans on push domains, as a table (or JSON), read with the provider's credentials.
import { formatUtcSeconds } from "../vendors/utc-time";
import type { CliRunner } from "./main";
import { banTable } from "./ban-table";
import { listBans } from "./list-bans";
import { parseOptions } from "./parse-options";
import { progressFor } from "./progress-counter";
import { CREDENTIALS_HELP, adapterFromEnv, parseAccount, parseDomains, parseVendor, runVendorCommand } from "./vendor-connection";
import { isDefaultAccount } from "../resource/vendor-account";
import { UsageError } from "./run-command";

const HELP = `usage: streamblock ls --vendor V [--account NAME] --domain D [--domain D2 ...] [--json] [--progress]

Lists the bans a vendor holds on push domains, as a table (DOMAIN APP STREAM EXPIRES).
Aliyun's list carries no expiry: its EXPIRES column shows "-".

  --vendor V    huawei, tencent or aliyun
  --account N   a named vendor account (default: the default account)
  --domain D    a push domain; repeat for more
  --json        one JSON array instead of the table
  --progress    count listed bans on stderr even when it is not a terminal

${CREDENTIALS_HELP}
`;

export const lsCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("ls", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        {
          vendor: { type: "string" },
          account: { type: "string" },
          domain: { type: "string", multiple: true },
          json: { type: "boolean" },
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
      const account = parseAccount(values.account);
      const domains = parseDomains(values.domain);
      const adapter = adapterFromEnv(vendor, process.env, account);
      const named = isDefaultAccount(account) ? {} : { account };
      const where = isDefaultAccount(account) ? vendor : `${vendor} account ${account}`;
      const bans = await listBans(adapter, domains, progressFor(`streamblock ls: ${vendor} bans listed:`, values.progress));
      if (values.json) {
        const rows = bans.map((b) => ({ vendor, ...named, domain: b.domain, app: b.app, stream: b.stream, expiresAt: b.expiresAt ? formatUtcSeconds(b.expiresAt) : null }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      if (bans.length > 0) process.stdout.write(banTable(bans));
      process.stdout.write(`${bans.length} ${bans.length === 1 ? "ban" : "bans"} on ${where} ${domains.join(", ")}\n`);
      return 0;
    }),
};
