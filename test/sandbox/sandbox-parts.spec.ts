// Unit tests of the sandbox's pure parts: clock, ban store, throttle, resume-time rules, variants, faults, nonces.
import { strict as assert } from "node:assert";
import { BanStore, MAX_KICKS, type StreamRef } from "../../provider/sandbox/ban-store";
import { applyVariants, defaultVariants, VARIANT_CATALOGUE } from "../../provider/sandbox/behaviour-variants";
import { checkFaultSpec, FaultInjector } from "../../provider/sandbox/fault-injector";
import { NonceCache } from "../../provider/sandbox/nonce-cache";
import { decideExpiry, parseUtcTime } from "../../provider/sandbox/resume-time";
import { SandboxClock } from "../../provider/sandbox/sandbox-clock";
import { formatForbidListTime } from "../../provider/sandbox/tencent/tencent-list-time";
import { Throttle } from "../../provider/sandbox/throttle";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const REF: StreamRef = { vendor: "tencent", account: "acc", domain: "d", app: "a", stream: "s" };

describe("sandbox/sandbox-clock", () => {
  it("adds a movable offset to the real time source", () => {
    let real = T0;
    const clock = new SandboxClock(() => real);
    clock.advance(5000);
    real += 1000;
    assert.equal(clock.nowMs(), T0 + 6000);
    clock.set(new Date(T0 - 60_000));
    assert.equal(clock.now().toISOString(), "2029-12-31T23:59:00.000Z");
    clock.reset();
    assert.equal(clock.offsetMs, 0);
    assert.throws(() => clock.advance(NaN), RangeError);
  });
});

describe("sandbox/ban-store", () => {
  it("expires bans lazily on every read", () => {
    let now = T0;
    const changes: number[] = [];
    const store = new BanStore(new SandboxClock(() => now), () => changes.push(1));
    store.putBan(REF, new Date(T0 + 1000), "why");
    store.putBan({ ...REF, stream: "t" }, new Date(T0 + 5000));
    assert.equal(store.listBans().length, 2);
    now += 1000;
    assert.deepEqual(store.listBans().map((b) => b.stream), ["t"]);
    assert.equal(store.getBan(REF), undefined);
    assert.equal(store.getBan(REF, true)?.reason, "why");
    assert.equal(store.countBans({ vendor: "tencent" }), 1);
    assert.equal(store.countBans({ vendor: "tencent", includeExpired: true }), 2);
    assert.equal(store.removeBans({ account: "acc" }), 2);
    assert.equal(changes.length, 3);
  });

  it("filters by vendor, account and key parts, and keeps vendors and accounts apart", () => {
    const store = new BanStore(new SandboxClock(() => T0));
    const until = new Date(T0 + 60_000);
    store.putBan(REF, until);
    store.putBan({ ...REF, vendor: "aliyun" }, until);
    store.putBan({ ...REF, account: "other" }, until);
    assert.equal(store.listBans({ vendor: "tencent" }).length, 2);
    assert.equal(store.listBans({ vendor: "tencent", account: "acc", domain: "d", app: "a", stream: "s" }).length, 1);
    assert.equal(store.listBans({ domain: "nope" }).length, 0);
    assert.equal(store.updateExpiry({ ...REF, stream: "x" }, until), undefined);
  });

  it("kicks end the push and are capped", () => {
    const store = new BanStore(new SandboxClock(() => T0));
    store.setPublishing(REF, true);
    assert.equal(store.isPublishing(REF), true);
    store.recordKick(REF, "DropLiveStream");
    assert.equal(store.isPublishing(REF), false);
    for (let i = 0; i < MAX_KICKS + 5; i++) store.recordKick({ ...REF, stream: `k${i}` }, "DropLiveStream");
    assert.equal(store.listKicks().length, MAX_KICKS);
    assert.equal(store.listKicks({ stream: "k0" }).length, 0);
  });

  it("snapshots and restores bans and kicks", () => {
    const a = new BanStore(new SandboxClock(() => T0));
    a.putBan(REF, new Date(T0 + 1), "r");
    a.recordKick(REF, "x");
    const b = new BanStore(new SandboxClock(() => T0));
    b.restore(a.snapshot());
    assert.deepEqual(b.snapshot(), a.snapshot());
  });
});

