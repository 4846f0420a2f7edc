// `streamblock resume`: lifts one ban now, for incident responders; the blocklist still decides what the next refreshing `up` does.
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { CREDENTIALS_HELP, ONE_STREAM_OPTIONS, adapterFromEnv, envSettings, parseOneStream, runVendorCommand } from "./vendor-connection";

const HELP = `usage: streamblock resume --vendor V [--account NAME] --domain D [--app A] STREAM

Lifts the ban on one stream now (Huawei DELETE stream/blocks, Tencent and Aliyun ResumeLiveStream),
for an incident that cannot wait for a reviewed change. It does not touch the blocklist or the stack:
while the blocklist still declares the stream, the next \`pulumi up --refresh\` (the scheduled run)
bans it again. Remove its entry to keep it lifted. A stream that is not banned is left as it is.

  --vendor V    huawei, tencent or aliyun
  --account N   a named vendor account (default: the default account)
  --domain D    the push domain
  --app A       the app (push path), default ${DEFAULT_APP}

${CREDENTIALS_HELP}
`;

export const resumeCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("resume", HELP, async () => {
      const { values, positionals } = parseOptions(args, ONE_STREAM_OPTIONS, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const { vendor, account, key } = parseOneStream("resume", values, positionals);
      const id = streamBlockId(vendor, { ...key, account });
      const adapter = adapterFromEnv(vendor, process.env, account);
      const held = await adapter.lookup(key);
      if (!held) {
        process.stdout.write(`${id} is not banned; nothing to resume\n`);
        return 0;
      }
      const r = await adapter.resume(key);
      for (const note of r.notes) process.stderr.write(`streamblock resume: ${id}: ${note}\n`);
      const lines = [`resumed ${id}${r.requestId ? ` (request id ${r.requestId})` : ""}`];
      if (vendor === "tencent" && envSettings(process.env).forAccount(account).tencentMatching() === "stream-name") {
        // tencent.md §3.1: without strict matching a ban is keyed on the stream name, so this lifted it on every domain.
        lines.push(`Tencent matches bans by stream name on this account: ${key.stream} is now unbanned on every domain.`);
      }
      lines.push(
        "If a blocklist still declares this stream, the next `pulumi up --refresh` bans it again (a plain `pulumi up` does not look at the vendor);",
        "remove its entry from the blocklist to keep it lifted.",
      );
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    }),
};
