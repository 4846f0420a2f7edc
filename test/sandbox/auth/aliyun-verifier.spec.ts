// The sandbox's Aliyun verifier, V3 and RPC: accepts what our signers produce, names each kind of failure.
import { strict as assert } from "node:assert";
import { verifyAliyunRequest } from "../../../provider/sandbox/auth/aliyun-verifier";
import type { KeySecret, ReceivedRequest, VerifyFailureReason } from "../../../provider/sandbox/auth/verify-result";
import { signAliyunV3Request } from "../../../provider/vendors/aliyun/acs3-signer";
import { signAliyunRpcParams } from "../../../provider/vendors/aliyun/rpc-signer";
import { percentEncode } from "../../../provider/vendors/percent-encode";
import type { AliyunCredentials } from "../../../provider/vendors/credentials";
import { asReceived, copyReceived } from "./as-received";

const NOW = new Date("2030-05-06T07:08:09Z");
const KEYS: Record<string, KeySecret> = {
  LTAIlong: { secret: "long-term-secret-value" },
  STStemp: { secret: "temporary-secret-value", sessionToken: "session-token-value" },
};
const lookup = (id: string): KeySecret | undefined => KEYS[id];
const LONG = { accessKeyId: "LTAIlong", accessKeySecret: "long-term-secret-value" };
const TEMP = { accessKeyId: "STStemp", accessKeySecret: "temporary-secret-value", securityToken: "session-token-value" };
const BUSINESS = { DomainName: "push.example.com", AppName: "live", StreamName: "a b*c~'()!/?&=直播", LiveStreamType: "publisher" };

function verify(r: ReceivedRequest, now = NOW, seen = new Set<string>()) {
  return verifyAliyunRequest(r, lookup, now, 900, (nonce) => !seen.has(nonce) && Boolean(seen.add(nonce)));
}

const encodeParams = (p: Record<string, string>) => Object.entries(p).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");

function v3(creds: AliyunCredentials): ReceivedRequest {
  return asReceived(
    signAliyunV3Request(
      {
        method: "POST",
        url: new URL(`http://127.0.0.1:9000/?${encodeParams(BUSINESS)}`),
        headers: { "x-acs-action": "ForbidLiveStream", "x-acs-version": "2016-11-01", "x-acs-credentials-provider": "static_ak" },
      },
      creds,
      { now: NOW, nonce: "nonce-v3" },
    ),
  );
}

function rpc(method: "GET" | "POST", creds: AliyunCredentials): ReceivedRequest {
  const params = signAliyunRpcParams(method, { Action: "ForbidLiveStream", Version: "2016-11-01", ...BUSINESS }, creds, { now: NOW, nonce: "nonce-rpc" });
  const encoded = encodeParams(params);
  return method === "GET"
    ? { method, path: "/", rawQuery: encoded, headers: { host: "127.0.0.1:9000" }, body: "" }
    : { method, path: "/", rawQuery: "", headers: { host: "127.0.0.1:9000", "content-type": "application/x-www-form-urlencoded" }, body: encoded };
}

const V3_LONG = v3(LONG);
const V3_TEMP = v3(TEMP);
const RPC_GET = rpc("GET", LONG);
const RPC_POST = rpc("POST", TEMP);

interface Case {
  name: string;
  base: ReceivedRequest;
  mutate?: (r: ReceivedRequest) => void;
  now?: Date;
  expect: VerifyFailureReason;
}

const replaceAuth = (from: string, to: string) => (r: ReceivedRequest) => (r.headers.authorization = (r.headers.authorization ?? "").replace(from, to));

