// Runs `streamblock recover` for an engine-harness stack as a pipeline would: the built CLI, in the project directory.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { PACKAGE_ROOT, ensurePulumiBin } from "../../provider/engine/pulumi-cli";
import type { Sandbox } from "../../provider/sandbox/sandbox";
import { sandboxEnv } from "../../provider/sandbox/sandbox-env";
import type { EngineStack } from "./engine-harness";

/** `streamblock recover --stack test` with the environment the harness gives `pulumi up`; resolves to its exit code and stderr. */
export function runRecover(es: EngineStack, sb: Sandbox, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  const child = spawn(
    join(PACKAGE_ROOT, "node_modules", ".bin", "node"),
    [join(PACKAGE_ROOT, "dist", "provider", "cli", "main.js"), "recover", "--stack", "test", "--cwd", es.stack.workspace.workDir, ...args],
    {
      env: {
        ...process.env,
        ...sandboxEnv(sb),
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: join(es.stateDir, "home"),
        PATH: `${ensurePulumiBin()}:${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
        ...env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? 1, stderr })));
}
