// Imported first by the package root and the provider entries: refuses an old Node.js in one line, before undici loads.
import { nodeVersionProblem } from "./node-version";

const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem !== undefined) {
  const error = new Error(problem);
  // Pulumi prints a failed program's or provider's stack: make it the message alone, not frames in dist/.
  error.stack = problem;
  throw error;
}
