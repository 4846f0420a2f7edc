// Finds (or builds, once) the Pulumi CLI through scripts/ensure-pulumi.sh and hands it to the Automation API.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";

/** The package root: the nearest directory above this file whose package.json is pulumi-streamblock's. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj) && JSON.parse(readFileSync(pj, "utf8")).name === "pulumi-streamblock") return dir;
  }
  throw new Error(`pulumi-streamblock: no package.json above ${from}`);
}

let cached: string | undefined;

/** The bin directory holding `pulumi` and the Node.js plugins; built on first use if nothing suitable exists. */
export function ensurePulumiBin(): string {
  if (cached) return cached;
  const out = execFileSync("bash", [join(PACKAGE_ROOT, "scripts", "ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const bin = out.trim().split("\n").pop();
  if (!bin) throw new Error("scripts/ensure-pulumi.sh printed no bin directory");
  cached = bin;
  return bin;
}

/** The CLI as the Automation API wants it (its root is the parent of bin/). */
export function pulumiCommand(): Promise<PulumiCommand> {
  return PulumiCommand.get({ root: dirname(ensurePulumiBin()) });
}
