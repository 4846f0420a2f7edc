// Every StreamBlock provider method against the sandbox, for all three vendors, as the engine would call them.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlockProvider } from "../../provider/resource/stream-block-provider";
import { StreamClaims } from "../../provider/resource/stream-claims";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { VENDOR_LIMITS } from "../../provider/vendors/vendor-limits";
import type { StreamBlockInputs, StreamBlockOutputs } from "../../provider/resource/stream-block-inputs";
import { CHECK_FAILURE_CASES } from "./check-failure-cases";
import { sandboxStackConfig } from "./sandbox-stack-config";

describe("resource/stream-block-provider against the sandbox", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let config: Record<string, string>;
  let reports: string[];
  let n = 0;

  /** One provider per simulated engine operation: claims live for one operation. */
  const operation = (extra: Record<string, string> = {}) =>
    new StreamBlockProvider((k) => ({ ...config, ...extra })[k], {
      env: {},
      now: () => sb.clock.now(),
      claims: new StreamClaims(),
      report: (l) => reports.push(l),
    });

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    config = sandboxStackConfig(sb);
  });
  after(() => sb.close());
  beforeEach(() => (reports = []));

  for (const vendor of VENDOR_IDS) {
    describe(vendor, () => {
      const inputs = (over: Partial<StreamBlockInputs> = {}): StreamBlockInputs => ({
        vendor,
        domain: "push.example.com",
        app: "live",
        stream: `p-${vendor}-${++n}`,
        ...over,
      });
      const banOf = (i: StreamBlockInputs) => sb.bans({ vendor, domain: i.domain, app: i.app, stream: i.stream })[0];
      const inDays = (d: number) => new Date(Math.floor(sb.clock.now().getTime() / 1000) * 1000 + d * 86_400_000).toISOString().replace(".000Z", "Z");

      it("create forbids an indefinite ban for the vendor's maximum and returns a deterministic id", async () => {
        const p = operation();
        const { inputs: checked } = await p.check({}, { vendor, domain: "PUSH.example.com", stream: `p-${vendor}-${++n}` });
        const r = await p.create(checked as StreamBlockInputs);
        assert.equal(r.id, `${vendor}/push.example.com/live/${(checked as StreamBlockInputs).stream}`);
        const outs = r.outs as StreamBlockOutputs;
        const expected = sb.clock.now().getTime() + (VENDOR_LIMITS[vendor].maxBanSeconds - 3600) * 1000;
        assert.ok(Math.abs(Date.parse(outs.expiresAt!) - expected) < 5000);
        assert.equal(banOf(outs)!.expiresAt.replace(".000Z", "Z"), outs.expiresAt);
        assert.ok(outs.requestId);
      });

      it(vendor === "aliyun" ? "create adopts an existing ban and keeps it as it is (Aliyun cannot align without lifting it)" : "create adopts an existing ban and aligns its resume time", async () => {
        const i = inputs({ resumeTime: inDays(12) });
        const existing = inDays(2);
        sb.putBan({ vendor, account: sb.primaryAccount(vendor), domain: i.domain, app: i.app, stream: i.stream }, new Date(existing));
        const { outs } = await operation().create(i);
        if (vendor === "aliyun") {
          assert.equal(banOf(i)!.expiresAt.replace(".000Z", "Z"), existing);
          assert.equal((outs as StreamBlockOutputs).expiresAt, undefined);
          assert.match(reports.join("\n"), /kept the existing ban as it is/);
          assert.ok(!sb.callLog().some((c) => c.action === "ResumeLiveStream" && c.vendor === "aliyun"), "never lifted");
        } else {
          assert.equal(banOf(i)!.expiresAt.replace(".000Z", "Z"), i.resumeTime);
        }
        assert.equal(sb.bans({ vendor, stream: i.stream }).length, 1);
      });

      it("delete resumes, and deleting again (or a stream the vendor no longer bans) succeeds", async () => {
        const i = inputs();
        const { id, outs } = await operation().create(i);
        await operation().delete(id, outs);
        assert.equal(banOf(i), undefined);
        await operation().delete(id, outs);
      });

      it("a changed resumeTime is an in-place update that reaches the vendor; a key change is a replace", async () => {
        const i = inputs({ resumeTime: inDays(5) });
        const p = operation();
        const { id, outs } = await p.create(i);
        const news = { ...i, resumeTime: inDays(9) };
        assert.deepEqual(await p.diff(id, outs as StreamBlockOutputs, news), { changes: true, replaces: [], deleteBeforeReplace: false });
        const u = await p.update(id, outs as StreamBlockOutputs, news);
        assert.equal((u.outs as StreamBlockOutputs).expiresAt, news.resumeTime);
        assert.equal(banOf(i)!.expiresAt.replace(".000Z", "Z"), news.resumeTime);
        const moved = await p.diff(id, u.outs as StreamBlockOutputs, { ...news, stream: "elsewhere" });
        assert.deepEqual(moved.replaces, ["stream"]);
        assert.equal((await p.diff(id, u.outs as StreamBlockOutputs, news)).changes, false);
      });

      it("plans a renewal at the renewal window's edge, says why, and the update renews at the vendor", async () => {
        const i = inputs();
        const p = operation();
        const { id, outs } = await p.create(i);
        const o = outs as StreamBlockOutputs;
        const edgeMs = Date.parse(o.expiresAt!) - 30 * 86_400_000 - sb.clock.now().getTime();
        sb.advanceClock(edgeMs - 60_000);
        try {
          assert.equal((await operation().diff(id, o, i)).changes, false);
          sb.advanceClock(120_000);
          const later = operation();
          assert.equal((await later.diff(id, o, i)).changes, true);
          assert.match(reports.join("\n"), /renewal: the ban expires at .* inside the 30-day renewal window/);
          const u = await later.update(id, o, i);
          assert.ok(Date.parse((u.outs as StreamBlockOutputs).expiresAt!) > Date.parse(o.expiresAt!) + 29 * 86_400_000);
          assert.ok(Date.parse(banOf(i)!.expiresAt) > Date.parse(o.expiresAt!) + 29 * 86_400_000);
        } finally {
          sb.clock.reset();
        }
      });

      it("read drops a ban lifted outside Pulumi and brings back a changed expiry", async () => {
        const i = inputs({ resumeTime: inDays(6) });
        const p = operation();
        const { id, outs } = await p.create(i);
        const o = outs as StreamBlockOutputs;
        const account = sb.primaryAccount(vendor);
        const moved = inDays(8);
        sb.putBan({ vendor, account, domain: i.domain, app: i.app, stream: i.stream }, new Date(moved));
        // Aliyun's list has no resume times; Tencent's per-stream state has none either, and with its list gone
        // (the default, tencent.md §3.5) that is all a read has: the recorded expiry stands. Tencent's list tells.
        if (vendor === "tencent") {
          const blind = await operation().read(id, o);
          assert.equal(blind.id, id);
          assert.equal((blind.props as StreamBlockOutputs).expiresAt, o.expiresAt);
          sb.setVariants({ tencent: { forbidList: "available" } });
        }
        let read;
        try {
          read = await operation().read(id, o);
        } finally {
          sb.setVariants({ tencent: { forbidList: "action-offline" } });
        }
        assert.equal(read.id, id);
        if (vendor !== "aliyun") assert.equal((read.props as StreamBlockOutputs).expiresAt, moved);
        // The next diff sees the drift and plans an update back to the declared time.
        if (vendor !== "aliyun") assert.equal((await operation().diff(id, read.props as StreamBlockOutputs, i)).changes, true);
        await operation().delete(id, o); // lifted "out of band", as far as the next read knows
        assert.deepEqual(await operation().read(id, o), {});
      });

      it("a renamed resource (new URN, same stream) never resumes the stream", async () => {
        const i = inputs();
        const first = operation();
        const old = await first.create(i);
        // The next `up`: the program declares the stream under a new name: check, create, then delete the old.
        const up = operation();
        const { inputs: checked } = await up.check({}, { ...i });
        await up.create(checked as StreamBlockInputs);
        await up.delete(old.id, old.outs);
        assert.ok(banOf(i), "still banned");
        assert.match(reports.join("\n"), /still declared by another resource/);
      });

      it("moving a stream to another resource, even after an interrupted up, never resumes it", async () => {
        const i = inputs();
        const old = await operation().create(i);
        // An earlier up created the new resource and died before deleting the old one: the next up only checks it.
        const rerun = operation();
        await rerun.check({ ...i }, { ...i });
        await rerun.delete(old.id, old.outs);
        assert.ok(banOf(i), "still banned");
        // `destroy` runs no program and claims nothing: it resumes.
        await operation().delete(old.id, old.outs);
        assert.equal(banOf(i), undefined);
      });

      it("a ban already in force is recorded as adopted; a delete leaves it in force naming streamblock resume, unless liftAdoptedBans", async () => {
        const i = inputs();
        sb.putBan({ vendor, account: sb.primaryAccount(vendor), domain: i.domain, app: i.app, stream: i.stream }, new Date(inDays(20)));
        const { id, outs } = await operation().create(i);
        const o = outs as StreamBlockOutputs;
        assert.equal(o.adopted, true);
        assert.ok(Object.values(o).every((v) => v !== undefined), "no undefined value crosses the wire");
        // Refresh and a resume-time change keep the mark; neither returns an undefined value.
        const read = (await operation().read(id, o)).props as StreamBlockOutputs;
        assert.equal(read.adopted, true);
        assert.ok(Object.values(read).every((v) => v !== undefined), JSON.stringify(read));
        const u = (await operation().update(id, read, { ...i, resumeTime: inDays(10) })).outs as StreamBlockOutputs;
        assert.equal(u.adopted, true);
        await operation().delete(id, u);
        assert.ok(banOf(i), "left in force");
        assert.match(reports.join("\n"), new RegExp(`${id}: left in force: .*streamblock resume --vendor ${vendor} --domain ${i.domain} --app live ${i.stream}.*streamblock:liftAdoptedBans=true`));
        await operation({ "streamblock:liftAdoptedBans": "true" }).delete(id, u);
        assert.equal(banOf(i), undefined);
      });

      it("a ban this stack made is not marked adopted, and its delete resumes it", async () => {
        const i = inputs();
        const { id, outs } = await operation().create(i);
        assert.ok(!("adopted" in (outs as object)));
        await operation().delete(id, outs);
        assert.equal(banOf(i), undefined);
      });

      it("fails with the config key and the environment variable when a credential is missing", async () => {
        const keys = { tencent: "tencentSecretKey", aliyun: "aliyunAccessKeySecret", huawei: "huaweiSk" } as const;
        const envs = { tencent: "TENCENTCLOUD_SECRET_KEY", aliyun: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", huawei: "HUAWEICLOUD_SDK_SK" } as const;
        const p = operation({ [`streamblock:${keys[vendor]}`]: "" });
        await assert.rejects(p.create(inputs()), (e: Error) => {
          assert.equal(
            e.message,
            `${vendor}: missing ${keys[vendor]}: set the stack config streamblock:${keys[vendor]} (pulumi config set --secret streamblock:${keys[vendor]} <value>) or the environment variable ${envs[vendor]}${vendor === "huawei" ? ", or instead streamblock:huaweiAuthToken / HUAWEICLOUD_SDK_AUTH_TOKEN" : ""}`,
          );
          return true;
        });
      });
    });
  }

  it("check reports every failure as a property failure, without touching the network", async () => {
    const before = JSON.stringify(sb.calls());
    const p = new StreamBlockProvider(() => undefined, { env: {}, now: () => new Date("2026-11-21T00:00:00Z"), claims: new StreamClaims() });
    for (const [title, raw, expected] of CHECK_FAILURE_CASES) {
      const r = await p.check({}, raw);
      assert.deepEqual(r.failures?.map((f) => `${f.property}: ${f.reason}`), [expected], title);
    }
    assert.equal(JSON.stringify(sb.calls()), before);
  });

  it("check refuses a second resource declaring one ban, naming both; a resource checked again passes; nothing reaches the vendor", async () => {
    const before = sb.callLog().length;
    const p = operation();
    const urn = (n: string) => `urn:pulumi:dev::p::pulumi-nodejs:dynamic/streamblock:StreamBlock::${n}`;
    const raw = { vendor: "huawei", domain: "twice.example.com", stream: "twice" };
    const first = await p.check({}, { ...raw, __claimant: urn("first") });
    assert.deepEqual(first, { inputs: { ...raw, app: "live" } }, "the hidden input never reaches state");
    assert.deepEqual((await p.check({}, { ...raw, __claimant: urn("first") })).failures, undefined);
    const second = await p.check({}, { ...raw, app: "live", __claimant: urn("second") });
    assert.deepEqual(second.failures, [
      {
        property: "stream",
        reason: `huawei/twice.example.com/live/twice is declared twice, by "first" and by "second"; the vendor holds one ban with one resume time: declare it once (remove "second" or "first")`,
      },
    ]);
    assert.equal(sb.callLog().length, before);
  });

  it("when the vendor cannot say whether the stream was banned, create still bans it and records it as adopted, saying so", async () => {
    sb.injectFault({ vendor: "tencent", action: "DescribeLiveStreamState", kind: "error", code: "UnauthorizedOperation", count: 1 });
    const i: StreamBlockInputs = { vendor: "tencent", domain: "unknown.example.com", app: "live", stream: "lookup-refused" };
    const { outs } = await operation().create(i);
    assert.equal((outs as StreamBlockOutputs).adopted, true);
    assert.equal(sb.bans({ vendor: "tencent", stream: "lookup-refused" }).length, 1);
    assert.match(reports.join("\n"), /could not tell whether the ban was already in force; recorded as adopted/);
  });

  it("a malformed liftAdoptedBans fails naming the setting", async () => {
    const p = operation({ "streamblock:liftAdoptedBans": "yes" });
    await assert.rejects(
      p.delete("huawei/d.example.com/live/x", { vendor: "huawei", domain: "d.example.com", app: "live", stream: "x", adopted: true }),
      /liftAdoptedBans must be "true" or "false", got "yes"/,
    );
  });

  it("reads of many resources share one list per (vendor, domain)", async () => {
    const p = operation();
    const made: { id: string; outs: StreamBlockOutputs }[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await p.create({ vendor: "huawei", domain: "shared.example.com", app: "live", stream: `shared-${i}` });
      made.push({ id: r.id, outs: r.outs as StreamBlockOutputs });
    }
    sb.reset({ calls: true });
    const refresh = operation();
    await Promise.all(made.map((m) => refresh.read(m.id, m.outs)));
    assert.equal(sb.calls().huawei.ListStreamForbidden?.calls, 1);
  });

  it("Tencent's list, where an account still has it, has no domain filter: reads across domains share one pass over it", async () => {
    sb.setVariants({ tencent: { forbidList: "available" } });
    try {
      const p = operation();
      const made: { id: string; outs: StreamBlockOutputs }[] = [];
      for (const domain of ["a.tencent.example.com", "b.tencent.example.com"]) {
        for (let i = 0; i < 3; i++) {
          const r = await p.create({ vendor: "tencent", domain, app: "live", stream: `acct-${domain[0]}-${i}` });
          made.push({ id: r.id, outs: r.outs as StreamBlockOutputs });
        }
      }
      sb.reset({ calls: true });
      const refresh = operation();
      const reads = await Promise.all(made.map((m) => refresh.read(m.id, m.outs)));
      assert.ok(reads.every((r, i) => r.id === made[i]!.id));
      assert.equal(sb.calls().tencent.DescribeLiveForbidStreamList?.calls, 1);
      assert.equal(sb.calls().tencent.DescribeLiveStreamState?.calls, undefined);
    } finally {
      sb.setVariants({ tencent: { forbidList: "action-offline" } });
    }
  });

  it("Tencent with its list gone (the default): creates never ask the list; reads ask it once, then each stream's state once", async () => {
    sb.reset({ calls: true });
    const p = operation();
    const made: { id: string; outs: StreamBlockOutputs }[] = [];
    for (const domain of ["a.gone.example.com", "b.gone.example.com"]) {
      for (let i = 0; i < 4; i++) {
        const r = await p.create({ vendor: "tencent", domain, app: "live", stream: `gone-${domain[0]}-${i}` });
        made.push({ id: r.id, outs: r.outs as StreamBlockOutputs });
      }
    }
    // The adopted-ban check in create is per stream (DescribeLiveStreamState), never the list.
    assert.equal(sb.calls().tencent.DescribeLiveForbidStreamList?.calls, undefined);
    assert.equal(sb.calls().tencent.DescribeLiveStreamState?.calls, made.length);
    sb.reset({ calls: true });
    const refresh = operation();
    const reads = await Promise.all(made.map((m) => refresh.read(m.id, m.outs)));
    assert.ok(reads.every((r, i) => r.id === made[i]!.id && (r.props as StreamBlockOutputs).expiresAt === made[i]!.outs.expiresAt));
    assert.equal(sb.calls().tencent.DescribeLiveForbidStreamList?.calls, 1);
    assert.equal(sb.calls().tencent.DescribeLiveStreamState?.calls, made.length);
    // Another pass of reads in the same process asks each stream again, the gone list never.
    await Promise.all(made.map((m) => refresh.read(m.id, m.outs)));
    assert.equal(sb.calls().tencent.DescribeLiveForbidStreamList?.calls, 1);
    assert.equal(sb.calls().tencent.DescribeLiveStreamState?.calls, 2 * made.length);
  });

  describe("Tencent's default stream-name matching: one stream on two domains is one ban at the vendor", () => {
    const domains = ["a.match.example.com", "b.match.example.com"];
    const both = domains.map((domain) => ({ vendor: "tencent" as const, domain, app: "live", stream: "same-name" }));

    it("refresh keeps both resources, and narrowing to one domain never lifts the ban", async () => {
      const up = operation();
      const made = [];
      for (const i of both) {
        await up.check({}, i);
        made.push(await up.create(i));
      }
      assert.equal(sb.bans({ vendor: "tencent", stream: "same-name" }).length, 1, "the vendor holds one ban");
      const refresh = operation();
      for (const m of made) assert.equal((await refresh.read(m.id, m.outs as StreamBlockOutputs)).id, m.id);
      // The file narrows the entry to domain a: the next up checks a, then deletes b.
      const narrow = operation();
      await narrow.check({}, both[0]!);
      await narrow.delete(made[1]!.id, made[1]!.outs as StreamBlockOutputs);
      assert.equal(sb.bans({ vendor: "tencent", stream: "same-name" }).length, 1, "still banned");
      // destroy resumes it.
      await operation().delete(made[0]!.id, made[0]!.outs as StreamBlockOutputs);
      assert.equal(sb.bans({ vendor: "tencent", stream: "same-name" }).length, 0);
    });

    it("with tencentMatching=strict the two domains are separate bans", async () => {
      sb.setVariants({ tencent: { matching: "strict" } });
      try {
        const op = operation({ "streamblock:tencentMatching": "strict" });
        for (const i of both) await op.create({ ...i, stream: "strict-name" });
        assert.equal(sb.bans({ vendor: "tencent", stream: "strict-name" }).length, 2);
        const narrow = operation({ "streamblock:tencentMatching": "strict" });
        await narrow.check({}, { ...both[0]!, stream: "strict-name" });
        await narrow.delete(`tencent/${both[1]!.domain}/live/strict-name`, { ...both[1]!, stream: "strict-name" });
        assert.deepEqual(sb.bans({ vendor: "tencent", stream: "strict-name" }).map((b) => b.domain), [both[0]!.domain]);
      } finally {
        sb.setVariants({ tencent: { matching: "stream-name" } });
      }
    });
  });

  it("rateLimits overrides the documented limits, and a bad value fails naming the setting", async () => {
    const p = operation({ "streamblock:rateLimits": JSON.stringify({ huawei: { qps: 1000 } }) });
    await p.create({ vendor: "huawei", domain: "rates.example.com", app: "live", stream: "r1" });
    const bad = operation({ "streamblock:rateLimits": JSON.stringify({ huawei: { qps: 0 } }) });
    await assert.rejects(bad.create({ vendor: "huawei", domain: "rates.example.com", app: "live", stream: "r2" }), /^SettingsError: rateLimits: /);
    const burstOnly = operation({ "streamblock:rateLimits": JSON.stringify({ huawei: { burst: 5 } }) });
    await assert.rejects(
      burstOnly.create({ vendor: "huawei", domain: "rates.example.com", app: "live", stream: "r2" }),
      /^SettingsError: rateLimits: huawei CreateStreamForbidden: burst only shapes a qps rate, .* give qps with burst/,
    );
    const notJson = operation({ "streamblock:rateLimits": "{huawei" });
    await assert.rejects(notJson.create({ vendor: "huawei", domain: "rates.example.com", app: "live", stream: "r3" }), /rateLimits must be JSON/);
  });
});
