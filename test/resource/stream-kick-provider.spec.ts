// StreamKick against the sandbox: create kicks once, new triggers kick again, delete does nothing.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamKickProvider, type StreamKickInputs } from "../../provider/resource/stream-kick-provider";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { sandboxStackConfig } from "./sandbox-stack-config";

describe("resource/stream-kick-provider against the sandbox", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  for (const vendor of VENDOR_IDS) {
    it(`${vendor}: kicks on create and on new triggers, never bans, and delete is a no-op`, async () => {
      const config = sandboxStackConfig(sb);
      const p = new StreamKickProvider((k) => config[k], { env: {} });
      const stream = `kick-${vendor}`;
      const { inputs, failures } = await p.check({}, { vendor, domain: "kick.example.com", stream, triggers: ["r1"] });
      assert.equal(failures, undefined);
      const created = await p.create(inputs as StreamKickInputs);
      assert.equal(sb.kicks({ vendor, stream }).length, 1);
      const next = { ...(inputs as StreamKickInputs), triggers: ["r2"] };
      const d = await p.diff(created.id, created.outs as StreamKickInputs, next);
      assert.deepEqual(d, { changes: true, replaces: ["triggers"], deleteBeforeReplace: false });
      assert.equal((await p.diff(created.id, created.outs as StreamKickInputs, inputs as StreamKickInputs)).changes, false);
      await p.create(next);
      await p.delete();
      assert.equal(sb.kicks({ vendor, stream }).length, 2);
      assert.equal(sb.bans({ vendor, stream }).length, 0);
    });
  }

  it("rejects a resume time, which a kick cannot have", async () => {
    const p = new StreamKickProvider(() => undefined, { env: {} });
    const r = await p.check({}, { vendor: "tencent", domain: "a.com", stream: "s", resumeTime: "2030-01-01T00:00:00Z" });
    assert.deepEqual(r.failures, [{ property: "resumeTime", reason: "resumeTime does not apply to StreamKick" }]);
  });
});
