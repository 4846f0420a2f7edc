#!/usr/bin/env node
// The `streamblock` command line: dispatches to one subcommand per file, loading only the one that runs.

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
  ls: lazy("list a vendor's live bans on push domains as a table", () => require("./ls-command").lsCommand),
  export: lazy("write a vendor's live bans as a blocklist file (adopt existing bans)", () => require("./export-command").exportCommand),
  kick: lazy("disconnect a stream's current push once (no ban)", () => require("./kick-command").kickCommand),
  recover: lazy("run before every pulumi up: recover the stack from a killed run (nothing to do: exit 0)", () => require("./recover-command").recoverCommand),
  sandbox: lazy("run local Huawei, Tencent and Aliyun emulators (no cloud credentials needed)", () => require("./sandbox-command").sandboxCommand),
  schema: lazy("print the blocklist file's JSON Schema", () => require("./schema-command").schemaCommand),
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["usage: streamblock <command> [options]", "", "commands:", ...lines, "", "streamblock <command> --help for its options"].join("\n");
}

/** Runs the CLI with `argv` (without node and the script) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`streamblock: unknown command "${name}"\n\n${usage()}\n`);
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
