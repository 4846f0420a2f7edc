#!/usr/bin/env node
// The `streamblock` command line: dispatches to one subcommand per file.
import { exportCommand } from "./export-command";
import { kickCommand } from "./kick-command";
import { lsCommand } from "./ls-command";
import { sandboxCommand } from "./sandbox-command";
import { schemaCommand } from "./schema-command";
import { validateCommand } from "./validate-command";

/** A subcommand: a one-line summary and a runner that resolves to the exit code. */
export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Every subcommand by name, in the order the usage lists them. */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  validate: validateCommand,
  ls: lsCommand,
  export: exportCommand,
  kick: kickCommand,
  sandbox: sandboxCommand,
  schema: schemaCommand,
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
