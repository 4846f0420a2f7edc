// `streamblock recover` after an up killed with forbids or resumes in flight (held at the vendor), then a changed program: vendors == program.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { runRecover } from "./recover-cli";
import { FORBID_ACTION, READ_ACTION, RESUME_ACTION, assertStateMatchesVendors, heldBans } from "../reliability/reliability-harness";

const DOMAIN = "recover.example.com";
const VENDORS: readonly VendorId[] = VENDOR_IDS;

/** What a blocklist file of these stream names declares: one StreamBlock per vendor, named `vendor/domain/app/stream` as applyBlocklist names them. */
function program(names: string[]): PulumiFn {
  return async () => {
    for (const key of keys(names)) {
      const [vendor, domain, app, stream] = key.split("/") as [VendorId, string, string, string];
      new StreamBlock(key, { vendor, domain, app, stream });
    }
  };
}

function keys(names: string[]): string[] {
  return names.flatMap((n) => VENDORS.map((v) => `${v}/${DOMAIN}/live/${n}`)).sort();
}

/**
 * Runs `program` in the background with every vendor's `actions` held at the vendor and SIGKILLs the CLI
 * once all are held. The calls stay in flight in the orphaned provider process; the vendors execute them
 * when it hangs up (it exits on its own), as a vendor finishes a request it received. Returns its pid.
 */
