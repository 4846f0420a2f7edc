// `streamblock prune`: deletes finished entries (resume time passed) from blocklist files, keeping comments and layout.
import { realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { formatProblem } from "../blocklist/blocklist-problem";
import { BlocklistError, readBlocklistText, UnreadableBlocklistError } from "../blocklist/load-blocklist";
import { pruneBlocklist } from "../blocklist/prune-blocklist";
import { ProviderSettings } from "../resource/provider-settings";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { UsageError, runCommand } from "./run-command";

const HELP = `usage: streamblock prune [--dry-run | --check] FILE...

Deletes every finished entry from each FILE: an entry whose resumeTime has passed (by this machine's
clock, shifted by STREAMBLOCK_CLOCK_OFFSET_SECONDS) bans nothing any more. Each goes with its lines and
the comment lines directly above it; every other line stays byte for byte. A list left empty becomes
streams: []. An invalid file is not touched (fix its problems first: streamblock validate FILE).

  --dry-run   print what would be deleted; change nothing
  --check     the same, and exit 1 if anything would be deleted (a CI gate)

Prints FILE:LINE: deleted streams[N] ... for each entry. Exit status: 0 done (or nothing to delete),
1 an invalid file (or --check found finished entries), 2 usage error or unreadable file.
`;

export const pruneCommand: CliRunner = {
  run: (args) =>
    runCommand("prune", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        { "dry-run": { type: "boolean" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } },
        true,
      );
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length === 0) throw new UsageError("give at least one FILE");
      if (values["dry-run"] && values.check) throw new UsageError("give --dry-run or --check, not both");
      const write = !values["dry-run"] && !values.check;
      const now = new Date(Date.now() + new ProviderSettings(() => undefined, process.env).clockOffsetMs());
      let failed = false;
      for (const file of positionals) {
        let text: string;
        try {
          text = readBlocklistText(file);
        } catch (e) {
          if (e instanceof UnreadableBlocklistError) {
            process.stderr.write(`streamblock prune: cannot read ${file}: ${e.reason}\n`);
            return 2;
          }
          if (!(e instanceof BlocklistError)) throw e;
          process.stderr.write(e.problems.map((p) => `${formatProblem(p)}\n`).join(""));
          failed = true;
          continue;
        }
        const r = pruneBlocklist(text, file, { now });
        if (!r.ok) {
          process.stderr.write(r.problems.map((p) => `${formatProblem(p)}\n`).join(""));
          process.stderr.write(`${file}: not pruned; nothing was written\n`);
          failed = true;
          continue;
        }
        const verb = write ? "deleted" : "would delete";
        for (const e of r.removed) {
          process.stdout.write(`${file}:${e.line}: ${verb} streams[${e.index}] (stream ${e.stream}, app ${e.app ?? "live"}): its resumeTime ${e.resumeTime} has passed\n`);
        }
        const n = r.removed.length;
        process.stdout.write(n === 0 ? `${file}: no finished entries\n` : `${file}: ${verb} ${n} finished ${n === 1 ? "entry" : "entries"}\n`);
        if (n > 0 && write) writeAtomically(file, r.text);
        if (n > 0 && values.check) failed = true;
      }
      return failed ? 1 : 0;
    }),
};

/** Replaces the file (through a symbolic link, its target) in one rename, keeping its mode. */
function writeAtomically(file: string, text: string): void {
  const target = realpathSync(file);
  const tmp = join(dirname(target), `.${basename(target)}.streamblock-prune-${process.pid}`);
  writeFileSync(tmp, text, { mode: statSync(target).mode & 0o7777 });
  renameSync(tmp, target);
}
