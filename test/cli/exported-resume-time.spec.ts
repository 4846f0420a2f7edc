// exportedResumeTime: the resume time export writes, so that re-applying an export of a stack's own bans changes nothing.
import { strict as assert } from "node:assert";
import { exportedResumeTime, looksIndefinite, type ExportedResumeTimeInput } from "../../provider/cli/exported-resume-time";
import { indefiniteResumeTime } from "../../provider/resource/renewal-plan";

const NOW = new Date("2026-11-21T00:00:00Z");
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const base: ExportedResumeTimeInput = { vendor: "huawei", now: NOW, windowDays: 30, mode: "auto" };

describe("cli/exported-resume-time", () => {
  it("an indefinite ban made now, or renewed before the window, exports as indefinite on every vendor", () => {
    for (const vendor of ["huawei", "tencent", "aliyun"] as const) {
      const fresh = indefiniteResumeTime(vendor, NOW);
      assert.equal(exportedResumeTime({ ...base, vendor, expiresAt: fresh }), undefined, vendor);
      // Made 40 days ago and not yet due: still the pattern.
      assert.equal(exportedResumeTime({ ...base, vendor, expiresAt: indefiniteResumeTime(vendor, at(-40 * DAY)) }), undefined, vendor);
      assert.ok(looksIndefinite(vendor, at(31 * DAY), NOW, 30));
      assert.ok(!looksIndefinite(vendor, at(29 * DAY), NOW, 30));
    }
  });

  it("an expiry inside the renewal window, or beyond the vendor's maximum, keeps its time", () => {
    assert.equal(exportedResumeTime({ ...base, expiresAt: at(5 * DAY) }), "2026-11-26T00:00:00Z");
    assert.equal(exportedResumeTime({ ...base, expiresAt: at(91 * DAY) }), "2027-02-20T00:00:00Z");
    assert.equal(exportedResumeTime({ ...base, windowDays: 3, expiresAt: at(5 * DAY) }), undefined, "a smaller window widens the pattern");
  });

  it("a ban the --from file declares keeps its declared time where the vendor agrees, even beyond the window", () => {
    const declared = { resumeTime: "2027-01-15T00:00:00Z" };
    assert.equal(exportedResumeTime({ ...base, expiresAt: new Date(declared.resumeTime), declared }), declared.resumeTime);
    assert.equal(exportedResumeTime({ ...base, vendor: "aliyun", expiresAt: undefined, declared }), declared.resumeTime, "Aliyun cannot say: the file's time stands");
    assert.equal(exportedResumeTime({ ...base, expiresAt: at(3 * DAY), declared }), "2026-11-24T00:00:00Z", "the vendor disagrees: its time wins");
    assert.equal(exportedResumeTime({ ...base, expiresAt: at(3 * DAY), declared: {} }), undefined, "declared indefinite stays indefinite");
  });

  it("Aliyun without a declaration is indefinite; --exact keeps the vendor's expiry; --indefinite drops all", () => {
    assert.equal(exportedResumeTime({ ...base, vendor: "aliyun" }), undefined);
    const fresh = indefiniteResumeTime("tencent", NOW);
    assert.equal(exportedResumeTime({ ...base, vendor: "tencent", expiresAt: fresh, mode: "exact" }), "2027-02-18T23:00:00Z");
    assert.equal(exportedResumeTime({ ...base, expiresAt: at(5 * DAY), mode: "none" }), undefined);
  });
});