async function killWithCallsInFlight(es: EngineStack, sb: Sandbox, p: PulumiFn, actions: Record<VendorId, string>): Promise<number> {
  for (const vendor of VENDORS) sb.injectFault({ vendor, action: actions[vendor], kind: "hold" });
  es.setProgram(p);
  const run = es.up().then(
    () => "finished",
    () => "killed",
  );
  await sb.whenHeld(VENDORS.length);
  const pids = execFileSync("pgrep", ["-P", String(process.pid), "-x", "pulumi"], { encoding: "utf8" }).trim().split("\n");
  // Found before the kill: afterwards the provider is re-parented and no longer the CLI's child.
  const providers = execFileSync("pgrep", ["-P", pids[0]!, "-f", "dynamic-provider"], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  assert.equal(providers.length, 1, "one provider process serves the update");
  for (const pid of pids) process.kill(Number(pid), "SIGKILL");
  assert.equal(await run, "killed");
  return providers[0]!;
}

/** Runs recover right after the kill, while the dead run's calls are still in flight: it must see them land. */
async function recoverAfterKill(es: EngineStack, sb: Sandbox, provider: number, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const r = await runRecover(es, sb, [], env);
  assert.equal(isAlive(provider), false, "recover returned only once the dead run's provider had exited");
  assert.deepEqual(sb.heldCalls(), [], "no call of the dead run is left in flight");
  return r;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function assertVendorsHold(es: EngineStack, sb: Sandbox, names: string[]): Promise<void> {
  assert.deepEqual([...heldBans(sb, DOMAIN).keys()].sort(), keys(names), "the vendors ban exactly what the program declares");
  // Expiry unknown: Aliyun lists none, and Tencent (its list gone) only says banned, so a recovered ban of theirs has none.
  await assertStateMatchesVendors(es, sb, DOMAIN, keys(names).filter((k) => k.startsWith("aliyun/") || k.startsWith("tencent/")));
}

for (const skipCheckpoints of [false, true]) {
  // The longest per-attempt timeout: a held call must stay in flight until every vendor's is held and the
  // CLI is killed, however slow the machine (a client timeout would release it early and the wait would hang).
  const env: Record<string, string> = { STREAMBLOCK_REQUEST_TIMEOUT_SECONDS: "600", ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}) };
  describe(`e2e: streamblock recover after a killed up${skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}`, function () {
    this.timeout(300_000);
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
      // Under PULUMI_SKIP_CHECKPOINTS recover compares with the vendors' lists: a Tencent account that still
      // answers its list (the international site). Without it recover warns and checks the others (README).
      if (skipCheckpoints) sb.setVariants({ tencent: { forbidList: "available" } });
    });
    after(() => sb.close());
    afterEach(() => {
      sb.reset({ state: true, faults: true, calls: true });
    });

    it("nothing to recover: exits 0 having changed nothing", async () => {
      const es = await newEngineStack(sb, program(["quiet"]), { env });
      try {
        await es.up();
        const before = JSON.stringify((await es.stack.exportStack()).deployment.resources);
        const calls = sb.callLog().length;
        const r = await runRecover(es, sb, [], env);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /nothing to recover/);
        assert.equal(JSON.stringify((await es.stack.exportStack()).deployment.resources), before);
        assert.equal(sb.callLog().length, calls, "no vendor call");
        await es.up({ expectNoChanges: true });
      } finally {
        await es.dispose();
      }
    });

    if (!skipCheckpoints) {
      it("refuses while a pulumi up of the stack is still running on this machine; that up then finishes", async () => {
        const es = await newEngineStack(sb, program(["busy"]), { env });
        try {
          sb.injectFault({ vendor: "tencent", action: FORBID_ACTION.tencent, kind: "hold" });
          const running = es.up();
          await sb.whenHeld(1);
          const r = await runRecover(es, sb, [], env);
          assert.equal(r.code, 1, r.stderr);
          assert.match(r.stderr, /locked by pulumi process \d+, still running on this machine/);
          await sb.releaseHeld();
          assert.equal((await running).summary.result, "succeeded");
          await assertVendorsHold(es, sb, ["busy"]);
        } finally {
          await es.dispose();
        }
      });
    }

    it("(a) forbids in flight landing during recovery, then a commit that no longer declares them: the bans the dead run applied are lifted", async () => {
      const es = await newEngineStack(sb, program(["keep"]), { env });
      try {
        await es.up();
        const provider = await killWithCallsInFlight(es, sb, program(["keep", "typo"]), FORBID_ACTION);
        es.setProgram(program(["keep"]));

        let r = await recoverAfterKill(es, sb, provider, env);
        assert.deepEqual([...heldBans(sb, DOMAIN).keys()].sort(), keys(["keep", "typo"]), "the dead run's bans are in force");
        if (skipCheckpoints) {
          // Nothing recorded the dead run's bans: recover names them and refuses until told they are this stack's.
          assert.equal(r.code, 1, r.stderr);
          for (const k of keys(["typo"])) assert.ok(r.stderr.includes(k), `${k} named:\n${r.stderr}`);
          assert.match(r.stderr, /--adopt-unrecorded/);
          assert.equal((await runRecover(es, sb, [], env)).code, 1, "it keeps refusing: nothing was changed");
          r = await runRecover(es, sb, ["--adopt-unrecorded"], env);
        }
        assert.equal(r.code, 0, r.stderr);
        await es.up();
        await assertVendorsHold(es, sb, ["keep"]);
        await es.up({ expectNoChanges: true });
      } finally {
        await es.dispose();
      }
    });

    it("(a') forbids in flight, then the same program: the bans are kept, recorded as this stack's", async () => {
      const es = await newEngineStack(sb, program(["keep"]), { env });
      try {
        await es.up();
        const provider = await killWithCallsInFlight(es, sb, program(["keep", "new"]), FORBID_ACTION);
        let r = await recoverAfterKill(es, sb, provider, env);
        if (skipCheckpoints) {
          assert.equal(r.code, 1, r.stderr);
          r = await runRecover(es, sb, ["--adopt-unrecorded"], env);
        }
        assert.equal(r.code, 0, r.stderr);
        await es.up();
        await assertVendorsHold(es, sb, ["keep", "new"]);
        // Made by this stack: removing them from the program lifts them.
        es.setProgram(program(["keep"]));
        await es.up();
        await assertVendorsHold(es, sb, ["keep"]);
      } finally {
        await es.dispose();
      }
    });

    it("(b) resumes in flight landing during recovery, then a commit that declares the streams again: the bans are restored", async () => {
      const es = await newEngineStack(sb, program(["keep", "back"]), { env });
      try {
        await es.up();
        const provider = await killWithCallsInFlight(es, sb, program(["keep"]), RESUME_ACTION);
        es.setProgram(program(["keep", "back"]));

        const r = await recoverAfterKill(es, sb, provider, env);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual([...heldBans(sb, DOMAIN).keys()].sort(), keys(["keep"]), "the dead run's resumes landed");
        await es.up();
        await assertVendorsHold(es, sb, ["keep", "back"]);
        await es.up({ expectNoChanges: true });
      } finally {
        await es.dispose();
      }
    });

    if (!skipCheckpoints) {
      it("(b) with the refresh failing (a vendor refuses to list): recover exits 1, and the next recover finishes the job", async () => {
        const es = await newEngineStack(sb, program(["keep", "back"]), { env });
        try {
          await es.up();
          const provider = await killWithCallsInFlight(es, sb, program(["keep"]), RESUME_ACTION);
          es.setProgram(program(["keep", "back"]));
          // A permanent error: the refresh fails at once, after the pending deletes were dealt with.
          sb.injectFault({ vendor: "tencent", action: READ_ACTION.tencent, kind: "error", code: "AuthFailure.UnauthorizedOperation", count: 1_000 });
          const failed = await recoverAfterKill(es, sb, provider, env);
          assert.equal(failed.code, 1, failed.stderr);
          assert.match(failed.stderr, /pulumi refresh .* failed/);
          sb.clearFaults();
          // The lock and the pending operations are gone by now: only recover's stack tag says the refresh is owed.
          const r = await runRecover(es, sb, [], env);
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stderr, /taking up the recovery begun/);
          await es.up();
          await assertVendorsHold(es, sb, ["keep", "back"]);
          assert.match((await runRecover(es, sb, [], env)).stderr, /nothing to recover/);
        } finally {
          await es.dispose();
        }
      });
    }
  });
}

