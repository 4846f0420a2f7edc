// Two stacks banning streams in one vendor account, through the real engine: distinct and overlapping streams, and the known limit when one stack lets go of a shared stream.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import { banKey, heldBans, recordedBans, startTestSandbox } from "./reliability-harness";

const DOMAIN = "shared.example.com";

/** A stack's program: a Tencent StreamBlock per stream, all in the sandbox's one Tencent account. */
const program = (streams: string[]) => async () => {
  for (const stream of streams) new StreamBlock(stream, { vendor: "tencent", domain: DOMAIN, stream });
};

describe("reliability: two stacks sharing one vendor account", function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let a: EngineStack;
  let b: EngineStack;
  const banned = (stream: string) => heldBans(sb, DOMAIN).has(`tencent/${DOMAIN}/live/${stream}`);
  /** Every ban the account holds on the domain is recorded by some stack, with the same expiry. */
  const assertUnionMatches = async () => {
    const recorded = [...(await recordedBans(a)), ...(await recordedBans(b))];
    const held = heldBans(sb, DOMAIN);
    assert.deepEqual([...new Set(recorded.map(banKey))].sort(), [...held.keys()].sort());
    for (const r of recorded) assert.equal(r.expiresAt, held.get(banKey(r)), banKey(r));
  };

  before(async () => {
    sb = await startTestSandbox();
    a = await newEngineStack(sb, program(["shared", "a-only"]));
    b = await newEngineStack(sb, program(["shared", "b-only"]));
  });
  after(async () => {
    await a?.dispose();
    await b?.dispose();
    await sb.close();
  });

  it("both apply: distinct streams are banned once each; the shared stream is one ban that both stacks record (the later create adopts it)", async () => {
    await a.up();
    const first = heldBans(sb, DOMAIN).get(`tencent/${DOMAIN}/live/shared`);
    await b.up();
    assert.deepEqual([...heldBans(sb, DOMAIN).keys()].sort(), ["a-only", "b-only", "shared"].map((s) => `tencent/${DOMAIN}/live/${s}`));
    // Tencent's second forbid overwrote the resume time with B's own; A's record is now behind the vendor.
    const now = heldBans(sb, DOMAIN).get(`tencent/${DOMAIN}/live/shared`);
    assert.ok(first && now && now >= first);
    // With Tencent's list gone (the default, tencent.md §3.5) a refresh has only the per-stream state, which
    // carries no expiry: A keeps the expiry it recorded.
    await a.stack.refresh({ onOutput: (s) => a.output.push(s) });
    const recordedByA = (await recordedBans(a)).find((r) => r.stream === "shared");
    assert.equal(recordedByA?.expiresAt, first);
    // Where the account still answers the list, A's refresh reads back the expiry B set: both records equal the one ban.
    sb.setVariants({ tencent: { forbidList: "available" } });
    try {
      await a.stack.refresh({ onOutput: (s) => a.output.push(s) });
    } finally {
      sb.setVariants({ tencent: { forbidList: "action-offline" } });
    }
    await assertUnionMatches();
  });

  it("known limit: when A stops declaring the shared stream, A's up resumes it although B still declares it, and B's plain up does not notice", async () => {
    a.setProgram(program(["a-only"]));
    const r = await a.up();
    assert.equal(r.summary.resourceChanges?.delete, 1);
    assert.ok(!banned("shared"), "A's delete resumed the stream for the whole account");
    // B's state still says banned: a plain up compares with state, not with the vendor.
    await b.up({ expectNoChanges: true });
    assert.ok(!banned("shared"), "still unbanned");
  });

  it("remedy: B's up --refresh (the scheduled run) reads the vendor and bans the stream again", async () => {
    const r = await b.stack.up({ refresh: true, onOutput: (s) => b.output.push(s) });
    assert.equal(r.summary.resourceChanges?.create, 1, JSON.stringify(r.summary.resourceChanges));
    assert.ok(banned("shared"));
    await assertUnionMatches();
    await b.up({ expectNoChanges: true });
  });
});
