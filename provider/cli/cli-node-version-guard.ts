// Imported first by the streamblock command: on an old Node.js prints one line and exits 1, before any subcommand loads.
import { nodeVersionProblem } from "../node-version";

const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem !== undefined) {
  process.stderr.write("streamblock: " + problem + "\n");
  process.exit(1);
}
