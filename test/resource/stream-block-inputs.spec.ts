// check(): every failure names its property and a fix; valid inputs come back normalized.
import { strict as assert } from "node:assert";
import { checkInputs, UNKNOWN_VALUE } from "../../provider/resource/stream-block-inputs";

const now = new Date("2026-11-21T00:00:00Z");
const ok = { vendor: "tencent", domain: "Push.Example.com", stream: "s1" };

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

  it("accepts unicode stream names and reasons", () => {
    const r = checkInputs({ ...ok, stream: "直播-1 ~x", reason: "违规" }, { now });
    assert.equal(r.failures.length, 0);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ["unknown vendor", { ...ok, vendor: "aws" }, "vendor: vendor must be one of huawei, tencent, aliyun"],
    ["missing vendor", { domain: "a.com", stream: "s" }, "vendor: vendor is required: one of huawei, tencent, aliyun"],
    ["missing stream", { vendor: "huawei", domain: "a.com" }, "stream: stream is required"],
    ["empty stream", { ...ok, stream: "" }, "stream: stream must not be empty"],
    ["wildcard stream", { ...ok, stream: "*" }, 'stream: stream must not contain "*": wildcards would ban or resume every matching stream'],
    ["wildcard app", { ...ok, app: "*" }, 'app: app must not contain "*": wildcards would ban or resume every matching stream'],
    ["over-long stream", { ...ok, stream: "x".repeat(513) }, "stream: stream is 513 characters; the vendors accept at most 512"],
    ["slash in app", { ...ok, app: "a/b" }, 'app: app must not contain "/" (vendors print bans as domain/app/stream)'],
    ["bad domain", { ...ok, domain: "not a domain" }, "domain: domain must be a push domain name such as push.example.com"],
    ["resume time without zone", { ...ok, resumeTime: "2026-12-01 00:00:00" }, "resumeTime: resumeTime must be an absolute time with a zone, such as 2030-01-01T00:00:00Z"],
    ["resume time in the past", { ...ok, resumeTime: "2026-11-20T00:00:00Z" }, "resumeTime: resumeTime 2026-11-20T00:00:00Z is in the past; pick a future time, or omit it for a ban that StreamBlock keeps renewed"],
    ["resume time beyond 90 days", { ...ok, resumeTime: "2027-03-01T00:00:00Z" }, "resumeTime: resumeTime 2027-03-01T00:00:00Z is more than 90 days ahead, tencent's maximum; omit it for a ban that StreamBlock keeps renewed"],
    ["reason over 2048 bytes", { ...ok, reason: "违".repeat(683) }, "reason: reason must be at most 2048 bytes of UTF-8"],
    ["unknown property", { ...ok, secretKey: "x" }, 'secretKey: unknown property "secretKey"; StreamBlock takes vendor, domain, app, stream, resumeTime and reason'],
  ];
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
