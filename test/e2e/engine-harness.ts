// Runs Pulumi programs through the real engine (Automation API + CLI) on a file (or given) backend against a sandbox.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, type Stack, type PulumiFn, type OutputMap } from "@pulumi/pulumi/automation";
import { pulumiCommand, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { sandboxStackConfig } from "../resource/sandbox-stack-config";

const SECRET_KEYS = /Secret|Sk$|Token$/;

/** A state backend other than the default throwaway file backend: its URL, and environment it needs (e.g. PGPASSWORD). */
export interface EngineBackend {
  url: string;
  env?: Record<string, string>;
}

export interface EngineStack {
  stack: Stack;
  /** Everything the engine printed, for assertions (and greps for secrets). */
  output: string[];
  stateDir: string;
  /** Changes the program the next operation runs. */
  setProgram(p: PulumiFn): void;
  up(opts?: { expectNoChanges?: boolean }): Promise<Awaited<ReturnType<Stack["up"]>>>;
  dispose(): Promise<void>;
}

/**
 * A new stack of an inline program whose provider process runs in `projectDir` (it must hold
 * node_modules with @pulumi/pulumi and the package): the repository itself by default.
 */
export async function newEngineStack(
  sb: Sandbox,
  program: PulumiFn,
  opts: { projectDir?: string; env?: Record<string, string>; backendQuery?: string; backend?: EngineBackend; stackName?: string } = {},
): Promise<EngineStack> {
  const stateDir = mkdtempSync(join(tmpdir(), "streamblock-e2e-"));
  const output: string[] = [];
  let current = program;
  const projectName = "streamblock-e2e";
  const stackName = opts.stackName ?? "test";
  const stack = await LocalWorkspace.createStack(
    { stackName, projectName, program: (() => current()) as PulumiFn },
    {
      pulumiCommand: await pulumiCommand(),
      projectSettings: {
        name: projectName,
        runtime: "nodejs",
        main: opts.projectDir ?? PACKAGE_ROOT,
        // metadata=skip: gocloud's fileblob writes a `.attrs` sidecar per checkpoint non-atomically; a kill
        // mid-write leaves it empty and the stack unreadable ("failed to load checkpoint: EOF").
        backend: { url: opts.backend?.url ?? `file://${stateDir}${opts.backendQuery ?? "?metadata=skip"}` },
      },
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: join(stateDir, "home"),
        // The provider plugin script runs `node`: the project's Node 24 first.
        PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
        ...opts.backend?.env,
        ...opts.env,
      },
    },
  );
  const config = sandboxStackConfig(sb);
  await stack.setAllConfig(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, secret: SECRET_KEYS.test(k) }])),
  );
  const onOutput = (s: string) => output.push(s);
  return {
    stack,
    output,
    stateDir,
    setProgram: (p) => (current = p),
    up: (o = {}) => stack.up({ onOutput, ...o }),
    dispose: async () => {
      await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export type { OutputMap };
