// The orphan watchdog's signs of a dead engine (stdin end-of-file, a new parent) and who counts as the dynamic-provider host.
import { strict as assert } from "node:assert";
import { PassThrough } from "node:stream";
import { isDynamicProviderHost, watchEngine } from "../../provider/resource/orphan-watchdog";
import { callsInFlight, trackInFlight, whenNoCallsInFlight } from "../../provider/transport/in-flight-calls";

describe("resource/orphan-watchdog", () => {
  it("reports the engine gone when its end of our stdin closes, once", async () => {
    const stdin = new PassThrough();
    let calls = 0;
    const gone = new Promise<void>((resolve) => watchEngine(() => (calls++, resolve()), { stdin, ppid: () => 42 }));
    stdin.write("ignored");
    stdin.end();
    await gone;
    stdin.destroy();
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 1);
  });

  it("reports the engine gone when the parent changes (re-parented to init)", async () => {
    let parent = 42;
    const gone = new Promise<void>((resolve) => watchEngine(resolve, { ppid: () => parent, pollMs: 5 }));
    parent = 1;
    await gone;
  });

  it("stays quiet while the engine lives, and stops watching on request", async () => {
    const stdin = new PassThrough();
    let calls = 0;
    const stop = watchEngine(() => calls++, { stdin, ppid: () => 42, pollMs: 1 });
    stop();
    stdin.end();
    stdin.resume();
    await new Promise((r) => stdin.once("close", r));
    assert.equal(calls, 0);
  });

  it("knows the dynamic-provider host by its script, and nothing else", () => {
    assert.equal(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1"]), true);
    for (const script of ["/p/node_modules/mocha/bin/mocha.js", "/p/node_modules/@pulumi/pulumi/cmd/run/index.js", "/p/dist/provider/cli/main.js"]) {
      assert.equal(isDynamicProviderHost(["node", script]), false, script);
    }
  });
});

describe("transport/in-flight-calls", () => {
  it("counts running operations and resolves waiters when the last one settles, failed or not", async () => {
    assert.equal(callsInFlight(), 0);
    await whenNoCallsInFlight();
    let finish: () => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    const a = trackInFlight(() => new Promise<void>((r) => (finish = r)));
    const b = trackInFlight(() => new Promise<void>((_, j) => (fail = j)));
    assert.equal(callsInFlight(), 2);
    let idle = false;
    const waiting = whenNoCallsInFlight().then(() => (idle = true));
    finish();
    await a;
    assert.equal(idle, false);
    fail(new Error("vendor down"));
    await assert.rejects(b, /vendor down/);
    await waiting;
    assert.equal(callsInFlight(), 0);
  });
});
