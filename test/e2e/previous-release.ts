// The package as built before vendor accounts existed (a fixed git commit), compiled once into node_modules/.cache, for upgrade tests.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

/** The last integration commit before accounts: every stack made with it has ids `vendor/domain/app/stream`. */
export const PRE_ACCOUNTS_COMMIT = "33bde7edcd718b39ca4922caeeafe18b1172690b";

/**
 * The directory holding `package.json` and `dist/provider` of the package at `commit`, built with this
 * repository's TypeScript and dependencies. Needs the commit in the git history (a full clone).
 */
export function previousRelease(commit: string = PRE_ACCOUNTS_COMMIT): string {
  const dir = join(PACKAGE_ROOT, "node_modules", ".cache", "streamblock-previous", commit);
  if (existsSync(join(dir, "dist", "provider", "index.js"))) return dir;
  try {
    execFileSync("git", ["-C", PACKAGE_ROOT, "cat-file", "-e", `${commit}^{commit}`], { stdio: "ignore" });
  } catch {
    throw new Error(`the upgrade test needs git commit ${commit} (the release before vendor accounts): fetch the full history (git fetch --unshallow)`);
  }
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const archive = execFileSync("git", ["-C", PACKAGE_ROOT, "archive", "--format=tar", commit, "provider", "package.json", "tsconfig.json"], { maxBuffer: 256 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", building], { input: archive });
  symlinkSync(join(PACKAGE_ROOT, "node_modules"), join(building, "node_modules"));
  execFileSync(process.execPath, [join(PACKAGE_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(building, "tsconfig.json")], { stdio: "inherit" });
  rmSync(join(building, "node_modules"));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}
