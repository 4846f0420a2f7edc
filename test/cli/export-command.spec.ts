// `streamblock export` as a process against the sandbox: a valid blocklist of the live bans, which validates and round-trips.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { cliSandbox, putBan, runCli, sandboxEnv, sandboxSecrets, utc, type CliResult } from "./cli-harness";

const A = "push.example.com";
const B = "backup.example.com";

describe("cli/export-command", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let env: Record<string, string>;
  let dir: string;
  const runs: CliResult[] = [];
  const cli = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const r = await runCli(args, { ...env, ...extraEnv });
    runs.push(r);
    return r;
  };
  const T1 = new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 86_400_000);
  const T2 = new Date(T1.getTime() + 86_400_000);

  before(async () => {
    sb = await cliSandbox();
    // These read Tencent's list where an account still answers it; its default, gone (tencent.md §3.5), has its own test.
    sb.setVariants({ tencent: { forbidList: "available" } });
    env = sandboxEnv(sb);
    dir = mkdtempSync(join(tmpdir(), "streamblock-export-"));
    for (const vendor of ["tencent", "huawei", "aliyun"] as const) {
      putBan(sb, vendor, A, "live", "spam-1", T1);
      putBan(sb, vendor, B, "live", "spam-1", T1);
      putBan(sb, vendor, A, "sports", "0042", T2);
      putBan(sb, vendor, B, "live", "yes", T2);
    }
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("tencent: export -o FILE writes a valid blocklist; validate passes; it declares exactly the live bans", async () => {
    const file = join(dir, "tencent.yaml");
    const r = await cli(["export", "--vendor", "tencent", "--domain", A, "--domain", B, "-o", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `streamblock export: 4 bans (tencent 4) written to ${file}\n`);
    const text = readFileSync(file, "utf8");
    const lines = text.split("\n");
    assert.match(lines[0]!, /^# yaml-language-server: \$schema=(\.\.\/)+.*schema\/blocklist\.schema\.json$/);
    assert.match(lines[1]!, /^# Exported by `streamblock export --vendor tencent --domain push\.example\.com --domain backup\.example\.com` at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: 4 bans \(tencent 4\)\.$/);
    assert.equal(
      lines.slice(3).join("\n"),
      [
        "vendors:",
        "  tencent:",
        "    domains:",
        "      - push.example.com",
        "      - backup.example.com",
        "streams:",
        '  - stream: "0042"',
        "    app: sports",
        `    resumeTime: "${utc(T2)}"`,
        "    domains:",
        "      - push.example.com",
        "  - stream: spam-1",
        `    resumeTime: "${utc(T1)}"`,
        '  - stream: "yes"',
        `    resumeTime: "${utc(T2)}"`,
        "    domains:",
        "      - backup.example.com",
        "",
      ].join("\n"),
    );

    const v = await cli(["validate", file]);
    assert.deepEqual([v.code, v.stdout], [0, `${file}: valid, 4 bans (tencent 4)\n`]);

    const declared = validateBlocklist(text, file, { now: new Date() });
    assert.ok(declared.ok);
    const live = sb.bans({ vendor: "tencent" }).map((b) => `tencent/${b.domain}/${b.app}/${b.stream} ${b.expiresAt.replace(".000Z", "Z")}`);
    assert.deepEqual(declared.bans.map((b) => `${b.name} ${b.resumeTime}`).sort(), live.sort());
  });

  it("exporting the same bans again writes the same entries", async () => {
    const first = await cli(["export", "--vendor", "huawei", "--domain", A, "--domain", B]);
    const second = await cli(["export", "--vendor", "huawei", "--domain", A, "--domain", B]);
    assert.equal(first.code, 0, first.stderr);
    const body = (s: string) => s.split("\n").filter((l) => !l.startsWith("#")).join("\n");
    assert.equal(body(second.stdout), body(first.stdout));
  });

  it("huawei: the section carries the project id of the credentials, so the file applies to that project only", async () => {
    const r = await cli(["export", "--vendor", "huawei", "--domain", A]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\n  huawei:\\n    domains:\\n      - push\\.example\\.com\\n    projectId: ${sb.credentials.huawei.projectId}\\n`));
  });

  it("aliyun: no resume times (its list has none), said in a comment; --indefinite drops them elsewhere", async () => {
    const r = await cli(["export", "--vendor", "aliyun", "--domain", A]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Aliyun does not say when its bans lift: its bans have no resumeTime \(unless --from declares one\), so StreamBlock keeps them in force\.$/m);
    assert.doesNotMatch(r.stdout, /resumeTime:/);
    const t = await cli(["export", "--vendor", "tencent", "--domain", A, "--indefinite"]);
    assert.equal(t.code, 0, t.stderr);
    assert.doesNotMatch(t.stdout, /resumeTime:/);
    assert.match(t.stdout, /--domain push\.example\.com --indefinite` at /);
  });

  it("leaves out bans that lift within 10 minutes and names StreamBlock refuses, saying so on stderr", async () => {
    const soon = new Date(Date.now() + 120_000);
    putBan(sb, "huawei", "odd.example.com", "live", "ok", T1);
    putBan(sb, "huawei", "odd.example.com", "live", "lifting", soon);
    putBan(sb, "huawei", "odd.example.com", "live", "wild*card", T1);
    const r = await cli(["export", "--vendor", "huawei", "--domain", "odd.example.com"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      [
        `streamblock export: left out huawei/odd.example.com/live/lifting: it lifts at ${utc(new Date(Math.floor(soon.getTime() / 1000) * 1000))}, within 10 minutes`,
        'streamblock export: left out huawei/odd.example.com/live/wild*card: stream must not contain "*": wildcards would ban or resume every matching stream',
        "streamblock export: 1 ban (huawei 1) written to <stdout>",
        "",
      ].join("\n"),
    );
    assert.match(r.stdout, /\n {2}- stream: ok\n/);
    assert.doesNotMatch(r.stdout, /stream: (lifting|wild)/);
  });

  it("usage mistakes exit 2; vendor failures exit 1 and write nothing", async () => {
    const usage = await cli(["export", "--vendor", "tencent"]);
    assert.equal(usage.code, 2);
    const file = join(dir, "never.yaml");
    const failed = await cli(["export", "--vendor", "huawei", "--domain", A, "-o", file], { HUAWEICLOUD_SDK_SK: "wrong-secret-value" });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^streamblock export: huawei list stream push\.example\.com failed: /);
    assert.throws(() => readFileSync(file), /ENOENT/);
  });

  it("several vendors in one file: each --domain belongs to the --vendor before it", async () => {
    const r = await cli(["export", "--vendor", "tencent", "--domain", A, "--vendor", "huawei", "--domain", A, "--domain", B, "--vendor", "aliyun", "--domain", B]);
    assert.equal(r.code, 0, r.stderr);
    const declared = validateBlocklist(r.stdout, "export.yaml", { now: new Date() });
    assert.ok(declared.ok);
    const live = [
      ...sb.bans({ vendor: "tencent", domain: A }),
      ...sb.bans({ vendor: "huawei" }).filter((b) => b.domain === A || b.domain === B),
      ...sb.bans({ vendor: "aliyun", domain: B }),
    ].map((b) => `${b.vendor}/${b.domain}/${b.app}/${b.stream}`);
    assert.deepEqual(declared.bans.map((b) => b.name).sort(), live.sort());
    assert.match(r.stderr, /^streamblock export: \d+ bans \(huawei \d+, tencent 2, aliyun 2\) written to <stdout>\n$/);
    assert.match(r.stdout, /--vendor huawei --domain push\.example\.com --domain backup\.example\.com --vendor tencent --domain push\.example\.com --vendor aliyun --domain backup\.example\.com` at /);
  });

  it("--from FILE: every vendor and domain of its vendors: section, with its entries' reasons and declared resume times", async () => {
    const from = join(dir, "from.yaml");
    writeFileSync(
      from,
      [
        "vendors:",
        `  tencent: { domains: [${A}] }`,
        `  aliyun: { domains: [${A}] }`,
        "streams:",
        "  - stream: spam-1",
        "    reason: TS-77 spam",
        `    resumeTime: "${utc(T1)}"`,
        "",
      ].join("\n"),
    );
    const out = join(dir, "from-export.yaml");
    const r = await cli(["export", "--from", from, "-o", out]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(out, "utf8");
    // Aliyun cannot say when spam-1 lifts: the file's time stands, so both vendors share one entry.
    assert.ok(text.includes(`  - stream: spam-1\n    resumeTime: "${utc(T1)}"\n    reason: TS-77 spam\n`), text);
    const declared = validateBlocklist(text, out, { now: new Date() });
    assert.ok(declared.ok);
    assert.deepEqual(declared.bans.filter((b) => b.stream === "spam-1").map((b) => `${b.name} ${b.reason}`), [`tencent/${A}/live/spam-1 TS-77 spam`, `aliyun/${A}/live/spam-1 TS-77 spam`]);
  });

  it("--from FILE keeps the file's pins: Aliyun's region and Tencent's site", async () => {
    const from = join(dir, "pinned.yaml");
    writeFileSync(from, ["vendors:", `  tencent: { domains: [${A}], site: mainland }`, `  aliyun: { domains: [${A}], region: cn-shanghai }`, "streams: []", ""].join("\n"));
    const r = await cli(["export", "--from", from]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`  tencent:\n    domains:\n      - ${A}\n    site: mainland\n  aliyun:\n    domains:\n      - ${A}\n    region: cn-shanghai\n`), r.stdout);
  });

  it("--from on a Tencent account without a ban list: the file's streams are looked up one by one", async () => {
    const from = join(dir, "tencent-offline.yaml");
    writeFileSync(from, ["vendors:", `  tencent: { domains: [${A}] }`, "streams:", "  - stream: spam-1", "    reason: TS-9", "  - stream: not-banned", ""].join("\n"));
    sb.setVariants({ tencent: { forbidList: "action-offline" } });
    try {
      const r = await cli(["export", "--from", from]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^streamblock export: tencent offers no list of bans for this account \(.*ActionOffline.*\); bans can only be looked up one stream at a time; looking up the 2 tencent streams .* declares one by one \(bans it does not declare are not found\)\n/);
      assert.ok(r.stdout.endsWith("streams:\n  - stream: spam-1\n    reason: TS-9\n"), r.stdout);
      const flags = await cli(["export", "--vendor", "tencent", "--domain", A]);
      assert.equal(flags.code, 1);
      assert.match(flags.stderr, /^streamblock export: tencent offers no list of bans for this account/);
    } finally {
      sb.setVariants({ tencent: { forbidList: "available" } });
    }
  });

  it("usage: --domain before --vendor, --from with --vendor, --exact with --indefinite, nothing to export", async () => {
    const cases: [string[], string][] = [
      [["--domain", A, "--vendor", "tencent"], `--domain ${A} comes before any --vendor; write --vendor V --domain D`],
      [["--vendor", "tencent", "--vendor", "aliyun", "--domain", A], "--vendor tencent needs at least one --domain after it (a push domain, e.g. push.example.com)"],
      [["--from", "x.yaml", "--vendor", "tencent"], "--from takes the vendors, accounts and domains from the file; leave out --vendor, --account and --domain"],
      [["--vendor", "tencent", "--domain", A, "--exact", "--indefinite"], "choose one of --exact and --indefinite"],
      [[], "give --from FILE, or --vendor V --domain D (V one of huawei, tencent, aliyun)"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(["export", ...args]);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(r.stderr.startsWith(`streamblock export: ${message}\n\nusage: streamblock export (--from FILE | --vendor V`), r.stderr);
    }
  });

  it("names every vendor's missing settings at once, before any call", async () => {
    const r = await runCli(["export", "--vendor", "tencent", "--domain", A, "--vendor", "aliyun", "--domain", A], {});
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^streamblock export: tencent: missing environment variables TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY .*\naliyun: missing environment variables ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET .*\n$/);
  });

  it("never prints a credential", () => {
    for (const r of runs) for (const secret of [...sandboxSecrets(sb), "wrong-secret-value"]) assert.ok(!(r.stdout + r.stderr).includes(secret));
  });
});
