// A user's project on disk (installed package, program reading bans.json), driven by the real `pulumi` CLI and the Automation API.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { ensurePulumiBin, pulumiCommand, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import type { VendorId } from "../../provider/vendors/vendor-id";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";
import type { EngineStack } from "./engine-harness";
import { installedProject, type InstalledProject } from "./installed-package";

/** One StreamBlock the program declares. */
export interface Declared {
  name: string;
  args: { vendor: VendorId; domain: string; app?: string; stream: string; resumeTime?: string; reason?: string };
}

const PROGRAM = `const { StreamBlock } = require("pulumi-streamblock");
const bans = JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "bans.json"), "utf8"));
for (const b of bans) new StreamBlock(b.name, b.args);
`;

export interface CliProject {
  dir: string;
  /** The Automation API's view of the same stack (exportStack, up, destroy). */
  stack: Stack;
  /** For the reliability harness's state helpers, which only read `stack`. */
  engineStack: EngineStack;
  /** Writes what the program declares for the next run. */
  declare(bans: Declared[]): void;
  /** Runs the CLI in the project directory; rejects with its stdout and stderr. */
  pulumi(args: string[]): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * A project whose program declares the StreamBlocks in its bans.json, on a file backend of its own, its
 * stack configured for the sandbox. The CLI runs asynchronously: the sandbox answers from this process.
 */
export async function newCliProject(sb: Sandbox, name: string): Promise<CliProject> {
  const project: InstalledProject = installedProject();
  const dir = project.dir;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true }));
  mkdirSync(join(dir, "state"));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.js\nbackend:\n  url: file://${join(dir, "state")}?metadata=skip\n`);
  writeFileSync(join(dir, "index.js"), PROGRAM);
  writeFileSync(join(dir, "bans.json"), "[]");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${ensurePulumiBin()}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
    PULUMI_CONFIG_PASSPHRASE: name,
    PULUMI_HOME: join(dir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  const stack = await LocalWorkspace.createStack({ stackName: "dev", workDir: dir }, { pulumiCommand: await pulumiCommand(), envVars: env });
  const config = sandboxStackConfig(sb);
  await stack.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, secret: /Secret|Sk$/.test(k) }])));
  return {
    dir,
    stack,
    engineStack: { stack } as EngineStack,
    declare: (bans) => writeFileSync(join(dir, "bans.json"), JSON.stringify(bans)),
    pulumi: async (args) => {
      try {
        return (await promisify(execFile)("pulumi", [...args, "--non-interactive"], { cwd: dir, env, encoding: "utf8" })).stdout;
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        throw new Error(`pulumi ${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
      }
    },
    dispose: async () => {
      await stack.workspace.removeStack("dev", { force: true }).catch(() => undefined);
      project.dispose();
    },
  };
}
