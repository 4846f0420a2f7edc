// The files `streamblock init` writes: a Pulumi project applying blocklist.yaml with the installed package, as pure text.
import type { PackageInfo } from "../package-root";

export interface ScaffoldFile {
  /** Relative to the project directory, with forward slashes. */
  path: string;
  text: string;
  /** "always": refused when present unless --force; "if-absent": a file of the user's own is kept even with --force. */
  when: "always" | "if-absent";
}

/** The workflow file the scaffold copies from the package's examples/ (read at run time: it is maintained there). */
export const WORKFLOW_EXAMPLE = "examples/github-actions/streamblock.yml";

/** A Pulumi project name from a directory name: Pulumi allows letters, digits, `-`, `_` and `.`. */
export function projectNameFor(dirName: string): string {
  const name = dirName.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return name === "" ? "streamblock" : name;
}

const INDEX_TS = `// Applies the reviewed blocklist (STREAMBLOCK_BLOCKLIST, default blocklist.yaml) with pulumi-streamblock.
import { applyBlocklistWindowed } from "pulumi-streamblock";

export = applyBlocklistWindowed(process.env.STREAMBLOCK_BLOCKLIST ?? "blocklist.yaml").then((summary) => ({
  bans: summary.bans,
  bansPerVendor: summary.perVendor,
  soonestExpiry: summary.soonestExpiry,
}));
`;

const BLOCKLIST_YAML = `# yaml-language-server: $schema=./node_modules/pulumi-streamblock/schema/blocklist.schema.json
# The reviewed blocklist: every stream below is banned on every configured vendor and push domain.
# Change it by pull request (\`streamblock validate blocklist.yaml\` checks it); \`pulumi up\` applies it.
# Keep only the vendors you use; each needs its credentials (README: Configuration).
vendors:
  tencent: { domains: [push.tencent.example.com] }
  aliyun:  { domains: [push.aliyun.example.com] }
  huawei:  { domains: [push.huawei.example.com] }
streams:
  - stream: spam-bot-4711              # required; quote names YAML reads as numbers: "0042"
    reason: automated spam, TS-1021    # optional; sent to Tencent, kept in state everywhere
  - stream: restream-pirate
    app: sports                        # default "live"
    vendors: [tencent, aliyun]         # optional narrowing; domains: [...] likewise
`;

// noCheck: Pulumi then runs index.ts through ts-node without type-checking it (Pulumi reads this option),
// which spared the program ~150 MB and ~2 s of CPU per run at 1,000 bans (BENCHMARKS.md);
// \`npx tsc --noEmit --noCheck false\` still checks it.
const TSCONFIG_JSON = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "noCheck": true
  },
  "files": ["index.ts"]
}
`;

// nodeargs: a young generation capped at 16 MB keeps the program's garbage collected early (its peak RSS
// at 1,000 bans 448 -> ~390 MB, no measurable time cost; BENCHMARKS.md).
function pulumiYaml(name: string): string {
  return `name: ${name}
description: A reviewed blocklist of live streams, kept banned by pulumi-streamblock.
runtime:
  name: nodejs
  options:
    typescript: true
    nodeargs: --max-semi-space-size=16
`;
}

function packageJson(name: string, pkg: PackageInfo): string {
  const dev = (n: string) => pkg.devDependencies[n] ?? "*";
  const json = {
    name: name.toLowerCase(),
    private: true,
    main: "index.ts",
    dependencies: {
      "@pulumi/pulumi": pkg.peerDependencies["@pulumi/pulumi"] ?? "^3",
      "pulumi-streamblock": `^${pkg.version}`,
    },
    devDependencies: { "@types/node": dev("@types/node"), "ts-node": dev("ts-node"), typescript: dev("typescript") },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Every file of the scaffold for a project `name`; `workflow` is the text of the package's example workflow. */
export function scaffoldFiles(name: string, pkg: PackageInfo, workflow: string): ScaffoldFile[] {
  return [
    { path: "Pulumi.yaml", text: pulumiYaml(name), when: "always" },
    { path: "index.ts", text: INDEX_TS, when: "always" },
    { path: "blocklist.yaml", text: BLOCKLIST_YAML, when: "always" },
    { path: ".github/workflows/streamblock.yml", text: workflow, when: "always" },
    { path: "package.json", text: packageJson(name, pkg), when: "if-absent" },
    { path: "tsconfig.json", text: TSCONFIG_JSON, when: "if-absent" },
    { path: ".gitignore", text: "node_modules/\n", when: "if-absent" },
  ];
}
