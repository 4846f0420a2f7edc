// `streamblock validate`: checks blocklist files for pull requests; exit 0 valid, 1 invalid, 2 usage; GitHub annotations on request.
import { readFileSync } from "node:fs";
import { formatGithubAnnotation, formatProblem } from "../blocklist/blocklist-problem";
import { validateBlocklist } from "../blocklist/validate-blocklist";
import { readFailure } from "../blocklist/load-blocklist";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { UsageError, runCommand } from "./run-command";
import { ProviderSettings } from "../resource/provider-settings";

const HELP = `usage: streamblock validate [--format human|github] FILE...

Checks blocklist files without calling any vendor: YAML syntax, the schema (unknown keys too),
narrowing to configured vendors and domains, duplicate bans, resume times (not past, within each
vendor's maximum, by this machine's clock) and Aliyun's 10,000 bans per account. Reports every
problem as FILE:LINE:COLUMN: KEY: MESSAGE.

  --format human    (default) problems on stderr, a summary per valid file on stdout
  --format github   problems as ::error workflow commands on stdout, which GitHub Actions shows on
                    the pull request's lines

Exit status: 0 every file is valid, 1 a file is invalid, 2 usage error or unreadable file.
`;

export const validateCommand: CliRunner = {
  run: (args) =>
    runCommand("validate", HELP, async () => {
      const { values, positionals } = parseOptions(args, { format: { type: "string" }, help: { type: "boolean", short: "h" } }, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const format = values.format ?? "human";
      if (format !== "human" && format !== "github") throw new UsageError(`--format must be human or github, got "${format}"`);
      if (positionals.length === 0) throw new UsageError("give at least one FILE");
      const now = new Date(Date.now() + new ProviderSettings(() => undefined, process.env).clockOffsetMs());
      let invalid = false;
      for (const file of positionals) {
        let text: string;
        try {
          text = readFileSync(file, "utf8");
        } catch (e) {
          process.stderr.write(`streamblock validate: cannot read ${file}: ${readFailure(e)}\n`);
          return 2;
        }
        const r = validateBlocklist(text, file, { now });
        if (r.ok) {
          const per = Object.entries(countBy(r.bans.map((b) => b.vendor))).map(([v, n]) => `${v} ${n}`);
          process.stdout.write(`${file}: valid, ${r.bans.length} ${r.bans.length === 1 ? "ban" : "bans"}${per.length ? ` (${per.join(", ")})` : ""}\n`);
          continue;
        }
        invalid = true;
        if (format === "github") process.stdout.write(r.problems.map((p) => `${formatGithubAnnotation(p)}\n`).join(""));
        else process.stderr.write(r.problems.map((p) => `${formatProblem(p)}\n`).join(""));
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
