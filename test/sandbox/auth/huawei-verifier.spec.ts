// The sandbox's Huawei verifier: AK/SK signatures (ours and the Go SDK's header choice), X-Auth-Token, each kind of failure.
import { strict as assert } from "node:assert";
import { verifyHuaweiRequest } from "../../../provider/sandbox/auth/huawei-verifier";
import type { KeySecret, ReceivedRequest, VerifyFailureReason } from "../../../provider/sandbox/auth/verify-result";
import { sha256Hex } from "../../../provider/vendors/digest";
import {
  apigAuthorization,
  apigCanonicalRequest,
  apigSignature,
  apigStringToSign,
  signHuaweiRequest,
  UNSIGNED_PAYLOAD,
} from "../../../provider/vendors/huawei/apig-signer";
import { parseRawQuery } from "../../../provider/vendors/raw-query";
import { asReceived, copyReceived } from "./as-received";

const NOW = new Date("2030-05-06T07:08:09Z");
const PID = "0123456789abcdef0123456789abcdef";
const KEYS: Record<string, KeySecret> = {
  AKLONG: { secret: "long-term-secret-value" },
  AKTEMP: { secret: "temporary-secret-value", sessionToken: "session-token-value" },
};
const lookup = (id: string): KeySecret | undefined => KEYS[id];
const lookupToken = (token: string) => (token === "iam-token-value" ? "user-42" : undefined);
const verify = (r: ReceivedRequest, now = NOW) => verifyHuaweiRequest(r, lookup, now, 900, lookupToken);

const LONG = { kind: "aksk" as const, ak: "AKLONG", sk: "long-term-secret-value", projectId: PID };
const TEMP = { kind: "aksk" as const, ak: "AKTEMP", sk: "temporary-secret-value", securityToken: "session-token-value", projectId: PID };

const post = asReceived(
  signHuaweiRequest(
    {
      method: "POST",
      url: new URL(`http://127.0.0.1:7000/v1/${PID}/stream/blocks`),
      headers: { "content-type": "application/json;charset=UTF-8" },
      body: '{"domain":"push.example.com","app_name":"live","stream_name":"a b"}',
    },
    LONG,
    { now: NOW },
  ),
);
const del = asReceived(
  signHuaweiRequest(
    {
      method: "DELETE",
      url: new URL(`http://127.0.0.1:7000/v1/${PID}/stream/blocks?domain=push.example.com&app_name=live&stream_name=a%20b%2Ac~%27()!%2F%3F%26%3D%E7%9B%B4`),
      headers: { "content-type": "application/json" },
    },
    TEMP,
    { now: NOW },
  ),
);

/** The Go SDK's choice: neither host nor content-type signed, body with a trailing newline. */
function goStyle(): ReceivedRequest {
  const r = copyReceived(post);
  r.body += "\n";
  const signedHeaders = ["x-project-id", "x-sdk-date"];
  const canonical = apigCanonicalRequest({ method: "POST", path: r.path, query: [], headers: r.headers, signedHeaders, payloadHash: sha256Hex(r.body) });
  r.headers.authorization = apigAuthorization("AKLONG", signedHeaders, apigSignature("long-term-secret-value", apigStringToSign(r.headers["x-sdk-date"] ?? "", canonical)));
  return r;
}

/** Node SDK wire form: `*` and `'` raw in the query; and an unsigned payload. */
function wireVariant(): ReceivedRequest {
  const r = copyReceived(del);
  r.rawQuery = r.rawQuery.replace("%2A", "*").replace("%27", "'");
  return r;
}

function unsignedPayload(): ReceivedRequest {
  const r = asReceived(
    signHuaweiRequest(
      { method: "PUT", url: new URL(`http://127.0.0.1:7000/v1/${PID}/stream/blocks`), headers: { "content-type": "application/octet-stream", "x-sdk-content-sha256": UNSIGNED_PAYLOAD }, body: "opaque" },
      LONG,
      { now: NOW },
    ),
  );
  return r;
}

interface Case {
  name: string;
  base: ReceivedRequest;
  mutate?: (r: ReceivedRequest) => void;
  now?: Date;
  expect: VerifyFailureReason;
}

