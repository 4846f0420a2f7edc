// Cross-check against the official tencentcloud-sdk-nodejs-common CommonClient: same signature as ours, and our verifier's verdicts.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { verifyTencentRequest } from "../../../provider/sandbox/auth/tencent-verifier";
import type { KeySecret, ReceivedRequest } from "../../../provider/sandbox/auth/verify-result";
import type { TencentCredentials } from "../../../provider/vendors/credentials";
import { signTencentRequest } from "../../../provider/vendors/tencent/tc3-signer";
import { appName, CROSSCHECK_SEED, domainName, resumeTime, trickyName } from "../block-request-arbitraries";
import { clearProxyEnv, startCaptureServer, type CannedReply, type CaptureServer } from "../loopback-capture-server";

const LONG: TencentCredentials = { secretId: "AKIDcrosscheckLong", secretKey: "crosscheck-long-secret" };
const TEMP: TencentCredentials = { secretId: "AKIDcrosscheckTemp", secretKey: "crosscheck-temp-secret", sessionToken: "crosscheck-session-token" };
const KEYS: Record<string, KeySecret> = {
  [LONG.secretId]: { secret: LONG.secretKey },
  [TEMP.secretId]: { secret: TEMP.secretKey, sessionToken: TEMP.sessionToken ?? "" },
};

const streamKey = fc.record({ AppName: appName, DomainName: domainName, StreamName: trickyName });
/** Every block-family action of tencent.md §3 with generated parameters. */
const action = fc.oneof(
  fc.record({
    action: fc.constant("ForbidLiveStream"),
    params: fc.record(
      { AppName: appName, DomainName: domainName, StreamName: trickyName, ResumeTime: resumeTime, Reason: trickyName },
      { requiredKeys: ["AppName", "DomainName", "StreamName"] },
    ),
  }),
  fc.record({ action: fc.constantFrom("ResumeLiveStream", "DropLiveStream", "DescribeLiveStreamState"), params: streamKey }),
  fc.record({
    action: fc.constant("DescribeLiveForbidStreamList"),
    params: fc.record(
      { PageNum: fc.integer({ min: 1, max: 50 }), PageSize: fc.integer({ min: 1, max: 100 }), StreamName: trickyName },
      { requiredKeys: ["PageNum", "PageSize"] },
    ),
  }),
);
const scenario = fc.record({ call: action, reqMethod: fc.constantFrom("POST" as const, "GET" as const), temporary: fc.boolean() });

function plausibleReply(req: ReceivedRequest): CannedReply {
  const base = { RequestId: "8e50cdb5-56dc-408b-89b0-31818958d424" };
  const fields: Record<string, Record<string, unknown>> = {
    DescribeLiveStreamState: { StreamState: "forbid" },
    DescribeLiveForbidStreamList: { ForbidStreamList: [], TotalNum: 0, TotalPage: 0, PageNum: 1, PageSize: 10 },
  };
  const extra = fields[req.headers["x-tc-action"] ?? ""] ?? {};
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ Response: { ...extra, ...base } }) };
}

/** Flips one character in the middle of `s` (a different byte at the same place). */
function flipOne(s: string): string {
  const i = Math.floor(s.length / 2);
  const ch = s[i] === "A" ? "B" : "A";
  return s.slice(0, i) + ch + s.slice(i + 1);
}

describe("vendors/tencent/tc3-signer vs tencentcloud-sdk-nodejs-common CommonClient (tencent.md §5)", () => {
  let server: CaptureServer;
  let restoreEnv: () => void;

  before(async () => {
    restoreEnv = clearProxyEnv();
    server = await startCaptureServer(plausibleReply);
  });
  after(async () => {
    await server.close();
    restoreEnv();
  });

  it("signs every block action identically and the verifier accepts it, then rejects it tampered", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ call, reqMethod, temporary }) => {
        const creds = temporary ? TEMP : LONG;
        const endpoint = `127.0.0.1:${server.port}`;
        const client = new CommonClient(endpoint, "2018-08-01", {
          credential: { secretId: creds.secretId, secretKey: creds.secretKey, token: creds.sessionToken },
          region: "",
          profile: { httpProfile: { endpoint, protocol: "http://", reqMethod } },
        });
        const response = await client.request(call.action, call.params);
        assert.equal((response as { RequestId?: string }).RequestId, "8e50cdb5-56dc-408b-89b0-31818958d424");

        const c = server.last();
        const authorization = c.headers.authorization ?? "";
        // tencent.md §5: the SDK's credential-scope service is endpoint.split(".")[0], i.e. "127" here.
        assert.match(authorization, /\/127\/tc3_request, SignedHeaders=content-type;host, /);
        const timestamp = Number(c.headers["x-tc-timestamp"]);
        const ours = signTencentRequest(
          {
            method: reqMethod,
            url: new URL(`http://${endpoint}${c.path}${c.rawQuery === "" ? "" : "?" + c.rawQuery}`),
            headers: { "content-type": c.headers["content-type"] ?? "" },
            body: c.body,
          },
          creds,
          { now: new Date(timestamp * 1000), service: "127" },
        );
        assert.equal(ours.headers.authorization, authorization);
        assert.equal(ours.headers["x-tc-token"], c.headers["x-tc-token"]);

        const now = new Date(timestamp * 1000);
        const verify = (r: ReceivedRequest) => verifyTencentRequest(r, (id) => KEYS[id], now, 300);
        assert.deepEqual(verify(c), { ok: true, accessKeyId: creds.secretId });
        const tampered: ReceivedRequest[] = [
          reqMethod === "POST" ? { ...c, body: flipOne(c.body) } : { ...c, rawQuery: flipOne(c.rawQuery) },
          { ...c, headers: { ...c.headers, "content-type": c.headers["content-type"] + "; charset=utf-8" } },
        ];
        for (const t of tampered) {
          const result = verify(t);
          assert.equal(result.ok ? "ok" : result.reason, "bad-signature");
        }
      }),
      { seed: CROSSCHECK_SEED, numRuns: 40 },
    );
    // The seeded run must have exercised both methods and all five actions.
    assert.deepEqual(new Set(server.captured.map((r) => r.method)), new Set(["GET", "POST"]));
    assert.deepEqual(
      new Set(server.captured.map((r) => r.headers["x-tc-action"])),
      new Set(["ForbidLiveStream", "ResumeLiveStream", "DropLiveStream", "DescribeLiveStreamState", "DescribeLiveForbidStreamList"]),
    );
  });
});
