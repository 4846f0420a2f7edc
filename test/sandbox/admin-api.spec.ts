// The admin API over HTTP: state, clock, variants, reset, settings, seeding, and every fault kind seen through the SDKs.
import { strict as assert } from "node:assert";
import { request } from "node:http";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { httpJson, startTestSandbox } from "./capture-replay";
import { aliyunFails, callOpenApi, huaweiCall, huaweiClient, huaweiFails, openApiClient, tencentClient, tencentFails } from "./sdk-clients";

const KEY = { DomainName: "push.example.com", AppName: "live", StreamName: "s1" };
const ALIYUN_KEY = { ...KEY, LiveStreamType: "publisher" };

/** A raw GET that resolves to its status, or to the socket error code when the connection fails. */
function rawGet(url: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

describe("sandbox/admin-server", () => {
  let sb: Sandbox;
  let admin: string;
  beforeEach(async () => {
    sb = await startTestSandbox();
    admin = sb.endpoints.admin ?? "";
  });
  afterEach(async () => {
    await sb.close();
  });

  it("lists its routes and the endpoints", async () => {
    const r = await httpJson("GET", `${admin}/`);
    assert.equal(r.status, 200);
    const body = r.json as { endpoints: Record<string, string>; routes: string[] };
    assert.equal(body.endpoints.tencent, sb.endpoints.tencent);
    assert.ok(body.routes.some((route) => route.startsWith("POST /faults")));
    assert.equal((await httpJson("GET", `${admin}/nope`)).status, 404);
  });

  it("shows bans, kicks and call counts made through the SDKs, and resets them", async () => {
    await tencentClient(sb).request("ForbidLiveStream", KEY);
    await tencentClient(sb).request("DropLiveStream", KEY);
    await callOpenApi(openApiClient(sb), "ForbidLiveStream", ALIYUN_KEY);
    await tencentFails(tencentClient(sb).request("ForbidLiveStream", { ...KEY, StreamName: "*" }));
    const state = (await httpJson("GET", `${admin}/state`)).json as Record<string, unknown>;
    assert.deepEqual((state.bans as Array<{ vendor: string; active: boolean }>).map((b) => [b.vendor, b.active]).sort(), [
      ["aliyun", true],
      ["tencent", true],
    ]);
    assert.equal((state.kicks as unknown[]).length, 1);
    const calls = (await httpJson("GET", `${admin}/calls`)).json as Record<string, Record<string, unknown>>;
    assert.deepEqual(calls.tencent?.ForbidLiveStream, { calls: 2, ok: 1, errors: { InvalidParameterValue: 1 } });
    assert.deepEqual(calls.aliyun?.ForbidLiveStream, { calls: 1, ok: 1, errors: {} });
    const log = (await httpJson("GET", `${admin}/calls/log?limit=2`)).json as Array<{ vendor: string; code: string; account: string }>;
    assert.deepEqual(log.map((l) => [l.vendor, l.code]), [["aliyun", "OK"], ["tencent", "InvalidParameterValue"]]);
    assert.equal(log[0]?.account, sb.credentials.aliyun.accessKeyId);
    const bans = (await httpJson("GET", `${admin}/bans?vendor=aliyun`)).json as Array<{ stream: string }>;
    assert.deepEqual(bans.map((b) => b.stream), ["s1"]);

    await httpJson("POST", `${admin}/reset`, { calls: true });
    assert.deepEqual(sb.calls().tencent, {});
    assert.equal(sb.bans().length, 2);
    await httpJson("POST", `${admin}/reset`);
    assert.equal(sb.bans().length + sb.kicks().length, 0);
  });

  it("moves the clock, which expires bans", async () => {
    await httpJson("POST", `${admin}/bans`, {
      vendor: "huawei",
      domain: "push.example.com",
      app: "live",
      stream: "s1",
      expiresAt: new Date(sb.clock.nowMs() + 3_600_000).toISOString(),
    });
    assert.equal(sb.bans()[0]?.account, sb.credentials.huawei.projectId);
    const moved = (await httpJson("POST", `${admin}/clock`, { advanceSeconds: 7200 })).json as { offsetMs: number };
    assert.equal(moved.offsetMs, 7_200_000);
    assert.deepEqual((await httpJson("GET", `${admin}/bans`)).json, []);
    const all = (await httpJson("GET", `${admin}/bans?includeExpired=true`)).json as Array<{ active: boolean }>;
    assert.deepEqual(all.map((b) => b.active), [false]);
    await httpJson("POST", `${admin}/clock`, { set: "2030-01-01T00:00:00Z" });
    assert.ok(Math.abs(sb.clock.nowMs() - Date.parse("2030-01-01T00:00:00Z")) < 5000);
    await httpJson("POST", `${admin}/clock`, { reset: true });
    assert.equal(sb.clock.offsetMs, 0);
    assert.equal((await httpJson("POST", `${admin}/clock`, { advance: 1 })).status, 400);
  });

  it("switches variants at run time and refuses unknown ones", async () => {
    const bad = await httpJson("PATCH", `${admin}/variants`, { tencent: { forbidList: "sometimes" } });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: string }).error, /action-offline, available, invalid-action/);
    assert.equal((await httpJson("PATCH", `${admin}/variants`, { tencent: { colour: "red" } })).status, 400);
    // tencent.md §3.5: gone by default; an account that still has the list is the variant.
    assert.equal((await tencentFails(tencentClient(sb).request("DescribeLiveForbidStreamList", {}))).code, "ActionOffline");
    const ok = await httpJson("PATCH", `${admin}/variants`, { tencent: { forbidList: "available" } });
    assert.equal((ok.json as { tencent: { forbidList: string } }).tencent.forbidList, "available");
    assert.equal(typeof ((await tencentClient(sb).request("DescribeLiveForbidStreamList", {})) as { TotalNum: number }).TotalNum, "number");
    const catalogue = (await httpJson("GET", `${admin}/variants`)).json as { catalogue: Record<string, Record<string, { source: string }>> };
    assert.match(catalogue.catalogue.tencent?.forbidList?.source ?? "", /tencent\.md §3\.5/);
  });

  it("changes settings and throttling, refusing bad values", async () => {
    assert.equal((await httpJson("PATCH", `${admin}/settings`, { verifySignatures: "no" })).status, 400);
    assert.equal((await httpJson("PATCH", `${admin}/settings`, { colour: 1 })).status, 400);
    const s = (await httpJson("PATCH", `${admin}/settings`, { aliyunBlacklistCap: 0 })).json as { aliyunBlacklistCap: number };
    assert.equal(s.aliyunBlacklistCap, 0);
    assert.equal((await aliyunFails(callOpenApi(openApiClient(sb), "ForbidLiveStream", ALIYUN_KEY))).code, "QuotaExceeded.Blacklist");
    const t = (await httpJson("PATCH", `${admin}/throttle`, { enabled: true, qps: { huawei: { ListStreamForbidden: 0.001 } } })).json as {
      enabled: boolean;
    };
    assert.equal(t.enabled, true);
    const hc = huaweiClient(sb);
    await huaweiCall(hc, "GET", "blocks", { query: { domain: "d" } });
    assert.equal((await huaweiFails(huaweiCall(hc, "GET", "blocks", { query: { domain: "d" } }))).errorCode, "APIGW.0308");
    assert.equal((await httpJson("PATCH", `${admin}/throttle`, { scale: -1 })).status, 400);
  });

  it("marks streams as publishing", async () => {
    await httpJson("POST", `${admin}/publishing`, { vendor: "tencent", domain: "push.example.com", app: "live", stream: "s1", publishing: true });
    assert.equal(((await tencentClient(sb).request("DescribeLiveStreamState", KEY)) as { StreamState: string }).StreamState, "active");
    assert.equal((await httpJson("POST", `${admin}/publishing`, { vendor: "tencent", domain: "d", app: "a", stream: "s" })).status, 400);
  });

  describe("faults", () => {
    it("answers a vendor error code for the next N calls of an action", async () => {
      const f = await httpJson("POST", `${admin}/faults`, { vendor: "tencent", action: "ForbidLiveStream", count: 2, kind: "error", code: "InternalError" });
      assert.equal((f.json as { remaining: number }).remaining, 2);
      const client = tencentClient(sb);
      assert.equal((await tencentFails(client.request("ForbidLiveStream", KEY))).code, "InternalError");
      await client.request("DescribeLiveStreamState", KEY); // another action is untouched
      assert.equal((await tencentFails(client.request("ForbidLiveStream", KEY))).code, "InternalError");
      await client.request("ForbidLiveStream", KEY);
      assert.deepEqual((await httpJson("GET", `${admin}/faults`)).json, []);

      sb.injectFault({ vendor: "aliyun", kind: "error", code: "ServiceUnavailable" });
      const a = await aliyunFails(callOpenApi(openApiClient(sb), "DescribeLiveStreamsBlockList", { DomainName: "d" }));
      assert.deepEqual([a.code, a.statusCode], ["ServiceUnavailable", 503]);
      sb.injectFault({ vendor: "huawei", action: "CreateStreamForbidden", kind: "error", code: "LIVE.100011005" });
      const h = await huaweiFails(huaweiCall(huaweiClient(sb), "POST", "blocks", { data: { domain: "d", app_name: "a", stream_name: "s" } }));
      assert.deepEqual([h.httpStatusCode, h.errorCode], [500, "LIVE.100011005"]);
      assert.equal(sb.bans({ vendor: "huawei" }).length, 0);
    });

    it("answers a bare 5xx", async () => {
      sb.injectFault({ vendor: "tencent", kind: "http", status: 502 });
      const e = (await tencentClient(sb).request("ForbidLiveStream", KEY).catch((err: unknown) => err)) as { httpCode?: number };
      assert.equal(e.httpCode, 502);
      assert.equal(sb.bans().length, 0);
      assert.deepEqual(sb.calls().tencent.ForbidLiveStream?.errors, { HTTP_502: 1 });
    });

    it("drops the connection", async () => {
      await httpJson("POST", `${admin}/faults`, { vendor: "huawei", kind: "drop" });
      const r = await rawGet(`${sb.endpoints.huawei}/v1/x/stream/blocks`);
      assert.equal(r.error, "ECONNRESET");
      assert.deepEqual(sb.callLog().map((c) => c.code), ["DROPPED"]);
      assert.equal((await rawGet(`${sb.endpoints.huawei}/v1/x/stream/blocks`)).status, 401);
    });

    it("stalls forever until the sandbox closes", async () => {
      sb.injectFault({ vendor: "aliyun", kind: "stall" });
      const pending = rawGet(`${sb.endpoints.aliyun}/?Action=DescribeLiveStreamsBlockList&Version=2016-11-01`);
      await until(() => sb.callLog().some((c) => c.code === "STALLED"));
      await sb.close();
      assert.equal((await pending).error, "ECONNRESET");
    });

    it("answers a stalled call after its delay, behind a call that came later", async () => {
      sb.injectFault({ vendor: "huawei", kind: "stall", delayMs: 1000 });
      const order: string[] = [];
      const slow = rawGet(`${sb.endpoints.huawei}/v1/x/stream/blocks`).then((r) => order.push(`slow ${r.status}`));
      await until(() => sb.faults().length === 0);
      await rawGet(`${sb.endpoints.huawei}/v1/x/stream/blocks`).then((r) => order.push(`fast ${r.status}`));
      await slow;
      assert.deepEqual(order, ["fast 401", "slow 401"]);
    });

    it("holds a call until released through the admin API, then executes and answers it", async () => {
      await httpJson("POST", `${admin}/faults`, { vendor: "tencent", action: "ForbidLiveStream", kind: "hold" });
      const pending = tencentClient(sb).request("ForbidLiveStream", KEY);
      await sb.whenHeld(1, { vendor: "tencent" });
      const held = (await httpJson("GET", `${admin}/held?vendor=tencent`)).json as { action: string }[];
      assert.deepEqual(held.map((h) => h.action), ["ForbidLiveStream"]);
      assert.deepEqual(sb.bans(), [], "not executed while held");
      assert.deepEqual((await httpJson("POST", `${admin}/held/release`, { vendor: "tencent" })).json, { released: 1 });
      assert.equal(sb.bans({ stream: "s1" }).length, 1, "executed by the time the release answers");
      await pending;
      assert.deepEqual(sb.heldCalls(), []);
      assert.equal((await httpJson("POST", `${admin}/held/release`, { vendor: "azure" })).status, 400);
    });

    it("executes a held call when its client hangs up, as a vendor finishes a request it received", async () => {
      sb.injectFault({ vendor: "huawei", kind: "hold" });
      const req = request(`${sb.endpoints.huawei}/v1/x/stream/blocks`, { agent: false });
      req.on("error", () => undefined);
      req.end();
      await sb.whenHeld(1);
      req.destroy();
      await until(() => sb.callLog().length === 1);
      assert.deepEqual(sb.heldCalls(), []);
      assert.equal(sb.callLog()[0]?.status, 401, "executed (the request was unsigned)");
    });

    it("refuses malformed fault specs", async () => {
      for (const spec of [{ vendor: "azure", kind: "drop" }, { vendor: "tencent", kind: "error" }, { vendor: "tencent", kind: "melt" }, { vendor: "tencent", kind: "http", status: 99 }]) {
        assert.equal((await httpJson("POST", `${admin}/faults`, spec)).status, 400, JSON.stringify(spec));
      }
      sb.injectFault({ vendor: "tencent", kind: "drop", count: 3 });
      await httpJson("DELETE", `${admin}/faults?vendor=tencent`);
      assert.deepEqual(sb.faults(), []);
    });
  });
});
