// StreamClaims: which streams this operation declares, and one ban declared by two resources refused naming both.
import { strict as assert } from "node:assert";
import { StreamClaims, resourceName } from "../../provider/resource/stream-claims";

const URN = (name: string, parent = "") => `urn:pulumi:dev::proj::${parent}pulumi-nodejs:dynamic/streamblock:StreamBlock::${name}`;

describe("resource/stream-claims", () => {
  const id = "huawei/d.example.com/live/s";

  it("the same resource checked twice (preview, then update) renews its own claim", () => {
    const c = new StreamClaims();
    assert.equal(c.claim(id, { claimant: URN("a"), id }), undefined);
    assert.equal(c.claim(id, { claimant: URN("a"), id, resumeTime: "2030-01-01T00:00:00Z" }), undefined);
    assert.ok(c.isClaimed(id));
    assert.deepEqual(c.claimants(id), [URN("a")]);
  });

  it("a second resource declaring the same ban is refused, naming both; the first keeps its claim", () => {
    const c = new StreamClaims();
    c.claim(id, { claimant: URN("first"), id });
    const why = c.claim(id, { claimant: URN("second"), id });
    assert.equal(why, `${id} is declared twice, by "first" and by "second"; the vendor holds one ban with one resume time: declare it once (remove "second" or "first")`);
    assert.deepEqual(c.claimants(id), [URN("first")]);
  });

  it("two resources of one name under different parents are told apart by their URNs", () => {
    const c = new StreamClaims();
    c.claim(id, { claimant: URN("x", "my:index:Group$"), id });
    const why = c.claim(id, { claimant: URN("x"), id });
    assert.ok(why?.includes(`"${URN("x", "my:index:Group$")}"`) && why.includes(`"${URN("x")}"`), why);
  });

  it("claims without a claimant (programs of an older version) are recorded but never refused", () => {
    const c = new StreamClaims();
    assert.equal(c.claim(id, { id }), undefined);
    assert.equal(c.claim(id, { id }), undefined);
    assert.equal(c.claim(id, { claimant: URN("a"), id }), undefined);
    assert.ok(c.isClaimed(id));
  });

  it("Tencent stream-name matching: one stream name on two domains declared alike is one ban both record; declared differently it is refused", () => {
    const key = "tencent/*/*/s";
    const c = new StreamClaims();
    const a = { claimant: URN("a"), id: "tencent/a.example.com/live/s", resumeTime: "2030-01-01T00:00:00Z" };
    assert.equal(c.claim(key, a), undefined);
    assert.equal(c.claim(key, { claimant: URN("b"), id: "tencent/b.example.com/live/s", resumeTime: a.resumeTime }), undefined);
    const why = c.claim(key, { claimant: URN("c"), id: "tencent/c.example.com/live/s", resumeTime: "2031-01-01T00:00:00Z" });
    assert.match(why!, /^"a" \(tencent\/a\.example\.com\/live\/s\) and "c" \(tencent\/c\.example\.com\/live\/s\) are one ban at Tencent/);
    assert.match(why!, /resumeTime "2030-01-01T00:00:00Z" and "2031-01-01T00:00:00Z"/);
    assert.match(why!, /streamblock:tencentMatching to strict/);
    const reason = c.claim(key, { claimant: URN("d"), id: "tencent/d.example.com/live/s", resumeTime: a.resumeTime, reason: "other" });
    assert.match(reason!, /reason \(none\) and "other"/);
  });

  it("resourceName: the name alone, or the URN where both names are equal", () => {
    assert.equal(resourceName(URN("a"), URN("b")), `"a"`);
    assert.equal(resourceName(URN("a"), URN("a", "x:y:Z$")), `"${URN("a")}"`);
  });
});
