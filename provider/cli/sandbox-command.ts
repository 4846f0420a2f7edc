// `streamblock sandbox`: runs the three vendor emulators in the foreground until stopped or orphaned, printing how to point a shell or a stack at them.
import { DEFAULT_SANDBOX_CREDENTIALS } from "../sandbox/sandbox-credentials";
import { DEFAULT_SANDBOX_PORTS, startSandbox, type Sandbox } from "../sandbox/sandbox";
import { sandboxPulumiConfigCommand, sandboxShellExports } from "../sandbox/sandbox-env";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { watchParent } from "./parent-watch";
import { UsageError, runCommand } from "./run-command";
import { ACCOUNT_NAME, ACCOUNT_NAME_RULE } from "../resource/vendor-account";

const HELP = `usage: streamblock sandbox [options]

Starts local emulators of the Huawei, Tencent and Aliyun stream-block APIs on 127.0.0.1 and runs in the
foreground until SIGINT (Ctrl+C) or SIGTERM, or until the process that started it is gone (its parent
exits, its stdin pipe closes, its terminal hangs up). Port 0 picks a free port.

  --huawei-port N    default ${DEFAULT_SANDBOX_PORTS.huawei}
  --tencent-port N   default ${DEFAULT_SANDBOX_PORTS.tencent}
  --aliyun-port N    default ${DEFAULT_SANDBOX_PORTS.aliyun}
  --admin-port N     admin API (JSON over HTTP), default ${DEFAULT_SANDBOX_PORTS.admin}
  --state FILE       keep bans and kicks in FILE across restarts
  --no-throttle      do not rate-limit at the vendors' documented limits
  --throttle-scale X multiply every documented limit (QPS, Huawei's per-minute counts) by X
  --latency-ms N     delay every vendor response by N ms (a network round trip), default 0
  --json             print the endpoints and credentials as one JSON line
  --env              print \`export VAR=...\` lines for a POSIX shell (the variables ls, export, kick,
                     resume and the provider read), e.g.  streamblock sandbox --env > sandbox.env
                     then in another shell:  . ./sandbox.env
  --pulumi-config    print one \`pulumi config set-all ...\` line that points the current stack at the
                     sandbox (credentials with --secret)
  --account NAME     with --env or --pulumi-config: the sandbox's second account, as vendor account NAME
                     (variables ending __NAME; config paths streamblock:accounts.<vendor>.NAME.*)

The credentials are the sandbox's fixed fake ones; they unlock nothing but this sandbox.
`;

