// The serialized provider: round-trips as Pulumi does it, stays under 4 KB, captures no secret.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { makeShim } from "../../provider/resource/provider-shim";

const requireFromString = require("require-from-string") as (code: string) => { handler(): Record<string, any> };

describe("resource/provider-shim", () => {
  for (const kind of ["stream-block-provider-entry", "stream-kick-provider-entry"] as const) {
    it(`${kind}: serializes under 4 KB with no secret, and loads the built implementation`, async () => {
      process.env.TENCENTCLOUD_SECRET_KEY = "very-secret-value-123";
      const shim = makeShim(kind);
      const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true });
      assert.equal(containsSecrets, false);
      assert.ok(text.length < 4096, `__provider is ${text.length} characters`);
      assert.ok(!text.includes("very-secret-value-123"));
      const loaded = requireFromString(text).handler();
      await loaded.configure({ config: { get: () => undefined } });
      const r = await loaded.check({}, { vendor: "nope", domain: "a.com", stream: "s" });
      assert.deepEqual(r.failures.map((f: { property: string }) => f.property), ["vendor"]);
      delete process.env.TENCENTCLOUD_SECRET_KEY;
    });
  }
});
