// withoutSourcePosition: stacks captured while a ban is declared carry no frame, for the SDK's parsers old and new, and the previous formatter comes back.
import { strict as assert } from "node:assert";
import { withoutSourcePosition } from "../../provider/blocklist/without-source-position";

describe("blocklist/without-source-position", () => {
  it("leaves an Error's stack one line with the whole message, and a plain object's stack empty", () => {
    // V8 formats a stack when it is first read, which the SDK does at once, inside the constructor.
    const { error, stack, captured } = withoutSourcePosition(() => {
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder); // how SDK 3.139 finds a resource's source position
      const e = new TypeError("bad\nsecond line");
      return { error: e, stack: e.stack, captured: holder.stack };
    });
    assert.equal(stack, "TypeError: bad second line");
    assert.equal(error.message, "bad\nsecond line");
    assert.equal(captured, "");
    assert.equal(withoutSourcePosition(() => new Error().stack), "Error");
  });

  it("restores the previous formatter, also when the declaration throws", () => {
    const before = Error.prepareStackTrace;
    assert.throws(() => withoutSourcePosition(() => { throw new RangeError("no"); }), /no/);
    assert.equal(Error.prepareStackTrace, before);
    assert.match(new Error("x").stack ?? "", /\n\s+at /, "frames are back outside it");
  });
});
