// Reads a file as it is at a git revision (`git show REF:./FILE`), for comparing a change with its base branch.
import { execFileSync } from "node:child_process";
import { basename, dirname, resolve } from "node:path";
import { MAX_BLOCKLIST_BYTES } from "../blocklist/blocklist-limits";
import type { BaseFile } from "../blocklist/finished-entries";
import { UsageError } from "./run-command";

/**
 * `file` at `ref` in the git repository holding it: its text, or null when the file does not exist at
 * that revision (a change that adds it). An unknown revision, or no repository, is a usage error.
 */
export function fileAtGitRef(file: string, ref: string): BaseFile {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--base must name a git revision such as origin/main, got "${ref}"`);
  const cwd = dirname(resolve(file));
  const git = (args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 2 * MAX_BLOCKLIST_BYTES });
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "git is not installed" : `${ref} is not a commit in the git repository of ${file} (in CI, fetch it first: git fetch origin main)`;
    throw new UsageError(`--base ${ref}: ${why}`);
  }
  const spec = `${ref}:./${basename(file)}`;
  try {
    git(["cat-file", "-e", spec]);
  } catch {
    return null;
  }
  return { text: git(["show", spec]) };
}
