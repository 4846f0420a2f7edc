// A skewed client clock through the real engine: beyond the vendors' windows every call is refused clearly; within them the state still equals the vendors.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { VENDOR_LIMITS } from "../../provider/vendors/vendor-limits";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import { assertStateMatchesVendors, everyVendor, expectFailure, recordedBans, startTestSandbox, streamName, streamsProgram, upContinuingOnError, vendorErrorLine } from "./reliability-harness";

const DOMAIN = "skew.example.com";
const OFFSET = "STREAMBLOCK_CLOCK_OFFSET_SECONDS";

describe("reliability: a skewed client clock", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let es: EngineStack;
  const stream = (v: VendorId) => `${DOMAIN}/live/${streamName("s", v, 0)}`;
  before(async () => {
    sb = await startTestSandbox();
    es = await newEngineStack(sb, streamsProgram(DOMAIN, "s", everyVendor(1)));
  });
  after(async () => {
    await es?.dispose();
    await sb.close();
  });

  it("20 minutes slow, beyond every vendor's window (Tencent 5, Aliyun and Huawei 15 minutes): each refuses the signature as expired and nothing applies", async () => {
    assert.ok(VENDOR_IDS.every((v) => VENDOR_LIMITS[v].signatureSkewSeconds < 1200));
    es.stack.workspace.envVars[OFFSET] = "-1200";
    const f = await expectFailure(es, () => upContinuingOnError(es));
    assert.match(f.all, vendorErrorLine("tencent", "forbid", stream("tencent"), "AuthFailure.SignatureExpire", { requestId: true, status: 200 }));
    assert.match(f.all, vendorErrorLine("aliyun", "forbid", stream("aliyun"), "InvalidTimeStamp.Expired", { requestId: true, status: 400 }));
    assert.match(f.all, vendorErrorLine("huawei", "forbid", stream("huawei"), "APIGW.0301", { requestId: true, status: 401 }));
    assert.match(f.all, /signature expired/);
    assert.deepEqual(await recordedBans(es), []);
    await assertStateMatchesVendors(es, sb, DOMAIN);
  });

  it("4 minutes fast, inside every window: every ban applies and the state holds exactly the expiry each vendor holds", async () => {
    es.stack.workspace.envVars[OFFSET] = "240";
    await es.up();
    const recorded = await assertStateMatchesVendors(es, sb, DOMAIN);
    assert.equal(recorded.length, 3);
    // The expiry was computed on the fast clock and sent explicitly, so the vendors hold the same one, an
    // hour short of their maximum by their own clock.
    for (const r of recorded) {
      const ahead = Date.parse(r.expiresAt!) - sb.clock.now().getTime();
      assert.ok(ahead <= VENDOR_LIMITS[r.vendor].maxBanSeconds * 1000, `${r.vendor}: within the vendor's maximum`);
    }
  });

  it("with the clock corrected, refresh finds no drift and up changes nothing", async () => {
    delete es.stack.workspace.envVars[OFFSET];
    const r = await es.stack.refresh({ onOutput: (s) => es.output.push(s) });
    assert.deepEqual(r.summary.resourceChanges, { same: 4 });
    await es.up({ expectNoChanges: true });
  });
});
