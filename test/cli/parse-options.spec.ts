// parseOptions and closestName: unknown options become a short usage error suggesting the option meant.
import { strict as assert } from "node:assert";
import { closestName, editDistance } from "../../provider/cli/closest-name";
import { parseOptions } from "../../provider/cli/parse-options";
import { UsageError } from "../../provider/cli/run-command";

const OPTIONS = { vendor: { type: "string" }, domain: { type: "string", multiple: true }, json: { type: "boolean" }, output: { type: "string", short: "o" } } as const;
const usage = (args: string[]) => {
  try {
    parseOptions(args, OPTIONS, true);
  } catch (e) {
    assert.ok(e instanceof UsageError);
    return e.message;
  }
  return undefined;
};

describe("cli/parse-options", () => {
  it("suggests the closest option for a misspelt or mis-cased one", () => {
    assert.equal(usage(["--domian", "x"]), "unknown option --domian (did you mean --domain?)");
    assert.equal(usage(["--Vendor=tencent"]), "unknown option --Vendor (did you mean --vendor?)");
    assert.equal(usage(["--jsn"]), "unknown option --jsn (did you mean --json?)");
    assert.equal(usage(["--out", "f"]), "unknown option --out (did you mean --output?)");
    assert.equal(usage(["--zzzzzz"]), "unknown option --zzzzzz");
    assert.equal(usage(["-d", "x"]), "unknown option -d (did you mean --domain?)");
  });

  it("turns parseArgs' other errors into short messages", () => {
    assert.equal(usage(["--vendor"]), "--vendor needs a value");
    assert.equal(usage(["--json=yes"]), "--json takes no value");
    assert.equal(usage(["-o", "f", "--", "--not-an-option"]), undefined, "after -- everything is positional");
  });

  it("closestName: case, separators, prefixes and up to two edits; nothing for far-off words", () => {
    assert.equal(closestName("pulumi_config", ["pulumi-config", "env"]), "pulumi-config");
    assert.equal(closestName("vali", ["validate", "ls"]), "validate");
    assert.equal(closestName("exprot", ["export", "kick"]), "export");
    assert.equal(closestName("x", ["export", "kick"]), undefined);
    assert.equal(editDistance("ab", "ba"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
  });
});
