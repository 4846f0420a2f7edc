// Reads consumer-packages.json: the @pulumi/pulumi versions and old Node.js releases the consumer tests use.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

export interface ConsumerPackages {
  pulumiVersions: string[];
  oldNodes: string[];
}

export const CONSUMER_PACKAGES: ConsumerPackages = JSON.parse(readFileSync(join(PACKAGE_ROOT, "test", "consumer", "consumer-packages.json"), "utf8"));

/** Where scripts/ensure-consumer-packages.sh installs Node.js `version`. */
export function oldNodeBin(version: string): string {
  return join(PACKAGE_ROOT, "node_modules", ".cache", "streamblock-consumer", `node-${version}`, "node_modules", "node", "bin", "node");
}
