// `streamblock ls` as a process against the sandbox: each vendor's live bans as a table or JSON, progress, and its failures.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { cliSandbox, putBan, runCli, sandboxEnv, sandboxSecrets, utc, type CliResult } from "./cli-harness";

const DOMAIN = "push.example.com";

describe("cli/ls-command", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let env: Record<string, string>;
  const runs: CliResult[] = [];
  const ls = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const r = await runCli(["ls", ...args], { ...env, ...extraEnv });
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
    for (const vendor of VENDOR_IDS) {
      putBan(sb, vendor, DOMAIN, "live", "spam-1", T1);
      putBan(sb, vendor, DOMAIN, "sports", "0042", T2);
      putBan(sb, vendor, "other.example.com", "live", "elsewhere", T1);
    }
  });
  after(() => sb.close());

  for (const vendor of ["tencent", "huawei"] as const) {
    it(`${vendor}: a table of the domain's bans with their expiries, sorted by app and stream`, async () => {
      const r = await ls(["--vendor", vendor, "--domain", DOMAIN]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        [
          "DOMAIN            APP     STREAM  EXPIRES",
          `push.example.com  live    spam-1  ${utc(T1)}`,
          `push.example.com  sports  0042    ${utc(T2)}`,
          `2 bans on ${vendor} push.example.com`,
          "",
        ].join("\n"),
      );
      assert.equal(r.stderr, "", "no progress counter when stderr is not a terminal");
    });
  }

  it("aliyun: its list has no expiry, shown as -; several domains at once", async () => {
    const r = await ls(["--vendor", "aliyun", "--domain", DOMAIN, "--domain", "Other.Example.com"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        "DOMAIN             APP     STREAM     EXPIRES",
        "other.example.com  live    elsewhere  -",
        "push.example.com   live    spam-1     -",
        "push.example.com   sports  0042       -",
        "3 bans on aliyun push.example.com, other.example.com",
        "",
      ].join("\n"),
    );
  });

  it("--json: one array, expiries as UTC seconds or null", async () => {
    const r = await ls(["--vendor", "huawei", "--domain", DOMAIN, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { vendor: "huawei", domain: DOMAIN, app: "live", stream: "spam-1", expiresAt: utc(T1) },
      { vendor: "huawei", domain: DOMAIN, app: "sports", stream: "0042", expiresAt: utc(T2) },
    ]);
  });

  it("an empty domain", async () => {
    const r = await ls(["--vendor", "tencent", "--domain", "empty.example.com"]);
    assert.deepEqual([r.code, r.stdout], [0, "0 bans on tencent empty.example.com\n"]);
  });

  it("--progress counts a long listing on stderr, a line per 1,000 when stderr is not a terminal", async () => {
    const big = "big.example.com";
    for (let i = 0; i < 2500; i++) putBan(sb, "aliyun", big, "live", `s${String(i).padStart(4, "0")}`, T1);
    const r = await ls(["--vendor", "aliyun", "--domain", big, "--progress"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, ["1000", "2000", "2500, done"].map((n) => `streamblock ls: aliyun bans listed: ${n}\n`).join(""));
    assert.equal(r.stdout.split("\n").length, 1 + 2500 + 1 + 1);
    assert.match(r.stdout, /\n2500 bans on aliyun big.example.com\n$/);
  });

  it("a vendor error exits 1 with the vendor's code: Tencent's forbid list taken offline", async () => {
    sb.setVariants({ tencent: { forbidList: "action-offline" } });
    try {
      const r = await ls(["--vendor", "tencent", "--domain", DOMAIN]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^streamblock ls: tencent offers no list of bans for this account \(tencent list .* failed: ActionOffline: .*\); bans can only be looked up one stream at a time\n$/);
    } finally {
      sb.setVariants({ tencent: { forbidList: "available" } });
    }
  });

  it("missing credentials exit 1 naming the variable to set", async () => {
    const r = await ls(["--vendor", "tencent", "--domain", DOMAIN], { TENCENTCLOUD_SECRET_KEY: "" });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, "streamblock ls: tencent: missing environment variable TENCENTCLOUD_SECRET_KEY (the streamblock CLI reads credentials from the environment only)\n");
  });

  it("wrong credentials exit 1 with the vendor's refusal", async () => {
    const r = await ls(["--vendor", "aliyun", "--domain", DOMAIN], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-value" });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^streamblock ls: aliyun list stream push\.example\.com failed: /);
    assert.ok(!r.stderr.includes("wrong-secret-value"));
  });

  it("usage mistakes exit 2: no vendor, an unknown vendor, no domain, a stray argument", async () => {
    const cases: [string[], string][] = [
      [["--domain", DOMAIN], "--vendor is required: one of huawei, tencent, aliyun"],
      [["--vendor", "aws", "--domain", DOMAIN], '--vendor must be one of huawei, tencent, aliyun, got "aws"'],
      [["--vendor", "tencent"], "--domain is required (a push domain, e.g. push.example.com)"],
      [["--vendor", "tencent", "--domain", DOMAIN, "extra"], 'unexpected argument "extra"'],
    ];
    for (const [args, message] of cases) {
      const r = await ls(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.ok(r.stderr.startsWith(`streamblock ls: ${message}\n\nusage: streamblock ls`), r.stderr);
    }
  });

  it("never prints a credential", () => {
    for (const r of runs) for (const secret of sandboxSecrets(sb)) assert.ok(!(r.stdout + r.stderr).includes(secret));
  });
});
