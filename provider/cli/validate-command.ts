// `streamblock validate`: checks blocklist files for pull requests; exit 0 valid, 1 invalid, 2 usage; GitHub annotations on request.
import { formatGithubAnnotation, formatProblem, type BlocklistProblem } from "../blocklist/blocklist-problem";
import { validateBlocklist } from "../blocklist/validate-blocklist";
import { BlocklistError, readBlocklistText, UnreadableBlocklistError } from "../blocklist/load-blocklist";
import type { BaseFile } from "../blocklist/finished-entries";
import type { CliRunner } from "./main";
import { fileAtGitRef } from "./file-at-git-ref";
import { parseOptions } from "./parse-options";
import { UsageError, runCommand } from "./run-command";
import { ProviderSettings } from "../resource/provider-settings";
import { shardProblems } from "../blocklist/shard-problems";

const HELP = `usage: streamblock validate [--format human|github] [--base GIT-REVISION] [--shards PROJECT-DIR] FILE...

Checks blocklist files without calling any vendor: size, YAML syntax (no tags beyond plain strings,
lists and mappings), the schema (unknown keys too), narrowing to configured vendors and domains,
duplicate bans, resume times (within each vendor's maximum, by this machine's clock) and Aliyun's
10,000 bans per account. Reports every problem in one run as FILE:LINE:COLUMN: KEY: MESSAGE.

An entry whose resume time has passed is finished: its ban ran its course and it declares nothing.
It is a warning (delete it, or run streamblock prune FILE), so that time passing cannot fail a
scheduled run; with --base it is an error in an entry the change itself adds or retimes.

  --base REV        compare with each FILE as it is at git revision REV (a pull request's target,
                    e.g. origin/main): a resume time already past is then an error in an entry the
                    change adds or retimes; entries REV already had stay warnings
  --shards DIR      also check the shards of the stacks whose config files (Pulumi.<stack>.yaml) are in
                    the project directory DIR (or its stackConfigDir): bans on a vendor account no
                    stack's streamblock:shard covers, an account two stacks claim and malformed
                    settings are errors; a selector naming no account of the file and a stack
                    without a shard beside sharded ones are warnings. Stacks configured elsewhere
                    are not seen
  --format human    (default) problems and warnings on stderr, a summary per valid file on stdout
  --format github   problems and warnings as ::error / ::warning workflow commands on stdout, which
                    GitHub Actions shows on the pull request's lines

Exit status: 0 every file is valid, 1 a file is invalid, 2 usage error or unreadable file.
Warnings alone leave the status 0.
`;

export const validateCommand: CliRunner = {
  run: (args) =>
    runCommand("validate", HELP, async () => {
      const { values, positionals } = parseOptions(
        args,
        { format: { type: "string" }, base: { type: "string" }, shards: { type: "string" }, help: { type: "boolean", short: "h" } },
        true,
      );
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const format = values.format ?? "human";
      if (format !== "human" && format !== "github") throw new UsageError(`--format must be human or github, got "${format}"`);
      if (positionals.length === 0) throw new UsageError("give at least one FILE");
      const now = new Date(Date.now() + new ProviderSettings(() => undefined, process.env).clockOffsetMs());
      const print = (items: BlocklistProblem[]) => {
        if (format === "github") process.stdout.write(items.map((p) => `${formatGithubAnnotation(p)}\n`).join(""));
        else process.stderr.write(items.map((p) => `${formatProblem(p)}\n`).join(""));
      };
      let invalid = false;
      for (const file of positionals) {
        let text: string;
        try {
          text = readBlocklistText(file);
        } catch (e) {
          if (e instanceof UnreadableBlocklistError) {
            process.stderr.write(`streamblock validate: cannot read ${file}: ${e.reason}\n`);
            return 2;
          }
          if (!(e instanceof BlocklistError)) throw e;
          invalid = true;
          print(e.problems);
          process.stderr.write(`${file}: 1 problem; nothing in it would be applied\n`);
          continue;
        }
        const base: BaseFile | undefined = values.base === undefined ? undefined : fileAtGitRef(file, values.base);
        const r = validateBlocklist(text, file, { now, ...(base === undefined ? {} : { base }) });
        const all = [...r.problems, ...r.warnings].sort((a, b) => a.line - b.line || a.column - b.column);
        print(all);
        if (r.ok && values.shards !== undefined) {
          const shards = shardProblems(r.blocklist, r.bans, text, values.shards, file);
          print(shards);
          if (shards.some((p) => p.severity === undefined)) {
            invalid = true;
            process.stderr.write(`${file}: the shards of the stacks in ${values.shards} have the problems above\n`);
            continue;
          }
        }
        if (r.ok) {
          const per = Object.entries(countBy(r.bans.map((b) => b.vendor))).map(([v, n]) => `${v} ${n}`);
          const finished = r.finished.length ? `; ${r.finished.length} finished ${r.finished.length === 1 ? "entry" : "entries"} to delete (streamblock prune ${file})` : "";
          process.stdout.write(`${file}: valid, ${r.bans.length} ${r.bans.length === 1 ? "ban" : "bans"}${per.length ? ` (${per.join(", ")})` : ""}${finished}\n`);
          continue;
        }
        invalid = true;
        process.stderr.write(`${file}: ${r.problems.length} ${r.problems.length === 1 ? "problem" : "problems"}; nothing in it would be applied\n`);
      }
      return invalid ? 1 : 0;
    }),
};

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}
