#!/usr/bin/env node
// The `streamblock` command line: dispatches to one subcommand per file, loading only the one that runs.
// First: on an old Node.js this prints one line and exits before any subcommand (or undici) loads.
import "./cli-node-version-guard";

/** A subcommand: a one-line summary and a runner that resolves to the exit code. */
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** What a subcommand's module exports; its summary lives here, so listing commands loads none. */
export type CliRunner = Pick<CliCommand, "run">;

// Each module is required when its command runs: `validate` in CI should not load the sandbox or undici.
function lazy(summary: string, load: () => CliRunner): CliCommand {
  return { summary, run: (args) => load().run(args) };
}

/** Every subcommand by name, in the order the usage lists them. */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  validate: lazy("check blocklist files (for pull requests); exit 0 valid, 1 invalid, 2 usage", () => require("./validate-command").validateCommand),
  prune: lazy("delete finished entries (resume time passed) from blocklist files, keeping comments", () => require("./prune-command").pruneCommand),
  ls: lazy("list a vendor's live bans on push domains as a table", () => require("./ls-command").lsCommand),
  export: lazy("write live bans of every given vendor/domain as one blocklist file (adopt existing bans)", () => require("./export-command").exportCommand),
  resume: lazy("lift one ban now (incidents); the next refreshing up re-bans it if still declared", () => require("./resume-command").resumeCommand),
  kick: lazy("disconnect a stream's current push once (no ban)", () => require("./kick-command").kickCommand),
  recover: lazy("run before every pulumi up: recover the stack from a killed run (nothing to do: exit 0)", () => require("./recover-command").recoverCommand),
  sandbox: lazy("run local Huawei, Tencent and Aliyun emulators (no cloud credentials needed)", () => require("./sandbox-command").sandboxCommand),
  init: lazy("scaffold a Pulumi project applying blocklist.yaml (Pulumi.yaml, index.ts, the workflow)", () => require("./init-command").initCommand),
  schema: lazy("print the blocklist file's JSON Schema", () => require("./schema-command").schemaCommand),
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["usage: streamblock <command> [options]", "       streamblock --version", "", "commands:", ...lines, "", "streamblock <command> --help for its options"].join("\n");
}

/** Runs the CLI with `argv` (without node and the script) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`${require("./package-version").packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    const { closestName } = require("./closest-name") as typeof import("./closest-name");
    const near = closestName(name.replace(/^-+/, ""), [...Object.keys(COMMANDS), "version", "help"]);
    const hint = near === undefined ? "" : ` (did you mean ${near === "version" || near === "help" ? `--${near}` : near}?)`;
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    process.stderr.write(`streamblock: ${what}${hint}\nusage: streamblock <command> [options]; streamblock --help lists the commands\n`);
    return 2;
  }
  return command.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`streamblock: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
