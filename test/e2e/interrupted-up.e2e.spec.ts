// An `up` killed midway (SIGKILL of the CLI), then the recovery a pipeline runs (`streamblock recover`, `up`): it converges and nothing is lost.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { newEngineStack } from "./engine-harness";
import { runRecover } from "./recover-cli";

const STREAMS = 40;
const DOMAIN = "kill.example.com";

describe("e2e: an up killed midway, then another up", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  it("streamblock recover, then up: every ban in force and in state, nothing resumed", async () => {
    const es = await newEngineStack(sb, async () => {
      for (let i = 0; i < STREAMS; i++) new StreamBlock(`k${i}`, { vendor: i % 2 ? "huawei" : "tencent", domain: DOMAIN, stream: `k${i}` });
    });
    try {
      // Slow every create down so the kill lands in the middle of the update.
      sb.injectFault({ vendor: "huawei", action: "CreateStreamForbidden", kind: "stall", delayMs: 300, count: STREAMS });
      sb.injectFault({ vendor: "tencent", action: "ForbidLiveStream", kind: "stall", delayMs: 300, count: STREAMS });
      const first = es.up().then(
        () => "finished",
        () => "killed",
      );
      while (sb.bans({ domain: DOMAIN }).length < 5) await new Promise((r) => setTimeout(r, 20));
      const pids = execFileSync("pgrep", ["-P", String(process.pid), "-x", "pulumi"], { encoding: "utf8" }).trim().split("\n");
      // Found before the kill: afterwards the provider is re-parented and no longer the CLI's child.
      const providers = execFileSync("pgrep", ["-P", pids[0]!, "-f", "dynamic-provider"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
      assert.equal(providers.length, 1, "one provider process serves the update");
      for (const pid of pids) process.kill(Number(pid), "SIGKILL");
      assert.equal(await first, "killed");
      assert.ok(sb.bans({ domain: DOMAIN }).length < STREAMS, "the kill landed midway");
      sb.clearFaults();

      // The file backend keeps the dead run's lock: `up` refuses until recover removes it.
      await assert.rejects(es.up(), /currently locked/);
      const recovered = await runRecover(es, sb);
      assert.equal(recovered.code, 0, recovered.stderr);
      assert.match(recovered.stderr, /removed the lock of a run that is gone/);
      assert.match(recovered.stderr, /recovered into state \(made by this stack, not adopted\)/);
      const second = await es.up();
      assert.equal(second.summary.result, "succeeded");

      // Creates the dead run had in flight were applied at the vendor: recover recorded them, the up kept them.
      const deployment = (await es.stack.exportStack()).deployment;
      assert.deepEqual(deployment.pending_operations ?? [], []);
      const inState = (deployment.resources as { type: string; outputs: { vendor: string; stream: string; expiresAt?: string } }[]).filter(
        (r) => r.type === "pulumi-nodejs:dynamic/streamblock:StreamBlock",
      );
      assert.equal(inState.length, STREAMS);
      assert.equal(sb.bans({ domain: DOMAIN }).length, STREAMS);
      for (const r of inState) {
        const ban = sb.bans({ domain: DOMAIN, stream: r.outputs.stream })[0];
        assert.ok(ban, `${r.outputs.stream} is banned`);
        // A Tencent ban recovered from a pending create: with Tencent's list gone the refresh can only say
        // banned, never until when, so its expiry stays unknown (README: Known limits). Every other is exact.
        if (r.outputs.expiresAt === undefined && r.outputs.vendor === "tencent") continue;
        assert.equal(ban.expiresAt.replace(".000Z", "Z"), r.outputs.expiresAt, r.outputs.stream);
      }
      assert.ok(!sb.callLog().some((c) => /Resume|Delete/.test(c.action)), "nothing was resumed");
      await es.up({ expectNoChanges: true });
      // Recover returned only once the dead run's provider process had finished its calls and exited.
      for (const pid of providers) assert.equal(isAlive(Number(pid)), false, `provider process ${pid} outlived recover`);
    } finally {
      await es.dispose();
    }
  });

  it("without metadata=skip, an empty .attrs sidecar (a kill mid-checkpoint) makes the stack unreadable; deleting it recovers", async () => {
    const es = await newEngineStack(
      sb,
      async () => {
        new StreamBlock("sidecar", { vendor: "huawei", domain: DOMAIN, stream: "sidecar" });
      },
      { backendQuery: "" },
    );
    try {
      await es.up();
      const sidecar = join(es.stateDir, ".pulumi", "stacks", "streamblock-e2e", "test.json.attrs");
      assert.ok(existsSync(sidecar), "the default file backend writes sidecars");
      writeFileSync(sidecar, ""); // what os.Create-then-encode leaves when killed in between
      await assert.rejects(es.up(), /failed to load checkpoint: EOF/);
      rmSync(sidecar);
      await es.up({ expectNoChanges: true });
      assert.equal(sb.bans({ stream: "sidecar" }).length, 1);
    } finally {
      await es.dispose();
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
