// `streamblock sandbox` as a process: --env and --pulumi-config print settings a shell and a stack use as-is, and the sandbox stops when its caller goes away.
import { strict as assert } from "node:assert";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { ROOT, runCli } from "./cli-harness";
import { pulumiCommand } from "../../provider/engine/pulumi-cli";

const MAIN = join(ROOT, "dist", "provider", "cli", "main.js");
const FREE_PORTS = ["--huawei-port", "0", "--tencent-port", "0", "--aliyun-port", "0", "--admin-port", "0"];
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TENCENTCLOUD_|ALIBABA_CLOUD_|HUAWEICLOUD_|STREAMBLOCK_)/.test(k)));

/** Resolves with everything `stream` printed once `done` matches it. */
function readUntil(child: ChildProcess, stream: "stdout" | "stderr", done: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (c: Buffer) => {
      text += c.toString();
      if (done.test(text)) {
        child[stream]!.off("data", onData);
        resolve(text);
      }
    };
    child[stream]!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing ${done}: ${text}`)));
  });
}

describe("cli/sandbox-command", function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => (dir = mkdtempSync(join(tmpdir(), "streamblock-sandbox-cli-"))));
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("--env prints export lines a shell evaluates to run ls against it; closing its stdin stops it", async () => {
    const sb = spawn(process.execPath, [MAIN, "sandbox", "--env", ...FREE_PORTS], { env: CLEAN_ENV, stdio: ["pipe", "pipe", "pipe"] });
    children.push(sb);
    const exports = await readUntil(sb, "stdout", /STREAMBLOCK_HUAWEI_ENDPOINT=.*\n/);
    const lines = exports.trimEnd().split("\n");
    assert.equal(lines.length, 10);
    for (const l of lines) assert.match(l, /^export [A-Z_]+=\S+$/);
    const envFile = join(dir, "sandbox.env");
    writeFileSync(envFile, exports);
    // The same shell line a user types: eval the exports, then run the CLI with nothing else set.
    const out = execFileSync("bash", ["-c", `eval "$(cat ${envFile})" && "${process.execPath}" "${MAIN}" ls --vendor huawei --domain push.example.com`], { env: CLEAN_ENV, encoding: "utf8" });
    assert.equal(out, "0 bans on huawei push.example.com\n");
    const exited = once(sb, "exit");
    sb.stdin!.end();
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it("--pulumi-config prints one pulumi config set-all line that sets every key, credentials as secrets", async () => {
    const sb = spawn(process.execPath, [MAIN, "sandbox", "--pulumi-config", ...FREE_PORTS], { env: CLEAN_ENV, stdio: ["pipe", "pipe", "pipe"] });
    children.push(sb);
    const line = await readUntil(sb, "stdout", /\n/);
    assert.equal(line.trimEnd().split("\n").length, 1);
    assert.match(line, /^pulumi config set-all (--(plaintext|secret) \S+ ?)+\n$/);
    const project = join(dir, "project");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "Pulumi.yaml"), "name: sandbox-config\nruntime: nodejs\n");
    const pulumi = (await pulumiCommand()).command;
    const env = { ...CLEAN_ENV, PATH: `${join(pulumi, "..")}:${process.env.PATH}`, PULUMI_CONFIG_PASSPHRASE: "test", PULUMI_HOME: join(dir, "home"), PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_BACKEND_URL: `file://${join(dir, "state")}` };
    execFileSync("mkdir", ["-p", join(dir, "state")]);
    execFileSync("pulumi", ["stack", "init", "dev"], { cwd: project, env, stdio: "ignore" });
    execFileSync("bash", ["-c", line], { cwd: project, env });
    const config = JSON.parse(execFileSync("pulumi", ["config", "--json"], { cwd: project, env, encoding: "utf8" })) as Record<string, { value?: string; secret: boolean }>;
    assert.deepEqual(Object.keys(config).sort(), [
      "streamblock:aliyunAccessKeyId", "streamblock:aliyunAccessKeySecret", "streamblock:aliyunEndpoint",
      "streamblock:huaweiAk", "streamblock:huaweiEndpoint", "streamblock:huaweiProjectId", "streamblock:huaweiSk",
      "streamblock:tencentEndpoint", "streamblock:tencentSecretId", "streamblock:tencentSecretKey",
    ]);
    assert.deepEqual(Object.entries(config).filter(([, v]) => v.secret).map(([k]) => k).sort(), ["streamblock:aliyunAccessKeySecret", "streamblock:huaweiSk", "streamblock:tencentSecretKey"]);
    assert.match(config["streamblock:tencentEndpoint"]!.value!, /^http:\/\/127\.0\.0\.1:\d+$/);
    const exited = once(sb, "exit");
    sb.kill("SIGTERM");
    assert.equal((await exited)[0], 0);
  });

  for (const how of ["in the foreground (as npx runs it)", "in the background (&, stdin /dev/null)"]) {
    it(`stops when the parent shell that started it ${how} is SIGKILLed`, async () => {
      const background = how.includes("background");
      const script = background
        ? `"${process.execPath}" "${MAIN}" sandbox --env ${FREE_PORTS.join(" ")} & wait`
        : `"${process.execPath}" "${MAIN}" sandbox --env ${FREE_PORTS.join(" ")}; true`;
      const parent = spawn("bash", ["-c", script], { env: CLEAN_ENV, stdio: ["pipe", "pipe", "pipe"] });
      children.push(parent);
      await readUntil(parent, "stderr", /running \(pid \d+\)/);
      // The sandbox holds the other end of these pipes; they close when it exits, which is the event to wait for.
      const stdoutClosed = once(parent.stdout!, "close");
      let stderr = "";
      parent.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
      const stderrClosed = once(parent.stderr!, "close");
      parent.kill("SIGKILL");
      await Promise.all([stdoutClosed, stderrClosed]);
      // In the background only the re-parenting tells; in the foreground the dead shell's stdin pipe may close first.
      assert.match(stderr, background ? /streamblock sandbox: its parent process \d+ exited, stopping\n/ : /streamblock sandbox: (its parent process \d+ exited|stdin closed), stopping\n/);
    });
  }

  it("--pulumi-config --account brand-b prints a set-all --path line that puts the second account under streamblock:accounts, secrets as secrets", async () => {
    const sb = spawn(process.execPath, [MAIN, "sandbox", "--pulumi-config", "--account", "brand-b", ...FREE_PORTS], { env: CLEAN_ENV, stdio: ["pipe", "pipe", "pipe"] });
    children.push(sb);
    const line = await readUntil(sb, "stdout", /\n/);
    assert.match(line, /^pulumi config set-all --path (--(plaintext|secret) \S+ ?)+\n$/);
    const project = join(dir, "project-accounts");
    execFileSync("mkdir", ["-p", project, join(dir, "state-accounts")]);
    writeFileSync(join(project, "Pulumi.yaml"), "name: sandbox-config\nruntime: nodejs\n");
    const pulumi = (await pulumiCommand()).command;
    const env = { ...CLEAN_ENV, PATH: `${join(pulumi, "..")}:${process.env.PATH}`, PULUMI_CONFIG_PASSPHRASE: "test", PULUMI_HOME: join(dir, "home"), PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_BACKEND_URL: `file://${join(dir, "state-accounts")}` };
    execFileSync("pulumi", ["stack", "init", "dev"], { cwd: project, env, stdio: "ignore" });
    execFileSync("bash", ["-c", line], { cwd: project, env });
    const config = JSON.parse(execFileSync("pulumi", ["config", "--json", "--show-secrets"], { cwd: project, env, encoding: "utf8" })) as Record<string, { objectValue?: Record<string, Record<string, Record<string, string>>>; secret: boolean }>;
    assert.deepEqual(Object.keys(config), ["streamblock:accounts"]);
    assert.equal(config["streamblock:accounts"]!.secret, true);
    const accounts = config["streamblock:accounts"]!.objectValue!;
    assert.equal(accounts.tencent!["brand-b"]!.secretId, "AKIDSANDBOXSECOND00000000000000000000");
    assert.deepEqual(Object.keys(accounts.huawei!["brand-b"]!).sort(), ["ak", "endpoint", "projectId", "sk"]);
    const plain = execFileSync("pulumi", ["config", "--json"], { cwd: project, env, encoding: "utf8" });
    assert.ok(!plain.includes("sandbox-tencent-second-secret-key-not-real"), "the secret is shown only with --show-secrets");
    const exited = once(sb, "exit");
    sb.kill("SIGTERM");
    assert.equal((await exited)[0], 0);
  });

  it("usage: --env and --json together, a bad port and an unknown option exit 2 with the usage line", async () => {
    const both = await runCli(["sandbox", "--env", "--json"]);
    assert.deepEqual([both.code, both.stderr.split("\n")[0]], [2, "streamblock sandbox: choose one of --json, --env and --pulumi-config, not --json and --env"]);
    const port = await runCli(["sandbox", "--huawei-port", "x"]);
    assert.match(port.stderr, /^streamblock sandbox: --huawei-port must be a port number/);
    const typo = await runCli(["sandbox", "--enw"]);
    assert.match(typo.stderr, /^streamblock sandbox: unknown option --enw \(did you mean --env\?\)\n\nusage: streamblock sandbox/);
  });
});
