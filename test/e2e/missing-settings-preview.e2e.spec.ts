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
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
  });

  /** Runs `pulumi preview`, which must fail; returns all it printed. No vendor may be called. */
  const failingPreview = async (): Promise<string> => {
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
    assert.deepEqual(sb.callLog(), [], "no vendor call during the failed preview");
    for (const s of sandboxSecrets(sb)) assert.ok(!all.includes(s), "no credential in the output");
    return all;
  };
  const names = (all: string, keys: [string, string][]) => {
    for (const [key, env] of keys) {
      const how = `pulumi config set ${SECRET.test(key) ? "--secret " : ""}streamblock:${key} <value>`;
      assert.ok(all.includes(`missing ${key}: set the stack config streamblock:${key} (${how}) or the environment variable ${env}`), `${key} is named:\n${all}`);
    }
  };
  const SECRET = /SecretKey|Sk$/;

  it("StreamBlock: a vendor without its key id and secret fails the preview naming both keys and variables", async () => {
    await es.stack.removeAllConfig(["streamblock:tencentSecretId", "streamblock:tencentSecretKey"]);
    const all = await failingPreview();
    assert.match(all, /StreamBlock resource 'unset-tencent': property vendor value \{tencent\} has a problem: tencent: missing tencentSecretId/);
    names(all, [
      ["tencentSecretId", "TENCENTCLOUD_SECRET_ID"],
      ["tencentSecretKey", "TENCENTCLOUD_SECRET_KEY"],
    ]);
    await es.stack.setAllConfig({
      "streamblock:tencentSecretId": { value: sb.credentials.tencent.secretId },
      "streamblock:tencentSecretKey": { value: sb.credentials.tencent.secretKey, secret: true },
    });
  });

  it("StreamBlock: Huawei without AK, SK and project names all three (and the IAM-token alternative)", async () => {
    await es.stack.removeAllConfig(["streamblock:huaweiAk", "streamblock:huaweiSk", "streamblock:huaweiProjectId"]);
    const all = await failingPreview();
    assert.match(all, /StreamBlock resource 'unset-huawei': property vendor value \{huawei\} has a problem: huawei: missing huaweiProjectId/);
    names(all, [
      ["huaweiProjectId", "HUAWEICLOUD_SDK_PROJECT_ID"],
      ["huaweiAk", "HUAWEICLOUD_SDK_AK"],
      ["huaweiSk", "HUAWEICLOUD_SDK_SK"],
    ]);
    assert.match(all, /or instead streamblock:huaweiAuthToken \/ HUAWEICLOUD_SDK_AUTH_TOKEN/);
  });

  it("StreamKick: the same check fails its preview", async () => {
    es.setProgram(async () => {
      new StreamKick("unset-kick", { vendor: "huawei", domain: DOMAIN, stream: "unset-kick" });
    });
    const all = await failingPreview();
    assert.match(all, /StreamKick resource 'unset-kick': property vendor value \{huawei\} has a problem: huawei: missing huaweiProjectId/);
    names(all, [["huaweiSk", "HUAWEICLOUD_SDK_SK"]]);
  });

  it("with the settings back, the preview passes", async () => {
    await es.stack.setAllConfig({
      "streamblock:huaweiAk": { value: sb.credentials.huawei.ak },
      "streamblock:huaweiSk": { value: sb.credentials.huawei.sk, secret: true },
      "streamblock:huaweiProjectId": { value: sb.credentials.huawei.projectId },
    });
    const r = await es.stack.preview();
    assert.equal(r.changeSummary.create, 2);
  });
});
