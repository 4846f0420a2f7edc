// A forbid the vendor executed although the client had timed out, so the retry meets the ban: what each vendor's state then records.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { newEngineStack } from "../e2e/engine-harness";
import { FORBID_ACTION, assertStateMatchesVendors, banKey, everyVendor, heldBans, recordedBans, startTestSandbox, streamsProgram } from "./reliability-harness";

const DOMAIN = "ambiguous.example.com";

describe("reliability: a forbid applied after the client timed out", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());

  it("Tencent and Huawei overwrite it with the same expiry; Aliyun refuses the retry as a duplicate and the state keeps its expiry unknown, as for an adopted ban", async () => {
    const es = await newEngineStack(sb, streamsProgram(DOMAIN, "a", everyVendor(1)), { env: { STREAMBLOCK_REQUEST_TIMEOUT_SECONDS: "1" } });
    try {
      for (const vendor of VENDOR_IDS) {
        // The first attempt times out after 1 s and the vendor executes it at 2.5 s. The next two time out
        // as well (their answers would come after the test), so the fourth attempt starts after 3 s: past
        // the moment the first was applied, whatever the backoff drew.
        sb.injectFault({ vendor, action: FORBID_ACTION[vendor], kind: "stall", delayMs: 2_500 });
        sb.injectFault({ vendor, action: FORBID_ACTION[vendor], kind: "stall", delayMs: 600_000, count: 2 });
      }
      await es.up();
      assert.deepEqual(sb.faults(), []);
      for (const vendor of VENDOR_IDS) {
        const forbids = sb.callLog().filter((c) => c.vendor === vendor && c.action === FORBID_ACTION[vendor]);
        // The call log lists calls as they are answered: the stalled first one, then the fourth attempt.
        assert.deepEqual(forbids.map((c) => c.code), ["OK", vendor === "aliyun" ? "ConfigAlreadyExists" : "OK"], vendor);
      }
      const aliyun = [...heldBans(sb, DOMAIN).keys()].filter((k) => k.startsWith("aliyun/"));
      await assertStateMatchesVendors(es, sb, DOMAIN, aliyun);
      const recorded = await recordedBans(es);
      assert.deepEqual(recorded.filter((r) => r.expiresAt === undefined).map(banKey), aliyun, "only Aliyun's expiry is unknown");
      assert.match(es.output.join(""), /already banned on Aliyun; kept the existing ban as it is/);
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });
});
