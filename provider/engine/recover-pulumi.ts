// Runs the `pulumi` CLI for recovery: the one on PATH (as in a pipeline), else the one scripts/ensure-pulumi.sh finds.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { ensurePulumiBin } from "./pulumi-cli";

/** The outcome of one CLI run. */
export interface PulumiRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pulumi` commands in one project directory with one environment. */
export class PulumiRunner {
  readonly binary: string;

  constructor(
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    binary?: string,
  ) {
    this.binary = binary ?? pulumiOnPath(env.PATH) ?? join(ensurePulumiBin(), "pulumi");
  }

  /**
   * Runs `pulumi args...` non-interactively. `echo` copies its output to this process's stderr as it comes
   * (the refresh's progress); it is captured either way.
   */
  run(args: string[], opts: { echo?: boolean } = {}): Promise<PulumiRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, [...args, "--non-interactive"], { cwd: this.cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (opts.echo) process.stderr.write(d);
      });
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (opts.echo) process.stderr.write(d);
      });
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
  }

  /** Runs `pulumi args...` and returns its stdout; a non-zero exit throws naming the command and its stderr. */
  async ok(args: string[], opts: { echo?: boolean } = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 0) {
      const why = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-5).join("\n");
      throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code}): ${why}`);
    }
    return r.stdout;
  }
}

/** The first executable `pulumi` on `path`. */
export function pulumiOnPath(path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, "pulumi");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
