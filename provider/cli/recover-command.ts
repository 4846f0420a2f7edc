// `streamblock recover`: the step a pipeline runs before every `pulumi up`, recovering the stack from a killed run.
import { resolve } from "node:path";
import { recoverStack, RecoverRefused } from "../engine/recover-stack";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { UsageError } from "./run-command";
import { CREDENTIALS_HELP, runVendorCommand } from "./vendor-connection";

const HELP = `usage: streamblock recover [--stack NAME] [--cwd DIR] [--adopt-unrecorded] [--provider-wait-seconds N]

Run it before every \`pulumi up\`, unconditionally: when no run died it only reads and exits 0. After a
killed \`pulumi up\` (a CI timeout, SIGKILL) it makes the bans the dead run applied or lifted visible
to the next up, so the up leaves the vendors as the file says:
  1. refuses while the stack's lock is held by a pulumi process still running on this machine;
  2. waits until the dead run's provider processes have exited (their calls in flight end with them);
  3. removes the dead run's lock (\`pulumi cancel\`) and tags the stack streamblock:recovery until
     step 5 has succeeded, so a recovery that fails half-way is finished by the next recover;
  4. turns the bans it had started into resources of the stack (made by this stack, not adopted): the
     next up keeps those the file declares and lifts the rest; resources it was deleting are kept;
  5. \`pulumi refresh\`: state then holds what the vendors hold, so the next up restores a ban whose
     late resume landed.
It runs the \`pulumi\` on PATH in the project directory, with the same environment as \`pulumi up\`.

  --stack NAME               the stack (default: the selected one)
  --cwd DIR                  the Pulumi project directory (default: the current one)
  --adopt-unrecorded         with PULUMI_SKIP_CHECKPOINTS, take bans found at the vendors on the stack's
                             domains that no state records into state (see below)
  --provider-wait-seconds N  how long to wait for a dead run's provider processes (default 120)

PULUMI_SKIP_CHECKPOINTS=true (set it for recover too) writes state only at the end: a killed run leaves
no record of the bans it applied. Recover then lists the vendors' bans on the stack's domains and exits
1 naming those no state records, until you either remove them or confirm they are this stack's with
--adopt-unrecorded. Each vendor account's domains are listed with that account's credentials, read from
the environment:
${CREDENTIALS_HELP}

Exit status: 0 recovered or nothing to recover, 1 refused or failed (the message says why), 2 usage.
`;

export const recoverCommand: CliRunner = {
  run: (args) =>
    runVendorCommand("recover", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        {
          stack: { type: "string", short: "s" },
          cwd: { type: "string", short: "C" },
          "adopt-unrecorded": { type: "boolean" },
          "provider-wait-seconds": { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        true,
      );
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      if (values.stack === "") throw new UsageError("--stack must name a stack");
      let providerWaitMs: number | undefined;
      if (values["provider-wait-seconds"] !== undefined) {
        const n = Number(values["provider-wait-seconds"]);
        if (!Number.isInteger(n) || n < 0) throw new UsageError(`--provider-wait-seconds must be a whole number of seconds, got "${values["provider-wait-seconds"]}"`);
        providerWaitMs = n * 1000;
      }
      try {
        const r = await recoverStack({
          cwd: resolve(values.cwd ?? "."),
          ...(values.stack === undefined ? {} : { stack: values.stack }),
          env: process.env,
          adoptUnrecorded: values["adopt-unrecorded"] ?? false,
          ...(providerWaitMs === undefined ? {} : { providerWaitMs }),
          log: (line) => process.stderr.write(`streamblock recover: ${line}\n`),
        });
        if (r.recovered) process.stderr.write("streamblock recover: done; run pulumi up next\n");
        return 0;
      } catch (e) {
        if (e instanceof RecoverRefused) {
          process.stderr.write(`streamblock recover: ${e.message}\n`);
          return 1;
        }
        throw e;
      }
    }),
};
