// Credentials never land anywhere a full run leaves traces: state files, history, engine output, error messages, the sandbox's state file.
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { StreamBlock } from "../../provider/resource/stream-block";
import { VENDOR_IDS } from "../../provider/vendors/vendor-id";
import { percentEncode } from "../../provider/vendors/percent-encode";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { newEngineStack, type EngineStack } from "../e2e/engine-harness";
import { expectFailure, startTestSandbox } from "./reliability-harness";

// Distinctive fake values, so a hit can only be a leak.
const SECRETS = {
  tencentSecretKey: "SECRET-tencent-key-3b9f1c7d",
  tencentSessionToken: "SECRET-tencent-session-8a2e5f01",
  aliyunAccessKeySecret: "SECRET-aliyun-key-8e2d7a44",
  aliyunSecurityToken: "SECRET-aliyun-sts/token+9c3b=",
  huaweiSk: "SECRET-huawei-sk-5c4a0e99",
  huaweiAuthToken: "SECRET-huawei-iam-token-6d1f",
  wrongTencentSecretKey: "SECRET-wrong-tencent-key-0f0f",
  wrongAliyunAccessKeySecret: "SECRET-wrong-aliyun-key-1e1e",
  wrongHuaweiSk: "SECRET-wrong-huawei-sk-2d2d",
};
const DOMAIN = "secrets.example.com";

/** Every form a secret could be written in: as is, percent-encoded, base64. */
function forms(secret: string): string[] {
  return [secret, percentEncode(secret), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

describe("reliability: no credential in any artefact of a full run", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let es: EngineStack;
  const dir = mkdtempSync(join(tmpdir(), "streamblock-secrets-"));
  const stateFile = join(dir, "sandbox-state.json");
  /** What the user saw: engine output, command stdout/stderr, thrown messages. */
  const seen: string[] = [];
  /** The sandbox's state file while it held bans (destroy empties it). */
  const stateFileSnapshots: string[] = [];
  const onOutput = (s: string) => seen.push(s);

  before(async () => {
    sb = await startTestSandbox({
      stateFile,
      credentials: {
        // Temporary keys (with tokens) for Tencent and Aliyun; Huawei signs with AK/SK and also accepts the IAM token.
        tencent: { secretKey: SECRETS.tencentSecretKey, sessionToken: SECRETS.tencentSessionToken },
        aliyun: { accessKeySecret: SECRETS.aliyunAccessKeySecret, securityToken: SECRETS.aliyunSecurityToken },
        huawei: { sk: SECRETS.huaweiSk, authToken: SECRETS.huaweiAuthToken },
      },
    });
    es = await newEngineStack(sb, async () => {
      for (const vendor of VENDOR_IDS) new StreamBlock(`s-${vendor}`, { vendor, domain: DOMAIN, stream: `s-${vendor}`, reason: "secrets test" });
    });
    await es.stack.setAllConfig({
      "streamblock:tencentSessionToken": { value: SECRETS.tencentSessionToken, secret: true },
      "streamblock:aliyunSecurityToken": { value: SECRETS.aliyunSecurityToken, secret: true },
      // The V1 signature puts the token in the signed form body: the path most likely to echo it.
      "streamblock:aliyunSignature": { value: "rpc" },
    });
  });
  after(async () => {
    await es?.dispose();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a full run: up, preview, an update, refresh, up with wrong secrets (failing), up with debug logs, destroy", async () => {
    const r = await es.stack.up({ onOutput });
    seen.push(r.stdout, r.stderr);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 3);
    await sb.flush();
    stateFileSnapshots.push(readFileSync(stateFile, "utf8"));
    seen.push((await es.stack.preview({ onOutput })).stdout);
    es.setProgram(async () => {
      for (const vendor of VENDOR_IDS) new StreamBlock(`s-${vendor}`, { vendor, domain: DOMAIN, stream: `s-${vendor}`, reason: "secrets test, reworded" });
    });
    seen.push((await es.stack.up({ onOutput })).stdout);
    seen.push((await es.stack.refresh({ onOutput })).stdout);

    const right = sandboxStackConfig(sb);
    await es.stack.setAllConfig({
      "streamblock:tencentSecretKey": { value: SECRETS.wrongTencentSecretKey, secret: true },
      "streamblock:aliyunAccessKeySecret": { value: SECRETS.wrongAliyunAccessKeySecret, secret: true },
      "streamblock:huaweiSk": { value: SECRETS.wrongHuaweiSk, secret: true },
    });
    es.setProgram(async () => {
      for (const vendor of VENDOR_IDS) {
        new StreamBlock(`s-${vendor}`, { vendor, domain: DOMAIN, stream: `s-${vendor}`, reason: "secrets test, reworded" });
        new StreamBlock(`w-${vendor}`, { vendor, domain: DOMAIN, stream: `w-${vendor}` });
      }
    });
    const failed = await expectFailure(es, () => es.stack.up({ continueOnError: true, onOutput }));
    seen.push(failed.message);
    assert.match(failed.all, /SignatureFailure|SignatureDoesNotMatch|APIGW\.0301/, "the wrong secrets were refused");
    await es.stack.setAllConfig({
      "streamblock:tencentSecretKey": { value: right["streamblock:tencentSecretKey"]!, secret: true },
      "streamblock:aliyunAccessKeySecret": { value: right["streamblock:aliyunAccessKeySecret"]!, secret: true },
      "streamblock:huaweiSk": { value: right["streamblock:huaweiSk"]!, secret: true },
    });

    // Debug diagnostics and engine logs up to verbosity 8 (at 9 the engine itself prints the decrypted
    // config it hands the provider: RELIABILITY.md).
    const debug = await es.stack.up({ onOutput, debug: true, logVerbosity: 8, logToStdErr: true, logFlow: true });
    seen.push(debug.stdout, debug.stderr);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 6);

    seen.push((await es.stack.destroy({ onOutput })).stdout);
    assert.equal(sb.bans({ domain: DOMAIN }).length, 0);
    await sb.flush();
  });

  it("no secret in the file backend (checkpoints, .bak, history, PULUMI_HOME), the stack's config file, what the user saw, or the sandbox's state file", () => {
    const files = [...listFiles(es.stateDir), ...listFiles(es.stack.workspace.workDir), stateFile];
    assert.ok(files.some((f) => /\.bak$/.test(f)) && files.some((f) => f.includes(`${join(".pulumi", "history")}`)), "backups and history were written");
    assert.match(stateFileSnapshots[0] ?? "", /s-tencent/, "the sandbox state file held the bans");
    const texts: [string, string][] = [
      ...files.map((f): [string, string] => [f, readFileSync(f, "latin1")]),
      ...stateFileSnapshots.map((t, i): [string, string] => [`${stateFile} (snapshot ${i})`, t]),
      ["what the user saw", seen.join("\n")],
    ];
    for (const [where, text] of texts) {
      for (const secret of Object.values(SECRETS)) {
        for (const form of forms(secret)) assert.ok(!text.includes(form), `${JSON.stringify(form)} is in ${where}`);
      }
    }
  });
});