describe("sandbox/throttle", () => {
  it("allows a burst of one second's worth, then refills at the rate, per account and action", () => {
    let now = 0;
    const t = new Throttle({ qps: { aliyun: { ForbidLiveStream: 2 } } }, () => now);
    assert.equal(t.take("aliyun", "a", "ForbidLiveStream").allowed, true);
    assert.equal(t.take("aliyun", "a", "ForbidLiveStream").allowed, true);
    const refused = t.take("aliyun", "a", "ForbidLiveStream");
    assert.deepEqual(refused, { allowed: false, retryAfterMs: 500, limit: { count: 2, windowSeconds: 1, scope: "account" } });
    assert.equal(t.take("aliyun", "b", "ForbidLiveStream").allowed, true);
    assert.equal(t.take("aliyun", "a", "ResumeLiveStream").allowed, true);
    now += 500;
    assert.equal(t.take("aliyun", "a", "ForbidLiveStream").allowed, true);
    assert.equal(t.take("aliyun", "a", "NotDocumented").allowed, true);
  });

  it("uses the documented rates, scales them, and switches off", () => {
    const now = 0;
    const t = new Throttle({ scale: 0.5 }, () => now);
    assert.equal(t.settings().qps.tencent.DescribeLiveForbidStreamList, 2);
    assert.equal(t.take("tencent", "a", "DescribeLiveForbidStreamList").allowed, true);
    assert.equal(t.take("tencent", "a", "DescribeLiveForbidStreamList").allowed, false);
    t.configure({ enabled: false });
    assert.equal(t.take("tencent", "a", "DescribeLiveForbidStreamList").allowed, true);
    assert.throws(() => t.configure({ scale: 0 }), RangeError);
  });

  describe("Huawei's per-minute limits (huawei.md §1)", () => {
    it("admits 4,000 creates per user at once and the 4,001st only when the first leaves the 60 s window", () => {
      let now = 0;
      const t = new Throttle({}, () => now);
      for (let i = 0; i < 4000; i++) assert.equal(t.take("huawei", "a", "CreateStreamForbidden").allowed, true, `call ${i + 1}`);
      now = 59_000;
      // A bucket of 4,000 refilled at 4,000/min would have ~3,933 tokens back by now; the window has none.
      assert.deepEqual(t.take("huawei", "a", "CreateStreamForbidden"), {
        allowed: false,
        retryAfterMs: 1000,
        limit: { count: 4000, windowSeconds: 60, scope: "account" },
      });
      now = 60_000;
      assert.equal(t.take("huawei", "a", "CreateStreamForbidden").allowed, true);
      for (let i = 0; i < 3999; i++) t.take("huawei", "a", "CreateStreamForbidden");
      assert.equal(t.take("huawei", "a", "CreateStreamForbidden").allowed, false, "refused calls are not counted");
    });

    it("caps all accounts together per API: 6,000 lists a minute, then every user is refused", () => {
      let now = 0;
      const t = new Throttle({}, () => now);
      for (let i = 0; i < 3000; i++) t.take("huawei", "a", "ListStreamForbidden");
      assert.equal(t.take("huawei", "a", "ListStreamForbidden").allowed, false);
      now = 10_000;
      for (let i = 0; i < 3000; i++) assert.equal(t.take("huawei", "b", "ListStreamForbidden").allowed, true);
      assert.deepEqual(t.take("huawei", "c", "ListStreamForbidden"), {
        allowed: false,
        retryAfterMs: 50_000,
        limit: { count: 6000, windowSeconds: 60, scope: "api" },
      });
      assert.equal(t.take("huawei", "c", "DeleteStreamForbidden").allowed, true, "each action has its own limits");
      now = 60_000;
      assert.equal(t.take("huawei", "c", "ListStreamForbidden").allowed, true);
    });

    it("scale multiplies the counts (never below one); a qps override is a per-second rate per user; null restores", () => {
      const t = new Throttle({ scale: 0.001 }, () => 0);
      assert.deepEqual(t.settings().limits.huawei.ListStreamForbidden, { perAccount: 3000, perApi: 6000, windowSeconds: 60 });
      for (let i = 0; i < 3; i++) assert.equal(t.take("huawei", "a", "ListStreamForbidden").allowed, true);
      assert.equal(t.take("huawei", "a", "ListStreamForbidden").allowed, false);
      for (let i = 0; i < 3; i++) assert.equal(t.take("huawei", "b", "ListStreamForbidden").allowed, true);
      assert.deepEqual(t.take("huawei", "c", "ListStreamForbidden"), { allowed: false, retryAfterMs: 60_000, limit: { count: 6, windowSeconds: 60, scope: "api" } });
      t.configure({ scale: 1, qps: { huawei: { ListStreamForbidden: 2 } } });
      assert.equal(t.settings().qps.huawei.ListStreamForbidden, 2);
      for (const account of ["a", "a", "b", "c", "d"]) assert.equal(t.take("huawei", account, "ListStreamForbidden").allowed, true);
      assert.deepEqual(t.take("huawei", "a", "ListStreamForbidden"), { allowed: false, retryAfterMs: 500, limit: { count: 2, windowSeconds: 1, scope: "account" } });
      t.configure({ qps: { huawei: { ListStreamForbidden: null } } });
      assert.equal(t.settings().qps.huawei.ListStreamForbidden, undefined);
      assert.equal(t.settings().limits.huawei.ListStreamForbidden?.windowSeconds, 60);
      assert.throws(() => t.configure({ qps: { huawei: { ListStreamForbidden: 0 } } }), /qps\.huawei\.ListStreamForbidden must be a positive number/);
    });
  });
});

