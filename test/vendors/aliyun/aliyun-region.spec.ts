// The aliyunRegion setting on the wire: every Aliyun call carries it as RegionId, under either signature, per account; the sandbox accepts it.
import { strict as assert } from "node:assert";
import { createAdapter } from "../../../provider/resource/adapter-factory";
import { ProviderSettings, SettingsError } from "../../../provider/resource/provider-settings";
import { HttpClient } from "../../../provider/transport/http-client";
import { RateLimiter } from "../../../provider/transport/rate-limiter";
import { startSandbox } from "../../../provider/sandbox/sandbox";
import type { VendorAdapter } from "../../../provider/vendors/adapter";
import { startCaptureServer, type CaptureServer } from "../loopback-capture-server";

const KEY = { domain: "push.region.example.com", app: "live", stream: "s1" };

/** Every parameter of a captured call: the query (V3) and the form body (RPC). */
function paramsOf(req: { rawQuery: string; body: string }): URLSearchParams {
  return new URLSearchParams([...new URLSearchParams(req.rawQuery), ...new URLSearchParams(req.body)]);
}

/** forbid, resume, kick and list: each Aliyun action the adapter makes. */
async function everyAction(adapter: VendorAdapter): Promise<void> {
  await adapter.forbid({ ...KEY, resumeTime: new Date(Date.now() + 86_400_000) });
  await adapter.resume(KEY);
  await adapter.kick(KEY);
  for await (const _ of adapter.list(KEY.domain)) void _;
}

describe("Aliyun region: RegionId on the wire", function () {
  this.timeout(30_000);
  let capture: CaptureServer;
  let http: HttpClient;
  before(async () => {
    capture = await startCaptureServer(() => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"RequestId":"R-1","TotalPage":0,"StreamUrls":{"StreamUrl":[]}}' }));
    http = new HttpClient();
  });
  after(async () => {
    await http.close();
    await capture.close();
  });

  const settings = (config: Record<string, string>, env: Record<string, string> = {}) =>
    new ProviderSettings((k) => config[k], {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret",
      STREAMBLOCK_ALIYUN_ENDPOINT: `http://127.0.0.1:${capture.port}`,
      ...env,
    });
  const regionsSent = async (s: ProviderSettings) => {
    const from = capture.captured.length;
    await everyAction(createAdapter("aliyun", s, { http, limiter: new RateLimiter({ enabled: false }) }));
    return capture.captured.slice(from).map((r) => `${paramsOf(r).get("Action") ?? r.headers["x-acs-action"]} ${paramsOf(r).get("RegionId")}`);
  };

  for (const signature of ["v3", "rpc"] as const) {
    it(`${signature}: streamblock:aliyunRegion goes out as RegionId on forbid, resume, kick and list`, async () => {
      const sent = await regionsSent(settings({ "streamblock:aliyunRegion": "ap-southeast-1", "streamblock:aliyunSignature": signature }));
      assert.deepEqual(sent, [
        "ForbidLiveStream ap-southeast-1",
        "ResumeLiveStream ap-southeast-1",
        "ForbidLiveStream ap-southeast-1",
        "DescribeLiveStreamsBlockList ap-southeast-1",
      ]);
    });
  }

  it("a named account sends its own region (ALIBABA_CLOUD_REGION_ID__<ACCOUNT>), not the default account's; no region sends no RegionId", async () => {
    const s = settings({ "streamblock:aliyunRegion": "cn-shanghai" }, { ALIBABA_CLOUD_ACCESS_KEY_ID__INTL: "id2", ALIBABA_CLOUD_ACCESS_KEY_SECRET__INTL: "s2", STREAMBLOCK_ALIYUN_ENDPOINT__INTL: `http://127.0.0.1:${capture.port}`, ALIBABA_CLOUD_REGION_ID__INTL: "ap-southeast-1" });
    assert.ok((await regionsSent(s.forAccount("intl"))).every((l) => l.endsWith(" ap-southeast-1")));
    assert.ok((await regionsSent(s)).every((l) => l.endsWith(" cn-shanghai")));
    assert.ok((await regionsSent(settings({}))).every((l) => l.endsWith(" null")), "no RegionId parameter at all");
  });

  it("a malformed region is a settings error naming the key, before any call", async () => {
    const from = capture.captured.length;
    assert.throws(
      () => createAdapter("aliyun", settings({ "streamblock:aliyunRegion": "Shanghai" }), { http }),
      (e: Error) => e instanceof SettingsError && e.message === 'aliyunRegion must be an Aliyun region id such as cn-shanghai or ap-southeast-1, got "Shanghai"',
    );
    assert.equal(capture.captured.length, from);
  });

  for (const signature of ["v3", "rpc"] as const) {
    it(`${signature}: the sandbox verifies a signature over RegionId and bans and lifts as without it`, async () => {
      const sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
      try {
        const s = new ProviderSettings((k) => ({ "streamblock:aliyunRegion": "cn-shanghai", "streamblock:aliyunSignature": signature, "streamblock:aliyunEndpoint": sb.endpoints.aliyun })[k], {
          ALIBABA_CLOUD_ACCESS_KEY_ID: sb.credentials.aliyun.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: sb.credentials.aliyun.accessKeySecret,
        });
        const adapter = createAdapter("aliyun", s, { http, limiter: new RateLimiter({ enabled: false }), now: () => sb.clock.now() });
        await adapter.forbid({ ...KEY, resumeTime: new Date(sb.clock.now().getTime() + 86_400_000) });
        assert.deepEqual(sb.bans({ vendor: "aliyun" }).map((b) => b.stream), ["s1"]);
        assert.deepEqual((await adapter.lookup(KEY))?.stream, "s1");
        await adapter.resume(KEY);
        assert.deepEqual(sb.bans({ vendor: "aliyun" }), []);
        assert.ok(sb.callLog().every((c) => c.code === "OK"), JSON.stringify(sb.callLog()));
      } finally {
        await sb.close();
      }
    });
  }
});
