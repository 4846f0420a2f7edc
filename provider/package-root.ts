// Finds the installed pulumi-streamblock package's root (its package.json) from one of its own files.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageInfo {
  root: string;
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The nearest directory above `from` whose package.json is pulumi-streamblock's, and what it declares. */
export function streamblockPackage(from: string = __dirname): PackageInfo {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pj = JSON.parse(readFileSync(file, "utf8"));
    if (pj.name !== "pulumi-streamblock") continue;
    return { root: dir, version: pj.version, peerDependencies: pj.peerDependencies ?? {}, devDependencies: pj.devDependencies ?? {} };
  }
  throw new Error(`no pulumi-streamblock package.json above ${from}`);
}
