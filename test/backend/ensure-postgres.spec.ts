// scripts/ensure-postgres.sh: a loopback-only cluster with a password user, reused by a second call, gone after --stop.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";

const SCRIPT = join(PACKAGE_ROOT, "scripts", "ensure-postgres.sh");

function run(args: string[], env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("bash", [SCRIPT, ...args], { env, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function psql(url: string, password: string, sql: string): string {
  return execFileSync("psql", ["-X", "-At", "-d", url, "-c", sql], { env: { ...process.env, PGPASSWORD: password }, encoding: "utf8" }).trim();
}

/** Resolves true if something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

describe("scripts/ensure-postgres.sh", function () {
  this.timeout(180_000);
  const dir = join(tmpdir(), `streamblock-ensure-pg-test-${process.pid}`);
  const env = { ...process.env, STREAMBLOCK_POSTGRES_DIR: dir };
  after(() => run(["--stop"], env));

  it("starts a cluster on 127.0.0.1 with a password user, prints its URL last, reuses it on a second call, and --stop deletes it", async () => {
    const first = run([], env);
    assert.equal(first.code, 0, first.stderr);
    const line = first.stdout.trim().split("\n").at(-1)!;
    const url = new URL(line);
    assert.equal(url.protocol, "postgres:");
    assert.equal(url.hostname, "127.0.0.1");
    assert.equal(url.searchParams.get("sslmode"), "disable");
    assert.ok(url.password.length >= 32, "a random password");
    assert.ok(!first.stderr.includes(url.password), "the password is never on stderr");
    const password = decodeURIComponent(url.password);
    url.password = "";

    assert.equal(psql(url.toString(), password, "SELECT current_user || ' ' || current_database()"), "streamblock streamblock");
    assert.equal(psql(url.toString(), password, "SHOW listen_addresses"), "127.0.0.1");
    assert.equal(psql(url.toString(), password, "SHOW password_encryption"), "scram-sha-256");
    const wrong = spawnSync("psql", ["-X", "-At", "-d", url.toString(), "-c", "SELECT 1"], { env: { ...process.env, PGPASSWORD: "wrong" }, encoding: "utf8" });
    assert.notEqual(wrong.status, 0, "a wrong password is refused");

    const second = run([], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout.trim().split("\n").at(-1), line, "the same server, port and password");
    assert.match(second.stderr, /reusing the cluster/);

    const port = Number(url.port);
    assert.equal(await accepts(port), true);
    const stop = run(["--stop"], env);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(existsSync(dir), false, "the cluster directory is gone");
    assert.equal(await accepts(port), false, "the server is stopped");
  });
});
