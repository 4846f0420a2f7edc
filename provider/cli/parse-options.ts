// node:util parseArgs for the subcommands, with its errors turned into short usage errors (exit 2) that suggest the option meant.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "./closest-name";
import { UsageError } from "./run-command";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `args` strictly; unknown options (with a "did you mean"), missing values and stray arguments are usage errors. */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = false) {
  const unknown = unknownOption(args, options);
  if (unknown) throw new UsageError(unknown);
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }, args));
  }
}

/** The first option in `args` that `options` does not define, described with the closest known one. */
export function unknownOption(args: readonly string[], options: Options): string | undefined {
  const longs = Object.keys(options);
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  for (const arg of args) {
    if (arg === "--") return undefined;
    if (arg.startsWith("--") && arg.length > 2) {
      const name = arg.slice(2).split("=")[0]!;
      if (longs.includes(name)) continue;
      const near = closestName(name, longs);
      return `unknown option --${name}${near ? ` (did you mean --${near}?)` : ""}`;
    }
    if (arg.startsWith("-") && arg.length > 1 && !/^-\d/.test(arg)) {
      for (const ch of arg.slice(1)) {
        if (shorts.has(ch)) break;
        const starting = longs.filter((l) => l.startsWith(ch));
        const near = starting.length === 1 ? starting[0] : undefined;
        return `unknown option -${ch}${near ? ` (did you mean --${near}?)` : ""}`;
      }
    }
  }
  return undefined;
}

function parseArgsMessage(e: Error & { code?: string }, args: string[]): string {
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(--?[\w-]+)/.exec(e.message)?.[1];
    if (option && /argument missing/.test(e.message)) return `${option} needs a value`;
    if (option) return `${option} takes no value`;
  }
  if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const arg = /'([^']*)'/.exec(e.message)?.[1] ?? args.find((a) => !a.startsWith("-"));
    return `unexpected argument "${arg}"`;
  }
  return e.message;
}
