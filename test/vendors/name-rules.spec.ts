// The vendor name rules (NAMING.md): each vendor's documented examples pass, each refusal names field, vendor, rule and fix.
import { strict as assert } from "node:assert";
import { acceptsCharacters, longestAccepted, NAME_RULES, nameProblem, namesProblem } from "../../provider/vendors/name-rules";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";

describe("vendors/name-rules", () => {
  it("accepts the vendors' own documented examples", () => {
    // Huawei: huawei1, live (FAQ live_08_0031, API examples); Tencent: live, liveteststream, stream1,
    // 5000.livepush.myqcloud.com (Address Generator, ForbidLiveStream); Aliyun: liveApp, liveStream (URL guide).
    const examples: [string, "domain" | "app" | "stream", string][] = [
      ["huawei", "stream", "huawei1"], ["huawei", "app", "live"], ["huawei", "domain", "publish.example.huawei.com"],
      ["tencent", "stream", "liveteststream"], ["tencent", "stream", "stream1"], ["tencent", "app", "live"],
      ["tencent", "domain", "5000.livepush.myqcloud.com"], ["aliyun", "app", "liveApp"], ["aliyun", "stream", "liveStream"],
    ];
    for (const [vendor, field, value] of examples) assert.equal(nameProblem(vendor as never, field, value), undefined, `${vendor} ${field} ${value}`);
  });

  it("takes each vendor's length to the character and refuses one more", () => {
    for (const vendor of VENDOR_IDS) {
      for (const field of ["app", "stream"] as const) {
        const max = NAME_RULES[vendor][field].maxLength;
        assert.equal(nameProblem(vendor, field, "a".repeat(max)), undefined);
        assert.match(nameProblem(vendor, field, "a".repeat(max + 1))!, new RegExp(`^${field} "a+"… is ${max + 1} characters long, which `));
      }
    }
    assert.deepEqual([longestAccepted("domain"), longestAccepted("app"), longestAccepted("stream")], [253, 128, 512]);
  });

  it("names the offending character by code point (an emoji is one character), the vendor's set and the fix", () => {
    assert.equal(
      nameProblem("huawei", "stream", "a😀b"),
      'stream "a😀b" has the non-ASCII character "😀" (U+1F600), which Huawei does not accept. Huawei takes ASCII letters, digits, -, _ and /, at most 512 characters: correct the stream name',
    );
    assert.match(nameProblem("tencent", "app", "a\tb")!, /has a control or white-space character \(U\+0009\)/);
    assert.match(nameProblem("aliyun", "domain", "-bad-.com")!, /^domain "-bad-\.com" is not a host name, which Aliyun does not accept \(Aliyun: StreamBlock's safe reading, as the vendor documents no exact rule\)\. .*: give the push domain's host name, such as push\.example\.com$/);
  });

  it("says UNVERIFIED only where the vendor's documents do not settle the refusal", () => {
    const safe = /StreamBlock's safe reading/;
    assert.doesNotMatch(nameProblem("tencent", "stream", "直播")!, safe, "Tencent documents English letters, digits and symbols only");
    assert.doesNotMatch(nameProblem("tencent", "stream", "x".repeat(256))!, safe, "Tencent documents 255");
    assert.match(nameProblem("tencent", "stream", "a%b")!, safe, "which symbols is our reading");
    assert.match(nameProblem("tencent", "app", "x".repeat(129))!, safe, "Tencent documents no app length");
    assert.doesNotMatch(nameProblem("huawei", "stream", "a+b")!, safe);
    assert.match(nameProblem("aliyun", "stream", "a b")!, safe);
  });

  it("groups one message for several vendors by what each refuses", () => {
    assert.equal(namesProblem(VENDOR_IDS, "stream", "ok-name"), undefined);
    const m = namesProblem(VENDOR_IDS, "stream", `${"y".repeat(300)}+`)!;
    assert.match(m, /has the character "\+", which Huawei does not accept; it is 301 characters long, which Tencent does not accept\. /);
    assert.match(m, /Huawei takes ASCII letters, digits, -, _ and \/, at most 512 characters; Tencent takes .*, at most 255 characters: correct the stream name$/);
  });

  it("acceptsCharacters ignores lengths (the emulators answer those themselves)", () => {
    assert.ok(acceptsCharacters("tencent", "stream", "x".repeat(1000)));
    assert.ok(!acceptsCharacters("tencent", "stream", "a b"));
    assert.ok(acceptsCharacters("huawei", "stream", "game/room-7"));
    assert.ok(!acceptsCharacters("huawei", "domain", "a..b"));
  });
});
