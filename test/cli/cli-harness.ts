// Runs the compiled `streamblock` CLI as a process against an in-process sandbox on random loopback ports.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startSandbox, type Sandbox } from "../../provider/sandbox/sandbox";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { sandboxEnv as sandboxEnvVars } from "../../provider/sandbox/sandbox-env";

export const ROOT = join(__dirname, "../..");
const MAIN = join(ROOT, "dist", "provider", "cli", "main.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Proxy and credential variables of the machine are dropped, so only what a test passes counts. */
const DROPPED = /^(https?_proxy|no_proxy|all_proxy|TENCENTCLOUD_|ALIBABA_CLOUD_|HUAWEICLOUD_|STREAMBLOCK_)/i;

/** Runs `node dist/provider/cli/main.js ...args` (build first: npm run build). */
export function runCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<CliResult> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROPPED.test(k))) as Record<string, string>;
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A sandbox for CLI tests: random ports, no admin server, no throttling. */
export function cliSandbox(): Promise<Sandbox> {
  return startSandbox({ ports: { huawei: 0, tencent: 0, aliyun: 0 }, adminServer: false, throttle: { enabled: false } });
}

/** The environment variables (SETTING_SOURCES) that point the CLI at the sandbox, as a user would set them. */
export function sandboxEnv(sb: Sandbox): Record<string, string> {
  return { ...sandboxEnvVars(sb), STREAMBLOCK_RATE_LIMIT: "false" };
}

/** The secret values, which no output may contain. */
export function sandboxSecrets(sb: Sandbox): string[] {
  const c = sb.credentials;
  return [c.tencent.secretKey, c.aliyun.accessKeySecret, c.huawei.sk, c.huawei.authToken];
}

/** Puts a ban straight into the sandbox, as if someone had banned the stream in the vendor's console. */
export function putBan(sb: Sandbox, vendor: VendorId, domain: string, app: string, stream: string, expiresAt: Date): void {
  sb.putBan({ vendor, account: sb.primaryAccount(vendor), domain, app, stream }, expiresAt);
}

/** `2026-11-21T00:00:00Z` */
export function utc(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
