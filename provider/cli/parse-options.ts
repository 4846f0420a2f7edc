// node:util parseArgs for the subcommands, with its errors turned into usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./run-command";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `args` strictly; unknown options and missing values are usage errors. */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
