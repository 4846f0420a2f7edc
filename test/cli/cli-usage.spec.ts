// The CLI's front door as a process: --version, short usage errors with "did you mean", and missing settings named as the environment variables the CLI reads.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runCli } from "./cli-harness";

describe("cli/main usage", function () {
  this.timeout(30_000);

  it("--version (and -V) prints the package version", async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    for (const flag of ["--version", "-V"]) {
      const r = await runCli([flag]);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${version}\n`, ""], flag);
    }
  });

  it("an unknown option gets one message with a suggestion and the usage line, not Node's parser text", async () => {
    const r = await runCli(["ls", "--vendor", "tencent", "--domian", "push.example.com"]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "streamblock ls: unknown option --domian (did you mean --domain?)\n\n" +
        "usage: streamblock ls --vendor V [--account NAME] --domain D [--domain D2 ...] [--json] [--progress]\n" +
        "streamblock ls --help lists every option\n",
    );
    assert.ok(!/To specify a positional argument|ERR_PARSE_ARGS/.test(r.stderr));
    const kick = await runCli(["kick", "--vendr", "huawei"]);
    assert.match(kick.stderr, /^streamblock kick: unknown option --vendr \(did you mean --vendor\?\)\n/);
    const missing = await runCli(["ls", "--vendor"]);
    assert.match(missing.stderr, /^streamblock ls: --vendor needs a value\n/);
  });

  it("an unknown command or top-level option suggests the closest", async () => {
    const cmd = await runCli(["exprot"]);
    assert.deepEqual([cmd.code, cmd.stderr], [2, 'streamblock: unknown command "exprot" (did you mean export?)\nusage: streamblock <command> [options]; streamblock --help lists the commands\n']);
    const flag = await runCli(["--verison"]);
    assert.match(flag.stderr, /^streamblock: unknown option --verison \(did you mean --version\?\)\n/);
  });

  it("ls, export and kick name every missing setting as the environment variables they read, never stack config", async () => {
    for (const args of [
      ["ls", "--vendor", "huawei", "--domain", "push.example.com"],
      ["export", "--vendor", "huawei", "--domain", "push.example.com"],
      ["kick", "--vendor", "huawei", "--domain", "push.example.com", "s1"],
    ]) {
      const r = await runCli(args, { HUAWEICLOUD_SDK_SK: "sk-only" });
      assert.equal(r.code, 1, args.join(" "));
      assert.equal(
        r.stderr,
        `streamblock ${args[0]}: huawei: missing environment variables HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_AK (or HUAWEICLOUD_SDK_AUTH_TOKEN instead of AK/SK), ` +
          "HUAWEICLOUD_SDK_REGION or HUAWEICLOUD_REGION (the streamblock CLI reads credentials from the environment only)\n",
      );
      assert.ok(!r.stderr.includes("stack config") && !r.stderr.includes("sk-only"));
    }
    const tencent = await runCli(["ls", "--vendor", "tencent", "--domain", "push.example.com"]);
    assert.match(tencent.stderr, /tencent: missing environment variables TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY \(/);
  });

  it("a malformed setting is named by the environment variable the CLI read", async () => {
    const fake = { TENCENTCLOUD_SECRET_ID: "id", TENCENTCLOUD_SECRET_KEY: "key", STREAMBLOCK_TENCENT_ENDPOINT: "http://127.0.0.1:9" };
    const window = await runCli(["export", "--vendor", "tencent", "--domain", "push.example.com"], { ...fake, STREAMBLOCK_RENEWAL_WINDOW_DAYS: "soon" });
    assert.deepEqual([window.code, window.stderr], [1, 'streamblock export: STREAMBLOCK_RENEWAL_WINDOW_DAYS must be a number of days between 0 and 90 (exclusive), got "soon"\n']);
    const clock = await runCli(["ls", "--vendor", "tencent", "--domain", "push.example.com"], { ...fake, STREAMBLOCK_CLOCK_OFFSET_SECONDS: "x" });
    assert.deepEqual([clock.code, clock.stderr], [1, 'streamblock ls: STREAMBLOCK_CLOCK_OFFSET_SECONDS must be a number, got "x"\n']);
  });
});
