// `streamblock init`: the scaffold's files, its project name, and that it never overwrites without --force.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateBlocklist } from "../../provider/blocklist/validate-blocklist";
import { projectNameFor, scaffoldFiles } from "../../provider/cli/init-scaffold";
import { streamblockPackage } from "../../provider/package-root";
import { ROOT, runCli } from "./cli-harness";

const ALWAYS = ["Pulumi.yaml", "index.ts", "blocklist.yaml", ".github/workflows/streamblock.yml"];

describe("streamblock init", function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), "streamblock-init-")), "My Infra!");
    mkdirSync(dir);
  });
  afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));
  const read = (f: string) => readFileSync(join(dir, f), "utf8");

  it("projectNameFor keeps what Pulumi allows in a project name", () => {
    assert.equal(projectNameFor("My Infra!"), "My-Infra");
    assert.equal(projectNameFor("infra.prod_1"), "infra.prod_1");
    assert.equal(projectNameFor("!!!"), "streamblock");
  });

  it("scaffolds a project whose blocklist is valid and whose program imports the package root", () => {
    const pkg = streamblockPackage();
    const files = scaffoldFiles("infra", pkg, "workflow text");
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    assert.match(byPath.get("index.ts")!, /import \{ applyBlocklistWindowed \} from "pulumi-streamblock";/);
    assert.match(byPath.get("blocklist.yaml")!, /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-streamblock\/schema\/blocklist\.schema\.json\n/);
    const v = validateBlocklist(byPath.get("blocklist.yaml")!, "blocklist.yaml", { now: new Date() });
    assert.equal(v.ok, true, JSON.stringify(v.problems));
    assert.equal(byPath.get(".github/workflows/streamblock.yml"), "workflow text");
    const pj = JSON.parse(byPath.get("package.json")!);
    assert.equal(pj.dependencies["@pulumi/pulumi"], pkg.peerDependencies["@pulumi/pulumi"]);
    assert.equal(pj.dependencies["pulumi-streamblock"], `^${pkg.version}`);
    // The program runs without ts-node type-checking it and with a small young generation (BENCHMARKS.md).
    assert.equal(JSON.parse(byPath.get("tsconfig.json")!).compilerOptions.noCheck, true);
    assert.match(byPath.get("Pulumi.yaml")!, /\n {4}nodeargs: --max-semi-space-size=16\n/);
  });

  it("writes every file into DIR, the workflow copied from the package's examples/", async () => {
    const r = await runCli(["init", dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote Pulumi\.yaml, index\.ts, blocklist\.yaml, \.github\/workflows\/streamblock\.yml, package\.json, tsconfig\.json, \.gitignore/);
    assert.equal(read(".github/workflows/streamblock.yml"), readFileSync(join(ROOT, "examples", "github-actions", "streamblock.yml"), "utf8"));
    assert.match(read("Pulumi.yaml"), /^name: My-Infra\n/);
    assert.equal(JSON.parse(read("package.json")).name, "my-infra");
  });

  it("refuses to overwrite any file and writes nothing; --force overwrites but keeps package.json", async () => {
    writeFileSync(join(dir, "index.ts"), "// mine\n");
    writeFileSync(join(dir, "package.json"), '{"name":"mine"}\n');
    const refused = await runCli(["init", dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /index\.ts already exists in /);
    assert.match(refused.stderr, /--force/);
    assert.equal(read("index.ts"), "// mine\n");
    assert.throws(() => read("Pulumi.yaml"), /ENOENT/);

    const forced = await runCli(["init", "--force", dir]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(read("index.ts"), /pulumi-streamblock/);
    assert.equal(read("package.json"), '{"name":"mine"}\n');
    assert.match(forced.stdout, /package\.json kept: npm i pulumi-streamblock @pulumi\/pulumi/);
  });

  it("defaults to the current directory and rejects a second directory", async () => {
    assert.equal((await runCli(["init"], {}, dir)).code, 0);
    for (const f of ALWAYS) assert.ok(read(f).length > 0, f);
    const usage = await runCli(["init", "a", "b"], {}, dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: streamblock init/);
  });
});
