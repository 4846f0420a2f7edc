// The shard report of `streamblock validate --shards`: the project's stacks against the whole file, as problems on the file's account lines.
import { LineCounter, parseDocument } from "yaml";
import type { BlocklistProblem } from "./blocklist-problem";
import type { Blocklist } from "./blocklist-schema";
import type { BlockSpec } from "./expand-blocklist";
import { formatKeyPath } from "./schema-issue-message";
import { describeOverlap, describeUncovered, describeUnmatched, describeWholeFile, fileAccounts, shardCoverage } from "./shard-coverage";
import { accountsOf } from "./shard-plan";
import { SourcePositions, type KeyPath } from "./source-positions";
import { readProjectStacks } from "./stack-shards";
import { isDefaultAccount } from "../resource/vendor-account";

/**
 * Every stack's shard in `projectDir` checked against the file (`text`, already valid): a ban no stack
 * applies, an account two stacks claim and an unreadable setting are errors; a selector matching nothing
 * and a whole-file stack beside sharded ones are warnings. No stack config file at all is an error (nothing
 * would apply the file). An account's problems point at its key in the file, the others at its first line.
 */
export function shardProblems(blocklist: Blocklist, bans: BlockSpec[], text: string, projectDir: string, file: string): BlocklistProblem[] {
  const lines = new LineCounter();
  const positions = new SourcePositions(parseDocument(text, { lineCounter: lines }), lines);
  const at = (message: string, severity?: "warning", account?: { vendor: string; account: string }): BlocklistProblem => {
    let place = { line: 1, column: 1 };
    let path: KeyPath = [];
    if (account) {
      const named = !isDefaultAccount(account.account);
      path = named ? ["vendors", account.vendor, "accounts", account.account] : ["vendors", account.vendor];
      place = named ? positions.ofKey(["vendors", account.vendor, "accounts"], account.account) : positions.ofKey(["vendors"], account.vendor);
    }
    return { file, ...place, path: formatKeyPath(path), message: `shards: ${message}`, ...(severity ? { severity } : {}) };
  };
  const project = readProjectStacks(projectDir);
  const out = project.problems.map((p) => at(p));
  if (project.stacks.length === 0 && project.problems.length === 0) {
    return [at(`no stack config file (Pulumi.<stack>.yaml) in ${projectDir}: no stack applies this file; give the project directory, or commit the stacks' config files`)];
  }
  const c = shardCoverage(fileAccounts(accountsOf(blocklist), bans), project.stacks);
  const stacks = project.stacks.map((s) => s.stack);
  out.push(...c.uncovered.map((a) => at(describeUncovered(a, stacks), undefined, a)));
  out.push(...c.overlaps.map((o) => at(describeOverlap(o), undefined, o)));
  out.push(...c.unmatched.map((u) => at(describeUnmatched(u), "warning")));
  out.push(...c.wholeFile.map((s) => at(describeWholeFile(s), "warning")));
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
