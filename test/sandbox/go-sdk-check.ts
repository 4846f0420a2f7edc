// Test helper: builds (once, cached) and runs test/go-sdk's go-sdk-check, the sandbox driven by the vendors' official Go SDKs.
import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import type { Sandbox } from "../../provider/sandbox/sandbox";

const REPO = join(__dirname, "..", "..");

/** The clients go-sdk-check knows (test/go-sdk/main.go). */
export type GoSdkClient = "tencent-post" | "tencent-get" | "huawei" | "aliyun-acs3" | "aliyun-rpc" | "aliyun-classic";
export type GoSdkStep = "ban" | "list" | "state" | "update" | "resume" | "kick" | "badsig";

/** One step's outcome as the Go SDK reported it (the program's JSON line). */
export interface GoSdkResult {
  client: GoSdkClient;
  step: GoSdkStep;
  ok: boolean;
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  found?: boolean;
  total?: number;
  listed?: string;
  streamState?: string;
}

/** What one go-sdk-check run acts on. */
export interface GoSdkTarget {
  domain: string;
  app: string;
  stream: string;
  /** UTC, whole seconds: the resume time "ban" and "update" send. */
  resumeTime?: string;
}

/** Keys to use instead of the sandbox's primary ones; a token makes a key temporary. */
export interface GoSdkCredentials {
  tencent?: { secretId: string; secretKey: string; token?: string };
  aliyun?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  huawei?: { ak: string; sk: string; projectId: string; securityToken?: string };
}

function withoutProxies(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]) delete out[name];
  return out;
}

/**
 * The binary's path: scripts/ensure-go-sdk-check.sh returns a cached one at once, or downloads the
 * pinned modules and builds it (minutes, cold) so `npm test` alone works.
 */
export function ensureGoSdkCheck(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [join(REPO, "scripts", "ensure-go-sdk-check.sh")], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`scripts/ensure-go-sdk-check.sh failed (${err.message}):\n${stderr}`));
        return;
      }
      const bin = stdout.trim().split("\n").pop() ?? "";
      if (bin === "") reject(new Error(`scripts/ensure-go-sdk-check.sh printed no path:\n${stderr}`));
      else resolve(bin);
    });
  });
}

/** Runs one step of one client against the sandbox; the Go program talks to loopback only. */
export function runGoSdkStep(
  bin: string,
  sb: Sandbox,
  client: GoSdkClient,
  step: GoSdkStep,
  target: GoSdkTarget,
  credentials: GoSdkCredentials = {},
): Promise<GoSdkResult> {
  const { tencent, aliyun, huawei } = sb.credentials;
  const config = {
    ...target,
    wrongSecret: "go-sdk-check-wrong-secret",
    tencent: { endpoint: sb.endpoints.tencent, ...(credentials.tencent ?? { secretId: tencent.secretId, secretKey: tencent.secretKey }) },
    aliyun: { endpoint: sb.endpoints.aliyun, ...(credentials.aliyun ?? { accessKeyId: aliyun.accessKeyId, accessKeySecret: aliyun.accessKeySecret }) },
    huawei: { endpoint: sb.endpoints.huawei, ...(credentials.huawei ?? { ak: huawei.ak, sk: huawei.sk, projectId: huawei.projectId }) },
  };
  return new Promise((resolve, reject) => {
    // GOPROXY=off: running the built program must not reach for the network.
    const child = spawn(bin, ["-client", client, "-steps", step], { env: { ...withoutProxies(process.env), GOPROXY: "off" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = stdout.trim().split("\n").filter((l) => l !== "");
      if (code !== 0 || lines.length !== 1) {
        reject(new Error(`go-sdk-check -client ${client} -steps ${step} exited ${code} with ${lines.length} lines:\n${stdout}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(lines[0] ?? "") as GoSdkResult);
    });
    child.stdin.end(JSON.stringify(config));
  });
}
