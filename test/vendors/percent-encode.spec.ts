// RFC 3986 percent-encoding shared by the Aliyun and Huawei signers, and the raw query splitter.
import { strict as assert } from "node:assert";
import { percentDecode, percentEncode } from "../../provider/vendors/percent-encode";
import { parseRawQuery } from "../../provider/vendors/raw-query";

describe("vendors/percent-encode", () => {
  it("keeps exactly the unreserved characters", () => {
    const unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    assert.equal(percentEncode(unreserved), unreserved);
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      if (unreserved.includes(ch)) continue;
      assert.equal(percentEncode(ch), "%" + c.toString(16).toUpperCase().padStart(2, "0"), `char code ${c}`);
    }
  });

  it("encodes space as %20 and the characters encodeURIComponent leaves alone", () => {
    assert.equal(percentEncode("a b*c~'()!/?&=+"), "a%20b%2Ac~%27%28%29%21%2F%3F%26%3D%2B");
  });

  it("encodes UTF-8 bytes with upper-case hex, astral characters included", () => {
    assert.equal(percentEncode("一"), "%E4%B8%80");
    assert.equal(percentEncode("é"), "%C3%A9");
    assert.equal(percentEncode("😀"), "%F0%9F%98%80");
  });

  it("round-trips through percentDecode", () => {
    const s = "直播 a+b/c?d=e&f~g'h(i)j*k!l%m";
    assert.equal(percentDecode(percentEncode(s), true), s);
    assert.equal(percentDecode(percentEncode(s), false), s);
  });

  it("decodes + as space only when asked", () => {
    assert.equal(percentDecode("a+b%20c", true), "a b c");
    assert.equal(percentDecode("a+b%20c", false), "a+b c");
    assert.throws(() => percentDecode("%E4%B8", false), URIError);
  });

  it("parseRawQuery keeps order and repeats, and gives bare names the empty value", () => {
    assert.deepEqual(parseRawQuery("b=2&a=x%20y+z&&c&b=1&d="), [
      ["b", "2"],
      ["a", "x y z"],
      ["c", ""],
      ["b", "1"],
      ["d", ""],
    ]);
    assert.deepEqual(parseRawQuery(""), []);
    assert.deepEqual(parseRawQuery("k=a=b"), [["k", "a=b"]]);
  });
});
