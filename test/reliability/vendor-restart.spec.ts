// A vendor restarting during an up (its port refusing connections, then back on the same port), through the real engine: nothing fails.
import { strict as assert } from "node:assert";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack } from "../e2e/engine-harness";
import { assertStateMatchesVendors, everyVendor, literal, startTestSandbox, streamsProgram } from "./reliability-harness";

/** One more attempt than the five the transport used to make before giving up on a refused connection. */
const REFUSALS_BEFORE_RESTART = 6;

describe("reliability: a vendor restarting mid-run (connections refused, then back)", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());

  for (const vendor of VENDOR_IDS) {
    it(`${vendor} refuses connections until its bans have been refused ${REFUSALS_BEFORE_RESTART} times, then restarts: the up succeeds and the state equals the vendors`, async () => {
      const domain = `restart-${vendor}.example.com`;
      // A short backoff cap only keeps the test brisk; the deadline stays the default 60 s.
      const es = await newEngineStack(sb, streamsProgram(domain, "r", everyVendor(2)), { env: { STREAMBLOCK_RETRY_MAX_DELAY_SECONDS: "0.5" } });
      try {
        await sb.stopVendor(vendor);
        const notice = new RegExp(`${vendor} \\w+ stream ${literal(domain)}/live/\\S+: vendor not reachable \\(ECONNREFUSED: [^\\n]*attempt (\\d+) failed`);
        let refusedEnough: () => void = () => undefined;
        const refused = new Promise<"refused">((resolve) => (refusedEnough = () => resolve("refused")));
        const onEvent = (e: EngineEvent): void => {
          const attempt = notice.exec(e.diagnosticEvent?.message ?? "")?.[1];
          if (attempt !== undefined && Number(attempt) >= REFUSALS_BEFORE_RESTART) refusedEnough();
        };
        const run = es.stack.up({ onEvent, onOutput: (s) => es.output.push(s) });
        const first = await Promise.race([refused, run.then(() => "finished", (e: Error) => `failed: ${e.message}`)]);
        assert.equal(first, "refused", `the up ended while ${vendor} was down:\n${es.output.join("")}`);

        await sb.restartVendor(vendor);
        const r = await run;
        assert.equal(r.summary.result, "succeeded");
        assert.equal(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
        const recorded = await assertStateMatchesVendors(es, sb, domain);
        assert.equal(recorded.filter((b) => b.vendor === vendor).length, 2, `both ${vendor} bans applied after the restart`);
        await es.up({ expectNoChanges: true });
      } finally {
        await sb.restartVendor(vendor);
        await es.dispose();
      }
    });
  }
});