describe("sandbox/resume-time", () => {
  const limits = { defaultBanSeconds: 100, maxBanSeconds: 1000 };
  const now = new Date(T0 + 123);

  it("parses strict UTC seconds, fractions only when allowed", () => {
    assert.equal(parseUtcTime("2030-01-01T00:00:05Z")?.getTime(), T0 + 5000);
    assert.equal(parseUtcTime("2030-01-01T00:00:05.250Z"), undefined);
    assert.equal(parseUtcTime("2030-01-01T00:00:05.250Z", true)?.getTime(), T0 + 5250);
    for (const bad of ["2030-02-30T00:00:00Z", "2030-01-01 00:00:00", "2030-01-01T00:00:00+08:00", "2030-01-01T24:00:00Z", ""]) {
      assert.equal(parseUtcTime(bad), undefined, bad);
    }
  });

  it("defaults, refuses the past, and clamps, accepts or refuses beyond the maximum", () => {
    assert.deepEqual(decideExpiry(undefined, now, limits, "error"), { ok: true, expiresAt: new Date(T0 + 100_000) });
    assert.deepEqual(decideExpiry("2030-01-01T00:00:00Z", now, limits, "error"), { ok: false, problem: "past" });
    assert.deepEqual(decideExpiry("nope", now, limits, "error"), { ok: false, problem: "malformed" });
    const far = "2030-01-01T01:00:00Z";
    assert.deepEqual(decideExpiry(far, now, limits, "error"), { ok: false, problem: "over-max" });
    assert.deepEqual(decideExpiry(far, now, limits, "clamp"), { ok: true, expiresAt: new Date(T0 + 1_000_000) });
    assert.deepEqual(decideExpiry(far, now, limits, "accept"), { ok: true, expiresAt: new Date(far) });
  });
});

describe("sandbox/tencent/tencent-list-time", () => {
  it("renders one instant in the four candidate formats", () => {
    const at = new Date("2019-04-16T12:00:00Z");
    assert.equal(formatForbidListTime(at, "beijing-offset"), "2019-04-16T20:00:00+08:00");
    assert.equal(formatForbidListTime(at, "beijing-space"), "2019-04-16 20:00:00");
    assert.equal(formatForbidListTime(at, "beijing-z"), "2019-04-16T20:00:00Z");
    assert.equal(formatForbidListTime(at, "utc-z"), "2019-04-16T12:00:00Z");
    assert.equal(formatForbidListTime(new Date("2019-04-16T20:30:00Z"), "beijing-space"), "2019-04-17 04:30:00");
  });
});

describe("sandbox/behaviour-variants", () => {
  it("has a valid default and a spec citation for every variant", () => {
    for (const defs of Object.values(VARIANT_CATALOGUE)) {
      for (const def of Object.values(defs)) {
        assert.ok((def.values as readonly string[]).includes(def.default));
        assert.match(def.source, /(tencent|aliyun|huawei)\.md §\d/);
      }
    }
    assert.equal(defaultVariants().aliyun.duplicateForbid, "error");
  });

  it("applies overrides all or nothing", () => {
    const base = defaultVariants();
    const next = applyVariants(base, { huawei: { updateMissing: "upsert" } });
    assert.equal(next.huawei.updateMissing, "upsert");
    assert.equal(base.huawei.updateMissing, "error");
    assert.throws(() => applyVariants(base, { huawei: { updateMissing: "upsert", nope: "x" } }), /unknown variant huawei\.nope/);
    assert.throws(() => applyVariants(base, { azure: {} }), /unknown vendor/);
    assert.throws(() => applyVariants(base, { tencent: { matching: "fuzzy" } }), /stream-name, strict/);
  });
});

describe("sandbox/fault-injector", () => {
  it("hands out matching faults until their count runs out", () => {
    const f = new FaultInjector();
    f.add({ vendor: "tencent", action: "ForbidLiveStream", kind: "drop", count: 2 });
    f.add({ vendor: "tencent", kind: "http" });
    assert.equal(f.take("aliyun", "ForbidLiveStream"), undefined);
    assert.equal(f.take("tencent", "ForbidLiveStream")?.kind, "drop");
    assert.equal(f.take("tencent", "ResumeLiveStream")?.kind, "http");
    assert.equal(f.take("tencent", "ForbidLiveStream")?.remaining, 0);
    assert.equal(f.take("tencent", "ForbidLiveStream"), undefined);
  });

  it("validates specs and keeps only the fields of their kind", () => {
    assert.deepEqual(checkFaultSpec({ vendor: "huawei", kind: "stall", delayMs: 10, code: "x" }), { vendor: "huawei", kind: "stall", delayMs: 10 });
    assert.throws(() => checkFaultSpec({ vendor: "huawei", kind: "error" }), /needs fault\.code/);
    assert.throws(() => checkFaultSpec({ vendor: "huawei", kind: "drop", count: 0 }), /count/);
  });
});

describe("sandbox/nonce-cache", () => {
  it("refuses a nonce seen within the retention window", () => {
    let now = T0;
    const nonces = new NonceCache(new SandboxClock(() => now), 1000);
    assert.equal(nonces.use("n"), true);
    assert.equal(nonces.use("n"), false);
    now += 1001;
    assert.equal(nonces.use("n"), true);
  });
});
