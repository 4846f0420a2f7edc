// diff(): key fields replace, resumeTime/reason update in place, renewal at the window's edge, else no change.
import { strict as assert } from "node:assert";
import { diffStreamBlock } from "../../provider/resource/diff-rules";
import type { StreamBlockInputs, StreamBlockOutputs } from "../../provider/resource/stream-block-inputs";

const now = new Date("2026-11-21T00:00:00Z");
const inputs: StreamBlockInputs = { vendor: "huawei", domain: "push.example.com", app: "live", stream: "s1" };
const outs: StreamBlockOutputs = { ...inputs, expiresAt: "2027-02-18T00:00:00Z", requestId: "r1" };

describe("resource/diff-rules", () => {
  it("reports no change when nothing declared changed, whatever __provider says", () => {
    const d = diffStreamBlock({ ...outs, __provider: "old code" } as StreamBlockOutputs, inputs, now, 30);
    assert.deepEqual(d, { changes: false, replaces: [], deleteBeforeReplace: false, reasons: [] });
  });

  for (const key of ["vendor", "domain", "app", "stream"] as const) {
    it(`replaces when ${key} changes`, () => {
      const news = { ...inputs, [key]: key === "vendor" ? "tencent" : "other" } as StreamBlockInputs;
      const d = diffStreamBlock(outs, news, now, 30);
      assert.equal(d.changes, true);
      assert.deepEqual(d.replaces, [key]);
      assert.equal(d.deleteBeforeReplace, false);
    });
  }

  it("updates in place when resumeTime changes", () => {
    const d = diffStreamBlock({ ...outs, resumeTime: "2026-12-01T00:00:00Z" }, { ...inputs, resumeTime: "2026-12-02T00:00:00Z" }, now, 30);
    assert.deepEqual([d.changes, d.replaces], [true, []]);
    assert.match(d.reasons[0]!, /resumeTime "2026-12-01T00:00:00Z" → "2026-12-02T00:00:00Z" updates the ban in place/);
  });

  it("updates in place when reason changes", () => {
    const d = diffStreamBlock(outs, { ...inputs, reason: "spam" }, now, 30);
    assert.deepEqual([d.changes, d.replaces], [true, []]);
  });

  it("plans a renewal only once the time left drops under the window", () => {
    const edge = new Date(Date.parse(outs.expiresAt!) - 30 * 86_400_000);
    assert.equal(diffStreamBlock(outs, inputs, new Date(edge.getTime() - 1000), 30).changes, false);
    const d = diffStreamBlock(outs, inputs, new Date(edge.getTime() + 1000), 30);
    assert.equal(d.changes, true);
    assert.match(d.reasons[0]!, /^renewal: the ban expires at 2027-02-18T00:00:00Z, in 29d 23h, inside the 30-day renewal window$/);
  });

  it("never renews a ban whose expiry is unknown (renewing would lift it) or one with a declared resume time", () => {
    assert.equal(diffStreamBlock({ ...outs, expiresAt: undefined }, inputs, now, 30).changes, false);
    const fixed = { ...inputs, resumeTime: "2026-11-22T00:00:00Z" };
    assert.equal(diffStreamBlock({ ...outs, ...fixed, expiresAt: fixed.resumeTime }, fixed, now, 30).changes, false);
  });

  it("updates a ban whose vendor-held expiry drifted from the declared resume time", () => {
    const fixed = { ...inputs, resumeTime: "2026-12-01T00:00:00Z" };
    const d = diffStreamBlock({ ...outs, ...fixed, expiresAt: "2026-12-05T00:00:00Z" }, fixed, now, 30);
    assert.deepEqual([d.changes, d.replaces], [true, []]);
    assert.match(d.reasons[0]!, /^drift: the vendor holds the ban until 2026-12-05T00:00:00Z, declared 2026-12-01T00:00:00Z/);
  });
});
