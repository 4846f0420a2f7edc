// The committed JSON Schema is the one the zod schema generates, and editors can find it from a blocklist file.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BLOCKLIST_SCHEMA_PATH, blocklistJsonSchema, renderBlocklistJsonSchema } from "../../provider/blocklist/blocklist-json-schema";
import { installedSchemaFile, schemaModeline } from "../../provider/blocklist/schema-location";

const ROOT = join(__dirname, "../..");

describe("blocklist/blocklist-json-schema", () => {
  it("schema/blocklist.schema.json equals the generated schema (regenerate: npm run schema:blocklist)", () => {
    assert.equal(readFileSync(join(ROOT, BLOCKLIST_SCHEMA_PATH), "utf8"), renderBlocklistJsonSchema());
  });

  it("describes the file: draft-07, strict mappings, vendor names as an enum, streams and stream required", () => {
    const s = blocklistJsonSchema() as any;
    assert.equal(s.$schema, "http://json-schema.org/draft-07/schema#");
    assert.deepEqual(s.required, ["vendors", "streams"]);
    assert.equal(s.additionalProperties, false);
    assert.deepEqual(Object.keys(s.properties.vendors.properties), ["huawei", "tencent", "aliyun"]);
    assert.equal(s.properties.vendors.minProperties, 1);
    const entry = s.properties.streams.items;
    assert.deepEqual(entry.required, ["stream"]);
    assert.equal(entry.additionalProperties, false);
    assert.deepEqual(entry.properties.vendors.items.enum, ["huawei", "tencent", "aliyun"]);
    assert.deepEqual(Object.keys(entry.properties), ["stream", "app", "resumeTime", "reason", "vendors", "accounts", "domains"]);
  });

  it("pins a region on Aliyun's section and each Aliyun account, with the pattern the file's check uses", () => {
    const aliyun = (blocklistJsonSchema() as any).properties.vendors.properties.aliyun;
    const account = aliyun.properties.accounts.additionalProperties;
    for (const region of [aliyun.properties.region, account.properties.region]) {
      assert.equal(region.type, "string");
      const pattern = new RegExp(region.pattern);
      for (const ok of ["cn-shanghai", "ap-southeast-1", "cn-shanghai-finance-1"]) assert.ok(pattern.test(ok), ok);
      for (const bad of ["Shanghai", "cn_shanghai", "cn-", "cn shanghai"]) assert.ok(!pattern.test(bad), bad);
    }
    assert.deepEqual(Object.keys(aliyun.properties), ["domains", "region", "accounts"]);
    assert.deepEqual(Object.keys(account.properties), ["domains", "region"]);
  });

  it("the repository's blocklist.yaml points yaml-language-server at it", () => {
    assert.match(readFileSync(join(ROOT, "blocklist.yaml"), "utf8"), /^# yaml-language-server: \$schema=\.\/schema\/blocklist\.schema\.json\n/);
  });

  it("the modeline is relative to the blocklist file's directory", () => {
    assert.equal(installedSchemaFile(), join(ROOT, BLOCKLIST_SCHEMA_PATH));
    assert.equal(schemaModeline(ROOT), "yaml-language-server: $schema=./schema/blocklist.schema.json");
    assert.equal(schemaModeline(join(ROOT, "examples", "multi-vendor")), "yaml-language-server: $schema=../../schema/blocklist.schema.json");
    assert.equal(schemaModeline("/x/y", "/x/y/node_modules/pulumi-streamblock/schema/blocklist.schema.json"), "yaml-language-server: $schema=./node_modules/pulumi-streamblock/schema/blocklist.schema.json");
    assert.equal(schemaModeline(ROOT, undefined), schemaModeline(ROOT));
  });
});
