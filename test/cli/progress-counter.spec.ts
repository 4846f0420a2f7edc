// The listing counter: rewritten in place on a terminal, a line now and then in a log, nothing unless asked or a terminal.
import { strict as assert } from "node:assert";
import { ProgressCounter, progressFor } from "../../provider/cli/progress-counter";

describe("cli/progress-counter", () => {
  it("on a terminal: one line rewritten with \\r every 100 items, then the total", () => {
    let out = "";
    const p = new ProgressCounter({ write: (t) => (out += t), tty: true, label: "listed:" });
    for (let i = 0; i < 250; i++) p.tick();
    p.done();
    assert.equal(out, "\rlisted: 100\rlisted: 200\rlisted: 250, done\n");
  });

  it("in a log: a line every 1,000 items, then the total", () => {
    let out = "";
    const p = new ProgressCounter({ write: (t) => (out += t), tty: false, label: "listed:" });
    for (let i = 0; i < 2100; i++) p.tick();
    p.done();
    assert.equal(out, "listed: 1000\nlisted: 2000\nlisted: 2100, done\n");
  });

  it("is off unless stderr is a terminal or --progress is given", () => {
    const stream = (isTTY: boolean) => ({ isTTY, write: () => true }) as unknown as NodeJS.WriteStream;
    assert.equal(progressFor("x", undefined, stream(false)), undefined);
    assert.ok(progressFor("x", true, stream(false)));
    assert.ok(progressFor("x", undefined, stream(true)));
  });
});
