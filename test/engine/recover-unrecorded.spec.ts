// findUnrecordedBans against the sandbox: each vendor account's domains are listed with that account's credentials and compared with its own StreamBlocks.
import { strict as assert } from "node:assert";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import { SECOND_SANDBOX_CREDENTIALS } from "../../provider/sandbox/sandbox-credentials";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";
import { STREAM_BLOCK_TYPE, type DeployedResource } from "../../provider/engine/recover-deployment";
import { findUnrecordedBans } from "../../provider/engine/recover-unrecorded";
import { closeSharedHttpClient } from "../../provider/transport/http-client";

const PREFIX = "urn:pulumi:prod::blocks";

function block(inputs: Record<string, string>): DeployedResource {
  const id = [inputs.vendor, inputs.account, inputs.domain, "live", inputs.stream].filter((p) => p !== undefined).join("/");
  return { urn: `${PREFIX}::${STREAM_BLOCK_TYPE}::${id}`, type: STREAM_BLOCK_TYPE, id, custom: true, inputs: { app: "live", ...inputs }, outputs: { app: "live", ...inputs } };
}

describe("engine/recover-unrecorded", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false });
  });
  after(async () => {
    await closeSharedHttpClient();
    await sb.close();
  });

  it("lists each account's domains with its own credentials and reports its unrecorded bans with the account", async () => {
    const later = new Date(sb.clock.now().getTime() + 20 * 86_400_000);
    const put = (vendor: "aliyun" | "huawei", account: string, domain: string, stream: string) => sb.putBan({ vendor, account, domain, app: "live", stream }, later);
    const secondAliyun = SECOND_SANDBOX_CREDENTIALS.aliyun.accessKeyId;
    const secondHuawei = SECOND_SANDBOX_CREDENTIALS.huawei.projectId;
    put("aliyun", sb.primaryAccount("aliyun"), "a.example.com", "kept");
    put("aliyun", sb.primaryAccount("aliyun"), "a.example.com", "extra-default");
    put("aliyun", secondAliyun, "b.example.com", "recorded");
    put("aliyun", secondAliyun, "b.example.com", "extra-b");
    // The same domain and stream in two Huawei accounts: only the one whose account state records is in state.
    put("huawei", sb.primaryAccount("huawei"), "h.example.com", "both");
    put("huawei", secondHuawei, "h.example.com", "both");
    const resources = [
      block({ vendor: "aliyun", domain: "a.example.com", stream: "kept" }),
      block({ vendor: "aliyun", account: "brand-b", domain: "b.example.com", stream: "recorded" }),
      block({ vendor: "huawei", account: "brand-b", domain: "h.example.com", stream: "both" }),
    ];
    const env = { ...sandboxEnv(sb), ...sandboxEnv(sb, "brand-b") };
    const unlisted: string[] = [];
    const found = await findUnrecordedBans(resources, env, (vendor, why, account) => unlisted.push(`${vendor} ${account} ${why}`));
    assert.deepEqual(unlisted, []);
    assert.deepEqual(
      found.map((b) => JSON.stringify(b)).sort(),
      [
        { vendor: "aliyun", account: "brand-b", domain: "b.example.com", app: "live", stream: "extra-b" },
        { vendor: "aliyun", domain: "a.example.com", app: "live", stream: "extra-default" },
      ].map((b) => JSON.stringify(b)).sort(),
    );
  });

  it("a named account whose variables are unset fails naming them, not listing with the default account's", async () => {
    const resources = [block({ vendor: "tencent", account: "brand-z", domain: "z.example.com", stream: "s" })];
    await assert.rejects(findUnrecordedBans(resources, sandboxEnv(sb)), /tencent account brand-z: missing environment variables TENCENTCLOUD_SECRET_ID__BRAND_Z, TENCENTCLOUD_SECRET_KEY__BRAND_Z/);
  });
});
