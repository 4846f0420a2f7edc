// wireSafe: provider results lose undefined values, which the engine's protobuf Struct refuses.
import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { wireSafe } from "../../provider/resource/wire-safe";

describe("resource/wire-safe", () => {
  it("an undefined property is what the engine's wire refuses (Unexpected struct type)", () => {
    assert.throws(() => Struct.fromJavaScript({ expiresAt: undefined } as never), /Unexpected struct type/);
  });

  it("drops undefined properties at any depth and turns undefined array elements into null; the rest is kept as is", () => {
    const out = wireSafe({ a: 1, b: undefined, c: "", d: null, e: false, f: { g: undefined, h: [1, undefined, { i: undefined, j: 0 }] } });
    assert.deepEqual(out, { a: 1, c: "", d: null, e: false, f: { h: [1, null, { j: 0 }] } });
    assert.deepEqual(Struct.fromJavaScript(out as never).toJavaScript(), out);
  });

  it("returns a copy, and leaves values that are not plain objects alone", () => {
    const input = { a: undefined, b: 1 };
    assert.notEqual(wireSafe(input), input);
    assert.ok("a" in input);
    for (const v of ["s", 1, true, null, undefined]) assert.equal(wireSafe(v), v);
  });

  it("an adopted Aliyun ban's read result (expiry unknown) crosses the wire", () => {
    const props = { vendor: "aliyun", domain: "d.example.com", app: "live", stream: "s", adopted: true, expiresAt: undefined };
    assert.doesNotThrow(() => Struct.fromJavaScript(wireSafe(props) as never));
  });
});
