// recoverDeployment: pending StreamBlock creates become this stack's resources; deletes stay; the rest is dropped.
import { strict as assert } from "node:assert";
import { STREAM_BLOCK_TYPE, recoverDeployment, type Deployment, type DeployedResource } from "../../provider/engine/recover-deployment";
import { fileBackendDir, stackLocks } from "../../provider/engine/recover-lock";
import { lockOwnerRunning } from "../../provider/engine/recover-processes";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, hostname, tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "urn:pulumi:prod::blocks";
const STACK: DeployedResource = { urn: `${PREFIX}::pulumi:pulumi:Stack::blocks-prod`, type: "pulumi:pulumi:Stack", custom: false };
const PROVIDER: DeployedResource = { urn: `${PREFIX}::pulumi:providers:pulumi-nodejs::default`, type: "pulumi:providers:pulumi-nodejs", id: "p1", custom: true };
const PROVIDER_REF = `${PROVIDER.urn}::p1`;

function block(name: string, extra: Partial<DeployedResource> = {}): DeployedResource {
  const inputs = { __provider: "exports.handler = 1", vendor: "tencent", domain: "d.example.com", app: "live", stream: name };
  return { urn: `${PREFIX}::${STREAM_BLOCK_TYPE}::${name}`, type: STREAM_BLOCK_TYPE, custom: true, inputs, parent: STACK.urn, provider: PROVIDER_REF, ...extra };
}

function deployment(pending: Deployment["pending_operations"], resources: DeployedResource[] = [STACK, PROVIDER, { ...block("kept"), id: "tencent/d.example.com/live/kept" }]): Deployment {
  return { manifest: { version: "v3" }, resources, pending_operations: pending };
}

