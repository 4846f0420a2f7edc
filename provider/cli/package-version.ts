// The installed package's version, from its package.json (found by walking up: dist/ and sources sit at different depths).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The `version` of the nearest package.json named pulumi-streamblock above `from`. */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pj = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pj.name === "pulumi-streamblock" && pj.version) return pj.version;
  }
  throw new Error(`no package.json of pulumi-streamblock above ${from}`);
}
