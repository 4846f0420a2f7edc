// check(): every failure names its property and a fix; valid inputs come back normalized.
import { strict as assert } from "node:assert";
import { checkInputs, UNKNOWN_VALUE } from "../../provider/resource/stream-block-inputs";
import { CHECK_FAILURE_CASES, CHECK_NOW as now, VALID_INPUTS as ok } from "./check-failure-cases";


function failures(raw: Record<string, unknown>, olds?: Record<string, string>) {
  return checkInputs(raw, { now, olds }).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("resource/stream-block-inputs", () => {
  it("normalizes: lower-case domain, default app, whole-second UTC resume time", () => {
    const r = checkInputs({ ...ok, resumeTime: "2026-12-01T08:00:00.900+08:00", __provider: "x" }, { now });
    assert.deepEqual(r.inputs, {
      vendor: "tencent",
      domain: "push.example.com",
      app: "live",
      stream: "s1",
      resumeTime: "2026-12-01T00:00:00Z",
    });
  });

  it("accepts unicode reasons, and each vendor's documented name characters", () => {
    assert.deepEqual(failures({ ...ok, stream: "live-1_x~y.z!$&'()+,;=:@", reason: "违规" }), []);
    assert.deepEqual(failures({ ...ok, vendor: "aliyun", stream: "a~b+c" }), []);
    assert.deepEqual(failures({ ...ok, vendor: "huawei", app: "live_2-b", stream: "game/room-7_x" }), []);
    assert.deepEqual(failures({ ...ok, stream: "x".repeat(255) }), []);
    assert.deepEqual(failures({ ...ok, vendor: "huawei", stream: "x".repeat(512) }), []);
  });

  it("applies the vendor's rule, not another's: / in a stream is Huawei's only, + not Huawei's", () => {
    assert.equal(failures({ ...ok, stream: "game/room-7" }).length, 1);
    assert.equal(failures({ ...ok, vendor: "huawei", stream: "a+b" }).length, 1);
  });

  const cases = CHECK_FAILURE_CASES;
  for (const [title, raw, expected] of cases) {
    it(`rejects ${title}`, () => assert.deepEqual(failures(raw), [expected]));
  }

  it("reports every problem at once", () => {
    assert.equal(failures({ vendor: "x", domain: "", stream: "*" }).length, 3);
  });

  it("lets an unchanged, since-passed resume time stand (the ban ran its course)", () => {
    assert.deepEqual(failures({ ...ok, resumeTime: "2026-11-20T00:00:00Z" }, { resumeTime: "2026-11-20T00:00:00Z" }), []);
  });

  it("allows Aliyun's longer maximum", () => {
    assert.deepEqual(failures({ ...ok, vendor: "aliyun", resumeTime: "2027-03-01T00:00:00Z" }), []);
  });

  it("skips validation of values unknown during preview", () => {
    assert.deepEqual(failures({ ...ok, stream: UNKNOWN_VALUE, resumeTime: UNKNOWN_VALUE }), []);
  });
});
