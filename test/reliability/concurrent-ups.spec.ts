// Two `pulumi up` runs on one stack at once, through the real engine: the backend's lock turns the second away, state stays equal to the vendors.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { newEngineStack } from "../e2e/engine-harness";
import { FORBID_ACTION, assertStateMatchesVendors, everyVendor, expectFailure, startTestSandbox, streamsProgram } from "./reliability-harness";

const DOMAIN = "concurrent.example.com";

describe("reliability: two ups on one stack at once", function () {
  this.timeout(90_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());

  it("the second up fails on the stack's lock while the first applies every ban; the state equals the vendors; a re-run changes nothing", async () => {
    // The first update's forbids hang (no answer, no timeout that could end them first) until the second
    // update has been turned away: the first holds the lock all along, however slow the machine.
    const es = await newEngineStack(sb, streamsProgram(DOMAIN, "c", everyVendor(3)), {
      env: { STREAMBLOCK_REQUEST_TIMEOUT_SECONDS: "600", STREAMBLOCK_RETRY_DEADLINE_SECONDS: "3600" },
    });
    try {
      for (const vendor of VENDOR_IDS) sb.injectFault({ vendor, action: FORBID_ACTION[vendor], kind: "stall", count: 1 });
      const first = es.up();
      // Every stall taken (one forbid per vendor hanging), so none starts after the release below.
      while (sb.faults().length > 0) await new Promise((r) => setTimeout(r, 20));
      const second = await expectFailure(es, () => es.up());
      assert.match(second.all, /the stack is currently locked by 1 lock\(s\)/);
      // Release the hanging forbids: a vendor restart ends their connections, and the retries apply them.
      for (const vendor of VENDOR_IDS) {
        await sb.stopVendor(vendor);
        await sb.restartVendor(vendor);
      }
      const r = await first;
      assert.equal(r.summary.resourceChanges?.create, 10);
      assert.equal((await assertStateMatchesVendors(es, sb, DOMAIN)).length, 9);
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });
});
