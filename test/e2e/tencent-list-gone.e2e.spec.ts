// Tencent through the real engine with its forbid list gone (the default, tencent.md §3.5): what up and refresh ask, and what state keeps.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import type { ActionCounts } from "../../provider/sandbox/call-recorder";
import { StreamBlock } from "../../provider/resource/stream-block";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { recordedBans, type RecordedBan } from "../reliability/reliability-harness";
import { tencentClient } from "../sandbox/sdk-clients";

const DOMAINS = ["a.gone.example.com", "b.gone.example.com"];
const PER_DOMAIN = 4;
const N = DOMAINS.length * PER_DOMAIN;
/** The engine counts the stack itself among the resources. */
const STACK = 1;

describe("e2e: Tencent refresh with the forbid list gone", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let es: EngineStack;
  const resumeTime = new Date(Date.now() + 9 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  const calls = (action: string): ActionCounts => sb.calls().tencent[action] ?? { calls: 0, ok: 0, errors: {} };
  const byStream = (bans: RecordedBan[]) => new Map(bans.map((b) => [`${b.domain}/${b.stream}`, b.expiresAt]));
  const refresh = () => es.stack.refresh({ onOutput: (o) => es.output.push(o) });

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    es = await newEngineStack(sb, async () => {
      for (const domain of DOMAINS) {
        for (let i = 0; i < PER_DOMAIN; i++) {
          // Half with a declared resume time, half indefinite: both expiries are recorded at create.
          const stream = `gone-${domain[0]}-${i}`;
          new StreamBlock(stream, { vendor: "tencent", domain, stream, ...(i % 2 ? { resumeTime } : {}) });
        }
      }
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
  });

  it("up asks each stream's state once (is it banned already?) and never the list", async () => {
    const r = await es.up();
    assert.equal(r.summary.resourceChanges?.create, N + STACK);
    assert.equal(sb.bans({ vendor: "tencent" }).length, N);
    assert.equal(calls("DescribeLiveForbidStreamList").calls, 0);
    assert.equal(calls("DescribeLiveStreamState").ok, N);
    assert.equal(calls("ForbidLiveStream").ok, N);
  });

  it(`a refresh of ${N} bans makes exactly ${N} DescribeLiveStreamState calls and one refused list call; state keeps the recorded expiries`, async () => {
    const before = await recordedBans(es);
    sb.reset({ calls: true });
    const r = await refresh();
    assert.deepEqual(r.summary.resourceChanges, { same: N + STACK });
    assert.equal(calls("DescribeLiveStreamState").calls, N);
    const list = calls("DescribeLiveForbidStreamList");
    assert.deepEqual([list.calls, list.errors.ActionOffline], [1, 1], JSON.stringify(list));
    assert.equal(Object.keys(sb.calls().tencent).length, 2, JSON.stringify(sb.calls().tencent));
    // The vendor cannot say when a ban expires without its list: each keeps the expiry recorded at create,
    // which is what the vendor holds.
    const after = await recordedBans(es);
    assert.deepEqual(byStream(after), byStream(before));
    for (const b of sb.bans({ vendor: "tencent" })) assert.equal(byStream(after).get(`${b.domain}/${b.stream}`), b.expiresAt.replace(".000Z", "Z"));
  });

  it("a ban lifted out of band is still found out: refresh drops it, with N lookups", async () => {
    await tencentClient(sb).request("ResumeLiveStream", { DomainName: DOMAINS[0], AppName: "live", StreamName: "gone-a-0" });
    sb.reset({ calls: true });
    const r = await refresh();
    assert.deepEqual(r.summary.resourceChanges, { same: N - 1 + STACK, delete: 1 });
    assert.equal(calls("DescribeLiveStreamState").calls, N);
    assert.equal(calls("DescribeLiveForbidStreamList").calls, 1);
    assert.ok(!(await recordedBans(es)).some((b) => b.stream === "gone-a-0"));
    await es.up();
    assert.equal(sb.bans({ vendor: "tencent" }).length, N);
  });

  it("where the account still answers the list, refresh reads it instead (one page, no lookups) and takes a changed expiry from it", async () => {
    sb.setVariants({ tencent: { forbidList: "available" } });
    try {
      const moved = new Date(Date.now() + 20 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
      sb.putBan({ vendor: "tencent", account: sb.primaryAccount("tencent"), domain: DOMAINS[1]!, app: "live", stream: "gone-b-1" }, new Date(moved));
      sb.reset({ calls: true });
      const r = await refresh();
      assert.deepEqual(r.summary.resourceChanges, { same: N - 1 + STACK, update: 1 });
      assert.equal(calls("DescribeLiveForbidStreamList").ok, 1);
      assert.equal(calls("DescribeLiveStreamState").calls, 0);
      assert.equal(byStream(await recordedBans(es)).get(`${DOMAINS[1]}/gone-b-1`), moved);
    } finally {
      sb.setVariants({ tencent: { forbidList: "action-offline" } });
    }
  });
});
