// What `npm pack` ships: the LICENSE, the docs a consumer needs, no source maps, and no reference that dangles.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { posix } from "node:path";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

interface PackEntry {
  path: string;
}

/** Every literal module reference in a shipped file: require()/import in .js, import/export from in .d.ts. */
export function moduleReferences(path: string, text: string): string[] {
  const patterns = path.endsWith(".d.ts")
    ? [/\bfrom\s+["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /^import\s+["']([^"']+)["']/gm, /\brequire\(\s*["']([^"']+)["']\s*\)/g]
    : [/\brequire\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
}

/** The shipped file a relative reference from `from` resolves to, Node's way (and TypeScript's for .d.ts). */
function resolveShipped(shipped: Set<string>, from: string, ref: string): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), ref));
  const candidates = from.endsWith(".d.ts")
    ? [`${base}.d.ts`, `${base}/index.d.ts`, base.replace(/\.js$/, ".d.ts")]
    : [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
  return candidates.find((c) => shipped.has(c));
}

/** The package name of a bare specifier ("@pulumi/pulumi/automation" -> "@pulumi/pulumi"). */
function packageName(ref: string): string {
  const parts = ref.split("/");
  return ref.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

describe("package contents (npm pack --dry-run)", function () {
  this.timeout(60_000);
  let files: string[];
  let shipped: Set<string>;
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8"));
  const read = (f: string) => readFileSync(join(PACKAGE_ROOT, f), "utf8");

  before(() => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACKAGE_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    files = (JSON.parse(out)[0].files as PackEntry[]).map((f) => f.path);
    shipped = new Set(files);
    assert.ok(shipped.has("dist/provider/index.js"), "dist/ is missing: run npm run build first");
  });

  it("ships the Apache-2.0 LICENSE package.json declares", () => {
    assert.equal(pkg.license, "Apache-2.0");
    assert.ok(shipped.has("LICENSE"));
    assert.match(read("LICENSE"), /Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
  });

  it("ships what a consumer reads: README, the sandbox's README, the schema, the examples (init copies the workflow)", () => {
    for (const f of ["README.md", "provider/sandbox/README.md", "schema/blocklist.schema.json", "examples/github-actions/streamblock.yml", "examples/multi-vendor/blocklist.yaml"]) {
      assert.ok(shipped.has(f), f);
    }
  });

  it("ships no source map and no sourceMappingURL pointing at one", () => {
    assert.deepEqual(files.filter((f) => f.endsWith(".map")), []);
    assert.deepEqual(files.filter((f) => f.endsWith(".js") && /sourceMappingURL=/.test(read(f))), []);
  });

  it("main, types and bin point at shipped files", () => {
    for (const f of [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)]) assert.ok(shipped.has(posix.normalize(f)), f);
  });

  it("every relative require and import in shipped code resolves to a shipped file", () => {
    const dangling: string[] = [];
    for (const f of files.filter((x) => x.endsWith(".js") || x.endsWith(".d.ts"))) {
      for (const ref of moduleReferences(f, read(f))) {
        if (ref.startsWith(".") && !resolveShipped(shipped, f, ref)) dangling.push(`${f}: ${ref}`);
      }
    }
    assert.deepEqual(dangling, []);
  });

  it("every package shipped code requires is a dependency, a peer dependency or a Node.js built-in", () => {
    const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const undeclared: string[] = [];
    for (const f of files.filter((x) => x.endsWith(".js") || x.endsWith(".d.ts"))) {
      for (const ref of moduleReferences(f, read(f))) {
        if (ref.startsWith(".") || ref.startsWith("node:") || builtinModules.includes(ref)) continue;
        if (!allowed.has(packageName(ref))) undeclared.push(`${f}: ${ref}`);
      }
    }
    assert.deepEqual(undeclared, []);
  });

  it("every relative link in shipped Markdown resolves to a shipped file", () => {
    const dangling: string[] = [];
    for (const f of files.filter((x) => x.endsWith(".md"))) {
      for (const m of read(f).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/i.test(target)) continue;
        const resolved = posix.normalize(posix.join(posix.dirname(f), target));
        if (!shipped.has(resolved) && !files.some((s) => s.startsWith(`${resolved}/`))) dangling.push(`${f}: ${target}`);
      }
    }
    assert.deepEqual(dangling, []);
  });
});