describe("engine/recover-deployment", () => {
  it("moves a pending create into resources with its deterministic id and its inputs as outputs, not adopted", () => {
    const input = deployment([{ type: "creating", resource: block("s1") }]);
    const r = recoverDeployment(input);
    assert.deepEqual(r.recovered, [`${PREFIX}::${STREAM_BLOCK_TYPE}::s1`]);
    assert.equal(r.deployment.pending_operations, undefined);
    const s1 = r.deployment.resources?.find((x) => x.urn.endsWith("::s1"));
    assert.equal(s1?.id, "tencent/d.example.com/live/s1");
    assert.equal(s1?.provider, PROVIDER_REF);
    assert.deepEqual(s1?.outputs, { ...block("s1").inputs, requestId: "" }, "made by this stack: not adopted");
    assert.equal(r.deployment.resources?.at(-1), s1, "after its parent and provider");
    assert.equal(input.pending_operations?.length, 1, "the input is not modified");
  });

  it("keeps a resource whose delete or update was in flight, for the refresh to read", () => {
    const r = recoverDeployment(deployment([
      { type: "deleting", resource: block("kept") },
      { type: "updating", resource: block("kept") },
    ]));
    assert.deepEqual(r.recovered, []);
    assert.deepEqual(r.leftToRefresh, [block("kept").urn, block("kept").urn]);
    assert.equal(r.deployment.resources?.length, 3);
  });

  it("drops pending operations of other types (a StreamKick's kick leaves nothing in force)", () => {
    const kick: DeployedResource = { urn: `${PREFIX}::pulumi-nodejs:dynamic/streamblock:StreamKick::k`, type: "pulumi-nodejs:dynamic/streamblock:StreamKick" };
    const r = recoverDeployment(deployment([{ type: "creating", resource: kick }]));
    assert.deepEqual(r.dropped, [{ urn: kick.urn, type: kick.type, op: "creating" }]);
    assert.equal(r.deployment.resources?.length, 3);
  });

  it("refuses a pending create whose provider is not in the state, or without key inputs", () => {
    assert.throws(() => recoverDeployment(deployment([{ type: "creating", resource: block("s1") }], [STACK])), /provider .* is not in the stack's resources/);
    const bad = block("s2", { inputs: { vendor: "tencent" } });
    assert.throws(() => recoverDeployment(deployment([{ type: "creating", resource: bad }])), /no vendor\/domain\/app\/stream inputs/);
  });

  it("adds unrecorded bans as StreamBlocks named by their id, under the stack, with a sibling's provider", () => {
    const r = recoverDeployment(deployment([]), [
      { vendor: "huawei", domain: "d.example.com", app: "live", stream: "x" },
      { vendor: "tencent", domain: "d.example.com", app: "live", stream: "kept" },
    ]);
    const urn = `${PREFIX}::${STREAM_BLOCK_TYPE}::huawei/d.example.com/live/x`;
    assert.deepEqual(r.recovered, [urn], "a ban already in state is not added twice");
    const x = r.deployment.resources?.find((res) => res.urn === urn);
    assert.equal(x?.id, "huawei/d.example.com/live/x");
    assert.equal(x?.parent, STACK.urn);
    assert.equal(x?.provider, PROVIDER_REF);
    assert.equal(x?.inputs?.__provider, "exports.handler = 1");
    assert.equal(x?.outputs?.adopted, undefined);
  });

  it("a named account's unrecorded ban and pending create get the account's id form and keep account in their inputs", () => {
    const pendingCreate = block("p", { inputs: { __provider: "exports.handler = 1", vendor: "aliyun", account: "brand-b", domain: "b.example.com", app: "live", stream: "p" } });
    delete pendingCreate.provider;
    const r = recoverDeployment(deployment([{ type: "creating", resource: pendingCreate }]), [{ vendor: "aliyun", account: "brand-b", domain: "b.example.com", app: "live", stream: "u" }]);
    const created = r.deployment.resources?.find((res) => res.urn === pendingCreate.urn);
    assert.equal(created?.id, "aliyun/brand-b/b.example.com/live/p");
    const urn = `${PREFIX}::${STREAM_BLOCK_TYPE}::aliyun/brand-b/b.example.com/live/u`;
    const u = r.deployment.resources?.find((res) => res.urn === urn);
    assert.equal(u?.id, "aliyun/brand-b/b.example.com/live/u");
    assert.equal(u?.inputs?.account, "brand-b");
    assert.equal(u?.outputs?.account, "brand-b");
    // The default account's keep today's form: no account input at all.
    const d = recoverDeployment(deployment([]), [{ vendor: "aliyun", domain: "a.example.com", app: "live", stream: "u" }]);
    assert.ok(!("account" in (d.deployment.resources?.find((res) => res.id === "aliyun/a.example.com/live/u")?.inputs ?? { account: 1 })));
  });
});

describe("engine/recover-lock", () => {
  it("reads file backend URLs, dropping the query and expanding ~", () => {
    assert.equal(fileBackendDir("file:///var/state?metadata=skip"), "/var/state");
    assert.equal(fileBackendDir("file://~/state"), join(homedir(), "state"));
    assert.equal(fileBackendDir("s3://bucket/x"), undefined);
    assert.equal(fileBackendDir("https://api.pulumi.com"), undefined);
  });

  it("lists a stack's lock files with their owners; a live lock owner is a pulumi process on this host", () => {
    const dir = mkdtempSync(join(tmpdir(), "recover-lock-"));
    try {
      const locks = join(dir, ".pulumi", "locks", "organization", "proj", "prod");
      mkdirSync(locks, { recursive: true });
      writeFileSync(join(locks, "a.json"), JSON.stringify({ pid: process.pid, username: "u", hostname: hostname(), timestamp: "t" }));
      writeFileSync(join(locks, "b.json"), "not json");
      const found = stackLocks(dir, "proj", "prod").sort((a, b) => a.file.localeCompare(b.file));
      assert.deepEqual(found.map((l) => l.owner?.pid), [process.pid, undefined]);
      assert.deepEqual(stackLocks(dir, "proj", "other"), []);
      // This process is alive but not `pulumi`: not a lock owner still running.
      assert.equal(lockOwnerRunning({ pid: process.pid, hostname: hostname() }), false);
      assert.equal(lockOwnerRunning({ pid: process.pid, hostname: "elsewhere" }), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
