// The sandbox's TC3 verifier: accepts what the signer (and the SDK's variants) produce, names each kind of failure.
import { strict as assert } from "node:assert";
import { verifyTencentRequest } from "../../../provider/sandbox/auth/tencent-verifier";
import type { KeySecret, ReceivedRequest, VerifyFailureReason } from "../../../provider/sandbox/auth/verify-result";
import { sha256Hex } from "../../../provider/vendors/digest";
import {
  signTencentRequest,
  tc3Authorization,
  tc3CanonicalRequest,
  tc3CredentialScope,
  tc3Date,
  tc3DeriveKeys,
  tc3Signature,
  tc3StringToSign,
} from "../../../provider/vendors/tencent/tc3-signer";
import { asReceived, copyReceived } from "./as-received";

const NOW = new Date("2030-05-06T07:08:09Z");
const KEYS: Record<string, KeySecret> = {
  AKIDlong: { secret: "long-term-secret-value" },
  AKIDtemp: { secret: "temporary-secret-value", sessionToken: "session-token-value" },
};
const lookup = (id: string): KeySecret | undefined => KEYS[id];
const verify = (r: ReceivedRequest, now = NOW) => verifyTencentRequest(r, lookup, now, 300);

const post = asReceived(
  signTencentRequest(
    {
      method: "POST",
      url: new URL("http://127.0.0.1:8443/"),
      headers: { "content-type": "application/json", "x-tc-action": "ForbidLiveStream", "x-tc-version": "2018-08-01" },
      body: '{"AppName":"live","DomainName":"push.example.com","StreamName":"s 1"}',
    },
    { secretId: "AKIDlong", secretKey: "long-term-secret-value" },
    { now: NOW },
  ),
);
const get = asReceived(
  signTencentRequest(
    {
      method: "GET",
      url: new URL("http://127.0.0.1:8443/?AppName=live&StreamName=a%20b*c~'()!&DomainName=push.example.com"),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-tc-action": "DescribeLiveStreamState", "x-tc-version": "2018-08-01" },
    },
    { secretId: "AKIDtemp", secretKey: "temporary-secret-value", sessionToken: "session-token-value" },
    { now: NOW, service: "127" },
  ),
);

/** Signs like the Go SDK: service `live`, canonical host = the Host header with its port. */
function goStyle(): ReceivedRequest {
  const r = copyReceived(post);
  const ts = Math.floor(NOW.getTime() / 1000);
  const scope = tc3CredentialScope(tc3Date(ts), "live");
  const canonical = tc3CanonicalRequest({
    method: "POST",
    canonicalUri: "/",
    canonicalQuery: "",
    headers: r.headers,
    signedHeaders: ["content-type", "host"],
    payloadHash: sha256Hex(r.body),
  });
  const sig = tc3Signature(tc3DeriveKeys("long-term-secret-value", tc3Date(ts), "live").signing, tc3StringToSign(ts, scope, canonical));
  r.headers.authorization = tc3Authorization("AKIDlong", scope, ["content-type", "host"], sig);
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
  { name: "no Authorization", base: post, mutate: (r) => delete r.headers.authorization, expect: "missing" },
  { name: "no X-TC-Timestamp", base: post, mutate: (r) => delete r.headers["x-tc-timestamp"], expect: "missing" },
  { name: "other algorithm", base: post, mutate: (r) => (r.headers.authorization = "HMAC-SHA1 abc"), expect: "malformed" },
  { name: "host not signed", base: post, mutate: (r) => (r.headers.authorization = (r.headers.authorization ?? "").replace("content-type;host", "content-type")), expect: "malformed" },
  { name: "fractional timestamp", base: post, mutate: (r) => (r.headers["x-tc-timestamp"] += ".5"), expect: "malformed" },
  { name: "unknown SecretId", base: post, mutate: (r) => (r.headers.authorization = (r.headers.authorization ?? "").replace("AKIDlong", "AKIDnone")), expect: "unknown-key" },
  { name: "timestamp 301 s old", base: post, now: new Date(NOW.getTime() + 301_000), expect: "expired" },
  { name: "timestamp 301 s ahead", base: post, now: new Date(NOW.getTime() - 301_000), expect: "expired" },
  { name: "body byte changed", base: post, mutate: (r) => (r.body = r.body.replace("s 1", "s 2")), expect: "bad-signature" },
  { name: "content-type changed", base: post, mutate: (r) => (r.headers["content-type"] = "application/json; charset=utf-8"), expect: "bad-signature" },
  { name: "host changed", base: post, mutate: (r) => (r.headers.host = "127.0.0.2:8443"), expect: "bad-signature" },
  { name: "GET query byte changed", base: get, mutate: (r) => (r.rawQuery = r.rawQuery.replace("live", "livf")), expect: "bad-signature" },
  { name: "GET query re-encoded (must be verified raw)", base: get, mutate: (r) => (r.rawQuery = r.rawQuery.replace("*", "%2A")), expect: "bad-signature" },
  { name: "temporary key without X-TC-Token", base: get, mutate: (r) => delete r.headers["x-tc-token"], expect: "bad-token" },
  { name: "wrong X-TC-Token", base: get, mutate: (r) => (r.headers["x-tc-token"] = "other-token"), expect: "bad-token" },
  { name: "X-TC-Token with a long-term key", base: post, mutate: (r) => (r.headers["x-tc-token"] = "session-token-value"), expect: "bad-token" },
];

describe("sandbox/auth/tencent-verifier", () => {
  it("accepts a POST signed with the hostname without port and service live", () => {
    assert.deepEqual(verify(post), { ok: true, accessKeyId: "AKIDlong" });
  });
  it("accepts a GET with temporary credentials, service 127 and reserved characters in the raw query", () => {
    assert.deepEqual(verify(get), { ok: true, accessKeyId: "AKIDtemp" });
  });
  it("accepts the Go SDK form: Host header with port in the canonical request", () => {
    assert.deepEqual(verify(goStyle()), { ok: true, accessKeyId: "AKIDlong" });
  });
  it("accepts a timestamp exactly at the skew limit", () => {
    assert.equal(verify(post, new Date(NOW.getTime() + 300_000)).ok, true);
  });

  for (const c of CASES) {
    it(`rejects: ${c.name} -> ${c.expect}`, () => {
      const r = copyReceived(c.base);
      c.mutate?.(r);
      const result = verify(r, c.now);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason, c.expect, result.detail);
      for (const secret of ["long-term-secret-value", "temporary-secret-value", "session-token-value"]) {
        assert.ok(!result.detail.includes(secret), `detail leaks a secret: ${result.detail}`);
      }
    });
  }
});