const CASES: Case[] = [
  { name: "neither Authorization nor token", base: post, mutate: (r) => delete r.headers.authorization, expect: "missing" },
  { name: "garbled Authorization", base: post, mutate: (r) => (r.headers.authorization = "SDK-HMAC-SHA256 x"), expect: "malformed" },
  { name: "x-sdk-date not signed", base: goStyle(), mutate: (r) => (r.headers.authorization = (r.headers.authorization ?? "").replace(";x-sdk-date", "")), expect: "malformed" },
  { name: "X-Sdk-Date in ISO format", base: post, mutate: (r) => (r.headers["x-sdk-date"] = "2030-05-06T07:08:09Z"), expect: "malformed" },
  { name: "malformed escape in the query", base: del, mutate: (r) => (r.rawQuery += "&x=%E4"), expect: "malformed" },
  { name: "unknown AK", base: post, mutate: (r) => (r.headers.authorization = (r.headers.authorization ?? "").replace("AKLONG", "AKNONE")), expect: "unknown-key" },
  { name: "date 901 s old", base: post, now: new Date(NOW.getTime() + 901_000), expect: "expired" },
  { name: "body byte changed", base: post, mutate: (r) => (r.body = r.body.replace("a b", "a c")), expect: "bad-signature" },
  { name: "query value changed", base: del, mutate: (r) => (r.rawQuery = r.rawQuery.replace("live", "livf")), expect: "bad-signature" },
  { name: "path changed", base: post, mutate: (r) => (r.path = r.path.replace("blocks", "block-once")), expect: "bad-signature" },
  { name: "x-project-id changed", base: post, mutate: (r) => (r.headers["x-project-id"] = "f".repeat(32)), expect: "bad-signature" },
  { name: "UNSIGNED-PAYLOAD header removed", base: unsignedPayload(), mutate: (r) => delete r.headers["x-sdk-content-sha256"], expect: "malformed" },
  { name: "temporary key, token swapped", base: del, mutate: (r) => (r.headers["x-security-token"] = "other"), expect: "bad-signature" },
  { name: "invalid X-Auth-Token", base: post, mutate: (r) => { delete r.headers.authorization; r.headers["x-auth-token"] = "nope"; }, expect: "bad-token" },
];

describe("sandbox/auth/huawei-verifier", () => {
  it("accepts a POST signed over content-type;host;x-project-id;x-sdk-date", () => assert.deepEqual(verify(post), { ok: true, accessKeyId: "AKLONG" }));
  it("accepts a DELETE with temporary credentials and reserved/UTF-8 characters in the query", () => assert.deepEqual(verify(del), { ok: true, accessKeyId: "AKTEMP" }));
  it("accepts the Go SDK's signed-header choice (no host, no content-type)", () => assert.deepEqual(verify(goStyle()), { ok: true, accessKeyId: "AKLONG" }));
  it("re-encodes the received query: raw `*` and `'` verify like their escapes", () => assert.equal(verify(wireVariant()).ok, true));
  it("honours x-sdk-content-sha256: UNSIGNED-PAYLOAD (body not covered)", () => {
    const r = unsignedPayload();
    assert.equal(verify(r).ok, true);
    r.body = "changed";
    assert.equal(verify(r).ok, true);
  });
  it("accepts a valid X-Auth-Token and reports its principal", () => {
    const r = asReceived(signHuaweiRequest({ method: "GET", url: new URL(`http://127.0.0.1:7000/v1/${PID}/stream/blocks?domain=d`), headers: {} }, { kind: "token", authToken: "iam-token-value", projectId: PID }, { now: NOW }));
    assert.deepEqual(verify(r), { ok: true, accessKeyId: "user-42" });
  });
  it("rejects a temporary key signed without its X-Security-Token -> bad-token", () => {
    const { securityToken: _dropped, ...withoutToken } = TEMP;
    const r = asReceived(signHuaweiRequest({ method: "GET", url: new URL(`http://127.0.0.1:7000/v1/${PID}/stream/blocks?domain=d`), headers: {} }, withoutToken, { now: NOW }));
    const result = verify(r);
    assert.equal(result.ok ? "ok" : result.reason, "bad-token");
  });
  it("canonicalises the path per segment with a trailing slash", () => {
    const r = copyReceived(post);
    const canonical = apigCanonicalRequest({ method: "POST", path: "/v1/a%20b/x y", query: parseRawQuery(""), headers: r.headers, signedHeaders: ["host"], payloadHash: "" });
    assert.equal(canonical.split("\n")[1], "/v1/a%20b/x%20y/");
  });

  for (const c of CASES) {
    it(`rejects: ${c.name} -> ${c.expect}`, () => {
      const r = copyReceived(c.base);
      c.mutate?.(r);
      const result = verify(r, c.now);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason, c.expect, result.detail);
      for (const secret of ["long-term-secret-value", "temporary-secret-value", "session-token-value", "nope"]) {
        assert.ok(!result.detail.includes(secret), `detail leaks a secret: ${result.detail}`);
      }
    });
  }
});
