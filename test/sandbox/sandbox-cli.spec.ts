// `streamblock sandbox` as a process: prints endpoints and credentials, serves them, and exits 0 on SIGINT or SIGTERM.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { httpJson } from "./capture-replay";

const ROOT = path.resolve(__dirname, "../..");
const CLI = ["-r", "ts-node/register", path.join(ROOT, "provider/cli/main.ts")];
const FREE_PORTS = ["--huawei-port", "0", "--tencent-port", "0", "--aliyun-port", "0", "--admin-port", "0"];

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runCli(args: string[]): Run {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function endpointsOf(run: Run): Promise<Record<string, string>> {
  while (!run.stdout().includes("Press Ctrl+C to stop.")) {
    if (run.child.exitCode !== null) throw new Error(`sandbox exited early: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const endpoints: Record<string, string> = {};
  for (const m of run.stdout().matchAll(/^ {2}(huawei|tencent|aliyun|admin) +(http:\/\/127\.0\.0\.1:\d+)/gm)) endpoints[m[1]!] = m[2]!;
  return endpoints;
}

describe("cli/sandbox-command", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`prints endpoints and credentials, serves them, and exits 0 on ${signal}`, async () => {
      const run = runCli(["sandbox", ...FREE_PORTS]);
      try {
        const endpoints = await endpointsOf(run);
        assert.deepEqual(Object.keys(endpoints).sort(), ["admin", "aliyun", "huawei", "tencent"]);
        assert.match(run.stdout(), /secretId=AKIDSANDBOX\w+ secretKey=\S+/);
        assert.match(run.stdout(), /accessKeyId=LTAISANDBOX\w+/);
        assert.match(run.stdout(), /ak=SANDBOXHUAWEIAK\w+ sk=\S+ project_id=\w+ X-Auth-Token=\S+/);
        const state = await httpJson("GET", `${endpoints.admin}/state`);
        assert.equal(state.status, 200);
        const huawei = await httpJson("GET", `${endpoints.huawei}/v1/p/stream/blocks`);
        assert.equal((huawei.json as { error_code: string }).error_code, "APIGW.0301");
        run.child.kill(signal);
        assert.deepEqual(await run.exit, { code: 0, signal: null });
      } finally {
        run.child.kill("SIGKILL");
      }
    });
  }

  it("prints one JSON line with --json", async () => {
    const run = runCli(["sandbox", ...FREE_PORTS, "--json"]);
    try {
      while (!run.stdout().includes("\n")) {
        if (run.child.exitCode !== null) throw new Error(run.stderr());
        await new Promise((r) => setTimeout(r, 20));
      }
      const info = JSON.parse(run.stdout()) as { endpoints: Record<string, string>; credentials: { tencent: { secretId: string } } };
      assert.match(info.endpoints.tencent ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(info.credentials.tencent.secretId, /^AKIDSANDBOX/);
      run.child.kill("SIGTERM");
      assert.equal((await run.exit).code, 0);
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("--latency-ms sets the sandbox's round trip (seen in the admin API's settings); a bad value exits 2", async () => {
    const bad = runCli(["sandbox", ...FREE_PORTS, "--latency-ms", "soon"]);
    assert.equal((await bad.exit).code, 2);
    assert.match(bad.stderr(), /--latency-ms must be a non-negative number of milliseconds/);
    const run = runCli(["sandbox", ...FREE_PORTS, "--latency-ms", "7"]);
    try {
      const endpoints = await endpointsOf(run);
      const settings = (await httpJson("GET", `${endpoints.admin}/settings`)).json as { latencyMs: number };
      assert.equal(settings.latencyMs, 7);
      run.child.kill("SIGTERM");
      assert.equal((await run.exit).code, 0);
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("exits 1 with a clear message on a corrupt state file, and 2 on a bad option", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "streamblock-cli-"));
    try {
      const file = path.join(dir, "state.json");
      writeFileSync(file, "garbage");
      const corrupt = runCli(["sandbox", ...FREE_PORTS, "--state", file]);
      assert.equal((await corrupt.exit).code, 1);
      assert.match(corrupt.stderr(), new RegExp(`state file ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is unusable: not valid JSON`));
      const badPort = runCli(["sandbox", "--tencent-port", "http"]);
      assert.equal((await badPort.exit).code, 2);
      assert.match(badPort.stderr(), /--tencent-port must be a port number/);
      const unknown = runCli(["frobnicate"]);
      assert.equal((await unknown.exit).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
