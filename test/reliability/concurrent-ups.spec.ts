// Two `pulumi up` runs on one stack at once, through the real engine: the backend's lock turns the second away, state stays equal to the vendors.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
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
    const es = await newEngineStack(sb, streamsProgram(DOMAIN, "c", everyVendor(3)));
    try {
      // Slow forbids keep the first update (and its lock) running while the second starts.
      for (const vendor of ["tencent", "aliyun", "huawei"] as const) {
        sb.injectFault({ vendor, action: FORBID_ACTION[vendor], kind: "stall", delayMs: 1_000, count: 3 });
      }
      const first = es.up();
      const until = Date.now() + 30_000;
      while (sb.faults().every((f) => f.remaining === 3) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const second = await expectFailure(es, () => es.up());
      assert.match(second.all, /the stack is currently locked by 1 lock\(s\)/);
      const r = await first;
      assert.equal(r.summary.resourceChanges?.create, 10);
      assert.equal((await assertStateMatchesVendors(es, sb, DOMAIN)).length, 9);
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });
});
