// Cross-check against the official @huaweicloud/huaweicloud-sdk-core HcClient: same signature as ours, and our verifier's verdicts.
import { strict as assert } from "node:assert";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";
import type { HcClient } from "@huaweicloud/huaweicloud-sdk-core/HcClient";
import fc from "fast-check";
import { verifyHuaweiRequest } from "../../../provider/sandbox/auth/huawei-verifier";
import type { KeySecret, ReceivedRequest } from "../../../provider/sandbox/auth/verify-result";
import type { HttpMethod } from "../../../provider/transport/http-types";
import type { HuaweiCredentials } from "../../../provider/vendors/credentials";
import { signHuaweiRequest } from "../../../provider/vendors/huawei/apig-signer";
import { appName, CROSSCHECK_SEED, domainName, resumeTime, trickyName } from "../block-request-arbitraries";
import { clearProxyEnv, startCaptureServer, type CannedReply, type CaptureServer } from "../loopback-capture-server";

const PID = "77b6a44cba5143ab91d13ab9a8ff44fd";
type AkSk = Extract<HuaweiCredentials, { kind: "aksk" }>;
const LONG: AkSk = { kind: "aksk", ak: "HWCROSSCHECKLONG", sk: "crosscheck-long-secret", projectId: PID };
const TEMP: AkSk = { kind: "aksk", ak: "HWCROSSCHECKTEMP", sk: "crosscheck-temp-secret", securityToken: "crosscheck-security-token", projectId: PID };
const KEYS: Record<string, KeySecret> = {
  [LONG.ak]: { secret: LONG.sk },
  [TEMP.ak]: { secret: TEMP.sk, sessionToken: TEMP.securityToken ?? "" },
};

const setting = fc.record(
  { domain: domainName, app_name: appName, stream_name: trickyName, resume_time: resumeTime },
  { requiredKeys: ["domain", "app_name", "stream_name"] },
);
const key = fc.record({ domain: domainName, app_name: appName, stream_name: trickyName });
/** The five block operations of huawei.md §2: method, path and where the parameters go. */
const operation = fc.oneof(
  fc.record({ method: fc.constant<HttpMethod>("POST"), path: fc.constant("stream/blocks"), data: setting }),
  fc.record({ method: fc.constant<HttpMethod>("PUT"), path: fc.constant("stream/blocks"), data: setting }),
  fc.record({
    method: fc.constant<HttpMethod>("GET"),
    path: fc.constant("stream/blocks"),
    query: fc.record(
      { domain: domainName, app_name: appName, stream_name: trickyName, page: fc.integer({ min: 0, max: 9 }), size: fc.integer({ min: 1, max: 100 }) },
      { requiredKeys: ["domain"] },
    ),
  }),
  fc.record({ method: fc.constant<HttpMethod>("DELETE"), path: fc.constant("stream/blocks"), query: key }),
  fc.record({ method: fc.constant<HttpMethod>("POST"), path: fc.constant("stream/block-once"), data: key }),
);
const scenario = fc.record({ op: operation, temporary: fc.boolean() });

function plausibleReply(req: ReceivedRequest): CannedReply {
  return req.method === "GET"
    ? { status: 200, headers: { "content-type": "application/json" }, body: '{"total":0,"blocks":[]}' }
    : { status: 204 };
}

function sdkDateToDate(sdkDate: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(sdkDate);
  assert.ok(m, `X-Sdk-Date ${sdkDate}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** Changes the first character of the domain value, in the JSON body or in the query. */
function tamperDomain(c: ReceivedRequest): ReceivedRequest {
  const other = (ch: string) => (ch === "x" ? "y" : "x");
  return c.body !== ""
    ? { ...c, body: c.body.replace(/"domain":"(.)/, (_m, ch: string) => `"domain":"${other(ch)}`) }
    : { ...c, rawQuery: c.rawQuery.replace(/domain=(.)/, (_m, ch: string) => `domain=${other(ch)}`) };
}

describe("vendors/huawei/apig-signer vs @huaweicloud/huaweicloud-sdk-core HcClient (huawei.md §6)", () => {
  let server: CaptureServer;
  let restoreEnv: () => void;
  const clients = new Map<boolean, HcClient>();

  before(async () => {
    restoreEnv = clearProxyEnv();
    server = await startCaptureServer(plausibleReply);
    for (const temporary of [false, true]) {
      const creds = temporary ? TEMP : LONG;
      let credential = new BasicCredentials().withAk(creds.ak).withSk(creds.sk).withProjectId(PID);
      if (creds.securityToken !== undefined) credential = credential.withSecurityToken(creds.securityToken);
      clients.set(temporary, new ClientBuilder<HcClient>((hc) => hc).withCredential(credential).withEndpoint(`http://127.0.0.1:${server.port}`).build());
    }
  });
  after(async () => {
    await server.close();
    restoreEnv();
  });

  it("signs every block operation identically and the verifier accepts it, then rejects it tampered", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ op, temporary }) => {
        const creds = temporary ? TEMP : LONG;
        const hc = clients.get(temporary);
        assert.ok(hc);
        // fast-check builds records without a prototype; the SDK only walks plain objects.
        const result = (await hc.sendRequest({
          method: op.method,
          url: `/v1/{project_id}/${op.path}`,
          contentType: "application/json;charset=UTF-8",
          pathParams: {},
          queryParams: "query" in op ? { ...op.query } : {},
          headers: {},
          ...("data" in op ? { data: { ...op.data } } : {}),
        })) as { httpStatusCode?: number };
        assert.equal(result.httpStatusCode, op.method === "GET" ? 200 : 204);

        const c = server.last();
        seen.add(`${c.method} ${op.path}`);
        const theirs = c.headers.authorization ?? "";
        // huawei.md §5 step 6: the Node SDK signs host (with port) and content-type too.
        assert.match(theirs, /SignedHeaders=content-type;host;x-project-id;x-sdk-date(;x-security-token)?, /);
        const now = sdkDateToDate(c.headers["x-sdk-date"] ?? "");
        const ours = signHuaweiRequest(
          {
            method: op.method,
            url: new URL(`http://127.0.0.1:${server.port}${c.path}${c.rawQuery === "" ? "" : "?" + c.rawQuery}`),
            headers: { "content-type": c.headers["content-type"] ?? "" },
            ...(c.body === "" ? {} : { body: c.body }),
          },
          creds,
          { now },
        );
        assert.equal(ours.headers.authorization, theirs);

        const verify = (r: ReceivedRequest) => verifyHuaweiRequest(r, (ak) => KEYS[ak], now, 900, () => undefined);
        assert.deepEqual(verify(c), { ok: true, accessKeyId: creds.ak });
        const tampered = [tamperDomain(c), { ...c, headers: { ...c.headers, "x-project-id": "0".repeat(32) } }];
        for (const t of tampered) {
          const verdict = verify(t);
          assert.equal(verdict.ok ? "ok" : verdict.reason, "bad-signature");
        }
      }),
      { seed: CROSSCHECK_SEED, numRuns: 40 },
    );
    assert.deepEqual([...seen].sort(), ["DELETE stream/blocks", "GET stream/blocks", "POST stream/block-once", "POST stream/blocks", "PUT stream/blocks"]);
  });
});
