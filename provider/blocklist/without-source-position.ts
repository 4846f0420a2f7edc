// Declares a resource without the SDK's source position and stack trace, which in the blocklist program point only into this package.
/**
 * Runs `declare` (a resource constructor) with stack traces reduced to their first line. The SDK records
 * each resource's call stack in the state (Resource.callsites lifts Error.stackTraceLimit and parses
 * `new Error().stack`); from the blocklist program every frame is inside pulumi-streamblock, which tells
 * a reader nothing, yet it was 853 of a ban's 2,388 state bytes, and the file backend rewrites the whole
 * state twice per step (BENCHMARKS.md). A header-only stack leaves the SDK no frame to record.
 */
export function withoutSourcePosition<T>(declare: () => T): T {
  const prepare = Error.prepareStackTrace;
  // Older SDKs (3.139) capture the stack on a plain object (Error.captureStackTrace), which has no name.
  Error.prepareStackTrace = (error: unknown) => (error instanceof Error ? oneLine(error) : "");
  try {
    return declare();
  } finally {
    Error.prepareStackTrace = prepare;
  }
}

/** The stack's first line, with the whole message on it: the SDK reads every later line as a frame. */
function oneLine(error: Error): string {
  return (error.message ? `${error.name}: ${error.message}` : error.name).replace(/\s*\n\s*/g, " ");
}
