// A timed ban running out through the real engine: the nightly `up --refresh` stays green, renews and restores the other bans, resumes nothing, and warns.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { applyBlocklistWindowed } from "../../provider/blocklist/apply-blocklist";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { formatUtcSeconds } from "../../provider/vendors/utc-time";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { assertStateMatchesVendors, literal, recordedBans, RESUME_ACTION, startTestSandbox } from "../reliability/reliability-harness";

const DOMAIN = "expiry.example.com";
const DAY = 86_400_000;

describe("e2e: a timed ban in the blocklist runs out", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let es: EngineStack;
  let dir: string;
  let file: string;
  let timedUntil: string;

  before(async () => {
    sb = await startTestSandbox();
    dir = mkdtempSync(join(tmpdir(), "streamblock-expiry-"));
    file = join(dir, "blocklist.yaml");
    timedUntil = formatUtcSeconds(new Date(sb.clock.now().getTime() + 2 * DAY));
    writeFileSync(
      file,
      [
        "vendors:",
        ...VENDOR_IDS.flatMap((v) => [`  ${v}:`, `    domains: [${DOMAIN}]`]),
        "streams:",
        "  - stream: timed",
        `    resumeTime: ${timedUntil}`,
        "  - stream: kept",
        "  - stream: lifted",
        "",
      ].join("\n"),
    );
    // The root program's way: the program and the provider both read the clock offset from stack config.
    es = await newEngineStack(sb, async () => {
      const s = await applyBlocklistWindowed(file);
      return { bans: s.bans };
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("up bans every entry on every vendor", async () => {
    const r = await es.up();
    assert.equal(r.outputs.bans!.value, 9);
    assert.equal(sb.bans({ domain: DOMAIN }).filter((b) => b.active).length, 9);
  });

  it("70 days later, with the timed ban over and one ban lifted in a console: up --refresh succeeds, warns at file:line, renews and restores, resumes nothing", async () => {
    // Move both clocks: the vendors' (sandbox) and StreamBlock's: the program reads stack config; a
    // refresh runs the provider with the config of the last update, so it reads the environment.
    sb.advanceClock(70 * DAY);
    const offset = String((70 * DAY) / 1000);
    await es.stack.setConfig("streamblock:clockOffsetSeconds", { value: offset });
    es.stack.workspace.envVars.STREAMBLOCK_CLOCK_OFFSET_SECONDS = offset;
    // Someone lifted `lifted` on Huawei in the console (an expired ban is a lifted one).
    sb.putBan({ vendor: "huawei", account: sb.primaryAccount("huawei"), domain: DOMAIN, app: "live", stream: "lifted" }, sb.clock.now());
    const resumesBefore = sb.callLog().filter((c) => c.action === RESUME_ACTION[c.vendor]).length;

    const mark = es.output.length;
    const r = await es.stack.up({ refresh: true, onOutput: (s) => es.output.push(s) });
    const output = es.output.slice(mark).join("");

    assert.equal(r.outputs.bans!.value, 6, "the finished entry declares nothing");
    assert.match(
      output,
      new RegExp(`warning: ${literal(file)}:10:17: streams\\[0\\]\\.resumeTime: resumeTime ${timedUntil} has passed: the ban ran its course and this entry declares nothing; delete it \\(streamblock prune ${literal(file)} deletes every finished entry\\)`),
    );
    assert.equal(r.summary.resourceChanges?.delete, 3, "the timed bans leave the state");
    assert.equal(sb.callLog().filter((c) => c.action === RESUME_ACTION[c.vendor]).length, resumesBefore, "no vendor was asked to resume anything");
    assert.deepEqual((await recordedBans(es)).map((b) => b.stream).sort(), ["kept", "kept", "kept", "lifted", "lifted", "lifted"]);
    const recorded = await assertStateMatchesVendors(es, sb, DOMAIN);
    // Huawei's and Tencent's indefinite bans had 20 days left, inside the 30-day window: renewed to the
    // maximum again; the lifted one is banned again.
    for (const b of recorded.filter((x) => x.vendor !== "aliyun")) {
      assert.ok(Date.parse(b.expiresAt!) - sb.clock.now().getTime() > 80 * DAY, `${b.vendor}/${b.stream} renewed: ${b.expiresAt}`);
    }
    assert.ok(sb.bans({ vendor: "huawei", domain: DOMAIN, stream: "lifted" }).some((b) => b.active), "the lifted ban is restored");
  });

  it("the next run changes nothing and still succeeds", async () => {
    await es.stack.preview({ expectNoChanges: true, refresh: true });
  });
});
