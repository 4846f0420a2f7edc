// The sandbox driven by the vendors' official Go SDKs (test/go-sdk), a second client per vendor beside the Node SDK checks.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { BanView, Sandbox } from "../../provider/sandbox/sandbox";
import type { KickRecord } from "../../provider/sandbox/ban-store";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { startTestSandbox } from "./capture-replay";
import { ensureGoSdkCheck, runGoSdkStep, type GoSdkClient, type GoSdkCredentials, type GoSdkResult, type GoSdkStep } from "./go-sdk-check";

const DAY = 86_400_000;
/** Temporary keys (each its own account): the SDKs must send the token the way the vendor wants it. */
const TEMPORARY: Required<GoSdkCredentials> = {
  tencent: { secretId: "AKIDGOSDKTEMPORARY000000000000000000", secretKey: "go-sdk-temporary-secret", token: "go-sdk-tencent-session-token" },
  aliyun: { accessKeyId: "STS.GOSDKTEMPORARY0000", accessKeySecret: "go-sdk-temporary-secret", securityToken: "go-sdk-aliyun-security-token" },
  huawei: { ak: "GOSDKTEMPORARYAK0000", sk: "go-sdk-temporary-secret", projectId: "6b1eb1d06b1eb1d06b1eb1d06b1eb1d0", securityToken: "go-sdk-huawei-security-token" },
};
/** What the sandbox answers a temporary key sent without its token. */
const MISSING_TOKEN_CODE: Record<VendorId, string> = {
  tencent: "AuthFailure.TokenFailure",
  aliyun: "InvalidSecurityToken.Mismatch",
  huawei: "APIGW.0301",
};
/** The account each temporary key acts on. */
const TEMPORARY_ACCOUNT: Record<VendorId, string> = {
  tencent: TEMPORARY.tencent.secretId,
  aliyun: TEMPORARY.aliyun.accessKeyId,
  huawei: TEMPORARY.huawei.projectId,
};
const DOMAIN = "push.example.com";
const APP = "live";

interface ClientCase {
  client: GoSdkClient;
  vendor: VendorId;
  /** The vendor's answer to a wrong secret (tencent.md §5, aliyun.md §5, huawei.md §4). */
  signatureError: { code: string; status?: number };
  /** The action a one-shot kick records. */
  kickAction: string;
}

const CLIENTS: ClientCase[] = [
  { client: "tencent-post", vendor: "tencent", signatureError: { code: "AuthFailure.SignatureFailure" }, kickAction: "DropLiveStream" },
  { client: "tencent-get", vendor: "tencent", signatureError: { code: "AuthFailure.SignatureFailure" }, kickAction: "DropLiveStream" },
  { client: "huawei", vendor: "huawei", signatureError: { code: "APIGW.0301", status: 401 }, kickAction: "CreateStreamForbiddenOnce" },
  { client: "aliyun-acs3", vendor: "aliyun", signatureError: { code: "SignatureDoesNotMatch", status: 400 }, kickAction: "ForbidLiveStream" },
  { client: "aliyun-rpc", vendor: "aliyun", signatureError: { code: "SignatureDoesNotMatch", status: 400 }, kickAction: "ForbidLiveStream" },
  { client: "aliyun-classic", vendor: "aliyun", signatureError: { code: "SignatureDoesNotMatch", status: 400 }, kickAction: "ForbidLiveStream" },
];

/** UTC with whole seconds, as every vendor takes a resume time. */
function utcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

