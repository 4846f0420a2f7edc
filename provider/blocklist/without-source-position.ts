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
  Error.prepareStackTrace = (error: Error) => (error.message ? `${error.name}: ${error.message}` : error.name).split("\n")[0];
  try {
    return declare();
  } finally {
    Error.prepareStackTrace = prepare;
  }
}
