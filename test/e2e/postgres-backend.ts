// A PostgreSQL state backend for e2e tests: $STREAMBLOCK_TEST_POSTGRES_URL, or a throwaway cluster scripts/ensure-postgres.sh starts.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../provider/engine/pulumi-cli";
import type { EngineBackend } from "./engine-harness";

const SCRIPT = join(PACKAGE_ROOT, "scripts", "ensure-postgres.sh");

/** One table of the database, as a Pulumi backend (`?table=`), plus SQL access for assertions. */
export interface PostgresBackend extends EngineBackend {
  /** The state table (each test gets its own, so runs never see each other's stacks). */
  table: string;
  /** The password, for greps that it never shows. */
  password: string;
  /** Runs SQL against the database; rows as arrays of column strings. */
  query(sql: string): string[][];
}

let server: { url: URL; password: string } | undefined;

/**
 * The database of $STREAMBLOCK_TEST_POSTGRES_URL (.ci/run sets it), else of a cluster started now for this
 * process and stopped (its directory deleted) when the process exits.
 */
function ensureServer(): { url: URL; password: string } {
  if (server) return server;
  let raw = process.env.STREAMBLOCK_TEST_POSTGRES_URL;
  if (!raw) {
    const env = { ...process.env, STREAMBLOCK_POSTGRES_DIR: join(tmpdir(), `streamblock-e2e-pg-${process.pid}`) };
    raw = execFileSync("bash", [SCRIPT], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").at(-1)!;
    process.on("exit", () => execFileSync("bash", [SCRIPT, "--stop"], { env, stdio: "ignore" }));
  }
  const url = new URL(raw);
  const password = decodeURIComponent(url.password);
  // The password travels as PGPASSWORD, never in the URL: the CLI keeps backend URLs in credentials.json and Pulumi.yaml.
  url.password = "";
  server = { url, password };
  return server;
}

/** A fresh state table in the test database. */
export function postgresBackend(): PostgresBackend {
  const { url, password } = ensureServer();
  const table = `e2e_${randomBytes(6).toString("hex")}`;
  const backendUrl = new URL(url);
  backendUrl.searchParams.set("table", table);
  const env = { PGPASSWORD: password };
  return {
    url: backendUrl.toString(),
    env,
    table,
    password,
    query: (sql) =>
      execFileSync("psql", ["-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", url.toString(), "-c", sql], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      })
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("\t")),
  };
}
