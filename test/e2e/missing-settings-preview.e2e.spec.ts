// A preview with a vendor's credentials unset fails through the real engine, naming every missing key, before any vendor call.
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock, StreamKick } from "../../provider/resource/stream-block";
import { newEngineStack, type EngineStack } from "./engine-harness";
import { startTestSandbox } from "../reliability/reliability-harness";
import { sandboxSecrets } from "../resource/sandbox-stack-config";

const DOMAIN = "unset.example.com";

describe("e2e: preview with missing settings", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let es: EngineStack;

  before(async () => {
    sb = await startTestSandbox();
    es = await newEngineStack(sb, async () => {
      for (const vendor of ["tencent", "aliyun", "huawei"] as const) new StreamBlock(`unset-${vendor}`, { vendor, domain: DOMAIN, stream: `unset-${vendor}` });
      new StreamKick("unset-kick", { vendor: "huawei", domain: DOMAIN, stream: "unset-kick" });
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
  });

  it("fails the preview naming each missing stack config key and environment variable; no vendor is called", async () => {
    // Tencent loses both keys; Huawei its AK/SK and project; Aliyun keeps its credentials.
    await es.stack.removeAllConfig(["streamblock:tencentSecretId", "streamblock:tencentSecretKey", "streamblock:huaweiAk", "streamblock:huaweiSk", "streamblock:huaweiProjectId"]);
    sb.reset({ calls: true });
    const output: string[] = [];
    let failure: Error | undefined;
    try {
      await es.stack.preview({ onOutput: (s) => output.push(s) });
    } catch (e) {
      failure = e as Error;
    }
    assert.ok(failure, "the preview must fail");
    const all = `${failure.message}\n${output.join("")}`;
    for (const [key, env, secret] of [
      ["tencentSecretId", "TENCENTCLOUD_SECRET_ID", false],
      ["tencentSecretKey", "TENCENTCLOUD_SECRET_KEY", true],
      ["huaweiProjectId", "HUAWEICLOUD_SDK_PROJECT_ID", false],
      ["huaweiAk", "HUAWEICLOUD_SDK_AK", false],
      ["huaweiSk", "HUAWEICLOUD_SDK_SK", true],
    ] as const) {
      const how = `pulumi config set ${secret ? "--secret " : ""}streamblock:${key} <value>`;
      assert.ok(all.includes(`missing ${key}: set the stack config streamblock:${key} (${how}) or the environment variable ${env}`), `${key} is named:\n${all}`);
    }
    assert.match(all, /or instead streamblock:huaweiAuthToken \/ HUAWEICLOUD_SDK_AUTH_TOKEN/);
    assert.ok(!/missing aliyun/.test(all), "Aliyun is complete");
    // The StreamKick's check fails the same way (its own resource name in the failure).
    assert.match(all, /unset-kick[\s\S]*huawei: missing huaweiProjectId/);
    assert.deepEqual(sb.callLog(), [], "no vendor call during the failed preview");
    for (const s of sandboxSecrets(sb)) assert.ok(!all.includes(s), "no credential in the output");
  });
});
