// The provider code upgraded between up and destroy: destroy (which runs no program) runs the new code.
import { strict as assert } from "node:assert";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { newEngineStack } from "./engine-harness";
import { installedProject } from "./installed-package";

describe("e2e: provider code upgraded between up and destroy", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  it("destroy runs the upgraded package's delete, not the code frozen in state", async () => {
    const project = installedProject();
    // The program uses the installed package, as a user's does.
    const installed = require(join(project.packageDir, "dist", "provider")) as { StreamBlock: typeof StreamBlock };
    const es = await newEngineStack(
      sb,
      async () => {
        new installed.StreamBlock("one", { vendor: "huawei", domain: "upgrade.example.com", stream: "u1" });
        new installed.StreamBlock("two", { vendor: "aliyun", domain: "upgrade.example.com", stream: "u2" });
      },
      { projectDir: project.dir },
    );
    try {
      await es.up();
      assert.equal(sb.bans({ domain: "upgrade.example.com" }).length, 2);
      const stateBefore = JSON.stringify(await es.stack.exportStack());
      // An installed package is serialized as a reference to its shim module, not by value.
      const blocks = (await es.stack.exportStack()).deployment.resources.filter((r: { type: string }) => r.type.endsWith(":StreamBlock"));
      for (const b of blocks) {
        assert.match(b.inputs.__provider, /require\("pulumi-streamblock\/dist\/provider\/resource\/stream-block-shim\.js"\)/);
        assert.ok(b.inputs.__provider.length < 512, `__provider is ${b.inputs.__provider.length} characters`);
      }

      // "Upgrade" the installed package: the new version records every delete it performs.
      const marker = join(project.dir, "deleted-by-v2.txt");
      appendFileSync(
        join(project.packageDir, "dist", "provider", "resource", "stream-block-provider-entry.js"),
        `\nconst v1 = exports.create;\nexports.create = (config) => {\n  const p = v1(config);\n  const del = p.delete.bind(p);\n` +
          `  p.delete = async (id, props) => { require("fs").appendFileSync(${JSON.stringify(marker)}, id + "\\n"); return del(id, props); };\n  return p;\n};\n`,
      );

      await es.stack.destroy({ onOutput: (o) => es.output.push(o) });
      assert.ok(existsSync(marker), "the upgraded code ran");
      assert.deepEqual(readFileSync(marker, "utf8").trim().split("\n").sort(), ["aliyun/upgrade.example.com/live/u2", "huawei/upgrade.example.com/live/u1"]);
      assert.equal(sb.bans({ domain: "upgrade.example.com" }).length, 0);
      assert.ok(!stateBefore.includes("deleted-by-v2"), "the state never held the new code");
    } finally {
      await es.dispose();
      project.dispose();
    }
  });
});
