// `streamblock schema`: prints (or writes) the blocklist file's JSON Schema, generated from the zod schema.
import { writeFileSync } from "node:fs";
import { renderBlocklistJsonSchema } from "../blocklist/blocklist-json-schema";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { UsageError, runCommand } from "./run-command";

const HELP = `usage: streamblock schema [-o FILE]

Prints the blocklist file's JSON Schema (draft-07), or writes it to FILE. The package ships it as
schema/blocklist.schema.json; point editors at it with a first line such as
  # yaml-language-server: $schema=./node_modules/pulumi-streamblock/schema/blocklist.schema.json
`;

export const schemaCommand: CliRunner = {
  run: (args) =>
    runCommand("schema", HELP, async () => {
      const { values, positionals } = parseOptions(args, { output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } }, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const text = renderBlocklistJsonSchema();
      if (values.output === undefined) process.stdout.write(text);
      else writeFileSync(values.output, text);
      return 0;
    }),
};
