// StreamBlock through the real Pulumi engine against the sandbox: up, preview, update, refresh, rename, destroy.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS, type VendorId } from "../../provider/vendors/vendor-id";
import { newEngineStack, type EngineStack } from "./engine-harness";

describe("e2e: StreamBlock through the Pulumi engine", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(() => sb.close());

  const banned = (vendor: VendorId, stream: string) => sb.bans({ vendor, stream }).length === 1;

  describe("up, preview, update, remove, destroy", () => {
    let es: EngineStack;
    after(() => es?.dispose());

    it("up creates the bans on all three vendors; an immediate preview shows no changes", async () => {
      es = await newEngineStack(sb, async () => {
        for (const vendor of VENDOR_IDS) {
          new StreamBlock(`${vendor}-a`, { vendor, domain: "e2e.example.com", stream: "e2e-a" });
          new StreamBlock(`${vendor}-b`, { vendor, domain: "e2e.example.com", stream: "e2e-b", reason: "e2e" });
        }
      });
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
      for (const vendor of VENDOR_IDS) assert.ok(banned(vendor, "e2e-a") && banned(vendor, "e2e-b"), vendor);
      const calls = JSON.stringify(sb.calls());
      await es.stack.preview({ expectNoChanges: true });
      assert.equal(JSON.stringify(sb.calls()), calls, "a no-op preview makes no vendor call");
    });

    it("changing resumeTime updates in place; removing a stream resumes it", async () => {
      const resumeTime = new Date(Date.now() + 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
      es.setProgram(async () => {
        for (const vendor of VENDOR_IDS) {
          new StreamBlock(`${vendor}-a`, { vendor, domain: "e2e.example.com", stream: "e2e-a", resumeTime });
        }
      });
      const preview = await es.stack.preview();
      assert.deepEqual(
        { update: preview.changeSummary.update, replace: preview.changeSummary.replace, delete: preview.changeSummary.delete },
        { update: 3, replace: undefined, delete: 3 },
      );
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.update, 3);
      for (const vendor of VENDOR_IDS) {
        assert.equal(sb.bans({ vendor, stream: "e2e-a" })[0]!.expiresAt.replace(".000Z", "Z"), resumeTime);
        assert.ok(!banned(vendor, "e2e-b"), `${vendor} e2e-b resumed`);
      }
      await es.up({ expectNoChanges: true });
    });

    it("a ban lifted out of band: refresh drops it and the next up restores it", async () => {
      const account = sb.primaryAccount("huawei");
      // An operator lifts the Huawei ban in the console.
      const before = sb.bans({ vendor: "huawei", stream: "e2e-a" })[0]!;
      sb.reset({ state: true });
      for (const vendor of ["tencent", "aliyun"] as const) {
        sb.putBan({ vendor, account: sb.primaryAccount(vendor), domain: "e2e.example.com", app: "live", stream: "e2e-a" }, new Date(before.expiresAt));
      }
      const refreshed = await es.stack.refresh({ onOutput: (o) => es.output.push(o) });
      assert.equal(refreshed.summary.resourceChanges?.delete, 1, JSON.stringify(refreshed.summary.resourceChanges));
      assert.ok(!banned("huawei", "e2e-a"));
      const r = await es.up();
      assert.equal(r.summary.resourceChanges?.create, 1);
      assert.ok(banned("huawei", "e2e-a"));
      assert.equal(sb.bans({ vendor: "huawei", account, stream: "e2e-a" })[0]!.expiresAt, before.expiresAt);
    });

    it("renaming a resource never leaves the stream unbanned at any moment the sandbox can observe", async () => {
      sb.reset({ calls: true });
      let gaps = 0;
      const watch = setInterval(() => {
        for (const vendor of VENDOR_IDS) if (!banned(vendor, "e2e-a")) gaps++;
      }, 1);
      const resumeTime = sb.bans({ vendor: "tencent", stream: "e2e-a" })[0]!.expiresAt.replace(".000Z", "Z");
      es.setProgram(async () => {
        for (const vendor of VENDOR_IDS) {
          new StreamBlock(`renamed-${vendor}`, { vendor, domain: "e2e.example.com", stream: "e2e-a", resumeTime });
        }
      });
      try {
        const r = await es.up();
        assert.deepEqual([r.summary.resourceChanges?.create, r.summary.resourceChanges?.delete], [3, 3]);
      } finally {
        clearInterval(watch);
      }
      assert.equal(gaps, 0, "the stream was seen unbanned");
      const resumes = sb.callLog().filter((c) => /Resume|Delete/.test(c.action));
      assert.deepEqual(resumes, [], "no resume call reached any vendor");
      assert.match(es.output.join(""), /still declared by another resource in this update; the ban stays in force/);
      // Without `aliases` the new resources met the bans in force: they record them as adopted.
      const resources = (await es.stack.exportStack()).deployment.resources as { type: string; outputs: Record<string, unknown> }[];
      const blocks = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/streamblock:StreamBlock");
      assert.deepEqual(blocks.map((b) => b.outputs.adopted), [true, true, true]);
    });

    it("the state on disk and the engine output hold no credential, and __provider stays within 4 KB", async () => {
      const secrets = [sb.credentials.tencent.secretKey, sb.credentials.aliyun.accessKeySecret, sb.credentials.huawei.sk];
      for (const file of listFiles(es.stateDir)) {
        const text = readFileSync(file, "utf8");
        for (const secret of secrets) assert.ok(!text.includes(secret), `a secret is in ${file}`);
      }
      for (const secret of secrets) assert.ok(!es.output.join("").includes(secret), "a secret is in the engine output");
      const resources = (await es.stack.exportStack()).deployment.resources as { type: string; inputs: Record<string, string>; outputs: Record<string, string> }[];
      const blocks = resources.filter((r) => r.type === "pulumi-nodejs:dynamic/streamblock:StreamBlock");
      assert.equal(blocks.length, 3);
      for (const b of blocks) {
        for (const copy of [b.inputs.__provider!, b.outputs.__provider!]) assert.ok(copy.length < 4096, `__provider is ${copy.length} characters`);
        // The hidden input naming the resource for check() never reaches state.
        assert.ok(!("__claimant" in b.inputs) && !("__claimant" in b.outputs));
      }
    });

    it("destroy resumes the bans the stack made (e2e-b, removed earlier, was); the renamed resources adopted theirs, which stay in force with a note", async () => {
      await es.stack.destroy({ onOutput: (o) => es.output.push(o) });
      for (const vendor of VENDOR_IDS) {
        assert.deepEqual(sb.bans({ vendor }).map((b) => b.stream), ["e2e-a"], vendor);
        assert.match(es.output.join(""), new RegExp(`${vendor}/e2e\\.example\\.com/live/e2e-a: left in force: .*streamblock resume --vendor ${vendor}`));
      }
    });
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
