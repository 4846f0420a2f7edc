// The Node.js minimum: the comparison, the one-line message, and engines.node matching what the dependencies really need.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as semver from "semver";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { REQUIRED_NODE_VERSION, isNodeVersionAtLeast, nodeVersionProblem } from "../../provider/node-version";

const json = (file: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, file), "utf8"));

describe("node-version", () => {
  it("compares release numbers, not strings", () => {
    assert.equal(isNodeVersionAtLeast("22.19.0", "22.19.0"), true);
    assert.equal(isNodeVersionAtLeast("v24.1.0", "22.19.0"), true);
    assert.equal(isNodeVersionAtLeast("22.100.0", "22.19.0"), true);
    assert.equal(isNodeVersionAtLeast("22.18.9", "22.19.0"), false);
    assert.equal(isNodeVersionAtLeast("20.19.0", "22.19.0"), false);
    assert.equal(isNodeVersionAtLeast("9.0.0", "22.19.0"), false);
  });

  it("names the Node found, where it is, and the one required, on one line", () => {
    const m = nodeVersionProblem("v20.19.0", "/usr/bin/node")!;
    assert.match(m, /needs Node\.js >= 22\.19\.0, but this is Node\.js 20\.19\.0 \(\/usr\/bin\/node\)/);
    assert.doesNotMatch(m, /\n/);
    assert.equal(nodeVersionProblem(REQUIRED_NODE_VERSION, "/x"), undefined);
  });

  it("package.json engines.node is the guard's minimum", () => {
    assert.equal(json("package.json").engines.node, `>=${REQUIRED_NODE_VERSION}`);
  });

  it("the minimum is the highest any runtime dependency declares, and satisfies them all", () => {
    const lock = json("package-lock.json").packages as Record<string, { dev?: boolean; engines?: { node?: string } }>;
    const sdk = json("node_modules/@pulumi/pulumi/package.json");
    const ranges = Object.entries(lock)
      .filter(([path, p]) => path !== "" && !p.dev && p.engines?.node)
      .map(([path, p]) => [path, p.engines!.node!] as const);
    ranges.push(["@pulumi/pulumi (the dev copy of the peer)", sdk.engines.node]);
    assert.ok(ranges.some(([p]) => p === "node_modules/undici"), "undici's engines not read");
    for (const [path, range] of ranges) assert.ok(semver.satisfies(REQUIRED_NODE_VERSION, range), `${path} needs node ${range}`);
    const highest = ranges.map(([, r]) => semver.minVersion(r)!.version).sort(semver.compare).pop();
    assert.equal(highest, REQUIRED_NODE_VERSION);
  });
});
