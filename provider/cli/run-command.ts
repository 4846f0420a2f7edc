// Runs a subcommand's body and turns failures into exit codes: 2 with the help for usage mistakes, 1 otherwise.

/** A usage mistake: the command prints it with its help and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The usage line(s) of a command's help: everything up to its first blank line. */
export function usageLines(help: string): string {
  const end = help.indexOf("\n\n");
  return end < 0 ? help.trimEnd() : help.slice(0, end);
}

/**
 * Runs `body`; a UsageError prints its message and the usage line and gives 2, any other error its message and 1
 * (settings, vendor and transport errors never hold credentials). `cleanup` runs last either way.
 */
export async function runCommand(name: string, help: string, body: () => Promise<number>, cleanup?: () => Promise<void>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`streamblock ${name}: ${e.message}\n\n${usageLines(help)}\nstreamblock ${name} --help lists every option\n`);
      return 2;
    }
    process.stderr.write(`streamblock ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await cleanup?.();
  }
}
