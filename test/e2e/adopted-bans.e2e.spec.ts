// Bans already in force at each vendor (a console ban), declared and walked through the real CLI: adopt, refresh, up --refresh, change, destroy.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { assertStateMatchesVendors, recordedBans, STREAM_BLOCK_TYPE } from "../reliability/reliability-harness";
import { newCliProject, type CliProject } from "./cli-project";

const DOMAIN = "adopt.example.com";
const DAY = 86_400_000;

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("e2e: bans adopted from every vendor's console survive refresh, up --refresh, a change and destroy (CLI)", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let p: CliProject;
  const aliyunKey = `aliyun/${DOMAIN}/live/console-ban`;

  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0, admin: 0 } });
    p = await newCliProject(sb, "adopt-walk");
  });
  after(async () => {
    await p?.dispose();
    await sb?.close();
  });

  it("a ban already in force at each vendor (put through the sandbox's admin API, as a console would): up adopts it", async () => {
    const consoleExpiry = isoSeconds(Date.now() + 20 * DAY);
    for (const vendor of VENDOR_IDS) {
      const res = await fetch(`${sb.endpoints.admin}/bans`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ vendor, domain: DOMAIN, app: "live", stream: "console-ban", expiresAt: consoleExpiry }),
      });
      assert.equal(res.status, 200, await res.text());
    }
    p.declare(VENDOR_IDS.map((vendor) => ({ name: `${vendor}-console-ban`, args: { vendor, domain: DOMAIN, stream: "console-ban" } })));
    const r = await p.stack.up();
    assert.equal(r.summary.resourceChanges?.create, 4, JSON.stringify(r.summary.resourceChanges));
    // Aliyun keeps the ban as it holds it (never lifted to adopt it) and does not reveal its expiry.
    await assertStateMatchesVendors(p.engineStack, sb, DOMAIN, [aliyunKey]);
    const recorded = await recordedBans(p.engineStack);
    assert.equal(recorded.find((b) => b.vendor === "aliyun")!.expiresAt, undefined);
    const deployment = (await p.stack.exportStack()).deployment as { resources: { type: string; outputs: Record<string, unknown> }[] };
    for (const b of deployment.resources.filter((x) => x.type === STREAM_BLOCK_TYPE)) assert.equal(b.outputs.adopted, true, String(b.outputs.vendor));
  });

  it("pulumi refresh (CLI) succeeds and changes nothing", async () => {
    await p.pulumi(["refresh", "--yes"]);
    await assertStateMatchesVendors(p.engineStack, sb, DOMAIN, [aliyunKey]);
  });

  it("pulumi up --refresh (CLI), the scheduled run, succeeds with nothing to do", async () => {
    const out = await p.pulumi(["up", "--refresh", "--yes"]);
    assert.doesNotMatch(out, /\d+ to (create|update|delete)|\d+ (created|updated|deleted)/, out);
    await assertStateMatchesVendors(p.engineStack, sb, DOMAIN, [aliyunKey]);
  });

  it("pulumi refresh --clear-pending-creates (CLI), the README's recovery step, succeeds", async () => {
    await p.pulumi(["refresh", "--clear-pending-creates", "--yes"]);
    await assertStateMatchesVendors(p.engineStack, sb, DOMAIN, [aliyunKey]);
  });

  it("changing the resume time updates every vendor in place; the expiry is then known everywhere", async () => {
    const resumeTime = isoSeconds(Date.now() + 10 * DAY);
    p.declare(VENDOR_IDS.map((vendor) => ({ name: `${vendor}-console-ban`, args: { vendor, domain: DOMAIN, stream: "console-ban", resumeTime } })));
    const r = await p.stack.up();
    assert.equal(r.summary.resourceChanges?.update, 3, JSON.stringify(r.summary.resourceChanges));
    const recorded = await assertStateMatchesVendors(p.engineStack, sb, DOMAIN);
    for (const b of recorded) assert.equal(b.expiresAt, resumeTime, b.vendor);
    await p.pulumi(["refresh", "--yes"]);
    await assertStateMatchesVendors(p.engineStack, sb, DOMAIN);
  });

  it("destroy, with streamblock:liftAdoptedBans set (a team taking the console's bans over), resumes them all", async () => {
    await p.pulumi(["config", "set", "streamblock:liftAdoptedBans", "true"]);
    // destroy configures the provider from the state, as the last up recorded it: an up records the setting.
    const out = await p.pulumi(["up", "--yes"]);
    assert.doesNotMatch(out, /StreamBlock .*(created|updated|deleted)/, out);
    await p.stack.destroy();
    assert.deepEqual(await recordedBans(p.engineStack), []);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 0);
  });
});
