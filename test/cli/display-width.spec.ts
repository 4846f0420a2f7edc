// displayWidth and the ls table: East Asian Wide/Fullwidth characters take two columns, combining marks none.
import { strict as assert } from "node:assert";
import { codePointWidth, displayWidth, padToWidth } from "../../provider/cli/display-width";
import { banTable } from "../../provider/cli/ban-table";

describe("cli/display-width", () => {
  it("counts ASCII and Latin as one column each", () => {
    assert.equal(displayWidth("spam-bot-4711"), 13);
    assert.equal(displayWidth("café"), 4);
  });

  it("counts CJK ideographs, kana, Hangul, fullwidth forms and emoji as two", () => {
    assert.equal(displayWidth("直播间"), 6);
    assert.equal(displayWidth("テスト"), 6);
    assert.equal(displayWidth("방송"), 4);
    assert.equal(displayWidth("ＡＢ"), 4);
    assert.equal(displayWidth("live直播1"), 9);
    assert.equal(displayWidth("🎥"), 2);
    assert.equal(codePointWidth(0x20000), 2, "CJK extension B (a surrogate pair in UTF-16)");
    assert.equal(displayWidth("𠀀"), 2);
  });

  it("counts combining marks and format characters as zero", () => {
    assert.equal(displayWidth("e\u0301"), 1);
    assert.equal(displayWidth("a\u200db"), 2);
  });

  it("pads to a column count, not a character count", () => {
    assert.equal(padToWidth("直播", 6), "直播  ");
    assert.equal(padToWidth("abc", 2), "abc");
  });

  it("banTable aligns every column after a CJK stream name", () => {
    const table = banTable([
      { domain: "push.example.com", app: "live", stream: "直播间-4711", expiresAt: new Date("2027-01-01T00:00:00Z") },
      { domain: "push.example.com", app: "live", stream: "spam-bot", expiresAt: new Date("2027-01-02T00:00:00Z") },
      { domain: "push.example.com", app: "体育", stream: "ＡＢ", expiresAt: undefined },
    ]);
    const lines = table.trimEnd().split("\n");
    const expiresColumn = lines.map((l) => displayWidth(l.slice(0, l.search(/(EXPIRES|2027-|-$)/))));
    assert.deepEqual(new Set(expiresColumn).size, 1, `EXPIRES starts at one column:\n${table}`);
    assert.equal(lines[1], "push.example.com  live  直播间-4711  2027-01-01T00:00:00Z");
    assert.equal(lines[3], "push.example.com  体育  ＡＢ         -");
  });
});
