// Shards across a project's stacks: bans no stack covers, accounts two stacks claim, selectors matching nothing, and what one stack's plan keeps.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileAccounts, shardCoverage, type FileAccount } from "../../provider/blocklist/shard-coverage";
import { planShard } from "../../provider/blocklist/shard-plan";
import { readProjectStacks } from "../../provider/blocklist/stack-shards";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";

const FILE = `vendors:
  tencent:
    domains: [t.example.com]
    accounts:
      brand-b: { domains: [tb.example.com] }
  huawei:
    domains: [h.example.com]
    accounts:
      eu: { domains: [he.example.com] }
  aliyun:
    domains: [a.example.com]
streams:
  - stream: everywhere
    vendors: [tencent, huawei]
  - stream: only-aliyun
    vendors: [aliyun]
`;

function loaded() {
  const r = validateBlocklist(FILE, "blocklist.yaml", { now: new Date("2026-06-01T00:00:00Z") });
  assert.ok(r.ok);
  return r;
}

describe("blocklist: shard coverage across stacks", () => {
  const { blocklist, bans } = loaded();
  const accounts: FileAccount[] = fileAccounts(
    [
      { vendor: "tencent", account: "default" },
      { vendor: "tencent", account: "brand-b" },
      { vendor: "huawei", account: "default" },
      { vendor: "huawei", account: "eu" },
      { vendor: "aliyun", account: "default" },
    ],
    bans,
  );

  it("counts the file's bans per vendor account", () => {
    assert.deepEqual(
      accounts.map((a) => `${a.vendor}/${a.account}=${a.bans}`),
      ["tencent/default=1", "tencent/brand-b=1", "huawei/default=1", "huawei/eu=1", "aliyun/default=1"],
    );
  });

  it("reports each account with bans that no stack's shard covers", () => {
    const c = shardCoverage(accounts, [
      { stack: "tencent", shard: [{ vendor: "tencent" }] },
      { stack: "huawei-eu", shard: [{ vendor: "huawei", account: "eu" }] },
    ]);
    assert.deepEqual(c.uncovered.map((a) => `${a.vendor}/${a.account}`), ["huawei/default", "aliyun/default"]);
    assert.deepEqual(c.overlaps, []);
  });

  it("a stack without a shard covers everything (and is named beside sharded stacks)", () => {
    const c = shardCoverage(accounts, [{ stack: "tencent", shard: [{ vendor: "tencent" }] }, { stack: "all" }]);
    assert.deepEqual(c.uncovered, []);
    assert.deepEqual(c.wholeFile, ["all"]);
    assert.deepEqual(shardCoverage(accounts, [{ stack: "a" }, { stack: "b" }]).wholeFile, [], "no shard anywhere: today's use, nothing to say");
  });

  it("two sharded stacks claiming one account are an overlap, whether by vendor or by account", () => {
    const c = shardCoverage(accounts, [
      { stack: "tencent", shard: [{ vendor: "tencent" }] },
      { stack: "brand-b", shard: [{ vendor: "tencent", account: "brand-b" }, { vendor: "aliyun" }] },
      { stack: "rest", shard: [{ vendor: "huawei" }] },
    ]);
    assert.deepEqual(c.overlaps, [{ vendor: "tencent", account: "brand-b", stacks: ["tencent", "brand-b"] }]);
    assert.deepEqual(c.uncovered, []);
  });

  it("a selector matching no account of the file is reported", () => {
    const c = shardCoverage(accounts, [{ stack: "x", shard: [{ vendor: "tencent", account: "brand-c" }, { vendor: "huawei" }] }]);
    assert.deepEqual(c.unmatched, [{ stack: "x", selector: { vendor: "tencent", account: "brand-c" } }]);
  });

  it("one stack's plan: keeps only its shard's bans; refuses its own overlap; warns about gaps, others' overlaps and selectors matching nothing", () => {
    const none = { stacks: [], problems: [] };
    const mine = planShard(blocklist, bans, { stack: "t", shard: [{ vendor: "tencent" }] }, none);
    assert.deepEqual(mine.bans.map((b) => b.name), ["tencent/t.example.com/live/everywhere", "tencent/brand-b/tb.example.com/live/everywhere"]);
    assert.deepEqual(mine.errors, []);
    assert.equal(mine.warnings.length, 3, mine.warnings.join("\n"));
    assert.match(mine.warnings[0]!, /^1 ban on huawei\/default in no stack's shard \(stacks seen: t\): nothing applies them; add huawei\/default to one stack's streamblock:shard$/);

    const clash = planShard(blocklist, bans, { stack: "t", shard: [{ vendor: "tencent" }] }, { stacks: [{ stack: "b", shard: [{ vendor: "tencent", account: "brand-b" }] }], problems: [] });
    assert.deepEqual(clash.errors, [
      "tencent/brand-b is in the shard of stacks t and b: each would ban it and one stack's destroy or drift fix lifts the other's bans; keep it in one stack's streamblock:shard and remove it from the others",
    ]);
    const others = planShard(blocklist, bans, { stack: "h", shard: [{ vendor: "huawei" }] }, {
      stacks: [{ stack: "t", shard: [{ vendor: "tencent" }] }, { stack: "b", shard: [{ vendor: "tencent", account: "brand-b" }] }],
      problems: [],
    });
    assert.deepEqual(others.errors, [], "another pair's overlap is theirs to refuse");
    assert.ok(others.warnings.some((w) => w.startsWith("tencent/brand-b is in the shard of stacks t and b")));

    const typo = planShard(blocklist, bans, { stack: "t", shard: [{ vendor: "tencent", account: "brand-c" }] }, none);
    assert.deepEqual(typo.errors, [], "a selector matching nothing lifts nothing by itself (the handover guard refuses the lifts)");
    assert.match(typo.warnings[0]!, /^stack t: streamblock:shard names tencent\/brand-c, which is no vendor account of the file: the stack applies nothing there \(and lifts the bans it holds there\); if it is a typo, fix the name$/);
    assert.deepEqual(typo.bans, []);
  });

  it("one stack's plan without any shard in the project: every ban, nothing said", () => {
    const plan = planShard(blocklist, bans, { stack: "production" }, { stacks: [{ stack: "staging" }], problems: ["a problem"] });
    assert.deepEqual(plan, { bans, errors: [], warnings: [] });
  });

  it("reads the shards from the project's stack config files (stackConfigDir too); the stack's own file is overridden by its engine config", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamblock-shards-"));
    try {
      writeFileSync(join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
      writeFileSync(join(dir, "Pulumi.tencent.yaml"), "config:\n  streamblock:shard: [tencent]\n  streamblock:tencentSecretKey: { secure: v1:abc }\n");
      writeFileSync(join(dir, "Pulumi.eu.yaml"), "config:\n  streamblock:shard:\n    - vendor: huawei\n      account: eu\n");
      writeFileSync(join(dir, "Pulumi.all.yaml"), "config: {}\n");
      writeFileSync(join(dir, "Pulumi.bad.yaml"), "config:\n  streamblock:shard: [tencnet]\n");
      const r = readProjectStacks(dir);
      assert.deepEqual(r.stacks, [{ stack: "all" }, { stack: "eu", shard: [{ vendor: "huawei", account: "eu" }] }, { stack: "tencent", shard: [{ vendor: "tencent" }] }]);
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0]!, /^stack bad \(.*Pulumi\.bad\.yaml\): streamblock:shard\[0\]\.vendor: vendor "tencnet" is not one of/);

      const plan = planShard(blocklist, bans, { stack: "tencent", shard: [{ vendor: "aliyun" }] }, r);
      assert.deepEqual(plan.errors, [], "the engine's shard for this stack wins over its file");
      assert.deepEqual(plan.bans.map((b) => b.vendor), ["aliyun"]);

      writeFileSync(join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nstackConfigDir: stacks\n");
      assert.deepEqual(readProjectStacks(dir).problems, [`cannot read the stack config directory ${join(dir, "stacks")}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
