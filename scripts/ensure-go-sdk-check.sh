#!/usr/bin/env bash
# Downloads the official vendor Go SDKs pinned in test/go-sdk/go.sum and builds the go-sdk-check binary into a cache; prints its path.
#
# Usage: scripts/ensure-go-sdk-check.sh   # progress on stderr; the LAST line of stdout is the binary
#        BIN=$(scripts/ensure-go-sdk-check.sh | tail -1)
#
# The binary's name carries a hash of test/go-sdk's sources (go.mod, go.sum, *.go), so an edit builds
# a new one and a cached one is used as is, without calling `go` at all. Only `go mod download` may use
# the network (the Go module proxy); the build itself runs with GOPROXY=off and -mod=readonly, so it
# proves go.mod/go.sum pin everything it compiles.
#
# Environment:
#   STREAMBLOCK_GO_SDK_CACHE  where binaries go (default ${XDG_CACHE_HOME:-~/.cache}/streamblock-go-sdk-check).
#   GO                        go binary (default: `go` on PATH, then /usr/local/go/bin/go);
#                             GOMODCACHE/GOCACHE/GOPROXY are honoured as usual.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC_DIR="$REPO_DIR/test/go-sdk"
CACHE_DIR="${STREAMBLOCK_GO_SDK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/streamblock-go-sdk-check}"

say() { printf 'ensure-go-sdk-check: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

HASH="$(cd "$SRC_DIR" && export LC_ALL=C && cat go.mod go.sum ./*.go | sha256sum | cut -c1-16)"
BIN="$CACHE_DIR/go-sdk-check-$HASH"
if [ -x "$BIN" ]; then
  printf '%s\n' "$BIN"
  exit 0
fi

GO="${GO:-$(command -v go || true)}"
[ -n "$GO" ] || GO=/usr/local/go/bin/go
[ -x "$GO" ] || die "no Go toolchain: put go on PATH or set GO=/path/to/go (this check needs Go >= $(sed -n 's/^go //p' "$SRC_DIR/go.mod"))"

mkdir -p "$CACHE_DIR"
# One builder at a time (parallel test runs); the others wait, then find the binary.
exec 9>"$CACHE_DIR/.lock"
flock 9
if [ ! -x "$BIN" ]; then
  cd "$SRC_DIR"
  say "downloading the Go SDK modules go.sum pins (first run only)"
  GOFLAGS=-mod=readonly "$GO" mod download
  say "building $BIN (a cold build of these SDKs takes minutes)"
  TMP="$BIN.tmp.$$"
  GOPROXY=off GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false -o "$TMP" .
  mv -f "$TMP" "$BIN"
fi
printf '%s\n' "$BIN"
