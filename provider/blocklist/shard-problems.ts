// The shard report of `streamblock validate --shards`: the project's stacks against the whole file, as problems on the file.
import type { BlocklistProblem } from "./blocklist-problem";
import type { Blocklist } from "./blocklist-schema";
import type { BlockSpec } from "./expand-blocklist";
import { describeOverlap, describeUncovered, describeUnmatched, describeWholeFile, fileAccounts, shardCoverage } from "./shard-coverage";
import { accountsOf } from "./shard-plan";
import { readProjectStacks } from "./stack-shards";

/**
 * Every stack's shard in `projectDir` checked against the file: a ban no stack applies, an account two
 * stacks claim and an unreadable setting are errors; a selector matching nothing and a whole-file stack
 * beside sharded ones are warnings. No stack config file at all is an error (nothing would apply the file).
 */
export function shardProblems(blocklist: Blocklist, bans: BlockSpec[], projectDir: string, file: string): BlocklistProblem[] {
  const project = readProjectStacks(projectDir);
  const at = (message: string, severity?: "warning"): BlocklistProblem => ({ file, line: 1, column: 1, path: "", message: `shards: ${message}`, ...(severity ? { severity } : {}) });
  const out = project.problems.map((p) => at(p));
  if (project.stacks.length === 0 && project.problems.length === 0) {
    return [at(`no stack config file (Pulumi.<stack>.yaml) in ${projectDir}: no stack applies this file; give the project directory, or commit the stacks' config files`)];
  }
  const c = shardCoverage(fileAccounts(accountsOf(blocklist), bans), project.stacks);
  const stacks = project.stacks.map((s) => s.stack);
  out.push(...c.uncovered.map((a) => at(describeUncovered(a, stacks))));
  out.push(...c.overlaps.map((o) => at(describeOverlap(o))));
  out.push(...c.unmatched.map((u) => at(describeUnmatched(u), "warning")));
  out.push(...c.wholeFile.map((s) => at(describeWholeFile(s), "warning")));
  return out;
}
