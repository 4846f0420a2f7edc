// `streamblock sandbox`: runs the three vendor emulators until SIGINT or SIGTERM, printing endpoints and credentials.
import { parseArgs } from "node:util";
import { DEFAULT_SANDBOX_CREDENTIALS } from "../sandbox/sandbox-credentials";
import { DEFAULT_SANDBOX_PORTS, startSandbox, type Sandbox } from "../sandbox/sandbox";
import type { CliCommand } from "./main";

const HELP = `usage: streamblock sandbox [options]

Starts local emulators of the Huawei, Tencent and Aliyun stream-block APIs on 127.0.0.1 and runs
until SIGINT (Ctrl+C) or SIGTERM. Port 0 picks a free port.

  --huawei-port N    default ${DEFAULT_SANDBOX_PORTS.huawei}
  --tencent-port N   default ${DEFAULT_SANDBOX_PORTS.tencent}
  --aliyun-port N    default ${DEFAULT_SANDBOX_PORTS.aliyun}
  --admin-port N     admin API (JSON over HTTP), default ${DEFAULT_SANDBOX_PORTS.admin}
  --state FILE       keep bans and kicks in FILE across restarts
  --no-throttle      do not rate-limit at the vendors' documented QPS
  --throttle-scale X multiply every documented QPS by X
  --json             print the endpoints and credentials as one JSON line
`;

export const sandboxCommand: CliCommand = {
  summary: "run local Huawei, Tencent and Aliyun emulators (no cloud credentials needed)",
  async run(args) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: {
          "huawei-port": { type: "string" },
          "tencent-port": { type: "string" },
          "aliyun-port": { type: "string" },
          "admin-port": { type: "string" },
          state: { type: "string" },
          "no-throttle": { type: "boolean" },
          "throttle-scale": { type: "string" },
          json: { type: "boolean" },
          help: { type: "boolean", short: "h" },
        },
        strict: true,
      }));
    } catch (e) {
      process.stderr.write(`streamblock sandbox: ${(e as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const ports: Record<string, number> = {};
    for (const name of ["huawei", "tencent", "aliyun", "admin"] as const) {
      const text = values[`${name}-port`];
      if (text === undefined) continue;
      const port = Number(text);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`streamblock sandbox: --${name}-port must be a port number (0 for any free one)\n`);
        return 2;
      }
      ports[name] = port;
    }
    const scale = values["throttle-scale"] === undefined ? undefined : Number(values["throttle-scale"]);
    if (scale !== undefined && !(Number.isFinite(scale) && scale > 0)) {
      process.stderr.write("streamblock sandbox: --throttle-scale must be a positive number\n");
      return 2;
    }
    const sandbox = await startSandbox({
      ports,
      ...(values.state === undefined ? {} : { stateFile: values.state }),
      throttle: { enabled: !values["no-throttle"], ...(scale === undefined ? {} : { scale }) },
      onWarning: (m) => process.stderr.write(`streamblock sandbox: ${m}\n`),
    });
    process.stdout.write(values.json ? `${JSON.stringify(describe(sandbox, values.state))}\n` : banner(sandbox, values.state));
    return waitForSignal(sandbox);
  },
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
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}

/** Resolves to exit code 0 after a clean close on the first SIGINT/SIGTERM; a second signal exits at once. */
function waitForSignal(sandbox: Sandbox): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`streamblock sandbox: ${signal}, stopping\n`);
      sandbox.close().then(
        () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve(0);
        },
        (e: unknown) => {
          process.stderr.write(`streamblock sandbox: stop failed: ${(e as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
