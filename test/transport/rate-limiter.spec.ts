// Token-bucket math on a fake clock: documented defaults, independent keys, overrides and switching off.
import { strict as assert } from "node:assert";
import { RateLimiter, getSharedRateLimiter, type RateLimiterOptions, type RateLimitKey } from "../../provider/transport/rate-limiter";

/** A limiter on a simulated clock whose sleep advances the clock (for one caller at a time). */
function simulated(opts: Omit<RateLimiterOptions, "now" | "sleep"> = {}) {
  const clock = { t: 1_000_000, waits: [] as number[] };
  const limiter = new RateLimiter({
    ...opts,
    now: () => clock.t,
    sleep: async (ms) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
  });
  return { limiter, clock };
}

async function acquireN(limiter: RateLimiter, key: RateLimitKey, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await limiter.acquire(key);
}

const tencentList: RateLimitKey = { vendor: "tencent", account: "acct-a", action: "DescribeLiveForbidStreamList" };
const aliyunForbid: RateLimitKey = { vendor: "aliyun", account: "acct-a", action: "ForbidLiveStream" };

describe("transport/rate-limiter", () => {
  it("paces at the documented QPS (Tencent list: 2/s, burst 1)", async () => {
    const { limiter, clock } = simulated();
    const start = clock.t;
    await acquireN(limiter, tencentList, 5);
    assert.equal(clock.t - start, 2000);
    assert.deepEqual(clock.waits, [500, 500, 500, 500]);
  });

  it("lets a small burst through, then paces (Aliyun forbid: 20/s, burst 2)", async () => {
    const { limiter, clock } = simulated();
    const start = clock.t;
    await acquireN(limiter, aliyunForbid, 10);
    assert.equal(clock.t - start, (10 - 2) * 50);
  });

  it("refills the burst after idle time", async () => {
    const { limiter, clock } = simulated();
    await acquireN(limiter, aliyunForbid, 4);
    clock.t += 10_000;
    clock.waits.length = 0;
    await acquireN(limiter, aliyunForbid, 2);
    assert.deepEqual(clock.waits, []);
  });

  it("keeps separate buckets per account and per action", async () => {
    const { limiter, clock } = simulated();
    await limiter.acquire(tencentList);
    await limiter.acquire({ ...tencentList, account: "acct-b" });
    await limiter.acquire({ ...tencentList, action: "ForbidLiveStream" });
    await limiter.acquire({ ...tencentList, vendor: "huawei", action: "ListStreamForbidden" });
    assert.deepEqual(clock.waits, []);
    await limiter.acquire(tencentList);
    assert.deepEqual(clock.waits, [500]);
  });

  it("books slots in call order for concurrent callers", async () => {
    const waits: number[] = [];
    const limiter = new RateLimiter({ now: () => 0, sleep: async (ms) => void waits.push(ms) });
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire(tencentList)));
    assert.deepEqual(waits, [500, 1000, 1500]);
  });

  it("applies vendor overrides, with per-action overrides winning", async () => {
    const { limiter, clock } = simulated({
      overrides: { tencent: { qps: 10, burst: 1, actions: { ForbidLiveStream: { qps: 4, burst: 2 } } } },
    });
    await acquireN(limiter, tencentList, 3);
    assert.deepEqual(clock.waits, [100, 100]);
    clock.waits.length = 0;
    await acquireN(limiter, { ...tencentList, action: "ForbidLiveStream" }, 4);
    assert.deepEqual(clock.waits, [250, 250]);
  });

  it("setOverrides replaces the rates", async () => {
    const { limiter, clock } = simulated();
    await acquireN(limiter, tencentList, 2);
    assert.deepEqual(clock.waits, [500]);
    limiter.setOverrides({ tencent: { actions: { DescribeLiveForbidStreamList: { qps: 1 } } } });
    clock.waits.length = 0;
    await acquireN(limiter, tencentList, 3);
    assert.deepEqual(clock.waits, [1000, 1000]);
  });

  it("qps Infinity switches one action off; enabled: false switches everything off", async () => {
    const one = simulated({ overrides: { tencent: { actions: { DescribeLiveForbidStreamList: { qps: Infinity } } } } });
    await acquireN(one.limiter, tencentList, 50);
    assert.deepEqual(one.clock.waits, []);
    await acquireN(one.limiter, { ...tencentList, action: "ResumeLiveStream" }, 50);
    assert.notDeepEqual(one.clock.waits, []);

    const off = simulated({ enabled: false });
    await acquireN(off.limiter, tencentList, 50);
    await acquireN(off.limiter, { ...tencentList, action: "NotInTheTable" }, 5);
    assert.deepEqual(off.clock.waits, []);
  });

  it("refuses a zero, negative or fractional-burst setting", () => {
    assert.throws(() => new RateLimiter({ overrides: { aliyun: { qps: 0 } } }), RangeError);
    assert.throws(() => new RateLimiter({ overrides: { aliyun: { actions: { ForbidLiveStream: { qps: -1 } } } } }), RangeError);
    assert.throws(() => new RateLimiter({ overrides: { aliyun: { burst: 1.5 } } }), RangeError);
  });

  it("fails loudly for an action with no known rate", async () => {
    const { limiter } = simulated();
    await assert.rejects(limiter.acquire({ ...tencentList, action: "Typo" }), /no rate limit known for tencent action Typo/);
  });

  it("a wait can be aborted", async () => {
    const limiter = new RateLimiter();
    await limiter.acquire(tencentList);
    const controller = new AbortController();
    const pending = limiter.acquire(tencentList, controller.signal);
    controller.abort(new Error("stop"));
    await assert.rejects(pending, /stop/);
  });

  it("shares one instance per process through globalThis", () => {
    const a = getSharedRateLimiter();
    assert.equal(getSharedRateLimiter(), a);
    assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for("pulumi-streamblock.transport.sharedRateLimiter")], a);
  });
});
