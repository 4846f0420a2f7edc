// One vendor down for a whole run, through the real engine: what applies, what the user sees, and what makes the other vendors' bans apply.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import {
  FORBID_ACTION,
  assertStateMatchesVendors,
  expectFailure,
  heldBans,
  startTestSandbox,
  streamName,
  streamsProgram,
  upContinuingOnError,
  vendorErrorLine,
} from "./reliability-harness";

const DOMAIN = "down.example.com";
const OTHERS = 20;

describe("reliability: Huawei down (every call answers a bare 503) for a whole run", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let es: EngineStack;
  before(async () => {
    sb = await startTestSandbox();
    // Huawei's streams are declared first, so its failure comes while the others are still queued.
    es = await newEngineStack(sb, streamsProgram(DOMAIN, "d", { huawei: 2, tencent: OTHERS, aliyun: OTHERS }));
  });
  after(async () => {
    await es?.dispose();
    await sb.close();
  });

  it("a plain up stops scheduling once Huawei's retries give up: only part of the other bans apply, and the state records exactly those", async () => {
    sb.injectFault({ vendor: "huawei", kind: "http", status: 503, count: 1_000_000 });
    // Every other forbid takes a second, so the engine cannot have finished them all when Huawei fails.
    for (const vendor of ["tencent", "aliyun"] as const) {
      sb.injectFault({ vendor, action: FORBID_ACTION[vendor], kind: "stall", delayMs: 1_000, count: OTHERS });
    }
    // A fixed parallelism: the CLI's default is 4 per CPU, and this must hold on any machine.
    const f = await expectFailure(es, () => es.stack.up({ parallel: 4, onOutput: (s) => es.output.push(s) }));
    // The engine stops at the first failure: at least one Huawei stream reports it (which one is a race).
    const huaweiLines = [0, 1].map((i) => vendorErrorLine("huawei", "forbid", `${DOMAIN}/live/${streamName("d", "huawei", i)}`, "HTTP_503", { requestId: false, status: 503 }));
    assert.ok(huaweiLines.some((line) => line.test(f.all)), f.all);
    // The gateway's bare 503 carries no request id, and the line says so by not inventing one.
    assert.match(f.all, /HTTP_503: response is not JSON \(HTTP 503, retryable\)/, "the line says why there is no vendor message");
    const held = heldBans(sb, DOMAIN);
    assert.ok(held.size < 2 * OTHERS, `the engine stopped scheduling: ${held.size} of ${2 * OTHERS} other bans applied`);
    assert.ok(![...held.keys()].some((k) => k.startsWith("huawei/")), "nothing applied on Huawei");
    await assertStateMatchesVendors(es, sb, DOMAIN);
  });

  it("up --continue-on-error applies every Tencent and Aliyun ban while Huawei is still down, and names each Huawei failure", async () => {
    sb.clearFaults("tencent");
    sb.clearFaults("aliyun");
    const f = await expectFailure(es, () => upContinuingOnError(es));
    assert.match(f.all, vendorErrorLine("huawei", "forbid", `${DOMAIN}/live/${streamName("d", "huawei", 0)}`, "HTTP_503", { requestId: false, status: 503 }));
    const held = heldBans(sb, DOMAIN);
    assert.equal([...held.keys()].filter((k) => !k.startsWith("huawei/")).length, 2 * OTHERS, "every other vendor's ban applies");
    await assertStateMatchesVendors(es, sb, DOMAIN);
  });

  it("once Huawei answers again, up converges and a second up changes nothing", async () => {
    sb.clearFaults();
    const r = await es.up();
    assert.equal(r.summary.resourceChanges?.create, 2, JSON.stringify(r.summary.resourceChanges));
    const recorded = await assertStateMatchesVendors(es, sb, DOMAIN);
    assert.equal(recorded.length, 2 + 2 * OTHERS);
    await es.up({ expectNoChanges: true });
  });
});