export const sandboxCommand: CliRunner = {
  run: (args) =>
    runCommand("sandbox", HELP, async () => {
      const { values } = parseOptions(args, {
        "huawei-port": { type: "string" },
        "tencent-port": { type: "string" },
        "aliyun-port": { type: "string" },
        "admin-port": { type: "string" },
        state: { type: "string" },
        "no-throttle": { type: "boolean" },
        "throttle-scale": { type: "string" },
        "latency-ms": { type: "string" },
        json: { type: "boolean" },
        env: { type: "boolean" },
        "pulumi-config": { type: "boolean" },
        account: { type: "string" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      const formats = (["json", "env", "pulumi-config"] as const).filter((f) => values[f]);
      if (formats.length > 1) throw new UsageError(`choose one of --json, --env and --pulumi-config, not ${formats.map((f) => `--${f}`).join(" and ")}`);
      const account = values.account;
      if (account !== undefined) {
        if (!values.env && !values["pulumi-config"]) throw new UsageError("--account goes with --env or --pulumi-config");
        if (!ACCOUNT_NAME.test(account)) throw new UsageError(`--account: ${ACCOUNT_NAME_RULE}`);
      }
      const ports: Record<string, number> = {};
      for (const name of ["huawei", "tencent", "aliyun", "admin"] as const) {
        const text = values[`${name}-port`];
        if (text === undefined) continue;
        const port = Number(text);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name}-port must be a port number (0 for any free one)`);
        ports[name] = port;
      }
      const scale = values["throttle-scale"] === undefined ? undefined : Number(values["throttle-scale"]);
      if (scale !== undefined && !(Number.isFinite(scale) && scale > 0)) throw new UsageError("--throttle-scale must be a positive number");
      const latencyMs = values["latency-ms"] === undefined ? undefined : Number(values["latency-ms"]);
      if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new UsageError("--latency-ms must be a non-negative number of milliseconds");
      const sandbox = await startSandbox({
        ports,
        ...(latencyMs === undefined ? {} : { latencyMs }),
        ...(values.state === undefined ? {} : { stateFile: values.state }),
        throttle: { enabled: !values["no-throttle"], ...(scale === undefined ? {} : { scale }) },
        onWarning: (m) => process.stderr.write(`streamblock sandbox: ${m}\n`),
      });
      // Printed only once the signal handlers are in place: a caller may send SIGTERM as soon as it reads this.
      return runUntilStopped(sandbox, () => {
        if (values.json) process.stdout.write(`${JSON.stringify(describe(sandbox, values.state))}\n`);
        else if (values.env) process.stdout.write(sandboxShellExports(sandbox, account));
        else if (values["pulumi-config"]) process.stdout.write(sandboxPulumiConfigCommand(sandbox, account));
        else process.stdout.write(banner(sandbox, values.state));
        if (formats.length > 0) process.stderr.write(`streamblock sandbox: running (pid ${process.pid}); Ctrl+C, SIGTERM, or the end of its caller stops it\n`);
      });
    }),
};

function describe(sandbox: Sandbox, stateFile: string | undefined): Record<string, unknown> {
  return { endpoints: sandbox.endpoints, credentials: sandbox.credentials, stateFile: stateFile ?? null };
}

/**
 * The start-up text. It prints secrets, which is acceptable only because the CLI always runs with the
 * documented fake defaults (DEFAULT_SANDBOX_CREDENTIALS); they unlock nothing but this sandbox.
 */
function banner(sandbox: Sandbox, stateFile: string | undefined): string {
  const c = DEFAULT_SANDBOX_CREDENTIALS;
  const e = sandbox.endpoints;
  return [
    `StreamBlock sandbox running (${stateFile ? `state file ${stateFile}` : "state in memory"}; fake credentials, sandbox only)`,
    `  huawei   ${e.huawei}   ak=${c.huawei.ak} sk=${c.huawei.sk} project_id=${c.huawei.projectId} X-Auth-Token=${c.huawei.authToken}`,
    `  tencent  ${e.tencent}   secretId=${c.tencent.secretId} secretKey=${c.tencent.secretKey}`,
    `  aliyun   ${e.aliyun}   accessKeyId=${c.aliyun.accessKeyId} accessKeySecret=${c.aliyun.accessKeySecret}`,
    ...(e.admin ? [`  admin    ${e.admin}   (GET / lists the routes)`] : []),
    // tencent.md §3.5: the default mirrors a mainland account; say how to get the list back.
    `Tencent's DescribeLiveForbidStreamList answers ActionOffline, as on mainland accounts since 2025-11-28` +
      (e.admin ? ` (to answer it: PATCH ${e.admin}/variants {"tencent":{"forbidList":"available"}})` : ""),
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

/**
 * Resolves to exit code 0 after a clean close on the first SIGINT/SIGTERM, or once the process that
 * started it is gone (a killed `npx`, a closed stdin pipe, a hung-up terminal); a second signal exits at once.
 * `watching` runs once all of that is watched (the "running" line tests wait for).
 */
function runUntilStopped(sandbox: Sandbox, watching: () => void): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (why: string): void => {
      if (stopping) process.exit(130);
      stopping = true;
      watch.stop();
      process.stderr.write(`streamblock sandbox: ${why}, stopping\n`);
      sandbox.close().then(
        () => {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          resolve(0);
        },
        (e: unknown) => {
          process.stderr.write(`streamblock sandbox: stop failed: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    const onSignal = (signal: NodeJS.Signals) => stop(signal);
    const watch = watchParent(stop);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    watching();
  });
}
