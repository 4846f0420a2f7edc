// Official TC3-HMAC-SHA256 vectors (tencent.md §2.1), every intermediate value checked.
import { strict as assert } from "node:assert";
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

interface Tc3Vector {
  name: string;
  secretId: string;
  secretKey: string;
  signedHeaders: string[];
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  keys?: { date: string; service: string; signing: string };
  signing?: string;
  signature: string;
  authorization?: string;
}

// Common inputs of both vectors: the CVM DescribeInstances example of the signature v3 doc.
const BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const BODY_HASH = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
const TIMESTAMP = 1551113065;
const HEADERS = {
  "content-type": "application/json; charset=utf-8",
  host: "cvm.tencentcloudapi.com",
  "x-tc-action": "DescribeInstances",
};

const VECTORS: Tc3Vector[] = [
  {
    // Source: current CN doc https://cloud.tencent.com/document/api/213/30654 ("签名方法 v3"), 3 signed headers.
    name: "A: CN doc 213/30654, content-type;host;x-tc-action",
    secretId: "AKID********************************",
    secretKey: "********************************",
    signedHeaders: ["content-type", "host", "x-tc-action"],
    canonicalRequest:
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n" +
      BODY_HASH,
    hashedCanonicalRequest: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
    keys: {
      date: "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0",
      service: "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f",
      signing: "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
    },
    signature: "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
    authorization:
      "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
  },
  {
    // Source: older English edition of the same doc (public markdown copy), 2 signed headers.
    name: "B: older EN doc, content-type;host",
    secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    signedHeaders: ["content-type", "host"],
    canonicalRequest:
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" + BODY_HASH,
    hashedCanonicalRequest: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    signing: "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1",
    signature: "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
  },
];

describe("vendors/tencent/tc3-signer official vectors (tencent.md §2.1)", () => {
  it("hashes the literal \\u-escaped body to the published payload hash", () => {
    assert.equal(sha256Hex(BODY), BODY_HASH);
  });

  for (const v of VECTORS) {
    describe(v.name, () => {
      const date = tc3Date(TIMESTAMP);
      const scope = tc3CredentialScope(date, "cvm");
      const canonical = tc3CanonicalRequest({
        method: "POST",
        canonicalUri: "/",
        canonicalQuery: "",
        headers: HEADERS,
        signedHeaders: v.signedHeaders,
        payloadHash: sha256Hex(BODY),
      });
      const stringToSign = tc3StringToSign(TIMESTAMP, scope, canonical);
      const keys = tc3DeriveKeys(v.secretKey, date, "cvm");

      it("builds the canonical request and its hash", () => {
        assert.equal(canonical, v.canonicalRequest);
        assert.equal(sha256Hex(canonical), v.hashedCanonicalRequest);
      });
      it("builds the string to sign with the UTC date 2019-02-25", () => {
        assert.equal(date, "2019-02-25");
        assert.equal(stringToSign, `TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${v.hashedCanonicalRequest}`);
      });
      it("derives the published keys", () => {
        if (v.keys) {
          assert.equal(keys.date.toString("hex"), v.keys.date);
          assert.equal(keys.service.toString("hex"), v.keys.service);
          assert.equal(keys.signing.toString("hex"), v.keys.signing);
        }
        if (v.signing) assert.equal(keys.signing.toString("hex"), v.signing);
      });
      it("produces the published signature and Authorization", () => {
        const signature = tc3Signature(keys.signing, stringToSign);
        assert.equal(signature, v.signature);
        if (v.authorization) assert.equal(tc3Authorization(v.secretId, scope, v.signedHeaders, signature), v.authorization);
      });
    });
  }

  it("signTencentRequest reproduces vector B end to end (content-type;host signed)", () => {
    const signed = signTencentRequest(
      {
        method: "POST",
        url: new URL("https://cvm.tencentcloudapi.com/"),
        headers: { "content-type": "application/json; charset=utf-8", "x-tc-action": "DescribeInstances" },
        body: BODY,
      },
      { secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" },
      { now: new Date(TIMESTAMP * 1000), service: "cvm" },
    );
    assert.equal(signed.headers["x-tc-timestamp"], "1551113065");
    assert.equal(
      signed.headers.authorization,
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    );
    assert.equal(signed.headers["x-tc-token"], undefined);
  });

  it("signTencentRequest adds X-TC-Token for temporary credentials and signs the hostname without port", () => {
    const base = {
      method: "POST" as const,
      headers: { "content-type": "application/json" },
      body: "{}",
    };
    const creds = { secretId: "id", secretKey: "key", sessionToken: "tok" };
    const now = new Date(TIMESTAMP * 1000);
    const withPort = signTencentRequest({ ...base, url: new URL("http://127.0.0.1:8080/") }, creds, { now });
    const withoutPort = signTencentRequest({ ...base, url: new URL("http://127.0.0.1/") }, creds, { now });
    assert.equal(withPort.headers["x-tc-token"], "tok");
    assert.equal(withPort.headers.authorization, withoutPort.headers.authorization);
    assert.match(withPort.headers.authorization ?? "", /Credential=id\/2019-02-25\/live\/tc3_request, /);
  });
});
