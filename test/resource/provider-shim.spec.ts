// The serialized provider: round-trips exactly as Pulumi does it, stays under 4 KB, captures no secret, runs against the sandbox.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { makeShim } from "../../provider/resource/provider-shim";
import { dropProcessSingleton } from "../../provider/transport/process-singleton";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { sandboxSecrets, sandboxStackConfig } from "./sandbox-stack-config";

const requireFromString = require("require-from-string") as (code: string) => { handler(): Record<string, any> };

describe("resource/provider-shim (the serialized __provider)", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  for (const kind of ["stream-block-provider-entry", "stream-kick-provider-entry"] as const) {
    it(`${kind}: under 4 KB, no secret, even with secrets in the environment and stack config`, async () => {
      process.env.TENCENTCLOUD_SECRET_KEY = sb.credentials.tencent.secretKey;
      try {
        const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => makeShim(kind), { allowSecrets: true });
        assert.equal(containsSecrets, false);
        assert.ok(text.length < 4096, `__provider is ${text.length} characters`);
        for (const secret of sandboxSecrets(sb)) assert.ok(!text.includes(secret));
      } finally {
        delete process.env.TENCENTCLOUD_SECRET_KEY;
      }
    });
  }

  for (const vendor of VENDOR_IDS) {
    it(`${vendor}: the loaded copy configures from stack config and runs check, create, read, diff, delete`, async () => {
      const { text } = await pulumi.runtime.serializeFunction(() => makeShim("stream-block-provider-entry"), { allowSecrets: true });
      const p = requireFromString(text).handler();
      const config = sandboxStackConfig(sb);
      // Not awaited, as the host does not wait before the first concurrent calls (PULUMI.md §1.5).
      void p.configure({ config: { get: (k: string) => config[k] } });
      const stream = `shim-${vendor}`;
      const { inputs } = await p.check({}, { vendor, domain: "shim.example.com", stream });
      const { id, outs } = await p.create(inputs);
      assert.equal(sb.bans({ vendor, stream }).length, 1);
      const read = await p.read(id, outs);
      assert.equal(read.id, id);
      assert.deepEqual(await p.diff(id, read.props, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
      for (const secret of sandboxSecrets(sb)) assert.ok(!JSON.stringify(read.props).includes(secret));
      // `destroy` is another engine operation, hence another process with no claims.
      dropProcessSingleton("pulumi-streamblock.stream-claims");
      const destroy = requireFromString(text).handler();
      void destroy.configure({ config: { get: (k: string) => config[k] } });
      await destroy.delete(id, outs);
      assert.equal(sb.bans({ vendor, stream }).length, 0);
    });
  }
});
