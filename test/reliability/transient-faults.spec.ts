// Transient vendor faults through the real engine: throttling, 5xx, dropped connections and slow answers are absorbed within one up.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import type { FaultSpec } from "../../provider/sandbox/fault-injector";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack } from "../e2e/engine-harness";
import { FORBID_ACTION, assertStateMatchesVendors, everyVendor, startTestSandbox, streamsProgram } from "./reliability-harness";

/** Four faults per vendor: one fewer than the five attempts the transport makes, so every call can still succeed. */
const FAULTS_PER_VENDOR = 4;

interface TransientCase {
  title: string;
  faults: (vendor: VendorId) => Omit<FaultSpec, "vendor" | "action">[];
  /** Codes the sandbox's call log shows for the faulted calls. */
  seen: RegExp;
  /** The faults are stalls: the vendor answers (and applies the call) after the client gave up. */
  stalls?: boolean;
  env?: Record<string, string>;
}

const THROTTLING: Record<VendorId, string> = { tencent: "RequestLimitExceeded", aliyun: "Throttling.User", huawei: "APIGW.0308" };
const SERVER_ERROR: Record<VendorId, string> = { tencent: "InternalError", aliyun: "ServiceUnavailable", huawei: "LIVE.100011005" };

const CASES: TransientCase[] = [
  {
    title: "a throttling storm (each vendor's throttling code, 4 in a row)",
    faults: (v) => [{ kind: "error", code: THROTTLING[v], count: FAULTS_PER_VENDOR }],
    seen: /RequestLimitExceeded|Throttling\.User|APIGW\.0308/,
  },
  {
    title: "a burst of 5xx (bare 502, 503, 504 from the gateway and the vendor's own internal error)",
    faults: (v) => [
      { kind: "http", status: 502 },
      { kind: "http", status: 503 },
      { kind: "http", status: 504 },
      { kind: "error", code: SERVER_ERROR[v] },
    ],
    seen: /HTTP_50[234]|InternalError|ServiceUnavailable|LIVE\.100011005/,
  },
  {
    title: "dropped connections (the socket closed without an answer, 4 times)",
    faults: () => [{ kind: "drop", count: FAULTS_PER_VENDOR }],
    seen: /DROPPED/,
  },
  {
    // The stalled requests are applied by the vendor 4 s later, after the retry succeeded: a duplicate
    // forbid with the same resume time, which changes nothing.
    title: "answers slower than the request timeout (2 per vendor, requestTimeoutSeconds=1)",
    faults: () => [{ kind: "stall", delayMs: 4_000, count: 2 }],
    seen: /^OK$/,
    stalls: true,
    env: { STREAMBLOCK_REQUEST_TIMEOUT_SECONDS: "1" },
  },
];

describe("reliability: transient faults are absorbed within one up", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());

  CASES.forEach((c, n) => {
    it(`${c.title}: every ban applies, the state matches the vendors, a second up changes nothing`, async () => {
      const domain = `transient-${n}.example.com`;
      const es = await newEngineStack(sb, streamsProgram(domain, `t${n}`, everyVendor(2)), { env: c.env });
      try {
        sb.reset({ calls: true, faults: true });
        for (const vendor of VENDOR_IDS) {
          for (const f of c.faults(vendor)) sb.injectFault({ vendor, action: FORBID_ACTION[vendor], ...f });
        }
        const r = await es.up();
        assert.equal(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
        assert.deepEqual(sb.faults(), [], "every scripted fault was hit");
        const forbids = (vendor: VendorId) => sb.callLog().filter((e) => e.vendor === vendor && e.action === FORBID_ACTION[vendor]);
        for (const vendor of VENDOR_IDS) {
          if (c.stalls) continue;
          const faulted = forbids(vendor).filter((e) => e.code !== "OK");
          assert.equal(faulted.length, FAULTS_PER_VENDOR, `${vendor}: ${JSON.stringify(forbids(vendor))}`);
          assert.ok(faulted.every((e) => c.seen.test(e.code)), JSON.stringify(faulted));
        }
        await assertStateMatchesVendors(es, sb, domain);
        if (c.stalls) {
          // The sandbox logs a stalled call when its late answer goes out: wait for the vendors to have
          // applied them, then check they changed nothing.
          const until = Date.now() + 60_000; // a bound on a hang only: the loop ends on the event
          while (VENDOR_IDS.some((v) => forbids(v).length < 4) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
          for (const v of VENDOR_IDS) assert.equal(forbids(v).length, 4, `${v}: 2 retries that succeeded, then 2 late answers`);
          await assertStateMatchesVendors(es, sb, domain);
          assert.ok(sb.callLog().some((e) => e.vendor === "aliyun" && e.code === "ConfigAlreadyExists"), "Aliyun refused the late duplicate");
        }
        await assertStateMatchesVendors(es, sb, domain);
        await es.up({ expectNoChanges: true });
      } finally {
        await es.dispose();
      }
    });
  });
});
