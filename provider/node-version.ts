// The Node.js release StreamBlock runs on, and the one-line message for any older one.

/*
 * Loaded before anything else by every entry point, on whatever Node the user has: keep it to syntax
 * Node 8 parses (no `?.`, `??`, class fields), or an old Node fails on a SyntaxError instead of this
 * message.
 */

/** The oldest Node.js StreamBlock runs on: undici 8 (its HTTP client) needs 22.19. Keep package.json's engines equal. */
export const REQUIRED_NODE_VERSION = "22.19.0";

function parts(version: string): number[] {
  return version.replace(/^v/, "").split(".").map(function (p) {
    return parseInt(p, 10) || 0;
  });
}

/** Whether `found` (like "22.18.0" or "v20.19.0") is at least `required`. */
export function isNodeVersionAtLeast(found: string, required: string): boolean {
  const a = parts(found);
  const b = parts(required);
  for (let i = 0; i < 3; i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The one-line problem with running on Node `found` at `execPath`, or undefined when it is new enough. */
export function nodeVersionProblem(found: string, execPath: string): string | undefined {
  if (isNodeVersionAtLeast(found, REQUIRED_NODE_VERSION)) return undefined;
  return (
    "pulumi-streamblock needs Node.js >= " + REQUIRED_NODE_VERSION + ", but this is Node.js " + found.replace(/^v/, "") +
    " (" + execPath + "); put a newer node first on PATH (Pulumi runs the first node on PATH)"
  );
}
