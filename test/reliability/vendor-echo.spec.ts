// Vendor messages that echo a credential back (Aliyun V1's "server string to sign") reach the user redacted, on one line.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { AliyunAdapter } from "../../provider/vendors/aliyun/aliyun-adapter";
import { TencentAdapter } from "../../provider/vendors/tencent/tencent-adapter";
import { HuaweiAdapter } from "../../provider/vendors/huawei/huawei-adapter";
import type { VendorAdapter } from "../../provider/vendors/adapter";
import { VendorError } from "../../provider/vendors/vendor-error";
import { percentEncode } from "../../provider/vendors/percent-encode";
import { startTestSandbox } from "./reliability-harness";

// Characters that percent-encoding changes, so every encoded form is distinct.
const TOKEN = "CAIS+sts/token=echo-4d5e";
const SECRET = "echo-secret+key/6f7a=";
const KEY = { domain: "echo.example.com", app: "live", stream: "echo" };

describe("reliability: a vendor message that echoes a credential", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startTestSandbox({
      extraCredentials: {
        aliyun: [{ accessKeyId: "STS.ECHO000000000000000", accessKeySecret: SECRET, securityToken: TOKEN }],
        tencent: [{ secretId: "AKIDECHO00000000000000000000000000000", secretKey: SECRET, sessionToken: TOKEN }],
        huawei: [{ ak: "ECHOHUAWEIAK0000000", sk: SECRET, projectId: "echo0000echo0000echo0000echo0000", authToken: TOKEN }],
      },
    });
  });
  after(() => sb.close());

  /** The error `adapter.forbid` throws while the sandbox answers `code` with `message`. */
  const failure = async (vendor: "aliyun" | "tencent" | "huawei", adapter: VendorAdapter, code: string, message: string): Promise<VendorError> => {
    sb.injectFault({ vendor, kind: "error", code, message });
    const e = await adapter.forbid({ ...KEY, resumeTime: new Date(sb.clock.now().getTime() + 86_400_000) }).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(VendorError.isInstance(e), String(e));
    return e;
  };

  const assertClean = (e: VendorError) => {
    for (const form of [TOKEN, SECRET, percentEncode(TOKEN), percentEncode(percentEncode(TOKEN)), encodeURIComponent(TOKEN), percentEncode(SECRET)]) {
      assert.ok(!e.message.includes(form) && !e.vendorMessage.includes(form), `"${form}" is in: ${e.message}`);
    }
    assert.match(e.message, /\[REDACTED\]/);
    assert.ok(!e.message.includes("\n"), "one line");
    assert.match(e.message, /request id [0-9A-Za-z-]{16,}/);
  };

  it("Aliyun RPC (V1) with an STS token: the echoed string to sign, token double-encoded, is redacted and kept on one line", async () => {
    const adapter = new AliyunAdapter({
      credentials: { accessKeyId: "STS.ECHO000000000000000", accessKeySecret: SECRET, securityToken: TOKEN },
      endpoint: sb.endpoints.aliyun,
      signature: "rpc",
    });
    // aliyun.md §5 (SignatureDoesNotMatch): V1 echoes the server's StringToSign, every parameter included.
    const query = `AccessKeyId=STS.ECHO000000000000000&Action=ForbidLiveStream&SecurityToken=${percentEncode(TOKEN)}&SignatureMethod=HMAC-SHA1`;
    const e = await failure("aliyun", adapter, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&${percentEncode(query)}\nsecond line`);
    assertClean(e);
    assert.match(e.message, /SecurityToken%3D\[REDACTED\]%26/);
    assert.match(e.message, /\\nsecond line/, "the newline is escaped, not dropped");
  });

  it("Tencent and Huawei: a secret or token quoted in any vendor message is redacted too", async () => {
    const tencent = new TencentAdapter({ credentials: { secretId: "AKIDECHO00000000000000000000000000000", secretKey: SECRET, sessionToken: TOKEN }, endpoint: sb.endpoints.tencent });
    assertClean(await failure("tencent", tencent, "AuthFailure.TokenFailure", `token ${TOKEN} with key ${SECRET} refused`));
    const huawei = new HuaweiAdapter({ credentials: { kind: "token", authToken: TOKEN, projectId: "echo0000echo0000echo0000echo0000" }, endpoint: sb.endpoints.huawei });
    assertClean(await failure("huawei", huawei, "APIGW.0301", `decrypt token fail: ${encodeURIComponent(TOKEN)}`));
  });
});
