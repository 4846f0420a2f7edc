// scripts/ensure-pulumi.sh keeps a build of its own current: a changed language-host source rebuilds only the host, and the launcher is refreshed.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensurePulumiBin, PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

const SCRIPT = join(PACKAGE_ROOT, "scripts", "ensure-pulumi.sh");

describe("engine/ensure-pulumi: a build of its own stays current", function () {
  this.timeout(600_000);
  let work: string;
  let root: string;
  let bin: string;
  let env: NodeJS.ProcessEnv;

  before(function () {
    const realBin = ensurePulumiBin();
    const record = join(dirname(realBin), "STREAMBLOCK-BUILD.txt");
    const recorded = existsSync(record) ? readFileSync(record, "utf8") : "";
    const version = /^pulumi: v(\S+)$/m.exec(recorded)?.[1];
    const cache = process.env.STREAMBLOCK_PULUMI_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "streamblock-pulumi");
    const moduleDir = join(cache, `v${version}`);
    // Only a CLI this script built with our own language host, whose module dir is still there, can be refreshed.
    if (!version || !/^language-host-sha256: /m.test(recorded) || !existsSync(join(moduleDir, "langhost"))) this.skip();

    // A copy of that build whose host is recorded as built from another main.go, with an old launcher.
    work = mkdtempSync(join(tmpdir(), "ensure-pulumi-"));
    root = join(work, "root");
    bin = join(root, "versions", version!, "bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(join(realBin, "pulumi"), join(bin, "pulumi"));
    copyFileSync(join(realBin, "pulumi-language-nodejs"), join(bin, "pulumi-language-nodejs"));
    writeFileSync(join(bin, "pulumi-resource-pulumi-nodejs"), '#!/bin/sh\nexec node "$(node -e "console.log(require.resolve(\'@pulumi/pulumi/cmd/dynamic-provider\'))")" "$@"\n', { mode: 0o755 });
    writeFileSync(join(root, "versions", version!, "STREAMBLOCK-BUILD.txt"), recorded.replace(/^language-host-sha256: .*$/m, "language-host-sha256: 0000-an-older-main-go"));
    const copyCache = join(work, "cache");
    mkdirSync(join(copyCache, `v${version}`), { recursive: true });
    for (const f of ["go.mod", "go.sum", "tools.go", "langhost"]) {
      if (existsSync(join(moduleDir, f))) cpSync(join(moduleDir, f), join(copyCache, `v${version}`, f), { recursive: true });
    }
    env = { ...process.env, STREAMBLOCK_PULUMI_ROOT: root, STREAMBLOCK_PULUMI_CACHE: copyCache, STREAMBLOCK_PULUMI_NO_PATH: "1", STREAMBLOCK_PULUMI_NO_DOWNLOAD: "1" };
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs the script: the bin dir it prints last on stdout, and its progress log (stderr). */
  const run = (): { bin: string; log: string } => {
    const r = spawnSync("bash", [SCRIPT], { env, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return { bin: r.stdout.trim().split("\n").pop()!, log: r.stderr };
  };

  it("rebuilds only the language host from the current main.go, records its hash, and writes the current launcher", () => {
    const first = run();
    assert.match(first.log, /main\.go changed: rebuilding only the language host/);
    assert.match(first.log, /updating the pulumi-resource-pulumi-nodejs launcher/);
    assert.equal(first.bin, bin);
    const source = readFileSync(join(PACKAGE_ROOT, "scripts", "pulumi-language-nodejs", "main.go"));
    const record = readFileSync(join(dirname(bin), "STREAMBLOCK-BUILD.txt"), "utf8");
    assert.match(record, new RegExp(`^language-host-sha256: ${createHash("sha256").update(source).digest("hex")}$`, "m"));
    assert.match(readFileSync(join(bin, "pulumi-resource-pulumi-nodejs"), "utf8"), /orphan-watchdog-preload\.js/);
    assert.match(execFileSync(join(bin, "pulumi-language-nodejs"), ["-version"], { encoding: "utf8" }), /^v\d+\.\d+\.\d+/);
  });

  it("then finds it current: no rebuild", () => {
    const again = run();
    assert.doesNotMatch(again.log, /rebuilding|updating the/);
    assert.match(again.log, /using Pulumi CLI \S+ \(cached\)/);
  });
});
