#!/usr/bin/env bash
# Installs PostgreSQL if missing and runs a throwaway cluster on loopback; the LAST line of stdout is its URL.
#
# Usage: scripts/ensure-postgres.sh          # start (or reuse) the cluster, print postgres://user:pass@127.0.0.1:port/db?sslmode=disable
#        scripts/ensure-postgres.sh --stop   # stop the cluster and delete its directory
#        STREAMBLOCK_POSTGRES_URL=$(scripts/ensure-postgres.sh | tail -1)
#
# The cluster listens on 127.0.0.1 only, on a free port, with one database and one password user
# (scram-sha-256). Its password is random, kept in the cluster directory (mode 0600) so that a second
# call reuses the running server; --stop deletes it with the data. Progress goes to stderr.
#
# Environment:
#   STREAMBLOCK_POSTGRES_DIR   the cluster directory (default ${TMPDIR:-/tmp}/streamblock-postgres-<uid>).
#                              initdb and postgres refuse to run as root: as root the directory is handed
#                              to the `postgres` system user (the Debian package's) and the server runs as it.
set -euo pipefail

readonly DB_NAME=streamblock
readonly DB_USER=streamblock
CLUSTER_DIR="${STREAMBLOCK_POSTGRES_DIR:-${TMPDIR:-/tmp}/streamblock-postgres-$(id -u)}"
readonly CLUSTER_DIR
readonly DATA_DIR="$CLUSTER_DIR/data"

say() { printf 'ensure-postgres: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# as_owner CMD...: runs CMD as the cluster's owner (the postgres system user when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin_dir() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

install_server() {
  [ "$(id -u)" = 0 ] || die "the PostgreSQL server is not installed; run as root or: sudo apt-get install -y postgresql"
  command -v apt-get >/dev/null || die "the PostgreSQL server is not installed and apt-get is missing; install PostgreSQL 13 or newer"
  say "installing the postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2; }
}

# A TCP port nothing listens on right now (the server's own bind is the final check).
free_port() {
  local p _
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found on 127.0.0.1"
}

running() { [ -f "$DATA_DIR/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; }

stop_cluster() {
  if BIN=$(pg_bin_dir) && running; then
    say "stopping the cluster in $CLUSTER_DIR"
    as_owner "$BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >&2
  fi
  rm -rf "$CLUSTER_DIR" "$CLUSTER_DIR.lock"
}

start_cluster() {
  local port="" attempt pass
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    say "creating a cluster in $CLUSTER_DIR"
    mkdir -p "$CLUSTER_DIR"
    chmod 0700 "$CLUSTER_DIR"
    # Readable only by the owner; generated here, never printed except inside the final URL.
    pass=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
    umask 077
    printf '%s\n' "$pass" >"$CLUSTER_DIR/password"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$CLUSTER_DIR"
    as_owner "$BIN/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # Unix socket in the cluster dir (not /var/run/postgresql, which a non-root user cannot write).
    if as_owner "$BIN/pg_ctl" -D "$DATA_DIR" -l "$CLUSTER_DIR/server.log" -w -t 120 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $CLUSTER_DIR" start >/dev/null 9>&-; then
      printf '%s\n' "$port" >"$CLUSTER_DIR/port"
      [ "$(id -u)" = 0 ] && chown postgres: "$CLUSTER_DIR/port"
      break
    fi
    say "start on port $port failed (attempt $attempt); $(tail -1 "$CLUSTER_DIR/server.log" 2>/dev/null)"
    port=""
  done
  [ -n "$port" ] || die "the server did not start; see $CLUSTER_DIR/server.log"
  psql_super "$port" -v ON_ERROR_STOP=1 -v user="$DB_USER" -v pass="$(cat "$CLUSTER_DIR/password")" -v db="$DB_NAME" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'pass') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

psql_super() {
  local port=$1; shift
  as_owner "$BIN/psql" -X -q -h "$CLUSTER_DIR" -p "$port" -U postgres -d postgres "$@"
}

case "${1:-}" in
  "") ;;
  --stop) stop_cluster; exit 0 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
  *) printf 'usage: %s [--stop]\n' "$0" >&2; exit 2 ;;
esac

BIN=$(pg_bin_dir) || { install_server; BIN=$(pg_bin_dir) || die "initdb not found after installing postgresql"; }
readonly BIN
[ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1 || die "running as root needs the postgres system user (the postgresql package creates it)"

mkdir -p "$(dirname "$CLUSTER_DIR")"
exec 9>"$CLUSTER_DIR.lock" # one caller at a time per cluster (the server must not inherit fd 9)
flock 9

if running && [ -f "$CLUSTER_DIR/port" ]; then
  say "reusing the cluster in $CLUSTER_DIR"
else
  start_cluster
fi
PORT=$(cat "$CLUSTER_DIR/port")
printf 'postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable\n' "$DB_USER" "$(cat "$CLUSTER_DIR/password")" "$PORT" "$DB_NAME"
