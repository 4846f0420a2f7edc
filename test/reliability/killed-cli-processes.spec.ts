// A `pulumi up` SIGKILLed the moment it starts the provider, through the real CLI: every process it started exits on its own.
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { installedProject, type InstalledProject } from "../e2e/installed-package";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import { startTestSandbox } from "./reliability-harness";

/** A process as /proc shows it; `start` (clock ticks after boot) tells a reused pid apart. */
interface Proc {
  pid: number;
  ppid: number;
  state: string;
  start: string;
  cmd: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain anything: the fields after the last ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, state: fields[0]!, ppid: Number(fields[1]), start: fields[19]!, cmd };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allProcs(): Proc[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is Proc => p !== undefined);
}

/** Every process below `root` in the tree, now. */
function descendants(root: number): Proc[] {
  const procs = allProcs();
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Still running: the same process (pid and start time) and not a zombie (an exited child nobody reaped yet). */
function running(p: Proc): boolean {
  const now = readProc(p.pid);
  return now !== undefined && now.start === p.start && now.state !== "Z";
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

/** The dynamic-provider host itself (node running @pulumi/pulumi/cmd/dynamic-provider/index.js). */
const PROVIDER_HOST = /dynamic-provider[\\/]index\.js/;

describe("reliability: a pulumi up killed the moment it starts the provider leaves no process behind", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let project: InstalledProject;
  let env: NodeJS.ProcessEnv;
  let pulumi: (args: string[]) => string;
  before(async () => {
    sb = await startTestSandbox();
    project = installedProject();
    writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "killed-cli", private: true }));
    writeFileSync(join(project.dir, "Pulumi.yaml"), "name: killed-cli\nruntime: nodejs\nmain: index.js\n");
    writeFileSync(
      join(project.dir, "index.js"),
      `const { StreamBlock } = require("pulumi-streamblock");
for (let i = 0; i < 3; i++) new StreamBlock("k" + i, { vendor: "tencent", domain: "killed.example.com", stream: "k" + i });
`,
    );
    mkdirSync(join(project.dir, "state"));
    env = {
      ...process.env,
      PATH: `${ensurePulumiBin()}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
      PULUMI_CONFIG_PASSPHRASE: "killed-cli",
      PULUMI_BACKEND_URL: `file://${join(project.dir, "state")}?metadata=skip`,
      PULUMI_HOME: join(project.dir, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    pulumi = (args: string[]) => execFileSync("pulumi", args, { cwd: project.dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    pulumi(["stack", "init", "dev"]);
    for (const [k, v] of Object.entries(sandboxStackConfig(sb))) pulumi(["config", "set", ...(/Secret|Sk$/.test(k) ? ["--secret"] : []), k, v]);
  });
  after(async () => {
    project?.dispose();
    await sb?.close();
  });

  /** Starts `pulumi up`, SIGKILLs it once the provider host exists, and asserts every process it started exits. */
  async function killAtProviderStart(runEnv: NodeJS.ProcessEnv): Promise<void> {
    // A killed run keeps the file backend's lock; a user removes it with `pulumi cancel`.
    try {
      pulumi(["cancel", "--yes"]);
    } catch {
      // no lock
    }
    const cli = spawn("pulumi", ["up", "--yes"], { cwd: project.dir, env: runEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    cli.stdout.on("data", (c: Buffer) => (output += c.toString()));
    cli.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((r) => cli.on("exit", () => r()));
    let started: Proc[] = [];
    try {
      // The event: the engine has started the provider host. StreamBlock's code is not loaded in it yet
      // (that happens on the first call), so only a watchdog preloaded at process start can see the kill.
      for (;;) {
        started = descendants(cli.pid!);
        if (started.some((p) => PROVIDER_HOST.test(p.cmd))) break;
        assert.equal(cli.exitCode, null, `the CLI ended before it started the provider:\n${output}`);
        await tick();
      }
      cli.kill("SIGKILL");
      await exited;
      const languageHost = started.find((p) => /pulumi-language-nodejs/.test(p.cmd));
      assert.ok(languageHost, `the language host was running: ${started.map((p) => p.cmd).join("\n")}`);
      assert.equal(sb.callLog().length, 0, "the provider never reached a vendor");

      // Wait for the event (each process gone); the bound only turns a hang into a failure.
      const guardUntil = Date.now() + 120_000;
      while (started.some(running) && Date.now() < guardUntil) await new Promise((r) => setTimeout(r, 100));
      const survivors = started.filter(running);
      assert.deepEqual(
        survivors.map((p) => p.cmd),
        [],
        "processes the killed CLI had started are still running",
      );
    } finally {
      cli.kill("SIGKILL");
      for (const p of started.filter(running)) process.kill(p.pid, "SIGKILL");
    }
  }

  it("SIGKILL of the CLI as soon as the provider host process exists: the provider, the language host and the program all exit", async () => {
    await killAtProviderStart(env);
  });

  it("the same with the release archives' launcher (sh stays the provider's parent, nothing preloaded) and the documented NODE_OPTIONS", async () => {
    // A bin dir first on PATH whose pulumi-resource-pulumi-nodejs is the one @pulumi/pulumi ships for
    // the release archives: `node <host> $@` without exec. The engine looks for plugins on PATH first.
    const bin = join(project.dir, "release-launcher");
    mkdirSync(bin, { recursive: true });
    copyFileSync(join(PACKAGE_ROOT, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs"), join(bin, "pulumi-resource-pulumi-nodejs"));
    chmodSync(join(bin, "pulumi-resource-pulumi-nodejs"), 0o755);
    await killAtProviderStart({
      ...env,
      PATH: `${bin}:${env.PATH}`,
      NODE_OPTIONS: "--require=pulumi-streamblock/dist/provider/resource/orphan-watchdog-preload.js",
    });
  });
});
