// The fleet bench's sub-files split its whole file exactly: every ban in one shard's sub-file, none lost, none twice.
import { strict as assert } from "node:assert";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { SHARDS, shardName, subFileYaml, wholeFileYaml } from "../../bench/fleet-blocklist";

const now = new Date("2026-11-30T00:00:00Z");

function banNames(yaml: string, file: string): string[] {
  const r = validateBlocklist(yaml, file, { now });
  assert.ok(r.ok, `${file} is invalid: ${JSON.stringify(!r.ok && r.problems)}`);
  return r.bans.map((b) => b.name);
}

describe("bench: the fleet blocklist and its shards", () => {
  it("the six sub-files hold exactly the whole file's bans, each only its own vendor and account's", () => {
    const entries = 50;
    const whole = banNames(wholeFileYaml(entries), "whole.yaml");
    assert.equal(whole.length, entries * SHARDS.length);
    const parts = SHARDS.map((s) => {
      const names = banNames(subFileYaml(s, entries), `${shardName(s)}.yaml`);
      assert.equal(names.length, entries, shardName(s));
      for (const n of names) {
        assert.ok(n.startsWith(`${s.vendor}/`), `${n} is ${s.vendor}'s`);
        assert.equal(n.split("/").length === 5, s.account !== "default", `${n} is in account ${s.account}`);
      }
      return names;
    });
    assert.deepEqual(parts.flat().sort(), [...whole].sort());
  });

  it("the full size is valid: 30,000 bans within the file limits, 5,000 per account (Aliyun's cap is 10,000)", () => {
    assert.equal(banNames(wholeFileYaml(5_000), "whole.yaml").length, 30_000);
  });
});
