// orphanedProviders / processRunning through /proc, with a real stand-in provider process.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { orphanedProviders, processRunning } from "../../provider/engine/recover-processes";

/** A process whose command line looks like the dynamic-provider host's, with the given environment. */
async function standIn(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1 << 30)", "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: "ignore",
  });
  await once(child, "spawn");
  return child;
}

describe("engine/recover-processes", () => {
  it("finds a project's provider processes whose engine is gone, under the same PULUMI_HOME only; a killed one is no longer running", async () => {
    const mine = await standIn({ PULUMI_PROJECT: "recover-spec", PULUMI_HOME: "/tmp/recover-spec-home" });
    const otherHome = await standIn({ PULUMI_PROJECT: "recover-spec", PULUMI_HOME: "/tmp/elsewhere" });
    const otherProject = await standIn({ PULUMI_PROJECT: "another", PULUMI_HOME: "/tmp/recover-spec-home" });
    try {
      // Their parent is this test process, not `pulumi`: as for a provider whose CLI was killed.
      assert.deepEqual(orphanedProviders("recover-spec", "/tmp/recover-spec-home"), [mine.pid]);
      assert.deepEqual(orphanedProviders("recover-spec", undefined), []);
      assert.equal(processRunning(mine.pid!), true);
    } finally {
      for (const c of [mine, otherHome, otherProject]) c.kill("SIGKILL");
      await Promise.all([mine, otherHome, otherProject].map((c) => (c.exitCode === null && c.signalCode === null ? once(c, "exit") : undefined)));
    }
    assert.equal(processRunning(mine.pid!), false);
    assert.deepEqual(orphanedProviders("recover-spec", "/tmp/recover-spec-home"), []);
  });
});
