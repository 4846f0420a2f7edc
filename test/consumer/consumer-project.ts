// A consumer's infra repository as a new user makes one: `streamblock init` in an empty folder, then the packed tarball and its own @pulumi/pulumi installed offline.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Proxy and credential variables of the machine are dropped, so only what a test passes counts. */
const DROPPED = /^(https?_proxy|no_proxy|all_proxy|TENCENTCLOUD_|ALIBABA_CLOUD_|HUAWEICLOUD_|STREAMBLOCK_|PULUMI_|npm_)/i;

/** The project's own Node.js 24 first on PATH: Pulumi's plugin script runs the first `node` there. */
export function consumerEnv(extra: Record<string, string> = {}): Record<string, string> {
  // npm's own cache setting is kept: the offline installs read that cache.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k === "npm_config_cache" || !DROPPED.test(k))) as Record<string, string>;
  return { ...base, PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`, ...extra };
}

/** Runs a command to completion, collecting its output (no shell). */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<RunResult> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? consumerEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like run, but a non-zero exit throws with the command's output. */
export async function runOk(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npm pack` of the built repository into `dir`; returns the tarball's path (run `npm run build` first). */
export async function packTarball(dir: string): Promise<string> {
  if (!existsSync(join(PACKAGE_ROOT, "dist", "provider", "index.js"))) throw new Error("dist/ is missing: run npm run build first");
  const r = await runOk("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: PACKAGE_ROOT });
  return join(dir, r.stdout.trim().split("\n").pop()!);
}

export interface ConsumerProject {
  /** The scaffolded project (Pulumi.yaml, index.ts, blocklist.yaml, node_modules). */
  dir: string;
  /** What `streamblock init` printed. */
  initOutput: string;
  dispose(): void;
}

/**
 * Scaffolds with the tarball's own CLI (extracted, as `npx` would run it), then installs the tarball and
 * `@pulumi/pulumi@<pulumiVersion>` with --offline: scripts/ensure-consumer-packages.sh fills the cache.
 */
export async function consumerProject(pulumiVersion: string): Promise<ConsumerProject> {
  const root = mkdtempSync(join(tmpdir(), "streamblock-consumer-"));
  try {
    const tarball = await packTarball(root);
    const unpacked = join(root, "unpacked");
    mkdirSync(unpacked);
    await runOk("tar", ["-xzf", tarball, "-C", unpacked], { cwd: root });
    const dir = join(root, "infra");
    mkdirSync(dir);
    const init = await runOk(process.execPath, [join(unpacked, "package", "dist", "provider", "cli", "main.js"), "init"], { cwd: dir });
    const install = await run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball, `@pulumi/pulumi@${pulumiVersion}`], { cwd: dir });
    if (install.code !== 0) {
      throw new Error(
        `offline npm install failed (run scripts/ensure-consumer-packages.sh to fill npm's cache):\n${install.stdout}\n${install.stderr}`,
      );
    }
    return { dir, initOutput: init.stdout, dispose: () => rmSync(root, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}
