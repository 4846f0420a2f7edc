// Limiter math on a fake clock: per-second rates, Huawei's per-minute windows per account and per API, overrides and switching off.
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

/** A clock only the test moves: sleeps resolve when it reaches their time, so concurrent callers interleave deterministically. */
function manualClock() {
  let t = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((wake) => void sleepers.push({ at: t + Math.max(0, ms), wake })),
    /** Lets every caller run until all are asleep, then jumps to the earliest wake-up, until `done` settles. */
    async runUntil(done: Promise<unknown>): Promise<void> {
      let finished = false;
      void done.then(() => (finished = true));
      for (;;) {
        await settle();
        if (finished) return;
        if (sleepers.length === 0) throw new Error("callers neither finished nor asleep");
        t = Math.max(t, Math.min(...sleepers.map((s) => s.at)));
        for (const s of sleepers.filter((x) => x.at <= t)) {
          sleepers.splice(sleepers.indexOf(s), 1);
          s.wake();
        }
      }
    },
  };
}

/** A small seeded PRNG in [0, 1), so the interleaving test is the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

async function acquireN(limiter: RateLimiter, key: RateLimitKey, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await limiter.acquire(key);
}

const tencentList: RateLimitKey = { vendor: "tencent", account: "acct-a", action: "DescribeLiveForbidStreamList" };
const aliyunForbid: RateLimitKey = { vendor: "aliyun", account: "acct-a", action: "ForbidLiveStream" };
const huaweiCreate: RateLimitKey = { vendor: "huawei", account: "acct-a", action: "CreateStreamForbidden" };
const huaweiList: RateLimitKey = { vendor: "huawei", account: "acct-a", action: "ListStreamForbidden" };

/** The most admissions inside any `windowMs` (half-open windows). */
function busiestWindow(unsorted: number[], windowMs: number): number {
  const times = [...unsorted].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

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

  describe("Huawei: documented per-minute limits (huawei.md §1)", () => {
    it("admits 4,000 creates of one account at once; the 4,001st waits until the first leaves the 60 s window", async () => {
      const { limiter, clock } = simulated();
      await acquireN(limiter, huaweiCreate, 4000);
      assert.deepEqual(clock.waits, []);
      // A bucket of 4,000 refilled at 4,000/min would have ~3,933 tokens back by now; the window has none.
      clock.t += 59_000;
      await limiter.acquire(huaweiCreate);
      assert.deepEqual(clock.waits, [1000]);
      // The other 3,999 first-minute calls left the window at the same instant.
      await acquireN(limiter, huaweiCreate, 3999);
      assert.deepEqual(clock.waits, [1000]);
      await limiter.acquire(huaweiCreate);
      assert.deepEqual(clock.waits, [1000, 60_000]);
    });

    it("lists and resumes at 3,000 per minute per account", async () => {
      const { limiter, clock } = simulated();
      await acquireN(limiter, huaweiList, 3000);
      await acquireN(limiter, { ...huaweiList, action: "DeleteStreamForbidden" }, 3000);
      assert.deepEqual(clock.waits, []);
      await limiter.acquire(huaweiList);
      assert.deepEqual(clock.waits, [60_000]);
    });

    it("caps each action per API across every account of the process: 12,000 creates, 6,000 lists a minute", async () => {
      const { limiter, clock } = simulated();
      for (const account of ["a", "b", "c"]) await acquireN(limiter, { ...huaweiCreate, account }, 4000);
      await acquireN(limiter, { ...huaweiList, account: "a" }, 3000);
      await acquireN(limiter, { ...huaweiList, account: "b" }, 3000);
      assert.deepEqual(clock.waits, []);
      await limiter.acquire({ ...huaweiCreate, account: "d" });
      assert.deepEqual(clock.waits, [60_000]);
      await limiter.acquire({ ...huaweiList, account: "c" });
      assert.deepEqual(clock.waits, [60_000], "the lists' window had passed while the create waited");
    });

    it("never lets any 60 s window hold more than the per-account or per-API count, with concurrent callers of several accounts", async () => {
      const clock = manualClock();
      const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
      const random = mulberry32(7);
      const admitted: Record<string, number[]> = { all: [] };
      const callers: Promise<void>[] = [];
      // 30 bursts of 100-2,000 concurrent lists by one of four accounts, starting at random times in 3 minutes.
      for (let burst = 0; burst < 30; burst++) {
        const account = `acct-${Math.floor(random() * 4)}`;
        const n = 100 + Math.floor(random() * 1900);
        const start = Math.floor(random() * 180_000);
        callers.push(
          clock.sleep(start).then(() =>
            Promise.all(
              Array.from({ length: n }, async () => {
                await limiter.acquire({ ...huaweiList, account });
                (admitted[account] ??= []).push(clock.now());
                admitted.all!.push(clock.now());
              }),
            ).then(() => undefined),
          ),
        );
      }
      await clock.runUntil(Promise.all(callers));
      for (const [who, times] of Object.entries(admitted)) {
        assert.ok(busiestWindow(times, 60_000) <= (who === "all" ? 6000 : 3000), `${who}: ${busiestWindow(times, 60_000)}`);
      }
      assert.equal(busiestWindow(admitted.all!, 60_000), 6000, "the per-API cap is reached, not just respected");
    });

    it("one account's backlog does not hold another account's calls behind it", async () => {
      const clock = manualClock();
      const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
      const aDone: number[] = [];
      const a = Promise.all(Array.from({ length: 9000 }, () => limiter.acquire({ ...huaweiList, account: "a" }).then(() => void aDone.push(clock.now()))));
      let bAt = -1;
      const b = limiter.acquire({ ...huaweiList, account: "b" }).then(() => void (bAt = clock.now()));
      await clock.runUntil(Promise.all([a, b]));
      assert.equal(bAt, 0);
      assert.deepEqual([aDone[2999], aDone[3000], aDone[6000], aDone[8999]], [0, 60_000, 120_000, 120_000]);
    });

    it("a queued call can be aborted at once, and the calls behind it still go", async () => {
      const clock = manualClock();
      const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
      await Promise.all(Array.from({ length: 3000 }, () => limiter.acquire(huaweiList)));
      const first = limiter.acquire(huaweiList);
      const controller = new AbortController();
      const second = limiter.acquire(huaweiList, controller.signal);
      const third = limiter.acquire(huaweiList);
      controller.abort(new Error("stop"));
      await assert.rejects(second, /stop/);
      await clock.runUntil(Promise.all([first, third]));
      assert.equal(clock.now(), 60_000);
    });

    it("a qps override replaces the per-minute limit with a per-second rate per account, without a per-API cap", async () => {
      const { limiter, clock } = simulated({ overrides: { huawei: { qps: 100 } } });
      await acquireN(limiter, huaweiCreate, 20);
      assert.deepEqual(clock.waits, Array(10).fill(10));
      clock.waits.length = 0;
      for (let i = 0; i < 20; i++) await limiter.acquire({ ...huaweiCreate, account: `other-${i}` });
      assert.deepEqual(clock.waits, []);
    });

    it("refuses a burst override on a per-minute limit without a qps, naming the fix", () => {
      assert.throws(() => new RateLimiter({ overrides: { huawei: { burst: 5 } } }), /huawei CreateStreamForbidden: burst only shapes a qps rate.*give qps with burst/);
      assert.throws(() => new RateLimiter({ overrides: { huawei: { actions: { ListStreamForbidden: { burst: 5 } } } } }), RangeError);
      new RateLimiter({ overrides: { huawei: { qps: 50, burst: 5 } } });
      new RateLimiter({ overrides: { tencent: { burst: 5 } } });
    });
  });

  it("per-second vendors have no per-API cap: many accounts go at once", async () => {
    const { limiter, clock } = simulated();
    for (let i = 0; i < 50; i++) await limiter.acquire({ ...tencentList, account: `acct-${i}` });
    assert.deepEqual(clock.waits, []);
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