const CASES: Case[] = [
  { name: "V3 garbled Authorization", base: V3_LONG, mutate: (r) => (r.headers.authorization = "ACS3-HMAC-SHA256 nonsense"), expect: "malformed" },
  { name: "V3 nonce not signed", base: V3_LONG, mutate: replaceAuth(";x-acs-signature-nonce", ""), expect: "malformed" },
  { name: "V3 signed header absent", base: V3_LONG, mutate: (r) => delete r.headers["x-acs-credentials-provider"], expect: "malformed" },
  { name: "V3 date with milliseconds", base: V3_LONG, mutate: (r) => (r.headers["x-acs-date"] = "2030-05-06T07:08:09.000Z"), expect: "malformed" },
  { name: "V3 unknown AccessKeyId", base: V3_LONG, mutate: replaceAuth("LTAIlong", "LTAInone"), expect: "unknown-key" },
  { name: "V3 date 901 s old", base: V3_LONG, now: new Date(NOW.getTime() + 901_000), expect: "expired" },
  { name: "V3 query byte changed", base: V3_LONG, mutate: (r) => (r.rawQuery = r.rawQuery.replace("live", "livf")), expect: "bad-signature" },
  { name: "V3 body added", base: V3_LONG, mutate: (r) => (r.body = "x"), expect: "bad-signature" },
  { name: "V3 signed header value changed", base: V3_LONG, mutate: (r) => (r.headers["x-acs-action"] = "ResumeLiveStream"), expect: "bad-signature" },
  { name: "V3 host port changed", base: V3_LONG, mutate: (r) => (r.headers.host = "127.0.0.1:9001"), expect: "bad-signature" },
  { name: "V3 token header stripped after signing", base: V3_TEMP, mutate: (r) => { delete r.headers["x-acs-security-token"]; r.headers.authorization = (r.headers.authorization ?? "").replace("x-acs-security-token;", ""); }, expect: "bad-signature" },
  { name: "V3 token header swapped after signing", base: V3_TEMP, mutate: (r) => (r.headers["x-acs-security-token"] = "other"), expect: "bad-signature" },
  { name: "RPC no Signature", base: RPC_GET, mutate: (r) => (r.rawQuery = r.rawQuery.replace(/&?Signature=[^&]*/, "")), expect: "missing" },
  { name: "RPC parameter given twice", base: RPC_GET, mutate: (r) => (r.rawQuery += "&AppName=live"), expect: "malformed" },
  { name: "RPC HMAC-SHA256 method", base: RPC_GET, mutate: (r) => (r.rawQuery = r.rawQuery.replace("HMAC-SHA1", "HMAC-SHA256")), expect: "malformed" },
  { name: "RPC unknown AccessKeyId", base: RPC_GET, mutate: (r) => (r.rawQuery = r.rawQuery.replace("LTAIlong", "LTAInone")), expect: "unknown-key" },
  { name: "RPC timestamp 901 s ahead", base: RPC_GET, now: new Date(NOW.getTime() - 901_000), expect: "expired" },
  { name: "RPC method changed", base: RPC_GET, mutate: (r) => (r.method = "POST"), expect: "bad-signature" },
  { name: "RPC form body byte changed", base: RPC_POST, mutate: (r) => (r.body = r.body.replace("live", "livf")), expect: "bad-signature" },
  { name: "RPC STS token missing from an otherwise valid request", base: RPC_POST, mutate: (r) => (r.body = r.body.replace(/&?SecurityToken=[^&]*/, "")), expect: "bad-signature" },
];

describe("sandbox/auth/aliyun-verifier", () => {
  for (const [name, r, id] of [
    ["V3 long-term key, x-acs-credentials-provider signed", V3_LONG, "LTAIlong"],
    ["V3 STS key", V3_TEMP, "STStemp"],
    ["RPC GET, params in the query", RPC_GET, "LTAIlong"],
    ["RPC POST, params in a form body, STS key", RPC_POST, "STStemp"],
  ] as const) {
    it(`accepts ${name}`, () => assert.deepEqual(verify(r), { ok: true, accessKeyId: id }));
  }

  it("accepts RPC POST with the parameters split between query and body", () => {
    const r = copyReceived(RPC_POST);
    const pairs = r.body.split("&");
    r.rawQuery = pairs.slice(0, 4).join("&");
    r.body = pairs.slice(4).join("&");
    assert.equal(verify(r).ok, true);
  });

  it("rejects a replayed nonce, V3 and RPC, only once the signature is valid", () => {
    for (const r of [V3_LONG, RPC_GET]) {
      const seen = new Set<string>();
      const tampered = copyReceived(r);
      tampered.rawQuery = tampered.rawQuery.replace("live", "livf");
      assert.equal(verify(tampered, NOW, seen).ok, false);
      assert.deepEqual(verify(r, NOW, seen).ok, true);
      const replay = verify(r, NOW, seen);
      assert.equal(replay.ok, false);
      if (!replay.ok) assert.equal(replay.reason, "nonce-reused");
    }
  });

  it("rejects an STS key signed without its token -> bad-token", () => {
    const { securityToken: _dropped, ...withoutToken } = TEMP;
    for (const r of [v3(withoutToken), rpc("POST", withoutToken)]) {
      const result = verify(r);
      assert.equal(result.ok ? "ok" : result.reason, "bad-token");
    }
  });

  it("rejects a wrong security token that was signed by the client -> bad-token", () => {
    const signed = asReceived(
      signAliyunV3Request(
        { method: "POST", url: new URL("http://127.0.0.1:9000/?DomainName=x"), headers: { "x-acs-action": "ResumeLiveStream", "x-acs-version": "2016-11-01" } },
        { ...TEMP, securityToken: "forged-token" },
        { now: NOW, nonce: "n2" },
      ),
    );
    const result = verify(signed);
    assert.equal(result.ok ? "ok" : result.reason, "bad-token");
    const rpcForged = rpc("GET", { ...TEMP, securityToken: "forged-token" });
    const r2 = verify(rpcForged);
    assert.equal(r2.ok ? "ok" : r2.reason, "bad-token");
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
