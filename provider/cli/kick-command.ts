// `streamblock kick`: disconnects a stream's current push once (the streamer may push again), with the provider's credentials.
import { DEFAULT_APP } from "../resource/stream-block-inputs";
import { streamBlockId } from "../resource/stream-block-id";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { CREDENTIALS_HELP, ONE_STREAM_OPTIONS, adapterFromEnv, parseOneStream, runVendorCommand } from "./vendor-connection";

const HELP = `usage: streamblock kick --vendor V [--account NAME] --domain D [--app A] STREAM

Disconnects the stream's current push once: Tencent DropLiveStream, Aliyun ForbidLiveStream with
Oneshot=yes, Huawei block-once. It bans nothing; to keep a stream off the air, add it to the blocklist.

  --vendor V    huawei, tencent or aliyun
  --account N   a named vendor account (default: the default account)
  --domain D    the push domain
  --app A       the app (push path), default ${DEFAULT_APP}

${CREDENTIALS_HELP}
`;

export const kickCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("kick", HELP, async () => {
      const { values, positionals } = parseOptions(args, ONE_STREAM_OPTIONS, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const { vendor, account, key } = parseOneStream("kick", values, positionals);
      const r = await adapterFromEnv(vendor, process.env, account).kick(key);
      process.stdout.write(`kicked ${streamBlockId(vendor, { ...key, account })}${r.requestId ? ` (request id ${r.requestId})` : ""}\n`);
      return 0;
    }),
};
