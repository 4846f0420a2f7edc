// applyBlocklistWindowed through the real engine: a window of 2 declares every ban once, and the summary covers all.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { applyBlocklistWindowed } from "../../provider/blocklist/apply-blocklist";
import { newEngineStack } from "./engine-harness";

describe("e2e: a blocklist declared through a window", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  const dir = mkdtempSync(join(tmpdir(), "streamblock-waves-"));
  const file = join(dir, "blocklist.yaml");
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("up declares every ban through a window of 2; a second preview shows no changes", async () => {
    writeFileSync(
      file,
      ["vendors:", "  huawei:", "    domains: [waves.example.com]", "  aliyun:", "    domains: [waves.example.com]", "streams:"]
        .concat(["w1", "w2", "w3"].map((s) => `  - stream: ${s}`))
        .join("\n"),
    );
    const es = await newEngineStack(sb, async () => {
      const s = await applyBlocklistWindowed(file, { maxPending: 2 });
      return { bans: s.bans, soonest: s.soonestExpiry };
    });
    try {
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.create, 7);
      assert.equal(r.outputs.bans!.value, 6);
      assert.match(r.outputs.soonest!.value.ban, /^huawei\/waves\.example\.com\/live\/w[123]$/);
      assert.equal(sb.bans({ domain: "waves.example.com" }).length, 6);
      // The SDK's source position and stack trace would point into pulumi-streamblock: kept out of the state.
      const resources = ((await es.stack.exportStack()).deployment as { resources: Record<string, unknown>[] }).resources;
      const blocks = resources.filter((r) => String(r.type).endsWith(":StreamBlock"));
      assert.equal(blocks.length, 6);
      for (const b of blocks) assert.deepEqual([b.sourcePosition, b.stackTrace], [undefined, undefined], `${String(b.urn)} has no source position`);
      await es.stack.preview({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });

  it("with --continue-on-error, a ban failing early holds up neither the later bans nor the run", async () => {
    writeFileSync(
      file,
      ["vendors:", "  huawei:", "    domains: [fail.example.com]", "  tencent:", "    domains: [fail.example.com]", "streams:"]
        .concat(["f1", "f2", "f3"].map((s) => `  - stream: ${s}`))
        .join("\n"),
    );
    sb.injectFault({ vendor: "huawei", action: "CreateStreamForbidden", kind: "error", code: "LIVE.100011001", count: 1000 });
    const es = await newEngineStack(sb, async () => {
      const s = await applyBlocklistWindowed(file, { maxPending: 2 });
      return { bans: s.bans };
    });
    try {
      const outcome = await Promise.race([
        es.stack.up({ continueOnError: true, onOutput: (o) => es.output.push(o) }).then(() => "succeeded", () => "failed"),
        new Promise((r) => setTimeout(() => r("hung"), 60_000)),
      ]);
      assert.equal(outcome, "failed", "the run ends, reporting the Huawei failures");
      assert.equal(sb.bans({ vendor: "tencent", domain: "fail.example.com" }).length, 3, "every Tencent ban applied");
    } finally {
      sb.clearFaults();
      await es.dispose();
    }
  });
});
