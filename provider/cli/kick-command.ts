// `streamblock kick`: disconnects a stream's current push once (the streamer may push again), with the provider's credentials.
import { DEFAULT_APP, checkInputs } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { CREDENTIALS_HELP, adapterFromEnv, parseDomains, parseVendor, runVendorCommand } from "./vendor-connection";
import { UsageError } from "./run-command";

const HELP = `usage: streamblock kick --vendor V --domain D [--app A] STREAM

Disconnects the stream's current push once: Tencent DropLiveStream, Aliyun ForbidLiveStream with
Oneshot=yes, Huawei block-once. It bans nothing; to keep a stream off the air, add it to the blocklist.

  --vendor V    huawei, tencent or aliyun
  --domain D    the push domain
  --app A       the app (push path), default ${DEFAULT_APP}

${CREDENTIALS_HELP}
`;

export const kickCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("kick", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        {
          vendor: { type: "string" },
          domain: { type: "string", multiple: true },
          app: { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        true,
      );
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const vendor = parseVendor(values.vendor);
      const domains = parseDomains(values.domain);
      if (domains.length > 1) throw new UsageError("kick takes one --domain");
      if (positionals.length !== 1 || !positionals[0]) throw new UsageError("give exactly one STREAM to kick");
      const key = { domain: domains[0]!, app: values.app ?? DEFAULT_APP, stream: positionals[0] };
      // The resource's own rules: no wildcards, no "/" in the app, a real domain.
      const checked = checkInputs({ vendor, ...key }, { now: new Date() });
      if (checked.failures.length > 0) throw new UsageError(checked.failures.map((f) => f.reason).join("; "));
      const r = await adapterFromEnv(vendor, process.env).kick(key);
      process.stdout.write(`kicked ${streamBlockId(vendor, key)}${r.requestId ? ` (request id ${r.requestId})` : ""}\n`);
      return 0;
    }),
};
