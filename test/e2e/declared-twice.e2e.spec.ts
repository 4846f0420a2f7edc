// One ban declared by two StreamBlocks in one program: preview (Automation API and `pulumi up` on the CLI) fails naming both, nothing applied.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { newCliProject, type CliProject } from "./cli-project";
import { recordedBans } from "../reliability/reliability-harness";

const DOMAIN = "twice.example.com";
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("e2e: the same ban declared twice in one program", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  describe("Automation API", () => {
    let es: EngineStack;
    after(() => es?.dispose());

    it("one vendor/domain/app/stream twice: preview fails naming both resources, no vendor call", async () => {
      es = await newEngineStack(sb, async () => {
        new StreamBlock("first", { vendor: "aliyun", domain: DOMAIN, stream: "dup", resumeTime: inDays(5) });
        new StreamBlock("second", { vendor: "aliyun", domain: "TWICE.example.com", app: "live", stream: "dup", resumeTime: inDays(9) });
      });
      let message = "";
      await assert.rejects(es.stack.preview({ onOutput: (o) => es.output.push(o) }), (e: Error) => ((message = e.message), true));
      const all = `${message}\n${es.output.join("")}`;
      assert.match(all, /aliyun\/twice\.example\.com\/live\/dup is declared twice, by "(first|second)" and by "(first|second)"; the vendor holds one ban with one resume time/);
      assert.match(all, /"first"/);
      assert.match(all, /"second"/);
      assert.equal(sb.callLog().length, 0, "no vendor call");
    });

    it("Tencent stream-name matching: one stream name on two domains with different resume times fails; declared alike (a blocklist entry on two domains) it applies", async () => {
      es.setProgram(async () => {
        new StreamBlock("on-a", { vendor: "tencent", domain: "a.twice.example.com", stream: "same-name", resumeTime: inDays(5) });
        new StreamBlock("on-b", { vendor: "tencent", domain: "b.twice.example.com", stream: "same-name", resumeTime: inDays(9) });
      });
      let message = "";
      await assert.rejects(es.stack.preview({ onOutput: (o) => es.output.push(o) }), (e: Error) => ((message = e.message), true));
      assert.match(`${message}\n${es.output.join("")}`, /"on-(a|b)" \(tencent\/[ab]\.twice\.example\.com\/live\/same-name\) and "on-(a|b)" \(tencent\/[ab]\.twice\.example\.com\/live\/same-name\) are one ban at Tencent/);
      assert.equal(sb.callLog().length, 0, "no vendor call");

      const resumeTime = inDays(7);
      es.setProgram(async () => {
        new StreamBlock("on-a", { vendor: "tencent", domain: "a.twice.example.com", stream: "same-name", resumeTime });
        new StreamBlock("on-b", { vendor: "tencent", domain: "b.twice.example.com", stream: "same-name", resumeTime });
      });
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.create, 3, JSON.stringify(r.summary.resourceChanges));
      assert.equal(sb.bans({ vendor: "tencent", stream: "same-name" }).length, 1, "one ban at Tencent");
      await es.up({ expectNoChanges: true });
      await es.stack.destroy();
      assert.equal(sb.bans({ vendor: "tencent", stream: "same-name" }).length, 0);
    });
  });

  describe("pulumi up on the CLI (preview, then update, in one run)", () => {
    let p: CliProject;
    after(() => p?.dispose());

    it("fails in its preview naming both resources and applies nothing; once declared once, the same command applies it", async () => {
      p = await newCliProject(sb, "declared-twice");
      sb.reset({ calls: true });
      p.declare([
        { name: "spam-1", args: { vendor: "huawei", domain: DOMAIN, stream: "cli-dup" } },
        { name: "ok", args: { vendor: "huawei", domain: DOMAIN, stream: "cli-ok" } },
        { name: "spam-2", args: { vendor: "huawei", domain: DOMAIN, stream: "cli-dup" } },
      ]);
      await assert.rejects(p.pulumi(["up", "--yes"]), (e: Error) => {
        assert.match(e.message, /Previewing update/);
        assert.match(e.message, /huawei\/twice\.example\.com\/live\/cli-dup is declared twice, by "spam-(1|2)" and by "spam-(1|2)"/);
        assert.doesNotMatch(e.message, /Updating \(dev\)/, "the update never started");
        return true;
      });
      assert.equal(sb.callLog().length, 0, "no vendor call");
      assert.deepEqual(await recordedBans(p.engineStack), []);

      // Each resource is checked by the preview and again by the update: its own claim passes.
      p.declare([
        { name: "spam-1", args: { vendor: "huawei", domain: DOMAIN, stream: "cli-dup" } },
        { name: "ok", args: { vendor: "huawei", domain: DOMAIN, stream: "cli-ok" } },
      ]);
      await p.pulumi(["up", "--yes"]);
      assert.deepEqual(sb.bans({ vendor: "huawei", domain: DOMAIN }).map((b) => b.stream).sort(), ["cli-dup", "cli-ok"]);
      await p.stack.destroy();
      assert.equal(sb.bans({ vendor: "huawei", domain: DOMAIN }).length, 0);
    });
  });
});
