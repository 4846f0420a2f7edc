// The main job: applies blocklist.yaml with the real Pulumi engine against the embedded sandbox, then prints the bans.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startSandbox } from "../sandbox/sandbox";
import { sandboxEnv } from "../sandbox/sandbox-env";
import { VENDOR_IDS } from "../vendors/vendor-id";
import { PACKAGE_ROOT, ensurePulumiBin, pulumiCommand } from "./pulumi-cli";

/** Where the demo keeps its local backend and the sandbox's bans, so a re-run finds both as it left them. */
const WORK_DIR = process.env.STREAMBLOCK_WORK_DIR ?? join(PACKAGE_ROOT, ".streamblock");

export async function runMainJob(blocklist = process.env.STREAMBLOCK_BLOCKLIST ?? "blocklist.yaml"): Promise<void> {
  mkdirSync(join(WORK_DIR, "state"), { recursive: true });
  ensurePulumiBin();
  const sb = await startSandbox({
    ports: { huawei: 0, tencent: 0, aliyun: 0 },
    adminServer: false,
    stateFile: join(WORK_DIR, "sandbox-state.json"),
  });
  try {
    process.stderr.write(`streamblock: sandbox on ${sb.endpoints.huawei}, ${sb.endpoints.tencent}, ${sb.endpoints.aliyun}\n`);
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", workDir: PACKAGE_ROOT },
      {
        pulumiCommand: await pulumiCommand(),
        envVars: {
          ...sandboxEnv(sb),
          STREAMBLOCK_BLOCKLIST: blocklist,
          // metadata=skip keeps every checkpoint write atomic (README: file backend).
          PULUMI_BACKEND_URL: `file://${join(WORK_DIR, "state")}?metadata=skip`,
          PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "streamblock-demo",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          PATH: `${join(PACKAGE_ROOT, "node_modules", ".bin")}:${process.env.PATH}`,
        },
      },
    );
    const result = await stack.up({ onOutput: (s) => process.stdout.write(s) });
    process.stdout.write(`\nupdate ${result.summary.result}; what the vendors (sandbox) now ban:\n\n`);
    process.stdout.write("| vendor | domain | app | stream | banned until |\n|---|---|---|---|---|\n");
    for (const vendor of VENDOR_IDS) {
      for (const b of sb.bans({ vendor })) {
        process.stdout.write(`| ${vendor} | ${b.domain} | ${b.app} | ${b.stream} | ${b.expiresAt} |\n`);
      }
    }
  } finally {
    await sb.close();
  }
}

if (require.main === module) {
  runMainJob().catch((e: Error) => {
    process.stderr.write(`streamblock: ${e.message}\n`);
    process.exit(1);
  });
}
