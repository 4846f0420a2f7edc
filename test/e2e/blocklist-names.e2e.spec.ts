// The blocklist through the real Pulumi engine: reordering and regrouping the file changes nothing; an invalid file applies nothing.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { applyBlocklist } from "../../provider/blocklist/apply-blocklist";
import { newEngineStack, type EngineStack } from "./engine-harness";

const VENDORS = (projectId: string) => `vendors:
  tencent:
    domains: [a.example.com, b.example.com]
  aliyun:
    domains: [c.example.com]
  huawei:
    domains: [d.example.com]
    projectId: ${projectId}
`;

/** 8 bans: spam on all 4 domains, pirate on tencent's 2 and aliyun's 1, leak (app sports) on d.example.com. */
const FIRST = `streams:
  - stream: spam
    reason: automated spam, ticket TS-1
  - stream: pirate
    vendors: [tencent, aliyun]
    reason: rebroadcast, ticket TS-2
  - stream: leak
    app: sports
    domains: [d.example.com]
`;

/** The same 8 bans: entries moved, spam split in two narrowed entries, pirate split by domain, comments added. */
const REGROUPED = `streams:
  # moved to the top
  - stream: leak
    app: sports
    vendors: [huawei]
  - stream: pirate
    domains: [c.example.com]
    reason: rebroadcast, ticket TS-2
  - stream: spam
    vendors: [huawei, aliyun]
    reason: automated spam, ticket TS-1
  - stream: pirate
    vendors: [tencent]
    reason: rebroadcast, ticket TS-2
  - stream: spam   # the Tencent half of the old entry
    vendors: [tencent]
    reason: automated spam, ticket TS-1
`;

/** Adds a ban and drops one, but with problems: a duplicate and an unknown key. */
const INVALID = `streams:
  - stream: spam
  - stream: newcomer
    reason_code: 7
  - stream: spam
    vendors: [aliyun]
`;

describe("e2e: the blocklist file through the Pulumi engine", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let es: EngineStack;
  let dir: string;
  let file: string;
  const write = (streams: string) => writeFileSync(file, VENDORS(sb.credentials.huawei.projectId) + streams);

  before(async () => {
    // Tencent's account switch for domain+app+stream matching (tencent.md §6), so the sandbox keeps one ban
    // per Tencent domain and every declared ban can be counted there.
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, variants: { tencent: { matching: "strict" } } });
    dir = mkdtempSync(join(tmpdir(), "streamblock-blocklist-e2e-"));
    file = join(dir, "blocklist.yaml");
    es = await newEngineStack(sb, async () => {
      const { summary } = applyBlocklist(file);
      return { bans: summary.bans, perVendor: summary.perVendor, soonestExpiry: summary.soonestExpiry };
    });
  });
  after(async () => {
    await es?.dispose();
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const live = () =>
    sb
      .bans()
      .map((b) => `${b.vendor}/${b.domain}/${b.app}/${b.stream}`)
      .sort();

  it("up declares one StreamBlock per (vendor, domain, app, stream) and exports the summary", async () => {
    write(FIRST);
    const r = await es.up();
    assert.equal(r.summary.resourceChanges?.create, 9, JSON.stringify(r.summary.resourceChanges)); // 8 bans + the stack
    assert.deepEqual(live(), [
      "aliyun/c.example.com/live/pirate",
      "aliyun/c.example.com/live/spam",
      "huawei/d.example.com/live/spam",
      "huawei/d.example.com/sports/leak",
      "tencent/a.example.com/live/pirate",
      "tencent/a.example.com/live/spam",
      "tencent/b.example.com/live/pirate",
      "tencent/b.example.com/live/spam",
    ]);
    assert.equal(r.outputs.bans!.value, 8);
    assert.deepEqual(r.outputs.perVendor!.value, { huawei: 2, tencent: 4, aliyun: 2 });
    const soonest = r.outputs.soonestExpiry!.value as { at: string; ban: string };
    const expiries = sb.bans().map((b) => b.expiresAt.replace(".000Z", "Z")).sort();
    assert.equal(soonest.at, expiries[0]);
    assert.match(soonest.ban, /^(tencent|huawei)\//, "Tencent and Huawei bans are renewed to 90 days, Aliyun's to 180");
  });

  it("reordering and regrouping the entries: preview shows no changes, and up makes no vendor call", async () => {
    write(REGROUPED);
    const before = sb.callLog().length;
    await es.stack.preview({ expectNoChanges: true });
    const r = await es.up({ expectNoChanges: true });
    assert.deepEqual(r.summary.resourceChanges, { same: 9 });
    assert.equal(sb.callLog().length, before, "no vendor call");
    assert.equal(live().length, 8);
  });

  it("an invalid file makes up fail with every problem at file:line:column, and nothing changes at the sandbox", async () => {
    write(INVALID);
    const bans = JSON.stringify(sb.bans());
    const calls = sb.callLog().length;
    await assert.rejects(es.up(), (e: Error) => {
      assert.ok(
        e.message.includes(`${file}:12:5: streams[1].reason_code: unknown key "reason_code"; a streams entry takes stream, app, resumeTime, reason, vendors, accounts, domains`),
        e.message,
      );
      assert.ok(
        e.message.includes(
          `${file}:13:5: streams[2]: stream spam (app live) is banned twice: streams[0] (line 10) already bans it on aliyun/c.example.com; remove one entry or narrow it with vendors: or domains:`,
        ),
        e.message,
      );
      return true;
    });
    assert.equal(JSON.stringify(sb.bans()), bans, "no ban changed");
    assert.equal(sb.callLog().length, calls, "no vendor call");
    await assert.rejects(es.stack.preview(), /reason_code/, "preview fails the same way");
  });

  it("a file for another Huawei project applies nothing", async () => {
    writeFileSync(file, VENDORS("77b6a44cba5143ab91d13ab9a8ff44fd") + REGROUPED);
    const calls = sb.callLog().length;
    await assert.rejects(es.up(), /vendors\.huawei\.projectId: the file is for Huawei projectId 77b6a44cba5143ab91d13ab9a8ff44fd but this stack's huaweiProjectId is 5a0db0c0/);
    assert.equal(sb.callLog().length, calls);
    assert.equal(live().length, 8);
  });

  it("a file pinned to an Aliyun region this stack does not name applies nothing, naming the key to set", async () => {
    writeFileSync(file, VENDORS(sb.credentials.huawei.projectId).replace("    domains: [c.example.com]\n", "    domains: [c.example.com]\n    region: ap-southeast-1\n") + REGROUPED);
    const calls = sb.callLog().length;
    await assert.rejects(
      es.up(),
      /blocklist\.yaml:6:13: vendors\.aliyun\.region: the file is for Aliyun region ap-southeast-1 but this stack's aliyunRegion sets none \(stack config streamblock:aliyunRegion or ALIBABA_CLOUD_REGION_ID\); nothing was applied/,
    );
    assert.equal(sb.callLog().length, calls, "no vendor call");
    assert.equal(live().length, 8);

    // The fix the message names: the stack's own region. The same file then applies, and changes nothing.
    await es.stack.setConfig("streamblock:aliyunRegion", { value: "ap-southeast-1" });
    const r = await es.up();
    assert.deepEqual(r.summary.resourceChanges, { same: 9 });
    assert.equal(live().length, 8);
  });
});
