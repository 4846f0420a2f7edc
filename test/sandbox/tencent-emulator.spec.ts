// The Tencent emulator driven by the official CommonClient (POST and GET): every action, its errors, auth and variants.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { captureRequest, replay, startTestSandbox } from "./capture-replay";
import { tencentClient, tencentFails } from "./sdk-clients";

const KEY = { DomainName: "push.example.com", AppName: "live", StreamName: "s1" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOUR = 3600_000;

function utcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

describe("sandbox/tencent/tencent-emulator", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  for (const method of ["POST", "GET"] as const) {
    it(`forbids, reports, lists, resumes and drops over ${method}`, async () => {
      const client = tencentClient(sb, method);
      sb.setVariants({ tencent: { forbidList: "available" } });
      const resume = utcSeconds(sb.clock.nowMs() + 48 * HOUR);
      const forbid = (await client.request("ForbidLiveStream", { ...KEY, ResumeTime: resume, Reason: "abuse" })) as Record<string, unknown>;
      assert.deepEqual(Object.keys(forbid), ["RequestId"]);
      assert.match(String(forbid.RequestId), UUID);
      const [ban] = sb.bans({ vendor: "tencent" });
      assert.equal(ban?.expiresAt, new Date(resume).toISOString());
      assert.equal(ban?.reason, "abuse");

      assert.equal(((await client.request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "forbid");

      const list = (await client.request("DescribeLiveForbidStreamList", { PageNum: 1, PageSize: 10 })) as Record<string, unknown>;
      assert.equal(list.TotalNum, 1);
      assert.equal(list.TotalPage, 1);
      assert.equal(list.PageNum, 1);
      assert.equal(list.PageSize, 10);
      const [item] = list.ForbidStreamList as Array<Record<string, string>>;
      assert.equal(item?.StreamName, "s1");
      assert.equal(item?.DomainName, "push.example.com");
      assert.equal(item?.AppName, "live");
      // Default listTimeFormat: Beijing time with an explicit +08:00 offset, the same instant.
      assert.match(item?.ExpireTime ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      assert.equal(new Date(item?.ExpireTime ?? "").getTime(), new Date(resume).getTime());

      await client.request("ResumeLiveStream", KEY);
      assert.equal(sb.bans({ vendor: "tencent" }).length, 0);
      assert.equal(((await client.request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "inactive");

      sb.setPublishing({ vendor: "tencent", account: sb.primaryAccount("tencent"), domain: KEY.DomainName, app: KEY.AppName, stream: KEY.StreamName }, true);
      assert.equal(((await client.request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "active");
      await client.request("DropLiveStream", KEY);
      assert.deepEqual(
        sb.kicks().map((k) => [k.vendor, k.domain, k.app, k.stream, k.action]),
        [["tencent", "push.example.com", "live", "s1", "DropLiveStream"]],
      );
      assert.equal(((await client.request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "inactive");
      // tencent.md §3.3: dropping a stream that is not pushing still succeeds.
      await client.request("DropLiveStream", KEY);
      assert.equal(sb.kicks().length, 2);
    });
  }

  it("applies the 7-day default and clamps a resume time beyond 90 days", async () => {
    const client = tencentClient(sb);
    const now = sb.clock.nowMs();
    await client.request("ForbidLiveStream", KEY);
    const defaultBan = sb.bans()[0];
    assert.ok(defaultBan);
    assert.ok(Math.abs(Date.parse(defaultBan.expiresAt) - (now + 7 * 24 * HOUR)) < 5000);
    await client.request("ForbidLiveStream", { ...KEY, ResumeTime: utcSeconds(now + 200 * 24 * HOUR) });
    const clamped = sb.bans()[0];
    assert.ok(clamped);
    assert.ok(Math.abs(Date.parse(clamped.expiresAt) - (now + 90 * 24 * HOUR)) < 5000);
    sb.setVariants({ tencent: { resumeTimeOverMax: "error" } });
    const e = await tencentFails(client.request("ForbidLiveStream", { ...KEY, ResumeTime: utcSeconds(now + 200 * 24 * HOUR) }));
    assert.equal(e.code, "InvalidParameterValue");
  });

  it("answers parameter errors in the 200 envelope", async () => {
    const client = tencentClient(sb);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...KEY, ResumeTime: "2030-13-01T00:00:00Z" }, "InvalidParameterValue"],
      [{ ...KEY, ResumeTime: "tomorrow" }, "InvalidParameterValue"],
      [{ ...KEY, ResumeTime: utcSeconds(sb.clock.nowMs() - HOUR) }, "InvalidParameterValue"],
      [{ ...KEY, StreamName: "*" }, "InvalidParameterValue"],
      [{ DomainName: "push.example.com", AppName: "live" }, "MissingParameter"],
      [{ ...KEY, Colour: "red" }, "UnknownParameter"],
      [{ ...KEY, Reason: "x".repeat(2049) }, "InvalidParameterValue"],
      [{ ...KEY, StreamName: "s".repeat(513) }, "InvalidParameterValue"],
    ];
    for (const [params, code] of cases) {
      const e = await tencentFails(client.request("ForbidLiveStream", params));
      assert.equal(e.code, code, JSON.stringify(params).slice(0, 80));
      assert.match(e.requestId, UUID);
    }
    await client.request("ForbidLiveStream", { ...KEY, Reason: "é".repeat(1024) }); // 2048 bytes: allowed
    sb.setVariants({ tencent: { forbidList: "available" } });
    assert.equal((await tencentFails(client.request("DescribeLiveForbidStreamList", { PageSize: 101 }))).code, "InvalidParameterValue");
    assert.equal((await tencentFails(client.request("DescribeLiveForbidStreamList", { PageNum: 0 }))).code, "InvalidParameterValue");
    assert.equal((await tencentFails(client.request("NoSuchAction", {}))).code, "InvalidAction");
    assert.equal(sb.bans().length, 1);
  });

  it("pages the forbid list newest first, filters by stream name, and drops expired bans", async () => {
    const client = tencentClient(sb);
    sb.setVariants({ tencent: { forbidList: "available" } });
    for (let i = 1; i <= 3; i++) {
      await client.request("ForbidLiveStream", { ...KEY, StreamName: `s${i}`, ResumeTime: utcSeconds(sb.clock.nowMs() + i * 60_000) });
      sb.advanceClock(1000);
    }
    const page1 = (await client.request("DescribeLiveForbidStreamList", { PageNum: 1, PageSize: 2 })) as Record<string, unknown>;
    assert.equal(page1.TotalNum, 3);
    assert.equal(page1.TotalPage, 2);
    assert.deepEqual((page1.ForbidStreamList as Array<{ StreamName: string }>).map((f) => f.StreamName), ["s3", "s2"]);
    const page2 = (await client.request("DescribeLiveForbidStreamList", { PageNum: 2, PageSize: 2 })) as Record<string, unknown>;
    assert.deepEqual((page2.ForbidStreamList as Array<{ StreamName: string }>).map((f) => f.StreamName), ["s1"]);
    const one = (await client.request("DescribeLiveForbidStreamList", { StreamName: "s2" })) as Record<string, unknown>;
    assert.equal(one.TotalNum, 1);

    // s1 resumes at about +1 min; move the sandbox clock 90 s (inside the 5-minute signature window).
    sb.advanceClock(90_000);
    const after = (await client.request("DescribeLiveForbidStreamList", {})) as Record<string, unknown>;
    assert.deepEqual((after.ForbidStreamList as Array<{ StreamName: string }>).map((f) => f.StreamName), ["s3", "s2"]);
    assert.equal(((await client.request("DescribeLiveStreamState", { ...KEY, StreamName: "s1" })) as { StreamState: string }).StreamState, "inactive");
    sb.setVariants({ tencent: { expiredInList: "shown" } });
    assert.equal(((await client.request("DescribeLiveForbidStreamList", {})) as { TotalNum: number }).TotalNum, 3);
  });

  it("renders list times in each wire-format variant", async () => {
    const client = tencentClient(sb);
    const resume = "2031-04-16T12:00:00Z";
    sb.setClock(new Date("2031-04-01T00:00:00Z"));
    sb.configure({ signatureClock: "real" });
    sb.setVariants({ tencent: { forbidList: "available" } });
    await client.request("ForbidLiveStream", { ...KEY, ResumeTime: resume });
    const expected = {
      "beijing-offset": "2031-04-16T20:00:00+08:00",
      "beijing-space": "2031-04-16 20:00:00",
      "beijing-z": "2031-04-16T20:00:00Z",
      "utc-z": "2031-04-16T12:00:00Z",
    } as const;
    for (const [format, text] of Object.entries(expected)) {
      sb.setVariants({ tencent: { listTimeFormat: format as keyof typeof expected } });
      const list = (await client.request("DescribeLiveForbidStreamList", {})) as { ForbidStreamList: Array<{ ExpireTime: string }> };
      assert.equal(list.ForbidStreamList[0]?.ExpireTime, text, format);
    }
  });

  it("answers ActionOffline for the list by default (gone, tencent.md §3.5), or InvalidAction in that variant", async () => {
    const client = tencentClient(sb);
    await client.request("ForbidLiveStream", KEY);
    assert.equal((await tencentFails(client.request("DescribeLiveForbidStreamList", {}))).code, "ActionOffline");
    sb.setVariants({ tencent: { forbidList: "invalid-action" } });
    assert.equal((await tencentFails(client.request("DescribeLiveForbidStreamList", {}))).code, "InvalidAction");
  });

  it("matches on the stream name by default and on domain+app+stream in strict mode", async () => {
    const client = tencentClient(sb);
    await client.request("ForbidLiveStream", KEY);
    const elsewhere = { ...KEY, DomainName: "other.example.com", AppName: "app2" };
    assert.equal(((await client.request("DescribeLiveStreamState", elsewhere)) as { StreamState: string }).StreamState, "forbid");
    await client.request("ForbidLiveStream", elsewhere); // replaces the ban on the same stream name
    assert.deepEqual(sb.bans().map((b) => b.domain), ["other.example.com"]);
    await client.request("ResumeLiveStream", KEY); // lifts it although domain and app differ
    assert.equal(sb.bans().length, 0);

    sb.setVariants({ tencent: { matching: "strict" } });
    await client.request("ForbidLiveStream", KEY);
    assert.equal(((await client.request("DescribeLiveStreamState", elsewhere)) as { StreamState: string }).StreamState, "inactive");
    await client.request("ForbidLiveStream", elsewhere);
    assert.equal(sb.bans().length, 2);
    await client.request("ResumeLiveStream", elsewhere);
    assert.deepEqual(sb.bans().map((b) => b.domain), ["push.example.com"]);
  });

  it("switches duplicate-forbid and resume-unbanned behaviour", async () => {
    const client = tencentClient(sb);
    await client.request("ResumeLiveStream", KEY); // default: idempotent
    await client.request("ForbidLiveStream", { ...KEY, Reason: "first" });
    await client.request("ForbidLiveStream", { ...KEY, Reason: "second" }); // default: upsert
    assert.deepEqual(sb.bans().map((b) => b.reason), ["second"]);
    sb.setVariants({ tencent: { duplicateForbid: "error", resumeUnbanned: "error" } });
    assert.equal((await tencentFails(client.request("ForbidLiveStream", KEY))).code, "FailedOperation");
    await client.request("ResumeLiveStream", KEY);
    assert.equal((await tencentFails(client.request("ResumeLiveStream", KEY))).code, "FailedOperation");
  });

  describe("authentication", () => {
    it("refuses an unknown SecretId, a wrong secret and a session token that does not belong", async () => {
      const unknown = tencentClient(sb, "POST", { secretId: "AKIDNOBODY", secretKey: "x" });
      assert.equal((await tencentFails(unknown.request("ForbidLiveStream", KEY))).code, "AuthFailure.SecretIdNotFound");
      const wrong = tencentClient(sb, "POST", { secretId: sb.credentials.tencent.secretId, secretKey: "wrong" });
      const e = await tencentFails(wrong.request("ForbidLiveStream", KEY));
      assert.equal(e.code, "AuthFailure.SignatureFailure");
      assert.ok(!e.message.includes(sb.credentials.tencent.secretKey));
      const token = tencentClient(sb, "GET", { ...sb.credentials.tencent, token: "stray-token" });
      assert.equal((await tencentFails(token.request("DescribeLiveStreamState", KEY))).code, "AuthFailure.TokenFailure");
      assert.equal(sb.bans().length, 0);
    });

    for (const signMethod of ["HmacSHA1", "HmacSHA256"] as const) {
      it(`verifies the legacy ${signMethod} signature over GET and POST`, async () => {
        for (const method of ["GET", "POST"] as const) {
          const client = tencentClient(sb, method, sb.credentials.tencent, signMethod);
          await client.request("ForbidLiveStream", { ...KEY, Reason: "legacy signed" });
          assert.equal(((await client.request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "forbid");
          await client.request("ResumeLiveStream", KEY);
          const wrong = tencentClient(sb, method, { ...sb.credentials.tencent, secretKey: "wrong" }, signMethod);
          assert.equal((await tencentFails(wrong.request("ForbidLiveStream", KEY))).code, "AuthFailure.SignatureFailure");
          const nobody = tencentClient(sb, method, { secretId: "AKIDNOBODY", secretKey: "x" }, signMethod);
          assert.equal((await tencentFails(nobody.request("ForbidLiveStream", KEY))).code, "AuthFailure.SecretIdNotFound");
        }
        assert.equal(sb.bans().length, 0);
        sb.advanceClock(6 * 60_000);
        const late = tencentClient(sb, "GET", sb.credentials.tencent, signMethod);
        assert.equal((await tencentFails(late.request("DescribeLiveStreamState", KEY))).code, "AuthFailure.SignatureExpire");
      });
    }

    it("accepts a temporary key with its X-TC-Token", async () => {
      await sb.close();
      const temp = { secretId: "AKIDSANDBOXTEMP", secretKey: "temp-secret", sessionToken: "temp-token" };
      sb = await startTestSandbox({ extraCredentials: { tencent: [temp] } });
      const client = tencentClient(sb, "POST", { secretId: temp.secretId, secretKey: temp.secretKey, token: temp.sessionToken });
      await client.request("ForbidLiveStream", KEY);
      assert.equal(sb.bans()[0]?.account, temp.secretId);
    });

    it("expires signatures more than 5 minutes off the sandbox clock", async () => {
      const client = tencentClient(sb);
      sb.advanceClock(4 * 60_000);
      await client.request("DescribeLiveStreamState", KEY);
      sb.advanceClock(2 * 60_000);
      assert.equal((await tencentFails(client.request("DescribeLiveStreamState", KEY))).code, "AuthFailure.SignatureExpire");
      sb.advanceClock(-12 * 60_000);
      assert.equal((await tencentFails(client.request("DescribeLiveStreamState", KEY))).code, "AuthFailure.SignatureExpire");
    });

    it("refuses a tampered request and accepts the untouched one", async () => {
      const captured = await captureRequest(
        (base) => tencentClient({ ...sb, endpoints: { ...sb.endpoints, tencent: base } } as Sandbox).request("ForbidLiveStream", KEY),
        { Response: { RequestId: "captured" } },
      );
      const tampered = await replay(sb.endpoints.tencent, { ...captured, body: captured.body.replace('"s1"', '"s2"') });
      assert.equal(tampered.status, 200);
      assert.equal((JSON.parse(tampered.body) as { Response: { Error: { Code: string } } }).Response.Error.Code, "AuthFailure.SignatureFailure");
      assert.equal(sb.bans().length, 0);
      const genuine = await replay(sb.endpoints.tencent, captured);
      assert.equal((JSON.parse(genuine.body) as { Response: { Error?: unknown } }).Response.Error, undefined);
      assert.equal(sb.bans()[0]?.stream, "s1");
    });
  });

  it("throttles per action at the documented rate with RequestLimitExceeded", async () => {
    await sb.close();
    // A rate far below one call per test run: the second call finds the bucket empty whatever the timing.
    sb = await startTestSandbox({ throttle: { enabled: true, scale: 0.001 } });
    const client = tencentClient(sb);
    await client.request("DescribeLiveStreamState", KEY);
    const e = await tencentFails(client.request("DescribeLiveStreamState", KEY));
    assert.equal(e.code, "RequestLimitExceeded");
    await client.request("ForbidLiveStream", KEY); // another action has its own bucket
    assert.deepEqual(sb.calls().tencent.DescribeLiveStreamState, { calls: 2, ok: 1, errors: { RequestLimitExceeded: 1 } });
  });
});
