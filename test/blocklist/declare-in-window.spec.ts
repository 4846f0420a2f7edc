// declareInWindow: a sliding window of unsettled declarations, released by resolution and rejection alike.
import { strict as assert } from "node:assert";
import { declareInWindow } from "../../provider/blocklist/declare-in-window";

/** A promise with its settle functions exposed. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(e: Error): void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

describe("declareInWindow", () => {
  it("declares every item once, in order, never holding more than maxPending unsettled", async () => {
    const declared: number[] = [];
    let pending = 0;
    let maxSeen = 0;
    await declareInWindow(
      Array.from({ length: 50 }, (_, i) => i),
      async (item) => {
        declared.push(item);
        pending += 1;
        maxSeen = Math.max(maxSeen, pending);
        await new Promise((r) => setTimeout(r, item % 7));
        pending -= 1;
      },
      { maxPending: 4 },
    );
    assert.deepEqual(declared, Array.from({ length: 50 }, (_, i) => i));
    assert.equal(maxSeen, 4);
  });

  it("a rejected declaration frees its slot like a resolved one (a failed ban must not stall the rest)", async () => {
    const slots = Array.from({ length: 3 }, deferred);
    const run = declareInWindow(slots, (d) => d.promise, { maxPending: 1 });
    slots[0]!.reject(new Error("step failed"));
    slots[1]!.reject(new Error("step failed"));
    slots[2]!.resolve();
    await run;
  });

  it("waits for a slot: with maxPending 1 the second item is declared only after the first settles", async () => {
    const slots = [deferred(), deferred()];
    const declared: number[] = [];
    const run = declareInWindow(slots, (d, i) => (declared.push(i), d.promise), { maxPending: 1 });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(declared, [0]);
    slots[0]!.resolve();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(declared, [0, 1]);
    slots[1]!.resolve();
    await run;
  });

  it("yields to the event loop every yieldEvery declarations, so the first ones go out before the rest are built", async () => {
    let declared = 0;
    let atFirstTurn = -1;
    setImmediate(() => (atFirstTurn = declared));
    await declareInWindow(Array.from({ length: 10 }), () => (declared++, Promise.resolve()), { maxPending: 100, yieldEvery: 3 });
    assert.equal(atFirstTurn, 3);
  });

  it("a declaration that throws ends the run with that error", async () => {
    await assert.rejects(
      declareInWindow([1, 2], (i) => {
        if (i === 2) throw new Error("bad ban");
        return Promise.resolve();
      }, { maxPending: 5 }),
      /bad ban/,
    );
  });
});
