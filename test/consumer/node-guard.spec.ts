// Under Node.js releases below engines.node (from the `node` npm package), the CLI, the program and the provider each fail in one line naming both versions, before undici loads.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import { REQUIRED_NODE_VERSION } from "../../provider/node-version";
import { installedProject } from "../e2e/installed-package";
import { CONSUMER_PACKAGES, oldNodeBin } from "./consumer-package-list";
import { consumerEnv, run } from "./consumer-project";

const DIST = join(PACKAGE_ROOT, "dist", "provider");

/**
 * Loads `entry` in a fresh process of `node` and prints {stack, undici} as JSON. Old-syntax JavaScript on
 * purpose: it runs on the old Node. `undici` counts undici modules in the require cache afterwards.
 */
const PROBE = `
var entry = process.argv[1], out = { stack: null, undici: 0 };
function done() {
  out.undici = Object.keys(require.cache).filter(function (k) { return k.indexOf("/undici/") >= 0; }).length;
  console.log(JSON.stringify(out));
}
try {
  var m = require(entry);
  if (m.configure) {
    m.configure({ config: { get: function () { return undefined; } } }).then(done, function (e) { out.stack = String(e.stack); done(); });
  } else done();
} catch (e) { out.stack = String(e.stack); done(); }
`;

async function probe(node: string, entry: string): Promise<{ stack: string | null; undici: number }> {
  const r = await run(node, ["-e", PROBE, entry], { cwd: PACKAGE_ROOT });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout.trim());
}

function assertOneLine(text: string, version: string): void {
  const lines = text.trim().split("\n");
  assert.equal(lines.length, 1, text);
  assert.match(lines[0]!, new RegExp(`needs Node\\.js >= ${REQUIRED_NODE_VERSION.replace(/\./g, "\\.")}, but this is Node\\.js ${version.replace(/\./g, "\\.")} `));
}

for (const version of CONSUMER_PACKAGES.oldNodes) {
  describe(`node guard under Node.js ${version}`, function () {
    this.timeout(120_000);
    const node = oldNodeBin(version);
    before(function () {
      if (!existsSync(node)) throw new Error(`${node} is missing: run scripts/ensure-consumer-packages.sh (npm test does)`);
      if (!existsSync(join(DIST, "index.js"))) throw new Error("dist/ is missing: run npm run build first");
    });

    it("the CLI prints one line and exits 1", async () => {
      for (const args of [["--help"], ["validate", "blocklist.yaml"], ["ls", "--vendor", "tencent", "--domain", "x.example.com"]]) {
        const r = await run(node, [join(DIST, "cli", "main.js"), ...args], { cwd: PACKAGE_ROOT });
        assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
        assert.equal(r.stdout, "");
        assertOneLine(r.stderr, version);
        assert.match(r.stderr, /^streamblock: /);
      }
    });

    it("the package root (a program's import) throws a one-line error before undici loads", async () => {
      const r = await probe(node, join(DIST, "index.js"));
      assertOneLine(r.stack ?? "(loaded)", version);
      assert.equal(r.undici, 0);
    });

    for (const shim of ["stream-block-shim", "stream-kick-shim"]) {
      it(`the provider (${shim} configure, as the engine's host calls it) rejects in one line before undici loads`, async () => {
        const r = await probe(node, join(DIST, "resource", `${shim}.js`));
        assertOneLine(r.stack ?? "(configured)", version);
        assert.equal(r.undici, 0);
      });
    }
  });
}

describe("node guard through the Pulumi CLI", function () {
  this.timeout(300_000);
  const version = CONSUMER_PACKAGES.oldNodes[0]!;

  it(`pulumi preview with Node.js ${version} first on PATH shows the one line, no stack`, async () => {
    const project = installedProject();
    const state = mkdtempSync(join(project.dir, "state-"));
    try {
      const init = await run(process.execPath, [join(project.packageDir, "dist", "provider", "cli", "main.js"), "init"], { cwd: project.dir });
      assert.equal(init.code, 0, init.stderr);
      const env = consumerEnv({
        PATH: `${join(oldNodeBin(version), "..")}:${process.env.PATH}`,
        PULUMI_BACKEND_URL: `file://${state}?metadata=skip`,
        PULUMI_CONFIG_PASSPHRASE: "guard-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_HOME: join(state, "home"),
      });
      const pulumi = join(ensurePulumiBin(), "pulumi");
      assert.equal((await run(pulumi, ["stack", "init", "dev", "--non-interactive"], { cwd: project.dir, env })).code, 0);
      const r = await run(pulumi, ["preview", "--non-interactive"], { cwd: project.dir, env });
      assert.notEqual(r.code, 0);
      const errors = r.stdout.split("\n").filter((l) => /needs Node\.js/.test(l));
      assert.ok(errors.length > 0, r.stdout + r.stderr);
      for (const l of errors) assert.match(l, new RegExp(`error: pulumi-streamblock needs Node\\.js >= ${REQUIRED_NODE_VERSION}, but this is Node\\.js ${version} `));
      assert.doesNotMatch(r.stdout, /unhandled exception|^\s+at /m, r.stdout);
    } finally {
      rmSync(state, { recursive: true, force: true });
      project.dispose();
    }
  });
});
