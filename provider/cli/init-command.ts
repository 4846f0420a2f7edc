// `streamblock init [DIR]`: scaffolds a Pulumi project that applies blocklist.yaml with this package, refusing to overwrite.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { streamblockPackage } from "../package-root";
import type { CliRunner } from "./main";
import { parseOptions } from "./parse-options";
import { UsageError, runCommand } from "./run-command";
import { WORKFLOW_EXAMPLE, projectNameFor, scaffoldFiles } from "./init-scaffold";

const HELP = `usage: streamblock init [DIR] [--force]

Writes a Pulumi project into DIR (default: the current directory) that applies blocklist.yaml:
  Pulumi.yaml, index.ts (imports applyBlocklistWindowed from "pulumi-streamblock"), blocklist.yaml,
  .github/workflows/streamblock.yml, and package.json, tsconfig.json, .gitignore where absent.
Refuses to overwrite an existing file unless --force (package.json, tsconfig.json and .gitignore are
never overwritten). Then: npm install, pulumi stack init, pulumi up.

  --force    overwrite Pulumi.yaml, index.ts, blocklist.yaml and the workflow
`;

export const initCommand: CliRunner = {
  run: (args) =>
    runCommand("init", HELP, async () => {
      const { values, positionals } = parseOptions(args, { force: { type: "boolean" }, help: { type: "boolean", short: "h" } }, true);
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length > 1) throw new UsageError(`one directory at most, got ${positionals.length}`);
      const dir = resolve(positionals[0] ?? ".");
      const pkg = streamblockPackage();
      const workflow = readFileSync(join(pkg.root, WORKFLOW_EXAMPLE), "utf8");
      const files = scaffoldFiles(projectNameFor(basename(dir)), pkg, workflow);
      const present = files.filter((f) => existsSync(join(dir, f.path)));
      const blocking = present.filter((f) => f.when === "always");
      if (blocking.length > 0 && !values.force) {
        const verb = blocking.length === 1 ? "exists" : "exist";
        throw new Error(`${blocking.map((f) => f.path).join(", ")} already ${verb} in ${dir}; nothing written (--force overwrites)`);
      }
      const written: string[] = [];
      for (const f of files) {
        if (f.when === "if-absent" && present.includes(f)) continue;
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.text);
        written.push(f.path);
      }
      const kept = present.filter((f) => f.when === "if-absent").map((f) => f.path);
      const lines = [`streamblock init: wrote ${written.join(", ")} in ${dir}`];
      if (kept.includes("package.json")) {
        lines.push("package.json kept: npm i pulumi-streamblock @pulumi/pulumi && npm i -D typescript ts-node @types/node");
      }
      lines.push(
        "next:",
        "  npm install",
        "  pulumi stack init <stack>            # after pulumi login <backend>",
        "  pulumi config set --secret streamblock:tencentSecretKey ...   # per vendor (README: Configuration)",
        "  streamblock validate blocklist.yaml",
        "  pulumi up",
      );
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    }),
};
