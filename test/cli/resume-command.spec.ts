// `streamblock resume` as a process against the sandbox: lifts one ban now on each vendor, says the next refreshing up re-bans it, touches nothing else.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { cliSandbox, putBan, runCli, sandboxEnv, sandboxSecrets, type CliResult } from "./cli-harness";

const DOMAIN = "push.example.com";

describe("cli/resume-command", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let env: Record<string, string>;
  const runs: CliResult[] = [];
  const resume = async (args: string[], extra: Record<string, string> = {}) => {
    const r = await runCli(["resume", ...args], { ...env, ...extra });
    runs.push(r);
    return r;
  };
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

  before(async () => {
    sb = await cliSandbox();
    env = sandboxEnv(sb);
  });
  after(() => sb.close());

  for (const vendor of VENDOR_IDS) {
    it(`${vendor}: lifts the one ban now and says the next refreshing up bans it again while declared`, async () => {
      putBan(sb, vendor, DOMAIN, "sports", "incident-1", inAWeek());
      putBan(sb, vendor, DOMAIN, "sports", "incident-2", inAWeek());
      const r = await resume(["--vendor", vendor, "--domain", "Push.Example.com", "--app", "sports", "incident-1"], { STREAMBLOCK_TENCENT_MATCHING: "strict" });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^resumed ${vendor}/push\\.example\\.com/sports/incident-1( \\(request id [\\w-]+\\))?\\n`));
      assert.ok(r.stdout.includes("If a blocklist still declares this stream, the next `pulumi up --refresh` bans it again"), r.stdout);
      assert.ok(r.stdout.includes("remove its entry from the blocklist to keep it lifted."));
      assert.deepEqual(sb.bans({ vendor, domain: DOMAIN }).map((b) => b.stream), ["incident-2"], "only the named stream was lifted");
    });
  }

  it("a stream that is not banned: says so, exits 0 and calls no resume", async () => {
    sb.reset({ calls: true });
    const r = await resume(["--vendor", "huawei", "--domain", DOMAIN, "never-banned"]);
    assert.deepEqual([r.code, r.stdout], [0, "huawei/push.example.com/live/never-banned is not banned; nothing to resume\n"]);
    assert.ok(!sb.callLog().some((c) => c.action === "DeleteStreamForbidden"));
  });

  it("Tencent in stream-name matching (its default) warns that the ban is lifted on every domain", async () => {
    putBan(sb, "tencent", DOMAIN, "live", "by-name", inAWeek());
    const r = await resume(["--vendor", "tencent", "--domain", DOMAIN, "by-name"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Tencent matches bans by stream name on this account: by-name is now unbanned on every domain\./);
  });

  it("refuses wildcards, several domains and a missing stream before any call (exit 2)", async () => {
    sb.reset({ calls: true });
    const cases: [string[], string][] = [
      [["--vendor", "aliyun", "--domain", DOMAIN, "*"], 'stream must not contain "*": wildcards would ban or resume every matching stream'],
      [["--vendor", "aliyun", "--domain", DOMAIN], "give exactly one STREAM to resume"],
      [["--vendor", "aliyun", "--domain", "a.example.com", "--domain", "b.example.com", "s"], "resume takes one --domain"],
      [["--vendor", "aliyun", "--domian", DOMAIN, "s"], "unknown option --domian (did you mean --domain?)"],
    ];
    for (const [args, message] of cases) {
      const r = await resume(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(r.stderr.startsWith(`streamblock resume: ${message}\n\nusage: streamblock resume --vendor V [--account NAME] --domain D [--app A] STREAM\n`), r.stderr);
    }
    assert.deepEqual(sb.callLog(), [], "no vendor call");
  });

  it("a vendor failure exits 1 with the vendor's code; the ban stays", async () => {
    putBan(sb, "aliyun", DOMAIN, "live", "stays", inAWeek());
    sb.injectFault({ vendor: "aliyun", action: "ResumeLiveStream", kind: "error", code: "Forbidden.RAM", count: 5 });
    const r = await resume(["--vendor", "aliyun", "--domain", DOMAIN, "stays"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^streamblock resume: aliyun resume stream push\.example\.com\/live\/stays failed: Forbidden\.RAM/);
    assert.equal(sb.bans({ vendor: "aliyun", stream: "stays" }).length, 1);
  });

  it("never prints a credential", () => {
    const secrets = sandboxSecrets(sb);
    for (const r of runs) for (const s of secrets) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s));
  });
});
