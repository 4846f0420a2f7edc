// Imported first by the package root and the provider entries: refuses an old Node.js in one line, before undici loads.
import { nodeVersionProblem } from "./node-version";

const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem !== undefined) {
  const error = new Error(problem);
  // Whoever prints it (Node, the provider host) shows the message alone, not frames in dist/; and the
  // brand of the SDK's RunError makes Pulumi print a failed program's error as its message only.
  error.stack = problem;
  (error as unknown as Record<string, unknown>).__pulumiRunError = true;
  throw error;
}