describe("sandbox vs the vendors' official Go SDKs (test/go-sdk, scripts/ensure-go-sdk-check.sh)", function () {
  let bin: string;
  let sb: Sandbox;

  before(async function () {
    // Cold: `go mod download` and a build of the SDKs, minutes on a loaded machine; cached: instant.
    this.timeout(30 * 60_000);
    bin = await ensureGoSdkCheck();
    // The Go programs' list step reads Tencent's forbid list, so this run keeps it answering.
    sb = await startTestSandbox({
      variants: { tencent: { forbidList: "available" } },
      extraCredentials: {
        tencent: [{ secretId: TEMPORARY.tencent.secretId, secretKey: TEMPORARY.tencent.secretKey, sessionToken: TEMPORARY.tencent.token }],
        aliyun: [TEMPORARY.aliyun],
        huawei: [{ ...TEMPORARY.huawei, authToken: "go-sdk-huawei-iam-token" }],
      },
    });
  });
  after(async () => {
    await sb?.close();
  });

  /** The sandbox's view through its admin API. */
  async function admin<T>(path: string, query: Record<string, string>): Promise<T> {
    const res = await fetch(`${sb.endpoints.admin}${path}?${new URLSearchParams(query).toString()}`);
    assert.equal(res.status, 200);
    return (await res.json()) as T;
  }

  it("finds the built binary again without a Go toolchain (no module download, no build, no network)", () => {
    const out = execFileSync("bash", [join(__dirname, "..", "..", "scripts", "ensure-go-sdk-check.sh")], {
      env: { ...process.env, PATH: "/usr/bin:/bin", GO: "/nonexistent/go", GOPROXY: "off" },
      encoding: "utf8",
    });
    assert.equal(out.trim().split("\n").pop(), bin);
  });

  for (const c of CLIENTS) {
    it(`${c.client}: ban, list, update, resume, kick and a wrong secret agree with the sandbox's state`, async function () {
      this.timeout(60_000);
      const stream = `go-${c.client}`;
      const key = { vendor: c.vendor, domain: DOMAIN, app: APP, stream };
      const bans = () => admin<BanView[]>("/bans", key);
      const step = async (s: GoSdkStep, resumeTime?: string): Promise<GoSdkResult> => {
        const r = await runGoSdkStep(bin, sb, c.client, s, { domain: DOMAIN, app: APP, stream, ...(resumeTime ? { resumeTime } : {}) });
        assert.deepEqual([r.client, r.step], [c.client, s]);
        return r;
      };
      const ok = (r: GoSdkResult) => assert.ok(r.ok, `${r.step}: ${r.code ?? ""} ${r.message ?? ""}`);
      const first = utcSeconds(sb.clock.nowMs() + 2 * DAY);
      const second = utcSeconds(sb.clock.nowMs() + 5 * DAY);

      ok(await step("ban", first));
      const banned = await bans();
      assert.deepEqual(
        banned.map((b) => [b.account, b.expiresAt, b.active]),
        [[sb.primaryAccount(c.vendor), new Date(first).toISOString(), true]],
      );

      const listed = await step("list");
      ok(listed);
      assert.equal(listed.found, true);
      assertListed(c.vendor, listed, first, stream);
      if (c.vendor === "tencent") {
        assert.equal((await step("state")).streamState, "forbid");
        // tencent.md §3.5: where the list is gone, the SDK surfaces the removal and the per-stream state still reads the ban.
        sb.setVariants({ tencent: { forbidList: "action-offline" } });
        try {
          const offline = await step("list");
          assert.deepEqual([offline.ok, offline.code], [false, "ActionOffline"]);
          assert.equal((await step("state")).streamState, "forbid");
        } finally {
          sb.setVariants({ tencent: { forbidList: "available" } });
        }
      }

      ok(await step("update", second));
      assert.deepEqual((await bans()).map((b) => b.expiresAt), [new Date(second).toISOString()]);
      const relisted = await step("list");
      assert.equal(relisted.found, true);
      assertListed(c.vendor, relisted, second, stream);

      ok(await step("resume"));
      assert.deepEqual(await bans(), []);
      const gone = await step("list");
      ok(gone);
      assert.equal(gone.found, false);

      ok(await step("kick"));
      const kicks = await admin<KickRecord[]>("/kicks", key);
      assert.deepEqual(kicks.map((k) => k.action), [c.kickAction]);
      assert.deepEqual(await bans(), []);

      const bad = await step("badsig");
      assert.equal(bad.ok, false);
      assert.equal(bad.code, c.signatureError.code, bad.message);
      if (c.signatureError.status !== undefined) assert.equal(bad.status, c.signatureError.status);
      assert.match(bad.requestId ?? "", /\S/);
      assert.ok(!JSON.stringify(bad).includes(secretOf(sb, c.vendor)));
      assert.deepEqual(await bans(), []);
      const refused = sb.callLog().filter((e) => e.vendor === c.vendor && e.code === c.signatureError.code);
      assert.ok(refused.length >= 1, "the sandbox logged the refused call");
    });

    it(`${c.client}: a temporary key is refused without its token, and with it bans, lists and resumes on its own account`, async function () {
      this.timeout(60_000);
      const stream = `go-temp-${c.client}`;
      const key = { vendor: c.vendor, account: TEMPORARY_ACCOUNT[c.vendor], domain: DOMAIN, app: APP, stream };
      const resumeTime = utcSeconds(sb.clock.nowMs() + 3 * DAY);
      const target = { domain: DOMAIN, app: APP, stream, resumeTime };
      const step = (s: GoSdkStep) => runGoSdkStep(bin, sb, c.client, s, target, TEMPORARY);
      const ok = (r: GoSdkResult) => assert.ok(r.ok, `${r.step}: ${r.code ?? ""} ${r.message ?? ""}`);

      const withoutTokens: GoSdkCredentials = {
        tencent: { ...TEMPORARY.tencent, token: "" },
        aliyun: { ...TEMPORARY.aliyun, securityToken: "" },
        huawei: { ...TEMPORARY.huawei, securityToken: "" },
      };
      const tokenless = await runGoSdkStep(bin, sb, c.client, "ban", target, withoutTokens);
      assert.equal(tokenless.ok, false, "a temporary key without its token must be refused");
      assert.equal(tokenless.code, MISSING_TOKEN_CODE[c.vendor], tokenless.message);
      assert.deepEqual(await admin<BanView[]>("/bans", key), []);

      ok(await step("ban"));
      assert.deepEqual((await admin<BanView[]>("/bans", key)).map((b) => b.expiresAt), [new Date(resumeTime).toISOString()]);
      const listed = await step("list");
      ok(listed);
      assert.equal(listed.found, true);
      ok(await step("resume"));
      assert.deepEqual(await admin<BanView[]>("/bans", key), []);
    });
  }
});

/** What each vendor's list says about the ban (tencent.md §3.5, huawei.md §2.2, aliyun.md §2.3). */
function assertListed(vendor: VendorId, r: GoSdkResult, resumeTime: string, stream: string): void {
  if (vendor === "tencent") assert.equal(new Date(r.listed ?? "").getTime(), new Date(resumeTime).getTime(), r.listed);
  else if (vendor === "huawei") assert.equal(r.listed, resumeTime);
  else assert.equal(r.listed, `${DOMAIN}/${APP}/${stream}`);
  assert.ok((r.total ?? 0) >= 1);
}

function secretOf(sb: Sandbox, vendor: VendorId): string {
  if (vendor === "tencent") return sb.credentials.tencent.secretKey;
  if (vendor === "aliyun") return sb.credentials.aliyun.accessKeySecret;
  return sb.credentials.huawei.sk;
}
