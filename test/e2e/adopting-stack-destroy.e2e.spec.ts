// Two stacks sharing every vendor account: destroying the stack that adopted production's bans leaves them in force.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { assertStateMatchesVendors, banKey, heldBans, recordedBans, STREAM_BLOCK_TYPE } from "../reliability/reliability-harness";

const DOMAIN = "shared-destroy.example.com";

/** A stack's program: each stream on every vendor, named vendor-stream. */
const program = (streams: string[]) => async () => {
  for (const vendor of VENDOR_IDS) for (const stream of streams) new StreamBlock(`${vendor}-${stream}`, { vendor, domain: DOMAIN, stream });
};

/** stream name → the `adopted` output of each vendor's StreamBlock in the stack's state. */
async function adoptedMarks(es: EngineStack): Promise<Record<string, unknown[]>> {
  const resources = (await es.stack.exportStack()).deployment.resources as { type: string; outputs: Record<string, unknown> }[];
  const marks: Record<string, unknown[]> = {};
  for (const r of resources.filter((x) => x.type === STREAM_BLOCK_TYPE)) (marks[String(r.outputs.stream)] ??= []).push(r.outputs.adopted);
  return marks;
}

describe("e2e: destroying a stack that adopted another stack's bans (one account per vendor)", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let production: EngineStack;
  let trial: EngineStack;
  const streamsHeld = () => [...new Set([...heldBans(sb, DOMAIN).keys()].map((k) => k.split("/")[3]))].sort();

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
    production = await newEngineStack(sb, program(["spam-1", "spam-2"]));
    trial = await newEngineStack(sb, program(["spam-1", "trial-only"]));
  });
  after(async () => {
    await trial?.dispose();
    await production?.dispose();
    await sb.close();
  });

  it("production bans its streams; a trial stack declaring one of them too adopts it (and owns its own)", async () => {
    await production.up();
    await trial.up();
    assert.deepEqual(await adoptedMarks(production), { "spam-1": [undefined, undefined, undefined], "spam-2": [undefined, undefined, undefined] });
    assert.deepEqual(await adoptedMarks(trial), { "spam-1": [true, true, true], "trial-only": [undefined, undefined, undefined] });
    assert.deepEqual(streamsHeld(), ["spam-1", "spam-2", "trial-only"]);
  });

  it("destroying the trial stack lifts only the bans it made: production's stay in force, with a note naming streamblock resume", async () => {
    await trial.stack.destroy({ onOutput: (o) => trial.output.push(o) });
    assert.deepEqual(streamsHeld(), ["spam-1", "spam-2"]);
    for (const vendor of VENDOR_IDS) {
      assert.match(trial.output.join(""), new RegExp(`${vendor}/${DOMAIN.replace(/\./g, "\\.")}/live/spam-1: left in force: .*not this stack's to lift .*streamblock resume`));
    }
    // Tencent and Huawei took the trial's resume time when it adopted. Production's refresh reads it back from
    // Huawei; Tencent's per-stream state (its list gone, tencent.md §3.5) has no expiry: production keeps its own.
    const tencentKey = `tencent/${DOMAIN}/live/spam-1`;
    const kept = (await recordedBans(production)).find((b) => banKey(b) === tencentKey)?.expiresAt;
    assert.ok(kept);
    await production.stack.refresh({ onOutput: (o) => production.output.push(o) });
    await assertStateMatchesVendors(production, sb, DOMAIN, [], { [tencentKey]: kept });
    await production.up({ expectNoChanges: true });
  });

  it("remaining hazard: destroying production while the trial stack has adopted its ban lifts it; the trial's scheduled up --refresh restores it, and owns it from then on", async () => {
    await trial.up();
    await production.stack.destroy({ onOutput: (o) => production.output.push(o) });
    assert.deepEqual(streamsHeld(), ["trial-only"], "production lifted the ban the trial stack still declares");
    const r = await trial.stack.up({ refresh: true, onOutput: (o) => trial.output.push(o) });
    assert.equal(r.summary.resourceChanges?.create, 3, JSON.stringify(r.summary.resourceChanges));
    assert.deepEqual(streamsHeld(), ["spam-1", "trial-only"]);
    await assertStateMatchesVendors(trial, sb, DOMAIN);
    assert.deepEqual((await adoptedMarks(trial))["spam-1"], [undefined, undefined, undefined]);
    await trial.stack.destroy();
    assert.deepEqual(streamsHeld(), []);
  });
});
