// The Aliyun emulator driven by pop-core (RPC, GET and POST) and openapi-core (V3 and 'v2'): operations, errors, auth, quota.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { captureRequest, httpJson, replay, startTestSandbox } from "./capture-replay";
import { aliyunFails, callOpenApi, openApiClient, popClient } from "./sdk-clients";

const KEY = { DomainName: "push.example.com", AppName: "live", StreamName: "s1", LiveStreamType: "publisher" };
const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const MINUTE = 60_000;

function utcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

describe("sandbox/aliyun/aliyun-emulator", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  for (const method of ["GET", "POST"] as const) {
    it(`forbids, lists, resumes and kicks with pop-core over ${method}`, async () => {
      const client = popClient(sb);
      const resume = utcSeconds(sb.clock.nowMs() + 24 * 60 * MINUTE);
      const forbid = await client.request("ForbidLiveStream", { ...KEY, ResumeTime: resume }, { method });
      assert.deepEqual(Object.keys(forbid), ["RequestId"]);
      assert.match(String(forbid.RequestId), UPPER_UUID);
      assert.equal(sb.bans({ vendor: "aliyun" })[0]?.expiresAt, new Date(resume).toISOString());
      await client.request("ForbidLiveStream", { ...KEY, AppName: "other" }, { method });

      const list = await client.request("DescribeLiveStreamsBlockList", { DomainName: "push.example.com", PageSize: 1 }, { method });
      assert.equal(list.DomainName, "push.example.com");
      assert.equal(list.TotalNum, 2);
      assert.equal(list.TotalPage, 2);
      assert.equal(list.PageNum, 1);
      assert.equal(list.PageSize, 1);
      assert.deepEqual((list.StreamUrls as { StreamUrl: string[] }).StreamUrl, ["push.example.com/live/s1"]);
      const page2 = await client.request("DescribeLiveStreamsBlockList", { DomainName: "push.example.com", PageNum: 2, PageSize: 1 }, { method });
      assert.deepEqual((page2.StreamUrls as { StreamUrl: string[] }).StreamUrl, ["push.example.com/other/s1"]);
      const all = await client.request("DescribeLiveStreamsBlockList", { DomainName: "push.example.com" }, { method });
      assert.equal(all.PageSize, 2000);

      // aliyun.md §2.2: AppName `*` lifts the stream under every app of the domain.
      await client.request("ResumeLiveStream", { ...KEY, AppName: "*" }, { method });
      assert.equal(sb.bans({ vendor: "aliyun" }).length, 0);

      await client.request("ForbidLiveStream", { ...KEY, Oneshot: "yes" }, { method });
      assert.equal(sb.bans({ vendor: "aliyun" }).length, 0);
      assert.deepEqual(sb.kicks().map((k) => [k.vendor, k.stream, k.action]), [["aliyun", "s1", "ForbidLiveStream"]]);
    });
  }

  for (const signature of ["v3", "v2"] as const) {
    it(`serves openapi-core signing ${signature === "v3" ? "V3 (ACS3-HMAC-SHA256)" : "RPC V1 ('v2')"}`, async () => {
      const client = openApiClient(sb, signature);
      const res = await callOpenApi(client, "ForbidLiveStream", KEY);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.body.RequestId), UPPER_UUID);
      const list = await callOpenApi(client, "DescribeLiveStreamsBlockList", { DomainName: "push.example.com" }, "GET");
      assert.deepEqual((list.body.StreamUrls as { StreamUrl: string[] }).StreamUrl, ["push.example.com/live/s1"]);
      // Default duration without ResumeTime: 6 months (VENDOR_LIMITS.aliyun.defaultBanSeconds).
      const ban = sb.bans()[0];
      assert.ok(ban);
      assert.ok(Math.abs(Date.parse(ban.expiresAt) - (sb.clock.nowMs() + 180 * 24 * 60 * MINUTE)) < 5000);
      const dup = await aliyunFails(callOpenApi(client, "ForbidLiveStream", KEY));
      assert.equal(dup.code, "ConfigAlreadyExists");
      assert.equal(dup.statusCode, 400);
      await callOpenApi(client, "ResumeLiveStream", KEY);
      assert.equal(sb.bans().length, 0);
      const bad = await aliyunFails(callOpenApi(client, "ForbidLiveStream", { ...KEY, ResumeTime: "2030-01-01 00:00:00" }));
      assert.equal(bad.code, "InvalidResumeTime.Malformed");
      assert.equal(bad.statusCode, 400);
    });
  }

  it("answers parameter errors with the flat error body and HTTP status", async () => {
    sb.configure({ verifySignatures: false });
    const past = utcSeconds(sb.clock.nowMs() - MINUTE);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ ...KEY, ResumeTime: "2030-02-30T00:00:00Z" }, 400, "InvalidResumeTime.Malformed"],
      [{ ...KEY, ResumeTime: past }, 400, "InvalidResumeTime.Malformed"],
      [{ ...KEY, StreamName: "*" }, 400, "InvalidStreamName.Malformed"],
      [{ DomainName: "push.example.com", AppName: "live", LiveStreamType: "publisher" }, 400, "MissingStreamName"],
      [{ ...KEY, LiveStreamType: "player" }, 400, "InvalidLiveStreamType.Malformed"],
      [{ ...KEY, Oneshot: "maybe" }, 400, "InvalidOneshot.Malformed"],
    ];
    for (const [params, status, code] of cases) {
      const query = new URLSearchParams({ Action: "ForbidLiveStream", Version: "2016-11-01", Format: "JSON", ...params });
      const r = await httpJson("GET", `${sb.endpoints.aliyun}/?${query}`);
      assert.equal(r.status, status, code);
      const body = r.json as Record<string, string>;
      assert.equal(body.Code, code);
      assert.equal(body.HostId, "live.aliyuncs.com");
      assert.match(body.RequestId ?? "", UPPER_UUID);
      assert.equal(body.Recommend, `https://api.aliyun.com/troubleshoot?q=${code}&product=live&requestId=${body.RequestId}`);
      assert.equal(typeof body.Message, "string");
      assert.equal(r.headers["x-acs-request-id"], body.RequestId);
    }
    const big = new URLSearchParams({ Action: "DescribeLiveStreamsBlockList", Version: "2016-11-01", Format: "JSON", DomainName: "d", PageSize: "3001" });
    assert.equal(((await httpJson("GET", `${sb.endpoints.aliyun}/?${big}`)).json as { Code: string }).Code, "InvalidPageSize.Malformed");
    const unknown = new URLSearchParams({ Action: "DeleteEverything", Version: "2016-11-01", Format: "JSON" });
    const u = await httpJson("GET", `${sb.endpoints.aliyun}/?${unknown}`);
    assert.equal(u.status, 404);
    assert.equal((u.json as { Code: string }).Code, "InvalidAction.NotFound");
    assert.equal(sb.bans().length, 0);
  });

  it("reads parameters from a form body and answers XML when Format is XML or absent", async () => {
    sb.configure({ verifySignatures: false });
    const form = new URLSearchParams({ Action: "ForbidLiveStream", Version: "2016-11-01", Format: "XML", ...KEY }).toString();
    const r = await httpJson("POST", `${sb.endpoints.aliyun}/`, form, { "content-type": "application/x-www-form-urlencoded" });
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "text/xml;charset=utf-8");
    assert.match(r.text, /^<\?xml version="1\.0" encoding="UTF-8"\?><ForbidLiveStreamResponse><RequestId>[0-9A-F-]{36}<\/RequestId><\/ForbidLiveStreamResponse>$/);
    const query = new URLSearchParams({ Action: "DescribeLiveStreamsBlockList", Version: "2016-11-01", DomainName: "push.example.com" });
    const list = await httpJson("GET", `${sb.endpoints.aliyun}/?${query}`);
    assert.match(list.text, /<StreamUrls><StreamUrl>push\.example\.com\/live\/s1<\/StreamUrl><\/StreamUrls>/);
    const err = await httpJson("POST", `${sb.endpoints.aliyun}/`, form, { "content-type": "application/x-www-form-urlencoded" });
    assert.equal(err.status, 400);
    assert.match(err.text, /<Error><RequestId>.*<\/RequestId><HostId>live\.aliyuncs\.com<\/HostId><Code>ConfigAlreadyExists<\/Code>/);
  });

  it("lets a duplicate forbid overwrite in the upsert variant, and a resume of nothing fail in the error variant", async () => {
    const client = popClient(sb);
    await client.request("ResumeLiveStream", KEY); // default: success
    sb.setVariants({ aliyun: { duplicateForbid: "upsert", resumeUnbanned: "error" } });
    await client.request("ForbidLiveStream", KEY);
    const later = utcSeconds(sb.clock.nowMs() + 60 * MINUTE);
    await client.request("ForbidLiveStream", { ...KEY, ResumeTime: later });
    assert.deepEqual(sb.bans().map((b) => b.expiresAt), [new Date(later).toISOString()]);
    await client.request("ResumeLiveStream", KEY);
    const e = await aliyunFails(client.request("ResumeLiveStream", KEY));
    assert.equal(e.code, "InvalidStream.NotFound");
  });

  it("caps bans per account with QuotaExceeded.Blacklist; one-shot kicks and expired bans do not count", async () => {
    await sb.close();
    sb = await startTestSandbox({ aliyunBlacklistCap: 2 });
    const client = openApiClient(sb);
    await callOpenApi(client, "ForbidLiveStream", { ...KEY, StreamName: "a", ResumeTime: utcSeconds(sb.clock.nowMs() + 5 * MINUTE) });
    await callOpenApi(client, "ForbidLiveStream", { ...KEY, StreamName: "b" });
    await callOpenApi(client, "ForbidLiveStream", { ...KEY, StreamName: "c", Oneshot: "yes" });
    const e = await aliyunFails(callOpenApi(client, "ForbidLiveStream", { ...KEY, StreamName: "c" }));
    assert.equal(e.code, "QuotaExceeded.Blacklist");
    assert.equal(e.statusCode, 400);
    // Ban "a" lifts at +5 min; 6 minutes on the sandbox clock stays inside the 15-minute signature window.
    sb.advanceClock(6 * MINUTE);
    const list = await callOpenApi(client, "DescribeLiveStreamsBlockList", { DomainName: "push.example.com" });
    assert.equal(list.body.TotalNum, 1);
    await callOpenApi(client, "ForbidLiveStream", { ...KEY, StreamName: "c" });
    assert.deepEqual(sb.bans().map((b) => b.stream), ["b", "c"]);
  });

  it("refuses unknown domains when the sandbox knows its domains", async () => {
    await sb.close();
    sb = await startTestSandbox({ knownDomains: { aliyun: ["push.example.com"] } });
    const e = await aliyunFails(callOpenApi(openApiClient(sb), "ForbidLiveStream", { ...KEY, DomainName: "nope.example.com" }));
    assert.equal(e.code, "InvalidDomain.NotFound");
    assert.equal(e.statusCode, 404);
  });

  describe("authentication", () => {
    it("answers InvalidAccessKeyId.NotFound (404) and SignatureDoesNotMatch for wrong keys, in both schemes", async () => {
      const nobody = { accessKeyId: "LTAINOBODY", accessKeySecret: "x" };
      const wrong = { accessKeyId: sb.credentials.aliyun.accessKeyId, accessKeySecret: "wrong" };
      const v3Unknown = await aliyunFails(callOpenApi(openApiClient(sb, "v3", nobody), "ForbidLiveStream", KEY));
      assert.deepEqual([v3Unknown.code, v3Unknown.statusCode], ["InvalidAccessKeyId.NotFound", 404]);
      const v3Wrong = await aliyunFails(callOpenApi(openApiClient(sb, "v3", wrong), "ForbidLiveStream", KEY));
      assert.deepEqual([v3Wrong.code, v3Wrong.statusCode], ["SignatureDoesNotMatch", 400]);
      const popUnknown = await aliyunFails(popClient(sb, nobody).request("ForbidLiveStream", KEY));
      assert.equal(popUnknown.code, "InvalidAccessKeyId.NotFound");
      const popWrong = await aliyunFails(popClient(sb, wrong).request("ForbidLiveStream", KEY, { method: "POST" }));
      assert.equal(popWrong.code, "SignatureDoesNotMatch");
      // aliyun.md §5: V1 echoes the server's string to sign.
      assert.match(String(popWrong.data.Message), /^Specified signature is not matched with our calculation\. server string to sign is:POST&%2F&AccessKeyId%3D/);
      assert.ok(!JSON.stringify(popWrong.data).includes(sb.credentials.aliyun.accessKeySecret));
      assert.equal(sb.bans().length, 0);
    });

    it("expires requests signed more than 15 minutes off the sandbox clock", async () => {
      const client = openApiClient(sb);
      sb.advanceClock(14 * MINUTE);
      await callOpenApi(client, "DescribeLiveStreamsBlockList", { DomainName: "push.example.com" });
      sb.advanceClock(2 * MINUTE);
      const e = await aliyunFails(callOpenApi(client, "DescribeLiveStreamsBlockList", { DomainName: "push.example.com" }));
      assert.deepEqual([e.code, e.statusCode], ["InvalidTimeStamp.Expired", 400]);
      assert.equal((await aliyunFails(popClient(sb).request("DescribeLiveStreamsBlockList", { DomainName: "d" }))).code, "InvalidTimeStamp.Expired");
    });

    it("answers SignatureNonceUsed to a replayed request (RPC and V3) and SignatureDoesNotMatch to a tampered one", async () => {
      const rpc = await captureRequest(
        (base) => popClient({ ...sb, endpoints: { ...sb.endpoints, aliyun: base } } as Sandbox).request("ForbidLiveStream", KEY, { method: "POST" }),
        { RequestId: "captured" },
      );
      const tampered = await replay(sb.endpoints.aliyun, { ...rpc, body: rpc.body.replace("StreamName=s1", "StreamName=s2") });
      assert.equal((JSON.parse(tampered.body) as { Code: string }).Code, "SignatureDoesNotMatch");
      assert.equal((await replay(sb.endpoints.aliyun, rpc)).status, 200);
      const again = await replay(sb.endpoints.aliyun, rpc);
      assert.equal(again.status, 400);
      assert.equal((JSON.parse(again.body) as { Code: string }).Code, "SignatureNonceUsed");

      const v3 = await captureRequest(async (base) => {
        const port = new URL(base).port;
        await callOpenApi(openApiClient({ ...sb, endpoints: { ...sb.endpoints, aliyun: `http://127.0.0.1:${port}` } } as Sandbox), "ResumeLiveStream", KEY);
      }, { RequestId: "captured" });
      assert.equal((await replay(sb.endpoints.aliyun, v3)).status, 200);
      assert.equal((JSON.parse((await replay(sb.endpoints.aliyun, v3)).body) as { Code: string }).Code, "SignatureNonceUsed");
      assert.equal(sb.bans().length, 0);
    });
  });

  it("throttles at the documented QPS with Throttling.User and an x-acs-retry-after hint", async () => {
    await sb.close();
    sb = await startTestSandbox({ throttle: { enabled: true, scale: 0.001 } });
    const query = () => new URLSearchParams({ Action: "DescribeLiveStreamsBlockList", Version: "2016-11-01", Format: "JSON", DomainName: "d" });
    sb.configure({ verifySignatures: false });
    assert.equal((await httpJson("GET", `${sb.endpoints.aliyun}/?${query()}`)).status, 200);
    const r = await httpJson("GET", `${sb.endpoints.aliyun}/?${query()}`);
    assert.equal(r.status, 400);
    assert.equal((r.json as { Code: string }).Code, "Throttling.User");
    assert.ok(Number(r.headers["x-acs-retry-after"]) > 0);
    sb.configure({ verifySignatures: true });
    const e = await aliyunFails(callOpenApi(openApiClient(sb), "DescribeLiveStreamsBlockList", { DomainName: "d" }));
    assert.equal(e.code, "Throttling.User");
  });
});
