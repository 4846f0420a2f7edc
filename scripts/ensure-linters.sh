#!/usr/bin/env bash
# Finds or installs what the workflow tests use (actionlint from the Go module proxy; shellcheck and jq from Debian's packages) and prints their bin directory.
#
# Usage: scripts/ensure-linters.sh   # progress on stderr; the LAST line of stdout is a directory
#                                    # holding `actionlint`, `shellcheck` and `jq` (links to them)
#        LINT_BIN=$(scripts/ensure-linters.sh | tail -1)
#
# actionlint: the cached build in $CACHE_DIR/actionlint-v<version>/, else `go install` at the pinned
#   version (about a minute on 2 cores with a cold Go cache; GOMODCACHE/GOCACHE/GOPROXY honoured).
# ShellCheck and jq (the workflow's steps use jq): on PATH, else `apt-get install` (as root, or with
#   password-less sudo), running `apt-get update` first when the package lists do not know them.
#
# Environment:
#   STREAMBLOCK_LINTERS_CACHE   where the builds live (default ${XDG_CACHE_HOME:-~/.cache}/streamblock-linters)
#   GO                          go binary (default: `go` on PATH, then /usr/local/go/bin/go)
set -euo pipefail

readonly ACTIONLINT_VERSION=1.7.12
readonly ACTIONLINT_MODULE=github.com/rhysd/actionlint/cmd/actionlint
CACHE_DIR="${STREAMBLOCK_LINTERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/streamblock-linters}"
readonly CACHE_DIR

say() { printf 'ensure-linters: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
  *) printf 'usage: %s\n' "$0" >&2; exit 2 ;;
esac

mkdir -p "$CACHE_DIR"
# Parallel callers (CI's .ci/run and a test) must not build into the same directory at once.
if command -v flock >/dev/null; then
  exec 9>"$CACHE_DIR/.lock"
  flock -n 9 || { say "waiting for another ensure-linters run to finish"; flock 9; }
fi

find_go() {
  local g
  for g in "${GO:-}" "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go; do
    [ -n "$g" ] && [ -x "$g" ] && { printf '%s' "$g"; return 0; }
  done
  return 1
}

ensure_actionlint() {
  local dir="$CACHE_DIR/actionlint-v$ACTIONLINT_VERSION" go_bin
  if [ -x "$dir/actionlint" ] && "$dir/actionlint" -version 2>/dev/null | head -1 | grep -qx "v$ACTIONLINT_VERSION"; then
    ACTIONLINT="$dir/actionlint"
    return
  fi
  go_bin="$(find_go)" || die "actionlint v$ACTIONLINT_VERSION is not built and no Go toolchain was found (install Go, or set GO)"
  say "building actionlint v$ACTIONLINT_VERSION with $go_bin from the Go module proxy ($("$go_bin" env GOPROXY))"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  GOBIN="$dir.tmp" GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    "$go_bin" install "$ACTIONLINT_MODULE@v$ACTIONLINT_VERSION" >&2 ||
    die "go install $ACTIONLINT_MODULE@v$ACTIONLINT_VERSION failed"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  ACTIONLINT="$dir/actionlint"
}

apt_install() { # apt_install ARGS...: apt-get as root, or through password-less sudo
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get "$@"
  else
    return 1
  fi
}

# ensure_package COMMAND: the command on PATH, else `apt-get install COMMAND` (the Debian package of that name).
ensure_package() {
  local cmd="$1" path
  if path="$(command -v "$cmd" 2>/dev/null)"; then printf '%s' "$path"; return; fi
  command -v apt-get >/dev/null || die "$cmd is not installed and there is no apt-get: install $cmd with the system's package manager"
  say "installing $cmd with apt-get"
  if ! apt_install install -y -q --no-install-recommends "$cmd" >&2; then
    say "apt-get install failed; running apt-get update and trying again"
    if ! { apt_install update -q >&2 && apt_install install -y -q --no-install-recommends "$cmd" >&2; }; then
      die "could not install $cmd (apt-get needs root or password-less sudo): install it by hand"
    fi
  fi
  command -v "$cmd" || die "apt-get installed $cmd but it is not on PATH"
}

ensure_actionlint
SHELLCHECK="$(ensure_package shellcheck)"
JQ="$(ensure_package jq)"
bin="$CACHE_DIR/bin"
mkdir -p "$bin"
ln -sfn "$ACTIONLINT" "$bin/actionlint"
ln -sfn "$SHELLCHECK" "$bin/shellcheck"
ln -sfn "$JQ" "$bin/jq"
say "actionlint $("$ACTIONLINT" -version | head -1), shellcheck $("$SHELLCHECK" --version | sed -n 's/^version: //p'), $("$JQ" --version): $bin"
printf '%s\n' "$bin"
