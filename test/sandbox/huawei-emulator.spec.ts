// The Huawei emulator driven by the official HcClient (AK/SK) and by X-Auth-Token requests: all five operations, errors, auth.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { captureRequest, httpJson, replay, startTestSandbox } from "./capture-replay";
import { huaweiCall, huaweiClient, huaweiFails } from "./sdk-clients";

const BODY = { domain: "push.example.com", app_name: "live", stream_name: "s1" };
const REQUEST_ID = /^[0-9a-f]{32}$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function utcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

describe("sandbox/huawei/huawei-emulator", () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await startTestSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });

  it("creates, lists, updates, deletes and kicks through HcClient", async () => {
    const hc = huaweiClient(sb);
    const resume = utcSeconds(sb.clock.nowMs() + DAY);
    assert.deepEqual(await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, resume_time: resume } }), { httpStatusCode: 204 });
    await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, stream_name: "s2" } });
    const list = await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } });
    assert.equal(list.httpStatusCode, 200);
    assert.equal(list.total, 2);
    const blocks = list.blocks as Array<Record<string, string>>;
    assert.deepEqual(blocks[0], { app_name: "live", stream_name: "s1", resume_time: resume });
    // Default duration: now + 7 days, second precision.
    assert.match(blocks[1]?.resume_time ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(blocks[1]?.resume_time ?? "") - (sb.clock.nowMs() + 7 * DAY)) < 5000);

    const page1 = await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com", page: 1, size: 1 } });
    assert.deepEqual([page1.total, (page1.blocks as Array<{ stream_name: string }>).map((b) => b.stream_name)], [2, ["s2"]]);
    const beyond = await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com", page: 5, size: 100 } });
    assert.deepEqual([beyond.total, beyond.blocks], [2, []]);
    const one = await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com", app_name: "live", stream_name: "s1" } });
    assert.equal(one.total, 1);

    const later = utcSeconds(sb.clock.nowMs() + 30 * DAY);
    assert.deepEqual(await huaweiCall(hc, "PUT", "blocks", { data: { ...BODY, resume_time: later } }), { httpStatusCode: 204 });
    assert.equal(sb.bans({ stream: "s1" })[0]?.expiresAt, new Date(later).toISOString());

    assert.deepEqual(await huaweiCall(hc, "DELETE", "blocks", { query: BODY }), { httpStatusCode: 204 });
    assert.deepEqual(sb.bans().map((b) => b.stream), ["s2"]);
    await huaweiCall(hc, "DELETE", "blocks", { query: BODY }); // default: idempotent

    assert.deepEqual(await huaweiCall(hc, "POST", "block-once", { data: BODY }), { httpStatusCode: 204 });
    assert.deepEqual(sb.kicks().map((k) => [k.vendor, k.account, k.stream, k.action]), [
      ["huawei", sb.credentials.huawei.projectId, "s1", "CreateStreamForbiddenOnce"],
    ]);
    assert.equal(sb.bans().length, 1);
  });

  it("answers 400 LIVE.100011001 with X-Request-Id for bad parameters", async () => {
    const hc = huaweiClient(sb);
    const cases: Array<Record<string, unknown>> = [
      { ...BODY, resume_time: "2030-01-01 00:00:00" },
      { ...BODY, resume_time: utcSeconds(sb.clock.nowMs() - MINUTE) },
      { ...BODY, resume_time: utcSeconds(sb.clock.nowMs() + 91 * DAY) },
      { ...BODY, stream_name: "*" },
      { domain: "push.example.com", app_name: "live" },
      { ...BODY, app_name: "a".repeat(129) },
      { ...BODY, resume_time: 12 },
    ];
    for (const data of cases) {
      const e = await huaweiFails(huaweiCall(hc, "POST", "blocks", { data }));
      assert.equal(e.httpStatusCode, 400, JSON.stringify(data).slice(0, 60));
      assert.equal(e.errorCode, "LIVE.100011001");
      assert.match(e.requestId, REQUEST_ID);
    }
    const size = await huaweiFails(huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com", size: 101 } }));
    assert.equal(size.errorCode, "LIVE.100011001");
    const noDomain = await huaweiFails(huaweiCall(hc, "GET", "blocks", { query: {} }));
    assert.equal(noDomain.errorCode, "LIVE.100011001");
    const partial = await huaweiFails(huaweiCall(hc, "DELETE", "blocks", { query: { domain: "push.example.com", app_name: "live" } }));
    assert.equal(partial.errorCode, "LIVE.100011001");
    // Fractional seconds, as the Node live model's Date would send, are accepted.
    await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, resume_time: new Date(sb.clock.nowMs() + DAY).toISOString() } });
    assert.equal(sb.bans().length, 1);
  });

  it("switches over-max, duplicate, update-missing and delete-missing behaviour", async () => {
    const hc = huaweiClient(sb);
    sb.setVariants({ huawei: { resumeTimeOverMax: "clamp" } });
    await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, resume_time: utcSeconds(sb.clock.nowMs() + 200 * DAY) } });
    assert.ok(Math.abs(Date.parse(sb.bans()[0]?.expiresAt ?? "") - (sb.clock.nowMs() + 90 * DAY)) < 5000);
    await huaweiCall(hc, "POST", "blocks", { data: BODY }); // default: upsert

    const missing = await huaweiFails(huaweiCall(hc, "PUT", "blocks", { data: { ...BODY, stream_name: "nope" } }));
    assert.deepEqual([missing.httpStatusCode, missing.errorCode], [400, "LIVE.103011019"]);

    sb.setVariants({ huawei: { duplicateForbid: "error", updateMissing: "upsert", resumeUnbanned: "error" } });
    const dup = await huaweiFails(huaweiCall(hc, "POST", "blocks", { data: BODY }));
    assert.deepEqual([dup.httpStatusCode, dup.errorCode], [400, "LIVE.103011018"]);
    await huaweiCall(hc, "PUT", "blocks", { data: { ...BODY, stream_name: "nope" } });
    assert.deepEqual(sb.bans().map((b) => b.stream).sort(), ["nope", "s1"]);
    await huaweiCall(hc, "DELETE", "blocks", { query: BODY });
    const gone = await huaweiFails(huaweiCall(hc, "DELETE", "blocks", { query: BODY }));
    assert.equal(gone.errorCode, "LIVE.103011019");
  });

  it("drops expired blocks from the list by the sandbox clock", async () => {
    const hc = huaweiClient(sb);
    await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, resume_time: utcSeconds(sb.clock.nowMs() + 5 * MINUTE) } });
    sb.advanceClock(6 * MINUTE);
    assert.deepEqual(await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } }), { total: 0, blocks: [], httpStatusCode: 200 });
    const missing = await huaweiFails(huaweiCall(hc, "PUT", "blocks", { data: BODY }));
    assert.equal(missing.errorCode, "LIVE.103011019");
    // Shown: the expired block is still listed, so an update finds it (and makes it block again).
    sb.setVariants({ huawei: { expiredInList: "shown" } });
    assert.equal((await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } })).total, 1);
    await huaweiCall(hc, "PUT", "blocks", { data: BODY });
    assert.equal(sb.bans().length, 1);
  });

  describe("authentication", () => {
    const path = (sb: Sandbox, projectId = sb.credentials.huawei.projectId): string =>
      `${sb.endpoints.huawei}/v1/${projectId}/stream/blocks`;

    it("accepts the configured X-Auth-Token and refuses another with APIGW.0301", async () => {
      const ok = await httpJson("POST", path(sb), BODY, { "x-auth-token": sb.credentials.huawei.authToken });
      assert.equal(ok.status, 204);
      assert.match(String(ok.headers["x-request-id"]), REQUEST_ID);
      const bad = await httpJson("GET", `${path(sb)}?domain=push.example.com`, undefined, { "x-auth-token": "forged" });
      assert.equal(bad.status, 401);
      const body = bad.json as Record<string, string>;
      assert.equal(body.error_code, "APIGW.0301");
      assert.match(body.error_msg ?? "", /^Incorrect IAM authentication information: decrypt token fail/);
      assert.equal(body.request_id, bad.headers["x-request-id"]);
      const none = await httpJson("GET", `${path(sb)}?domain=push.example.com`);
      assert.equal((none.json as Record<string, string>).error_code, "APIGW.0301");
      const other = await httpJson("GET", `${path(sb, "0123456789abcdef0123456789abcdef")}?domain=d`, undefined, {
        "x-auth-token": sb.credentials.huawei.authToken,
      });
      assert.deepEqual([other.status, (other.json as Record<string, string>).error_code], [403, "APIGW.0302"]);
    });

    it("refuses an unknown AK, a wrong SK and a signature more than 15 minutes off", async () => {
      const nobody = await huaweiFails(huaweiCall(huaweiClient(sb, { ...sb.credentials.huawei, ak: "NOBODY" }), "POST", "blocks", { data: BODY }));
      assert.deepEqual([nobody.httpStatusCode, nobody.errorCode], [401, "APIGW.0301"]);
      assert.match(nobody.errorMsg, /ak not exist/);
      const wrong = await huaweiFails(huaweiCall(huaweiClient(sb, { ...sb.credentials.huawei, sk: "wrong" }), "POST", "blocks", { data: BODY }));
      assert.deepEqual([wrong.httpStatusCode, wrong.errorCode], [401, "APIGW.0301"]);
      assert.match(wrong.errorMsg, /verify aksk signature fail/);
      assert.ok(!wrong.errorMsg.includes(sb.credentials.huawei.sk));
      const hc = huaweiClient(sb);
      sb.advanceClock(14 * MINUTE);
      await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } });
      sb.advanceClock(2 * MINUTE);
      const expired = await huaweiFails(huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } }));
      assert.deepEqual([expired.httpStatusCode, expired.errorCode], [401, "APIGW.0301"]);
      assert.match(expired.errorMsg, /expired/);
      assert.equal(sb.bans().length, 0);
    });

    it("refuses a tampered body and another project's path", async () => {
      const captured = await captureRequest(
        (base) => huaweiCall(huaweiClient({ ...sb, endpoints: { ...sb.endpoints, huawei: base } } as Sandbox), "POST", "blocks", { data: BODY }),
        {},
      );
      const tampered = await replay(sb.endpoints.huawei, { ...captured, body: captured.body.replace('"s1"', '"s2"') });
      assert.equal(tampered.status, 401);
      assert.equal(sb.bans().length, 0);
      assert.equal((await replay(sb.endpoints.huawei, captured)).status, 204);
      assert.equal(sb.bans().length, 1);
      await sb.close();
      const second = { ak: "SANDBOXHUAWEIAK00002", sk: "second-sk", projectId: "0123456789abcdef0123456789abcdef", authToken: "second-token" };
      sb = await startTestSandbox({ extraCredentials: { huawei: [second] } });
      const cross = await huaweiFails(
        huaweiCall(huaweiClient(sb, { ...second, projectId: sb.credentials.huawei.projectId }), "POST", "blocks", { data: BODY }),
      );
      assert.deepEqual([cross.httpStatusCode, cross.errorCode], [403, "APIGW.0302"]);
      await huaweiCall(huaweiClient(sb, second), "POST", "blocks", { data: BODY });
      assert.deepEqual(sb.bans().map((b) => b.account), [second.projectId]);
    });
  });

  it("answers 404 APIGW.0101 for other paths and methods", async () => {
    const r = await httpJson("PATCH", `${sb.endpoints.huawei}/v1/${sb.credentials.huawei.projectId}/stream/blocks`, BODY);
    assert.deepEqual([r.status, (r.json as Record<string, string>).error_code], [404, "APIGW.0101"]);
    const p = await httpJson("GET", `${sb.endpoints.huawei}/v2/x/streams`);
    assert.equal(p.status, 404);
  });

  it("answers 429 APIGW.0308 to a user past its minute budget while a second account still gets through (huawei.md §1)", async () => {
    await sb.close();
    // Scale 1/1000: 4 creates a minute per user, 12 per API. The throttle's clock stands still: no timing.
    sb = await startTestSandbox({ throttle: { enabled: true, scale: 1 / 1000 }, throttleNowMs: () => 0 });
    const hc = huaweiClient(sb);
    for (let i = 0; i < 4; i++) await huaweiCall(hc, "POST", "blocks", { data: { ...BODY, stream_name: `s${i}` } });
    const e = await huaweiFails(huaweiCall(hc, "POST", "blocks", { data: { ...BODY, stream_name: "s4" } }));
    assert.deepEqual([e.httpStatusCode, e.errorCode], [429, "APIGW.0308"]);
    assert.equal(e.errorMsg, "The throttling threshold has been reached: policy user over ratelimit,limit:4,time:1 minute");
    await huaweiCall(huaweiClient(sb, SECOND_SANDBOX_CREDENTIALS.huawei), "POST", "blocks", { data: { ...BODY, stream_name: "s4" } });
    assert.deepEqual(sb.bans().map((b) => `${b.account.slice(0, 4)}/${b.stream}`).sort(), ["5a0d/s0", "5a0d/s1", "5a0d/s2", "5a0d/s3", "5ec0/s4"]);
    // Lists have their own budget.
    await huaweiCall(hc, "GET", "blocks", { query: { domain: "push.example.com" } });
  });
});
