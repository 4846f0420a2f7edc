// Each emulator refuses the domain, app and stream names its vendor refuses (NAMING.md), in the vendor's error shape, through the official SDKs.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { startTestSandbox } from "./capture-replay";
import { aliyunFails, huaweiCall, huaweiClient, huaweiFails, popClient, tencentClient, tencentFails } from "./sdk-clients";

const DOMAIN = "push.example.com";

describe("sandbox: vendor name rules (NAMING.md) in every emulator", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  it("Tencent: InvalidParameterValue for non-ASCII, a space, / or % and for a stream over 255; the URL-safe symbols pass", async () => {
    const client = tencentClient(sb);
    const key = { DomainName: DOMAIN, AppName: "live", StreamName: "s1" };
    const refused: Record<string, string>[] = [
      { ...key, StreamName: "直播" },
      { ...key, StreamName: "a b" },
      { ...key, StreamName: "a%20b" },
      { ...key, StreamName: "game/room-7" },
      { ...key, StreamName: "x".repeat(256) },
      { ...key, AppName: "a/b" },
      { ...key, AppName: "直播" },
      { ...key, DomainName: "not a domain" },
    ];
    for (const params of refused) {
      for (const action of ["ForbidLiveStream", "ResumeLiveStream", "DescribeLiveStreamState"]) {
        const e = await tencentFails(client.request(action, params));
        assert.equal(e.code, "InvalidParameterValue", `${action} ${JSON.stringify(params).slice(0, 80)}`);
      }
    }
    sb.setVariants({ tencent: { forbidList: "available" } });
    assert.equal((await tencentFails(client.request("DescribeLiveForbidStreamList", { StreamName: "a b" }))).code, "InvalidParameterValue");
    assert.equal(sb.bans().length, 0, "nothing refused was stored");
    await client.request("ForbidLiveStream", { ...key, StreamName: "a~b!$&'()+,;=:@", AppName: "live.hd" });
    await client.request("ForbidLiveStream", { ...key, StreamName: "y".repeat(255) });
    assert.equal(sb.bans().length, 2);
  });

  it("Huawei: 400 LIVE.100011001 naming the field for characters outside its documented sets; / in a stream passes", async () => {
    const hc = huaweiClient(sb);
    const body = { domain: DOMAIN, app_name: "live", stream_name: "s1" };
    const refused: [Record<string, string>, string][] = [
      [{ ...body, stream_name: "a+b" }, "stream_name"],
      [{ ...body, stream_name: "直播" }, "stream_name"],
      [{ ...body, stream_name: "a b" }, "stream_name"],
      [{ ...body, app_name: "live.hd" }, "app_name"],
      [{ ...body, domain: "a..b" }, "domain"],
    ];
    for (const [data, field] of refused) {
      for (const method of ["POST", "PUT"] as const) {
        const e = await huaweiFails(huaweiCall(hc, method, "blocks", { data }));
        assert.deepEqual([e.httpStatusCode, e.errorCode, e.errorMsg], [400, "LIVE.100011001", `Invalid request parameter: ${field}`], JSON.stringify(data));
      }
      const del = await huaweiFails(huaweiCall(hc, "DELETE", "blocks", { query: data }));
      assert.equal(del.errorCode, "LIVE.100011001");
    }
    const list = await huaweiFails(huaweiCall(hc, "GET", "blocks", { query: { domain: DOMAIN, stream_name: "a b" } }));
    assert.equal(list.errorMsg, "Invalid request parameter: stream_name");
    assert.equal(sb.bans().length, 0, "nothing refused was stored");
    await huaweiCall(hc, "POST", "blocks", { data: { ...body, app_name: "live_2-b", stream_name: "game/room-7_x" } });
    assert.deepEqual(sb.bans().map((b) => b.stream), ["game/room-7_x"]);
  });

  it("Aliyun: Invalid<Param>.Malformed (400) for what cannot stand in a push URL path (UNVERIFIED rule); AppName * still resumes", async () => {
    const client = popClient(sb);
    const key = { DomainName: DOMAIN, AppName: "live", StreamName: "s1", LiveStreamType: "publisher" };
    const refused: [Record<string, string>, string][] = [
      [{ ...key, StreamName: "a b" }, "InvalidStreamName.Malformed"],
      [{ ...key, StreamName: "违规直播" }, "InvalidStreamName.Malformed"],
      [{ ...key, StreamName: "a?b#c" }, "InvalidStreamName.Malformed"],
      [{ ...key, AppName: "a/b" }, "InvalidAppName.Malformed"],
      [{ ...key, DomainName: "a..b" }, "InvalidDomainName.Malformed"],
    ];
    for (const [params, code] of refused) {
      for (const action of ["ForbidLiveStream", "ResumeLiveStream"]) {
        const e = await aliyunFails(client.request(action, params, { method: "POST" }));
        // pop-core reports the code only; the 400 of the Invalid<Param>.Malformed family is aliyun-emulator.spec's.
        assert.equal(e.code, code, `${action} ${JSON.stringify(params)}`);
      }
    }
    assert.equal(sb.bans().length, 0, "nothing refused was stored");
    await client.request("ForbidLiveStream", { ...key, StreamName: "a~b+c" }, { method: "POST" });
    assert.equal(sb.bans().length, 1);
    await client.request("ResumeLiveStream", { ...key, AppName: "*", StreamName: "a~b+c" }, { method: "POST" });
    assert.equal(sb.bans().length, 0);
  });

  it("the nameCharacters=accept variant takes any characters (lengths still apply)", async () => {
    sb.setVariants({ tencent: { nameCharacters: "accept" }, huawei: { nameCharacters: "accept" }, aliyun: { nameCharacters: "accept" } });
    await tencentClient(sb).request("ForbidLiveStream", { DomainName: DOMAIN, AppName: "live", StreamName: "直播 1" });
    await huaweiCall(huaweiClient(sb), "POST", "blocks", { data: { domain: DOMAIN, app_name: "live", stream_name: "a+b 直播" } });
    await popClient(sb).request("ForbidLiveStream", { DomainName: DOMAIN, AppName: "live", StreamName: "a b", LiveStreamType: "publisher" }, { method: "POST" });
    assert.deepEqual(sb.bans().map((b) => b.stream).sort(), ["a b", "a+b 直播", "直播 1"]);
    const long = await tencentFails(tencentClient(sb).request("ForbidLiveStream", { DomainName: DOMAIN, AppName: "live", StreamName: "x".repeat(256) }));
    assert.equal(long.code, "InvalidParameterValue");
  });
});
