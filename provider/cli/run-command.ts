// Runs a subcommand's body and turns failures into exit codes: 2 with the help for usage mistakes, 1 otherwise.

/** A usage mistake: the command prints it with its help and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Runs `body`; a UsageError prints its message and `help` and gives 2, any other error its message and 1
 * (settings, vendor and transport errors never hold credentials). `cleanup` runs last either way.
 */
export async function runCommand(name: string, help: string, body: () => Promise<number>, cleanup?: () => Promise<void>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`streamblock ${name}: ${e.message}\n\n${help}`);
      return 2;
    }
    process.stderr.write(`streamblock ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await cleanup?.();
  }
}
