// StreamBlock through the real Pulumi engine against the sandbox: up, preview, update, refresh, rename, destroy.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";

describe("e2e: StreamBlock through the Pulumi engine", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  const banned = (vendor: VendorId, stream: string) => sb.bans({ vendor, stream }).length === 1;

  describe("up, preview, update, remove, destroy", () => {
    let es: EngineStack;
    after(() => es?.dispose());

    it("up creates the bans on all three vendors; an immediate preview shows no changes", async () => {
      es = await newEngineStack(sb, async () => {
        for (const vendor of VENDOR_IDS) {
          new StreamBlock(`${vendor}-a`, { vendor, domain: "e2e.example.com", stream: "e2e-a" });
          new StreamBlock(`${vendor}-b`, { vendor, domain: "e2e.example.com", stream: "e2e-b", reason: "e2e" });
        }
      });
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
      for (const vendor of VENDOR_IDS) assert.ok(banned(vendor, "e2e-a") && banned(vendor, "e2e-b"), vendor);
      const calls = JSON.stringify(sb.calls());
      await es.stack.preview({ expectNoChanges: true });
      assert.equal(JSON.stringify(sb.calls()), calls, "a no-op preview makes no vendor call");
    });
  });
});
