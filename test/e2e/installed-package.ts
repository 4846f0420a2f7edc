// A throwaway project dir whose node_modules holds a copy of the built package, as a user's install would.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

export interface InstalledProject {
  dir: string;
  /** The installed copy of pulumi-streamblock (package.json, dist/provider, schema, examples), free to be "upgraded". */
  packageDir: string;
  dispose(): void;
}

/**
 * Links every dependency from the repository and copies the built package itself (run `tsc` first), or
 * the package built in `from` (a directory with package.json and dist/provider: an older release).
 */
export function installedProject(from: string = PACKAGE_ROOT): InstalledProject {
  const dir = mkdtempSync(join(tmpdir(), "streamblock-project-"));
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(join(PACKAGE_ROOT, "node_modules"))) {
    if (entry === ".bin" || entry === "pulumi-streamblock") continue;
    symlinkSync(join(PACKAGE_ROOT, "node_modules", entry), join(modules, entry));
  }
  const packageDir = join(modules, "pulumi-streamblock");
  mkdirSync(join(packageDir, "dist"), { recursive: true });
  cpSync(join(from, "package.json"), join(packageDir, "package.json"));
  cpSync(join(from, "dist", "provider"), join(packageDir, "dist", "provider"), { recursive: true });
  for (const dir of ["schema", "examples"]) cpSync(join(PACKAGE_ROOT, dir), join(packageDir, dir), { recursive: true });
  return { dir, packageDir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
