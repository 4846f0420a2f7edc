// Property-based fuzzing of the StreamBlock input schema: any input yields normalized inputs or failures naming a property, never an exception.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { checkInputs, UNKNOWN_VALUE, type StreamBlockInputs } from "../../provider/resource/stream-block-inputs";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { VENDOR_LIMITS } from "../../provider/vendors/vendor-limits";
import { nameProblem } from "../../provider/vendors/name-rules";
import { fuzzParameters } from "./fuzz-settings";

const NOW = new Date("2026-11-21T00:00:00Z");
const FIELDS = ["vendor", "domain", "app", "stream", "resumeTime", "reason"] as const;
const VALID = { vendor: "tencent", domain: "push.example.com", app: "live", stream: "spam-bot", resumeTime: "2026-12-01T00:00:00Z", reason: "spam" };

/** Strings near the valid ones: the edges the rules care about (spaces, wildcards, slashes, controls, unicode, length). */
const nearString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "*", "/", "a/b", "\u0000", "\n", "live ", " live", "Push.Example.COM", "-bad-.com", "a..b", "xn--fsq.com", "违规", "x".repeat(513), "违".repeat(683), "a b", "a%20b", "a+b", "a?b", "a#b", "game/room-7", "x".repeat(256)),
  fc.tuple(fc.constantFrom(...Object.values(VALID)), fc.string({ maxLength: 3 }), fc.nat(20)).map(([s, extra, at]) => s.slice(0, at) + extra + s.slice(at)),
);

/** Times in every shape: ISO with and without zones and fractions, impossible dates, far years, other formats. */
const timeString = fc.oneof(
  // Around NOW, where the past, valid and beyond-the-maximum rules meet, in several zones.
  fc.tuple(fc.integer({ min: -2 * 86_400_000, max: 200 * 86_400_000 }), fc.constantFrom(0, 8 * 60, -5 * 60 - 30)).map(([ms, zoneMin]) => {
    const local = new Date(NOW.getTime() + ms + zoneMin * 60_000).toISOString().slice(0, 19);
    const zone = zoneMin === 0 ? "Z" : `${zoneMin > 0 ? "+" : "-"}${String(Math.floor(Math.abs(zoneMin) / 60)).padStart(2, "0")}:${String(Math.abs(zoneMin) % 60).padStart(2, "0")}`;
    return local + zone;
  }),
  fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace(".000Z", "Z")),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 29 }), fc.constantFrom("Z", "+08:00", "-23:59", "+99:99", "")).map(
    ([y, mo, d, h, z]) => `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00${z}`,
  ),
  fc.constantFrom("2026-12-01 00:00:00", "1700000000", "tomorrow", "2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T00:00:60Z", "2026-12-01T00:00:00.123456789+08:00"),
);

const anyValue = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(null), fc.constant(UNKNOWN_VALUE), nearString, timeString);

/** Checks the contract of one checkInputs result for `raw`. */
function assertContract(raw: Record<string, unknown>): void {
  const r = checkInputs(raw, { now: NOW });
  if (r.failures.length > 0) {
    assert.equal(r.inputs, undefined);
    for (const f of r.failures) {
      assert.equal(typeof f.property, "string");
      assert.ok(typeof f.reason === "string" && f.reason.length > 0, "a reason");
      assert.ok((FIELDS as readonly string[]).includes(f.property) || Object.keys(raw).includes(f.property), `unknown property name ${JSON.stringify(f.property)}`);
      // Every reason names the property it is about, so the engine's one-line diagnostic reads on its own.
      assert.ok(f.reason.includes(f.property), `${JSON.stringify(f)} does not name its property`);
    }
    return;
  }
  const inputs = r.inputs!;
  if (Object.values(inputs).includes(UNKNOWN_VALUE)) return; // preview with unknown values: checked again later
  assertNormalized(inputs);
  // Normalizing is idempotent: the engine checks stored inputs again on every run.
  assert.deepEqual(checkInputs({ ...inputs }, { now: NOW, olds: inputs }).inputs, inputs);
}

function assertNormalized(i: StreamBlockInputs): void {
  assert.ok(VENDOR_IDS.includes(i.vendor));
  assert.equal(i.domain, i.domain.toLowerCase());
  for (const s of [i.domain, i.app, i.stream]) {
    assert.ok(s.length > 0 && s === s.trim() && !s.includes("*") && !/[\u0000-\u001f\u007f]/.test(s), JSON.stringify(i));
  }
  assert.ok(!i.app.includes("/"));
  // Accepted names follow the vendor's own rules (NAMING.md).
  for (const f of ["domain", "app", "stream"] as const) assert.equal(nameProblem(i.vendor, f, i[f]), undefined, JSON.stringify(i));
  if (i.resumeTime !== undefined) {
    assert.match(i.resumeTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const ms = Date.parse(i.resumeTime) - NOW.getTime();
    assert.ok(ms > 0 && ms <= VENDOR_LIMITS[i.vendor].maxBanSeconds * 1000, i.resumeTime);
  }
  if (i.reason !== undefined) assert.ok(Buffer.byteLength(i.reason) <= VENDOR_LIMITS.tencent.maxReasonBytes);
}

describe("fuzz: StreamBlock input schema (checkInputs)", function () {
  this.timeout(60_000);

  it("arbitrary objects of arbitrary values: normalized inputs or failures naming a property, never an exception", () => {
    const key = fc.oneof(fc.constantFrom(...FIELDS, "__provider", "secretKey", ""), fc.string({ maxLength: 12 }));
    fc.assert(fc.property(fc.dictionary(key, anyValue, { maxKeys: 8 }), assertContract), fuzzParameters());
  });

  it("a valid input with some fields replaced by near-valid strings, times and other values: the same contract", () => {
    const mutation = fc.record(
      Object.fromEntries(FIELDS.map((f) => [f, fc.option(f === "resumeTime" ? fc.oneof(timeString, anyValue) : anyValue, { nil: "keep" as const, freq: 2 })])),
    ) as fc.Arbitrary<Record<string, unknown>>;
    fc.assert(
      fc.property(mutation, (m) => {
        const raw: Record<string, unknown> = { ...VALID };
        for (const [k, v] of Object.entries(m)) if (v !== "keep") raw[k] = v;
        assertContract(raw);
      }),
      fuzzParameters(),
    );
  });
});
