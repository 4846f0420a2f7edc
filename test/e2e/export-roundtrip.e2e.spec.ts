// `streamblock export` round-trips through the real engine: a stack's own bans (timed, indefinite, every vendor), exported and re-applied, preview no change.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { applyBlocklist } from "../../provider/blocklist/apply-blocklist";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { startTestSandbox } from "../reliability/reliability-harness";
import { runCli, sandboxEnv, utc } from "../cli/cli-harness";

const DAY = 86_400_000;

describe("e2e: export round-trip", function () {
  this.timeout(300_000);
  let sb: Sandbox;
  let es: EngineStack;
  let dir: string;
  let blocklist: string;
  const soon = utc(new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * DAY));
  const far = utc(new Date(Math.floor(Date.now() / 1000) * 1000 + 60 * DAY));

  before(async () => {
    // Exports Tencent's bans with their expiries, which only its list tells: an account that still answers it.
    // The list gone (the default, tencent.md §3.5) is export-command.spec.ts's `--from on a Tencent account without a ban list`.
    sb = await startTestSandbox({ variants: { tencent: { forbidList: "available" } } });
    dir = mkdtempSync(join(tmpdir(), "streamblock-export-roundtrip-"));
    blocklist = join(dir, "blocklist.yaml");
    writeFileSync(
      blocklist,
      [
        "vendors:",
        "  huawei: { domains: [push.huawei.example.com, backup.huawei.example.com] }",
        "  tencent: { domains: [push.tencent.example.com] }",
        "  aliyun: { domains: [push.aliyun.example.com] }",
        "streams:",
        "  - stream: forever-1            # indefinite everywhere, with a reason",
        "    reason: spam, TS-1021",
        "  - stream: forever-2            # indefinite, narrowed",
        "    app: sports",
        "    vendors: [huawei]",
        "    domains: [backup.huawei.example.com]",
        "  - stream: week-1               # timed, inside the renewal window",
        `    resumeTime: ${soon}`,
        "  - stream: season-1             # timed, beyond the renewal window (looks like an indefinite expiry)",
        `    resumeTime: ${far}`,
        "    reason: rights holder notice",
        "",
      ].join("\n"),
    );
    es = await newEngineStack(sb, async () => {
      applyBlocklist(blocklist);
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("up, export --from the file, re-apply the export: preview shows no change on any vendor", async () => {
    const up = await es.up();
    assert.equal(up.summary.resourceChanges?.create, 1 + 13, JSON.stringify(up.summary.resourceChanges)); // the stack and 13 bans
    const exported = join(dir, "exported.yaml");
    const r = await runCli(["export", "--from", blocklist, "-o", exported], sandboxEnv(sb));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `streamblock export: 13 bans (huawei 7, tencent 3, aliyun 3) written to ${exported}\n`);
    const text = readFileSync(exported, "utf8");
    assert.match(text, /- stream: forever-1\n {4}reason: spam, TS-1021\n/, "indefinite: no resumeTime, reason kept");
    assert.match(text, /- stream: season-1\n {4}resumeTime: "[^"]+"\n {4}reason: rights holder notice\n/, "the declared far resume time, on every vendor (Aliyun's from the file)");
    assert.ok(text.includes(`resumeTime: "${far}"`) && text.includes(`resumeTime: "${soon}"`));

    es.setProgram(async () => {
      applyBlocklist(exported);
    });
    const preview = await es.stack.preview();
    const changed = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
    assert.deepEqual(changed, [], `re-applying the export changes nothing:\n${preview.stdout}`);
    assert.equal(preview.changeSummary.same, 14);
  });

  it("without --from, an indefinite ban's expiry still exports as indefinite and a timed one inside the window as its time", async () => {
    const r = await runCli(
      ["export", "--vendor", "huawei", "--domain", "push.huawei.example.com", "--domain", "backup.huawei.example.com", "--vendor", "tencent", "--domain", "push.tencent.example.com"],
      sandboxEnv(sb),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n {2}- stream: forever-1\n {2}- stream: forever-2\n {4}app: sports\n {4}vendors:\n {6}- huawei\n {4}domains:\n {6}- backup\.huawei\.example\.com\n/);
    assert.ok(r.stdout.includes(`  - stream: week-1\n    resumeTime: "${soon}"\n`), r.stdout);
  });
});
