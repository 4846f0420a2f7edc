// The direct example stays true: it points at this package (the GitOps workflow: test/examples/).
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "../..");

describe("examples", () => {
  it("typescript-direct: a Pulumi project depending on this package by path", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "examples/typescript-direct/package.json"), "utf8"));
    assert.equal(pkg.dependencies["pulumi-streamblock"], "file:../..");
    const project = parse(readFileSync(join(ROOT, "examples/typescript-direct/Pulumi.yaml"), "utf8"));
    assert.deepEqual([project.runtime.name, project.main ?? "index.ts"], ["nodejs", "index.ts"]);
    assert.match(readFileSync(join(ROOT, "examples/typescript-direct/index.ts"), "utf8"), /from "pulumi-streamblock"/);
  });
});
