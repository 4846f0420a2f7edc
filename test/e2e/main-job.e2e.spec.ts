// The README's first command: the root program through the real engine (CLI + Node.js language host) against the sandbox.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

describe("e2e: the main job (npm start)", function () {
  this.timeout(180_000);
  const work = mkdtempSync(join(tmpdir(), "streamblock-main-job-"));
  after(() => rmSync(work, { recursive: true, force: true }));

  const run = () =>
    execFileSync(join(PACKAGE_ROOT, "node_modules", ".bin", "node"), [join(PACKAGE_ROOT, "dist", "provider", "engine", "run-main-job.js")], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, STREAMBLOCK_WORK_DIR: work },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("applies blocklist.yaml and prints what it banned; a second run changes nothing", () => {
    const first = run();
    assert.match(first, /update succeeded; what the vendors \(sandbox\) now ban:/);
    const rows = first.split("\n").filter((l) => /^\| (huawei|tencent|aliyun) \|/.test(l));
    assert.ok(rows.length > 0, first);
    assert.match(first, /\+ \d+ created/);
    const second = run();
    assert.doesNotMatch(second, /created|updated|deleted|replaced/);
    assert.match(second, /\d+ unchanged/);
    assert.deepEqual(second.split("\n").filter((l) => /^\| (huawei|tencent|aliyun) \|/.test(l)), rows);
  });
});
