// Reads the shard setting of every stack of a project from its stack config files (Pulumi.<stack>.yaml).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { parseShardSetting, ShardSettingError, SHARD_KEY } from "./shard-selector";
import type { StackShard } from "./shard-coverage";

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

export interface ProjectStacks {
  stacks: StackShard[];
  /** Stack files that could not be read or hold a malformed shard setting, each with why. */
  problems: string[];
}

/**
 * The stacks whose config files are in the project directory (or its Pulumi.yaml's `stackConfigDir`), with
 * their shards. A stack whose config lives elsewhere (set only in CI, or in Pulumi Cloud ESC) is not seen.
 */
export function readProjectStacks(projectDir: string): ProjectStacks {
  const configDir = stackConfigDir(projectDir);
  const stacks: StackShard[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = readdirSync(configDir).sort();
  } catch {
    return { stacks, problems: [`cannot read the stack config directory ${configDir}`] };
  }
  for (const name of names) {
    const m = STACK_FILE.exec(name);
    if (!m) continue;
    const file = join(configDir, name);
    const stack = m[1]!;
    try {
      const doc = parse(readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
      const shard = parseShardSetting(doc?.config?.[SHARD_KEY], `stack ${stack} (${file})`);
      stacks.push(shard ? { stack, shard } : { stack });
    } catch (e) {
      problems.push(e instanceof ShardSettingError ? e.message : `cannot read ${file}: ${(e as Error).message}`);
    }
  }
  return { stacks, problems };
}

/** Where the stack config files are: Pulumi.yaml's `stackConfigDir`, else the project directory itself. */
function stackConfigDir(projectDir: string): string {
  for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
    const p = join(projectDir, f);
    if (!existsSync(p)) continue;
    try {
      const dir = (parse(readFileSync(p, "utf8")) as { stackConfigDir?: unknown } | null)?.stackConfigDir;
      if (typeof dir === "string" && dir !== "") return resolve(projectDir, dir);
    } catch {
      // An unreadable Pulumi.yaml fails the pulumi command itself; the files are then looked for beside it.
    }
  }
  return projectDir;
}
