// Official RPC HMAC-SHA1 vectors (aliyun.md §3): the old signature doc's DescribeRegions example and openapi-util's unit test.
import { strict as assert } from "node:assert";
import { rpcSignature, rpcStringToSign, signAliyunRpcParams } from "../../../provider/vendors/aliyun/rpc-signer";

interface RpcVector {
  name: string;
  method: string;
  params: Record<string, string>;
  secret: string;
  stringToSign: string;
  signature: string;
}

const VECTORS: RpcVector[] = [
  {
    // Source: https://help.aliyun.com/en/document_detail/130769.html (the printed `&` between pairs is a typo for `%26`).
    name: "1: old signature doc, ECS DescribeRegions with secret testsecret",
    method: "GET",
    params: {
      AccessKeyId: "testid",
      Action: "DescribeRegions",
      Format: "XML",
      SignatureMethod: "HMAC-SHA1",
      SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
      SignatureVersion: "1.0",
      TimeStamp: "2016-02-23T12:46:24Z",
      Version: "2014-05-26",
    },
    secret: "testsecret",
    stringToSign:
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    signature: "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
  },
  {
    // Source: aliyun/darabonba-openapi-util ts/test/client.spec.ts `getRPCSignature` (commit 0a5cccbd).
    name: "2: darabonba-openapi-util getRPCSignature({test:'ok'}, '', 'accessKeySecret')",
    method: "",
    params: { test: "ok" },
    secret: "accessKeySecret",
    stringToSign: "&%2F&test%3Dok",
    signature: "jHx/oHoHNrbVfhncHEvPdHXZwHU=",
  },
];

describe("vendors/aliyun/rpc-signer official vectors (aliyun.md §3)", () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const stringToSign = rpcStringToSign(v.method, v.params);
      assert.equal(stringToSign, v.stringToSign);
      assert.equal(rpcSignature(v.secret, stringToSign), v.signature);
    });
  }

  it("ignores a Signature parameter already present", () => {
    const v = VECTORS[0];
    assert.ok(v);
    assert.equal(rpcStringToSign(v.method, { ...v.params, Signature: "x" }), v.stringToSign);
  });

  it("signAliyunRpcParams adds the common parameters and signs them", () => {
    const out = signAliyunRpcParams(
      "POST",
      { Action: "ForbidLiveStream", Version: "2016-11-01", DomainName: "a.example.com", StreamName: "a b*c~'()!" },
      { accessKeyId: "id", accessKeySecret: "secret", securityToken: "sts" },
      { now: new Date("2030-01-02T03:04:05.678Z"), nonce: "nonce-1" },
    );
    assert.deepEqual(
      Object.keys(out).sort(),
      ["AccessKeyId", "Action", "DomainName", "Format", "SecurityToken", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "StreamName", "Timestamp", "Version"],
    );
    assert.equal(out.Timestamp, "2030-01-02T03:04:05Z");
    assert.equal(out.Format, "JSON");
    const { Signature, ...rest } = out;
    assert.equal(Signature, rpcSignature("secret", rpcStringToSign("POST", rest)));
  });
});
