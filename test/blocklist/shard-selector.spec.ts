// The streamblock:shard setting: its accepted forms, and every malformed one refused naming the key, the place and the fix.
import { strict as assert } from "node:assert";
import { inShard, parseShardSetting, ShardSettingError } from "../../provider/blocklist/shard-selector";

const parse = (raw: unknown) => parseShardSetting(raw, "stack prod");

describe("blocklist: the shard setting", () => {
  it("unset or empty is no shard: the whole file", () => {
    for (const raw of [undefined, null, ""]) assert.equal(parse(raw), undefined);
  });

  it("takes a list of vendors, vendor/account strings and {vendor, account} mappings, as a list, JSON or a comma-separated string", () => {
    const want = [{ vendor: "tencent" }, { vendor: "huawei", account: "brand-b" }, { vendor: "aliyun", account: "default" }];
    assert.deepEqual(parse(["tencent", { vendor: "huawei", account: "brand-b" }, "aliyun/default"]), want);
    assert.deepEqual(parse(JSON.stringify(["tencent", "huawei/brand-b", { vendor: "aliyun", account: "default" }])), want);
    assert.deepEqual(parse("tencent, huawei/brand-b,aliyun/default"), want);
  });

  it("refuses each malformed value, naming the key, the stack, the offending selector and how to set it", () => {
    const cases: [unknown, RegExp][] = [
      [["tencnet"], /^stack prod: streamblock:shard\[0\]\.vendor: vendor "tencnet" is not one of huawei, tencent, aliyun; set it as a list/],
      ["tencent/Brand_B", /streamblock:shard\[0\]\.account: an account name is lower-case letters/],
      ["tencent/a/b", /streamblock:shard\[0\]: "tencent\/a\/b" has more than one \//],
      [[{ vendor: "tencent", acount: "x" }], /streamblock:shard\[0\]: unknown key acount: a selector has vendor and optionally account/],
      [[], /streamblock:shard: must name at least one vendor \(remove the setting to apply the whole file\)/],
      [{ vendor: "tencent" }, /streamblock:shard: must be a list of selectors/],
      ["[tencent", /streamblock:shard is not valid JSON/],
      [{ secure: "v1:abc" }, /streamblock:shard is a secret; it names no credential: set it without --secret/],
      [[42], /streamblock:shard\[0\]: each selector must be a vendor name, vendor\/account, or a mapping/],
    ];
    for (const [raw, message] of cases) {
      assert.throws(() => parse(raw), (e: Error) => e instanceof ShardSettingError && message.test(e.message) && /pulumi config set streamblock:shard 'tencent,huawei\/brand-b'/.test(e.message), JSON.stringify(raw));
    }
  });

  it("a vendor selector covers every account of it, an account selector that account only (undefined: the default account)", () => {
    const shard = [{ vendor: "tencent" as const }, { vendor: "huawei" as const, account: "brand-b" }];
    assert.equal(inShard(shard, "tencent", undefined), true);
    assert.equal(inShard(shard, "tencent", "brand-c"), true);
    assert.equal(inShard(shard, "huawei", "brand-b"), true);
    assert.equal(inShard(shard, "huawei", undefined), false);
    assert.equal(inShard(shard, "aliyun", "brand-b"), false);
    assert.equal(inShard([{ vendor: "aliyun", account: "default" }], "aliyun", undefined), true);
    assert.equal(inShard(undefined, "aliyun", "x"), true, "no shard: everything");
  });
});
