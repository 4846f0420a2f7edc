// Official ACS3-HMAC-SHA256 vectors (aliyun.md §4): the V3 doc's fixed example, the ROA doc's sample, openapi-util's unit test.
import { strict as assert } from "node:assert";
import { sha256Hex } from "../../../provider/vendors/digest";
import {
  acs3Authorization,
  acs3CanonicalRequest,
  acs3CollectHeaders,
  acs3Signature,
  acs3StringToSign,
  signAliyunV3Request,
} from "../../../provider/vendors/aliyun/acs3-signer";

interface Acs3Vector {
  name: string;
  method: string;
  /** `/` for RPC; vector C passes no pathname, which openapi-core renders as the empty string. */
  canonicalUri: string;
  query: Array<[string, string]>;
  headers: Array<[string, string]>;
  payloadHash: string;
  accessKeyId: string;
  accessKeySecret: string;
  hashedCanonicalRequest?: string;
  authorization: string;
}

const EMPTY_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ECS_QUERY: Array<[string, string]> = [
  ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
  ["RegionId", "cn-shanghai"],
];
const ecsHeaders = (date: string, nonce: string): Array<[string, string]> => [
  ["host", "ecs.cn-shanghai.aliyuncs.com"],
  ["x-acs-action", "RunInstances"],
  ["x-acs-content-sha256", EMPTY_HASH],
  ["x-acs-date", date],
  ["x-acs-signature-nonce", nonce],
  ["x-acs-version", "2014-05-26"],
];
const ECS_SIGNED = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

const VECTORS: Acs3Vector[] = [
  {
    // Source: https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature (fixed-parameter example).
    name: "A: V3 doc fixed example (RunInstances)",
    method: "POST",
    canonicalUri: "/",
    query: ECS_QUERY,
    headers: ecsHeaders("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d"),
    payloadHash: EMPTY_HASH,
    accessKeyId: "YourAccessKeyId",
    accessKeySecret: "YourAccessKeySecret",
    hashedCanonicalRequest: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
    authorization: `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${ECS_SIGNED},Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0`,
  },
  {
    // Source: https://help.aliyun.com/zh/model-studio/roa-style-request-body-signature-mechanism (sample Authorization).
    name: "B: ROA doc sample Authorization (same request, other date and nonce)",
    method: "POST",
    canonicalUri: "/",
    query: ECS_QUERY,
    headers: ecsHeaders("2023-10-26T09:01:01Z", "d410180a5abf7fe235dd9b74aca91fc0"),
    payloadHash: EMPTY_HASH,
    accessKeyId: "YourAccessKeyId",
    accessKeySecret: "YourAccessKeySecret",
    hashedCanonicalRequest: "29622f5feb1e9fcaaa2e276a72889c975f7b16f00e02be1ca34965b18cd85015",
    authorization: `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${ECS_SIGNED},Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804`,
  },
  {
    // Source: aliyun/darabonba-openapi-util ts/test/client.spec.ts `getAuthorization` (commit 0a5cccbd), with
    // the empty param rendered `empty=` as openapi-core 1.0.8 does; the stored da772425… expects the old bare `empty`.
    name: "C: darabonba-openapi-util getAuthorization, current `k=` rendering",
    method: "GET",
    canonicalUri: "",
    query: [
      ["test", "ok"],
      ["empty", ""],
    ],
    headers: [
      ["x-acs-test", "http"],
      ["x-acs-TEST", "https"],
    ],
    payloadHash: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
    accessKeyId: "acesskey",
    accessKeySecret: "secret",
    authorization:
      "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=910e59dd385879346de704a06c96613f8157aa7124e6d1c4f2bdffa1e5588187",
  },
];

describe("vendors/aliyun/acs3-signer official vectors (aliyun.md §4)", () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const headers = acs3CollectHeaders(v.headers);
      const signedHeaders = Object.keys(headers);
      const canonical = acs3CanonicalRequest({
        method: v.method,
        canonicalUri: v.canonicalUri,
        query: v.query,
        headers,
        signedHeaders,
        payloadHash: v.payloadHash,
      });
      if (v.hashedCanonicalRequest) assert.equal(sha256Hex(canonical), v.hashedCanonicalRequest);
      const signature = acs3Signature(v.accessKeySecret, acs3StringToSign(canonical));
      assert.equal(acs3Authorization(v.accessKeyId, signedHeaders, signature), v.authorization);
    });
  }

  it("C folds the repeated x-acs-test header into sorted, comma-joined values", () => {
    assert.deepEqual(acs3CollectHeaders([["x-acs-test", "http"], ["x-acs-TEST", " https "]]), { "x-acs-test": "http,https" });
  });

  it("signAliyunV3Request reproduces vector A end to end", () => {
    const signed = signAliyunV3Request(
      {
        method: "POST",
        url: new URL("https://ecs.cn-shanghai.aliyuncs.com/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"),
        headers: { "x-acs-action": "RunInstances", "x-acs-version": "2014-05-26" },
      },
      { accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret" },
      { now: new Date("2023-10-26T10:22:32.789Z"), nonce: "3156853299f313e23d1673dc12e1703d" },
    );
    assert.equal(signed.headers["x-acs-date"], "2023-10-26T10:22:32Z");
    assert.equal(signed.headers["x-acs-content-sha256"], EMPTY_HASH);
    assert.equal(signed.headers.authorization, VECTORS[0]?.authorization);
    assert.equal(signed.headers["x-acs-security-token"], undefined);
  });

  it("signAliyunV3Request signs the STS token and the host with its port", () => {
    const req = {
      method: "POST" as const,
      url: new URL("http://127.0.0.1:8080/?DomainName=a.example.com"),
      headers: { "x-acs-action": "ForbidLiveStream", "x-acs-version": "2016-11-01" },
    };
    const opts = { now: new Date("2030-01-01T00:00:00Z"), nonce: "n" };
    const signed = signAliyunV3Request(req, { accessKeyId: "id", accessKeySecret: "s", securityToken: "tok" }, opts);
    assert.equal(signed.headers["x-acs-security-token"], "tok");
    assert.match(signed.headers.authorization ?? "", /SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,/);
    const otherPort = signAliyunV3Request({ ...req, url: new URL("http://127.0.0.1:8081/?DomainName=a.example.com") }, { accessKeyId: "id", accessKeySecret: "s", securityToken: "tok" }, opts);
    assert.notEqual(otherPort.headers.authorization, signed.headers.authorization);
  });
});
