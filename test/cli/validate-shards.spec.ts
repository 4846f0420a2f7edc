// `streamblock validate --shards DIR`: the stacks' shards in a project directory against the whole file, for CI.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./cli-harness";

const FILE = `vendors:
  tencent:
    domains: [t.example.com]
    accounts:
      brand-b: { domains: [tb.example.com] }
  huawei:
    domains: [h.example.com]
streams:
  - stream: spam
`;

describe("cli/validate --shards", function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "streamblock-validate-shards-"));
    writeFileSync(join(dir, "blocklist.yaml"), FILE);
    writeFileSync(join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const stack = (name: string, shard?: string) => writeFileSync(join(dir, `Pulumi.${name}.yaml`), shard ? `config:\n  streamblock:shard: ${shard}\n` : "config: {}\n");

  it("every account covered once: exit 0", async () => {
    stack("tencent", "[tencent]");
    stack("huawei", "[huawei]");
    const r = await runCli(["validate", "--shards", ".", "blocklist.yaml"], {}, dir);
    assert.deepEqual(r, { code: 0, stdout: "blocklist.yaml: valid, 3 bans (huawei 1, tencent 2)\n", stderr: "" });
  });

  it("a ban no stack covers and an account claimed twice: exit 1, each named with its fix; a selector matching nothing: a warning", async () => {
    stack("tencent", "[tencent]");
    stack("brand-b", "[tencent/brand-b, aliyun]");
    const r = await runCli(["validate", "--shards", ".", "blocklist.yaml"], {}, dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      [
        "blocklist.yaml:1:1: warning: shards: stack brand-b: streamblock:shard names aliyun, which is no vendor account of the file: the stack applies nothing there (and lifts the bans it holds there); if it is a typo, fix the name",
        "blocklist.yaml:5:7: vendors.tencent.accounts.brand-b: shards: tencent/brand-b is in the shard of stacks brand-b and tencent: each would ban it and one stack's destroy or drift fix lifts the other's bans; keep it in one stack's streamblock:shard and remove it from the others",
        "blocklist.yaml:6:3: vendors.huawei: shards: 1 ban on huawei/default in no stack's shard (stacks seen: brand-b, tencent): nothing applies them; add huawei/default to one stack's streamblock:shard",
        "blocklist.yaml: the shards of the stacks in . have the problems above",
        "",
      ].join("\n"),
    );
  });

  it("a stack without a shard covers everything: a warning beside sharded stacks; a malformed setting and no stack file at all are errors", async () => {
    stack("tencent", "[tencent]");
    stack("everything");
    const ok = await runCli(["validate", "--shards", dir, "blocklist.yaml"], {}, dir);
    assert.equal(ok.code, 0);
    assert.match(ok.stderr, /^blocklist\.yaml:1:1: warning: shards: stack everything has no streamblock:shard, so it applies the whole file beside the sharded stacks/);

    stack("bad", "[tencnet]");
    const bad = await runCli(["validate", "--format", "github", "--shards", dir, "blocklist.yaml"], {}, dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^::error file=blocklist\.yaml,line=1,col=1::shards: stack bad \(.*Pulumi\.bad\.yaml\): streamblock:shard\[0\]\.vendor: vendor "tencnet" is not one of huawei, tencent, aliyun/m);

    const empty = mkdtempSync(join(tmpdir(), "streamblock-validate-shards-empty-"));
    try {
      const none = await runCli(["validate", "--shards", empty, "blocklist.yaml"], {}, dir);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /shards: no stack config file \(Pulumi\.<stack>\.yaml\) in .*: no stack applies this file/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
