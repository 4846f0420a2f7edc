// The sandbox's latency option: each vendor request waits the configured round trip before it is handled, set at start or through the admin API.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { httpJson, startTestSandbox } from "./capture-replay";
import { huaweiCall, huaweiClient } from "./sdk-clients";

/** A delay function the test releases by hand, telling it each time a request starts waiting. */
function gatedDelay(): { delay: (ms: number) => Promise<void>; waiting: Promise<number>; release: () => void; asked: number[] } {
  const asked: number[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let announce!: (ms: number) => void;
  const waiting = new Promise<number>((r) => (announce = r));
  return {
    asked,
    waiting,
    release,
    delay: (ms) => {
      asked.push(ms);
      announce(ms);
      return gate;
    },
  };
}

const totalCalls = (sb: Sandbox): number =>
  Object.values(sb.calls()).reduce((sum, byAction) => sum + Object.values(byAction).reduce((a, c) => a + c.calls, 0), 0);

describe("sandbox/latency", () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    await sb?.close();
    sb = undefined;
  });

  it("holds a vendor request for latencyMs before handling and answering it", async () => {
    const gated = gatedDelay();
    sb = await startTestSandbox({ latencyMs: 100, delay: gated.delay });
    let settled = false;
    const call = huaweiCall(huaweiClient(sb), "GET", "blocks", { query: { domain: "push.example.com" } }).finally(() => (settled = true));
    assert.equal(await gated.waiting, 100);
    // The request is in the sandbox and waiting: nothing is handled or recorded, no answer has gone out.
    assert.equal(totalCalls(sb), 0);
    assert.equal(settled, false);
    gated.release();
    const body = await call;
    assert.ok(Array.isArray(body.blocks), "the held request is answered once the latency has passed");
    assert.equal(totalCalls(sb), 1);
  });

  it("adds no wait at the default 0 ms, and the admin API sets and checks latencyMs", async () => {
    const gated = gatedDelay();
    sb = await startTestSandbox({ delay: gated.delay });
    await huaweiCall(huaweiClient(sb), "GET", "blocks", { query: { domain: "push.example.com" } });
    assert.deepEqual(gated.asked, []);
    const admin = sb.endpoints.admin ?? "";
    const refused = await httpJson("PATCH", `${admin}/settings`, { latencyMs: -1 });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.json), /latencyMs must be a non-negative number/);
    const set = (await httpJson("PATCH", `${admin}/settings`, { latencyMs: 25 })).json as { latencyMs: number };
    assert.equal(set.latencyMs, 25);
    const call = huaweiCall(huaweiClient(sb), "GET", "blocks", { query: { domain: "push.example.com" } });
    assert.equal(await gated.waiting, 25);
    gated.release();
    await call;
  });
});
