// `streamblock kick` as a process against the sandbox: one disconnect per vendor, no ban, and refusals of wildcards.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { cliSandbox, runCli, sandboxEnv, sandboxSecrets, type CliResult } from "./cli-harness";

describe("cli/kick-command", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let env: Record<string, string>;
  const runs: CliResult[] = [];
  const kick = async (args: string[]) => {
    const r = await runCli(["kick", ...args], env);
    runs.push(r);
    return r;
  };

  before(async () => {
    sb = await cliSandbox();
    env = sandboxEnv(sb);
  });
  after(() => sb.close());

  for (const vendor of VENDOR_IDS) {
    it(`${vendor}: disconnects the stream once and bans nothing`, async () => {
      const r = await kick(["--vendor", vendor, "--domain", "Push.Example.com", "--app", "sports", "match-7"]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^kicked ${vendor}/push\\.example\\.com/sports/match-7( \\(request id [\\w-]+\\))?\\n$`));
      const kicks = sb.kicks({ vendor, stream: "match-7" });
      assert.equal(kicks.length, 1);
      assert.deepEqual([kicks[0]!.domain, kicks[0]!.app], ["push.example.com", "sports"]);
      assert.equal(sb.bans({ vendor }).length, 0);
    });
  }

  it("the app defaults to live", async () => {
    const r = await kick(["--vendor", "tencent", "--domain", "push.example.com", "s1"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sb.kicks({ vendor: "tencent", stream: "s1" })[0]!.app, "live");
  });

  it("refuses wildcards and bad names before any call (exit 2)", async () => {
    const before = JSON.stringify(sb.calls());
    const cases: [string[], string][] = [
      [["--vendor", "aliyun", "--domain", "push.example.com", "*"], 'stream must not contain "*": wildcards would ban or resume every matching stream'],
      [["--vendor", "aliyun", "--domain", "push.example.com", "--app", "a/b", "s"], 'app must not contain "/" (vendors print bans as domain/app/stream)'],
      [["--vendor", "aliyun", "--domain", "not a domain", "s"], "domain must be a push domain name such as push.example.com"],
      [["--vendor", "aliyun", "--domain", "push.example.com"], "give exactly one STREAM to kick"],
      [["--vendor", "aliyun", "--domain", "a.example.com", "--domain", "b.example.com", "s"], "kick takes one --domain"],
    ];
    for (const [args, message] of cases) {
      const r = await kick(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(r.stderr.startsWith(`streamblock kick: ${message}\n\nusage: streamblock kick`), r.stderr);
    }
    assert.equal(JSON.stringify(sb.calls()), before, "no vendor call");
  });

  it("a vendor failure exits 1 with the vendor's code", async () => {
    sb.injectFault({ vendor: "huawei", action: "CreateStreamForbiddenOnce", kind: "error", code: "LIVE.100011001", count: 1 });
    const r = await kick(["--vendor", "huawei", "--domain", "push.example.com", "s2"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^streamblock kick: huawei kick stream push\.example\.com\/live\/s2 failed: LIVE\.100011001: /);
  });

  it("never prints a credential", () => {
    for (const r of runs) for (const secret of sandboxSecrets(sb)) assert.ok(!(r.stdout + r.stderr).includes(secret));
  });
});
