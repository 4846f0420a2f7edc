// Persistent vendor failures in each operation (create, delete, refresh, update) through the real engine: the message, the state, the re-run.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import {
  FORBID_ACTION,
  READ_ACTION,
  RESUME_ACTION,
  assertStateMatchesVendors,
  everyVendor,
  expectFailure,
  heldBans,
  recordedBans,
  startTestSandbox,
  streamName,
  streamsProgram,
  upContinuingOnError,
  vendorErrorLine,
} from "./reliability-harness";

const FOREVER = 1_000_000;

/** Each vendor's answer to a key without permission for the action (tencent.md §4.1 common errors, aliyun.md §5 RAM, APIG 0302). */
const DENIED: Record<VendorId, { code: string; status: number }> = {
  tencent: { code: "UnauthorizedOperation", status: 200 },
  aliyun: { code: "Forbidden.RAM", status: 403 },
  huawei: { code: "APIGW.0302", status: 403 },
};

describe("reliability: persistent vendor failures in each operation", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox();
  });
  after(() => sb.close());
  afterEach(() => sb.clearFaults());

  it("create: each vendor's failure names vendor, stream, code, HTTP status and request id; nothing is recorded that no vendor holds; a re-run converges", async () => {
    const domain = "create-fails.example.com";
    const es = await newEngineStack(sb, streamsProgram(domain, "c", everyVendor(1)));
    try {
      // Throttling that outlasts the five attempts, a vendor-side 500, and a connection dropped every time.
      sb.injectFault({ vendor: "tencent", action: FORBID_ACTION.tencent, kind: "error", code: "RequestLimitExceeded", count: FOREVER });
      sb.injectFault({ vendor: "aliyun", action: FORBID_ACTION.aliyun, kind: "error", code: "InternalError", count: FOREVER });
      sb.injectFault({ vendor: "huawei", action: FORBID_ACTION.huawei, kind: "drop", count: FOREVER });
      const f = await expectFailure(es, () => upContinuingOnError(es));
      const stream = (v: VendorId) => `${domain}/live/${streamName("c", v, 0)}`;
      assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "RequestLimitExceeded", { requestId: true, status: 200 }));
      assert.match(f.all, vendorErrorLine("aliyun", "forbid", stream("aliyun"), "InternalError", { requestId: true, status: 500 }));
      assert.match(f.all, vendorErrorLine("huawei", "forbid", stream("huawei"), "ECONNRESET", { requestId: false, status: "none" }));
      assert.equal((await recordedBans(es)).length, 0);
      await assertStateMatchesVendors(es, sb, domain);

      sb.clearFaults();
      await es.up();
      await assertStateMatchesVendors(es, sb, domain);
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });

  it("delete: a resume that fails leaves the ban in force and the resource in state; the next up resumes it", async () => {
    const domain = "resume-fails.example.com";
    const es = await newEngineStack(sb, streamsProgram(domain, "r", everyVendor(1)));
    try {
      await es.up();
      es.setProgram(async () => {});
      // The key lost its permission to resume (a refusal no retry fixes, so the run fails fast).
      for (const vendor of VENDOR_IDS) sb.injectFault({ vendor, action: RESUME_ACTION[vendor], kind: "error", code: DENIED[vendor].code, status: DENIED[vendor].status, count: FOREVER });
      const f = await expectFailure(es, () => upContinuingOnError(es));
      for (const vendor of VENDOR_IDS) {
        const { code, status } = DENIED[vendor];
        assert.match(f.all, vendorErrorLine(vendor, "resume", `${domain}/live/${streamName("r", vendor, 0)}`, code, { requestId: true, status }));
      }
      assert.equal((await assertStateMatchesVendors(es, sb, domain)).length, 3, "every ban still in force and in state");

      sb.clearFaults();
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.delete, 3);
      assert.equal(heldBans(sb, domain).size, 0);
      await assertStateMatchesVendors(es, sb, domain);
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });

  it("refresh: a read that fails (a listing, Tencent's per-stream state) changes nothing in state; once it answers, refresh finds no drift", async () => {
    const domain = "refresh-fails.example.com";
    const es = await newEngineStack(sb, streamsProgram(domain, "f", everyVendor(1)));
    try {
      await es.up();
      const before = await recordedBans(es);
      for (const vendor of VENDOR_IDS) sb.injectFault({ vendor, action: READ_ACTION[vendor], kind: "error", code: DENIED[vendor].code, status: DENIED[vendor].status, count: FOREVER });
      const f = await expectFailure(es, () => es.stack.refresh({ onOutput: (s) => es.output.push(s) }));
      assert.match(f.all, /(tencent lookup stream refresh-fails\.example\.com\/live\/\S+|(aliyun|huawei) list stream refresh-fails\.example\.com) failed: (UnauthorizedOperation|Forbidden\.RAM|APIGW\.0302): /);
      assert.deepEqual(await recordedBans(es), before, "a failed read dropped nothing");
      await assertStateMatchesVendors(es, sb, domain);

      sb.clearFaults();
      const r = await es.stack.refresh({ onOutput: (s) => es.output.push(s) });
      assert.deepEqual(r.summary.resourceChanges, { same: 4 });
      await es.up({ expectNoChanges: true });
    } finally {
      await es.dispose();
    }
  });

  describe("update: a new resume time that fails to apply", () => {
    const domain = "update-fails.example.com";
    const day = 86_400_000;
    const at = (days: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + days * day).toISOString().replace(/\.\d+Z$/, "Z");
    const [first, second] = [at(5), at(6)];
    const program = (resumeTime: string) => async () => {
      for (const vendor of VENDOR_IDS) {
        const name = streamName("u", vendor, 0);
        new StreamBlock(name, { vendor, domain, stream: name, resumeTime });
      }
    };
    let es: EngineStack;
    before(async () => {
      es = await newEngineStack(sb, program(first));
      await es.up();
    });
    after(() => es?.dispose());

    it("Tencent and Huawei keep the old ban, in force and in state; Aliyun, which must lift a ban to change it, says the stream is not banned", async () => {
      es.setProgram(program(second));
      sb.injectFault({ vendor: "tencent", action: FORBID_ACTION.tencent, kind: "error", code: "InternalError", count: FOREVER });
      sb.injectFault({ vendor: "huawei", action: "UpdateStreamForbidden", kind: "http", status: 503, count: FOREVER });
      // Aliyun answers the new forbid with ConfigAlreadyExists (as it does for any banned stream), the resume
      // that follows works, then the re-forbid meets an outage.
      sb.injectFault({ vendor: "aliyun", action: FORBID_ACTION.aliyun, kind: "error", code: "ConfigAlreadyExists" });
      sb.injectFault({ vendor: "aliyun", action: FORBID_ACTION.aliyun, kind: "http", status: 503, count: FOREVER });
      const f = await expectFailure(es, () => upContinuingOnError(es));
      const stream = (v: VendorId) => `${domain}/live/${streamName("u", v, 0)}`;
      assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "InternalError", { requestId: true, status: 200 }));
      assert.match(f.all, vendorErrorLine("huawei", "updateResumeTime", stream("huawei"), "HTTP_503", { requestId: false, status: 503 }));
      assert.match(f.all, /aliyun forbid stream [^\n]*: HTTP_503: response is not JSON; the ban had been lifted \(resume request [0-9A-F-]{16,}\) to change its resume time, so the stream is NOT banned until an up succeeds \(HTTP 503, retryable\)/);
      const recorded = await recordedBans(es);
      assert.deepEqual(recorded.map((r) => [r.vendor, r.resumeTime, r.expiresAt]).sort(), VENDOR_IDS.map((v) => [v, first, first]).sort(), "the state keeps the old resume time");
      const held = heldBans(sb, domain);
      assert.deepEqual([...held.values()], [first, first], "Tencent and Huawei still hold the old ban");
      assert.ok(![...held.keys()].some((k) => k.startsWith("aliyun/")), "Aliyun's ban was lifted and not re-applied");
    });

    it("once the vendors answer, up applies the new resume time everywhere and a second up changes nothing", async () => {
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.update, 3, JSON.stringify(r.summary.resourceChanges));
      const recorded = await assertStateMatchesVendors(es, sb, domain);
      assert.deepEqual(recorded.map((x) => x.expiresAt), [second, second, second]);
      await es.up({ expectNoChanges: true });
    });
  });
});
