#!/usr/bin/env bash
# Finds, downloads or builds (from the Go module proxy) a Pulumi CLI with the Node.js language host, and prints its bin directory.
#
# Usage: scripts/ensure-pulumi.sh [--rebuild]  # progress on stderr; the LAST line of stdout is the bin dir
#        PULUMI_BIN=$(scripts/ensure-pulumi.sh | tail -1)
#        --rebuild skips stages 1 and 2 and builds (and installs) afresh.
#
# Stages, first success wins:
#   1. a suitable `pulumi` on PATH or cached in $PULUMI_ROOT/versions/<version>/bin (suitable: parses
#      as a 3.x version >= the Automation API's minimum, with pulumi-language-nodejs and
#      pulumi-resource-pulumi-nodejs beside it);
#   2. the official release archive (a short, bounded attempt: these machines cannot reach it);
#   3. a build with `go` from the Go module proxy, in a throwaway module under the cache dir:
#      pkg/v3 + sdk/v3 at the wanted version (or, unless the version was given explicitly, the
#      nearest older one the proxy serves), the official pulumi-language-nodejs at that release's
#      commit if the proxy has it, else our own minimal host (scripts/pulumi-language-nodejs/main.go).
# A build of ours found in stage 1 is kept current: when scripts/pulumi-language-nodejs/main.go changed,
# only the language host is rebuilt (in the stage-3 module dir, if it is still there; else a full
# build), and the pulumi-resource-pulumi-nodejs launcher is rewritten when this script's version differs.
#
# Environment:
#   STREAMBLOCK_PULUMI_VERSION     exact version to use (e.g. 3.259.0): stage 1 accepts only it and
#                                  stage 3 does not fall back. Default: the installed @pulumi/pulumi's.
#   STREAMBLOCK_PULUMI_ROOT        where versions/<v>/bin live (default ~/.pulumi, as the Automation API).
#   STREAMBLOCK_PULUMI_CACHE       throwaway Go module dir (default ${XDG_CACHE_HOME:-~/.cache}/streamblock-pulumi).
#   STREAMBLOCK_PULUMI_NO_PATH=1   ignore a `pulumi` on PATH in stage 1.
#   STREAMBLOCK_PULUMI_NO_DOWNLOAD=1  skip stage 2.
#   STREAMBLOCK_PULUMI_LANGUAGE_HOST=auto|official|own  which Node.js language host stage 3 builds.
#   GO                             go binary (default: `go` on PATH, then /usr/local/go/bin/go);
#                                  GOMODCACHE/GOCACHE/GOPROXY are honoured as usual.
set -euo pipefail

REBUILD=0
case "${1:-}" in
  "") ;;
  --rebuild) REBUILD=1 ;; # skip stages 1 and 2
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
  *) printf 'usage: %s [--rebuild]\n' "$0" >&2; exit 2 ;;
esac

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly MIN_GO=1.25.11
readonly FALLBACK_STEPS=20 # how many older minor versions stage 3 may try

say() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# version_ge A B: true if version A >= B. X.Y.Z cores compare numerically; on equal cores a release
# beats a pre-release (3.2.0 >= 3.2.0-alpha), two pre-releases compare as strings.
version_ge() {
  local a="${1#v}" b="${2#v}"
  local ca="${a%%[-+]*}" cb="${b%%[-+]*}"
  if [ "$ca" != "$cb" ]; then
    [ "$(printf '%s\n%s\n' "$ca" "$cb" | sort -V | tail -1)" = "$ca" ]
    return
  fi
  local pa="${a#"$ca"}" pb="${b#"$cb"}"
  [ -z "$pa" ] && return 0
  [ -z "$pb" ] && return 1
  [ "$(printf '%s\n%s\n' "$pa" "$pb" | sort | tail -1)" = "$pa" ]
}

PULUMI_ROOT="${STREAMBLOCK_PULUMI_ROOT:-$HOME/.pulumi}"
CACHE_DIR="${STREAMBLOCK_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/streamblock-pulumi}"
EXACT="${STREAMBLOCK_PULUMI_VERSION:-}"
EXACT="${EXACT#v}"
LANGUAGE_HOST="${STREAMBLOCK_PULUMI_LANGUAGE_HOST:-auto}"
TRIED=() # one line per failed attempt, for the final error message

json_field() { # json_field NAME < `go mod download -json` output (go prints one field per line)
  sed -n "s/^[[:space:]]*\"$1\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" | sed -n 1p
}

# The version of @pulumi/pulumi the project has installed (else the one package.json asks for).
npm_sdk_version() {
  local installed="$REPO_DIR/node_modules/@pulumi/pulumi/package.json" v=""
  if [ -f "$installed" ]; then
    v="$(sed -n 's/^[[:space:]]*"version": "\([^"]*\)".*/\1/p' "$installed" | sed -n 1p)"
  fi
  if [ -z "$v" ] && [ -f "$REPO_DIR/package.json" ]; then
    v="$(sed -n 's/^[[:space:]]*"@pulumi\/pulumi": "[~^]\{0,1\}\([0-9][^"]*\)".*/\1/p' "$REPO_DIR/package.json" | sed -n 1p)"
  fi
  printf '%s' "$v"
}

# The lowest CLI version the installed Automation API accepts (automation/minimumVersion.js).
automation_minimum_version() {
  local f="$REPO_DIR/node_modules/@pulumi/pulumi/automation/minimumVersion.js" v=""
  [ -f "$f" ] && v="$(sed -n 's/.*SemVer("v\{0,1\}\([^"]*\)").*/\1/p' "$f" | sed -n 1p)"
  printf '%s' "${v:-3.2.0-alpha}"
}

WANT="${EXACT:-$(npm_sdk_version)}"
[ -n "$WANT" ] || die "cannot tell which Pulumi version to use: @pulumi/pulumi is not installed in $REPO_DIR (run npm ci) and STREAMBLOCK_PULUMI_VERSION is unset"
MIN_CLI="$(automation_minimum_version)"
MIN_MAJOR="${MIN_CLI%%.*}"

# cli_version DIR: the version `DIR/pulumi version` reports, without the leading v.
cli_version() {
  local out
  out="$(PULUMI_SKIP_UPDATE_CHECK=true "$1/pulumi" version 2>/dev/null | tail -1)" || return 1
  out="${out#v}"
  [[ "$out" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]] || return 1
  printf '%s' "$out"
}

# suitable DIR: DIR holds pulumi, the Node.js language host and the dynamic-provider plugin, and
# the CLI version parses and satisfies the Automation API (and STREAMBLOCK_PULUMI_VERSION if set).
suitable() {
  local dir="$1" v f
  STALE_HOST=0
  for f in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
    [ -x "$dir/$f" ] || { SUITABLE_WHY="no executable $f"; return 1; }
  done
  v="$(cli_version "$dir")" || { SUITABLE_WHY="'pulumi version' printed no parsable version"; return 1; }
  if [ "${v%%.*}" != "$MIN_MAJOR" ] || ! version_ge "$v" "$MIN_CLI"; then
    SUITABLE_WHY="version $v, the Automation API needs $MIN_MAJOR.x >= $MIN_CLI"; return 1
  fi
  if [ -n "$EXACT" ] && [ "$v" != "$EXACT" ]; then
    SUITABLE_WHY="version $v, STREAMBLOCK_PULUMI_VERSION asks for $EXACT"; return 1
  fi
  # A build of our own language host goes stale when scripts/pulumi-language-nodejs/main.go changes.
  local recorded
  recorded="$(sed -n 's/^language-host-sha256: //p' "$dir/../STREAMBLOCK-BUILD.txt" 2>/dev/null || true)"
  if [ -n "$recorded" ] && [ "$recorded" != "$(own_host_hash)" ]; then
    STALE_HOST=1
    SUITABLE_WHY="built from an older scripts/pulumi-language-nodejs/main.go"; return 1
  fi
  FOUND_VERSION="$v"
}

# rebuild_own_host DIR: rebuilds only DIR/pulumi-language-nodejs from the current main.go, in the module
# dir stage 3 left behind (same pulumi version, dependencies already tidied). Fails when that dir is gone
# or Go is missing, so the caller falls back to a full build.
rebuild_own_host() {
  local dir="$1" v mod_dir go_bin
  v="$(sed -n 's/^pulumi: v//p' "$dir/../STREAMBLOCK-BUILD.txt" 2>/dev/null)"
  mod_dir="$CACHE_DIR/v$v"
  [ -n "$v" ] && [ -f "$mod_dir/go.mod" ] && [ -d "$mod_dir/langhost" ] || return 1
  go_bin="$(find_go)" || return 1
  mkdir -p "$CACHE_DIR"
  if command -v flock >/dev/null; then
    exec 8>"$CACHE_DIR/.lock"
    flock -n 8 || { say "stage 1: waiting for another build in $CACHE_DIR to finish"; flock 8; }
  fi
  if suitable "$dir"; then exec 8>&-; return 0; fi # rebuilt by another run meanwhile
  say "stage 1: scripts/pulumi-language-nodejs/main.go changed: rebuilding only the language host in $mod_dir"
  cp "$REPO_DIR/scripts/pulumi-language-nodejs/main.go" "$mod_dir/langhost/main.go"
  if ! (cd "$mod_dir" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    "$go_bin" build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$v" \
    -o "$dir/pulumi-language-nodejs.tmp" ./langhost >&2); then
    rm -f "$dir/pulumi-language-nodejs.tmp"
    exec 8>&-
    return 1
  fi
  mv -f "$dir/pulumi-language-nodejs.tmp" "$dir/pulumi-language-nodejs"
  sed -i "s/^language-host-sha256: .*/language-host-sha256: $(own_host_hash)/" "$dir/../STREAMBLOCK-BUILD.txt"
  exec 8>&-
}

own_host_hash() {
  sha256sum "$REPO_DIR/scripts/pulumi-language-nodejs/main.go" 2>/dev/null | cut -d' ' -f1
}

found() { # found DIR HOW: report and print the bin dir as the last stdout line
  say "using Pulumi CLI $FOUND_VERSION ($2): $1"
  printf '%s\n' "$1"
  exit 0
}

# ---- Stage 1: already there -------------------------------------------------------------------
stage_existing() {
  local p dir candidates=() v
  say "stage 1: looking for a suitable pulumi on PATH and in $PULUMI_ROOT/versions"
  if [ "${STREAMBLOCK_PULUMI_NO_PATH:-}" != 1 ] && p="$(command -v pulumi 2>/dev/null)"; then
    dir="$(dirname "$(readlink -f "$p")")"
    if suitable "$dir"; then found "$dir" "from PATH"; fi
    TRIED+=("pulumi on PATH ($dir): $SUITABLE_WHY")
  fi
  candidates+=("$PULUMI_ROOT/versions/$WANT/bin")
  if [ -z "$EXACT" ] && [ -d "$PULUMI_ROOT/versions" ]; then
    while IFS= read -r v; do
      [ "$v" = "$WANT" ] || candidates+=("$PULUMI_ROOT/versions/$v/bin")
    done < <(cd "$PULUMI_ROOT/versions" && for v in *; do printf '%s\n' "$v"; done | sort -V -r)
  fi
  for dir in "${candidates[@]}"; do
    [ -e "$dir/pulumi" ] || continue
    if suitable "$dir"; then refresh_plugin_script "$dir"; found "$dir" "cached"; fi
    if [ "$STALE_HOST" = 1 ] && rebuild_own_host "$dir" && suitable "$dir"; then
      refresh_plugin_script "$dir"
      found "$dir" "cached, language host rebuilt"
    fi
    TRIED+=("cached $dir: $SUITABLE_WHY")
  done
}

# ---- Stage 2: the official release archive ----------------------------------------------------
stage_download() {
  [ "${STREAMBLOCK_PULUMI_NO_DOWNLOAD:-}" = 1 ] && { TRIED+=("download: skipped (STREAMBLOCK_PULUMI_NO_DOWNLOAD=1)"); return; }
  command -v curl >/dev/null || { TRIED+=("download: curl not installed"); return; }
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) TRIED+=("download: unsupported OS $(uname -s)"); return ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) TRIED+=("download: unsupported CPU $(uname -m)"); return ;; esac
  local url="https://get.pulumi.com/releases/sdk/pulumi-v${WANT}-${os}-${arch}.tar.gz"
  say "stage 2: trying the official download $url"
  # A quick probe first, so a machine without access fails in seconds rather than minutes.
  if ! curl -fsSI --connect-timeout 10 --max-time 15 -o /dev/null "$url" 2>/dev/null; then
    TRIED+=("download: $url not reachable (15 s limit)")
    say "stage 2: not reachable, moving on"
    return
  fi
  local dest="$PULUMI_ROOT/versions/$WANT" tmp
  mkdir -p "$PULUMI_ROOT/versions"
  tmp="$(mktemp -d "$PULUMI_ROOT/versions/.download.XXXXXX")"
  if curl -fsSL --connect-timeout 10 --max-time 600 "$url" | tar -xz -C "$tmp"; then
    rm -rf "${dest:?}/bin"
    mkdir -p "$dest"
    mv "$tmp/pulumi" "$dest/bin"
    rm -rf "$tmp"
    if suitable "$dest/bin"; then found "$dest/bin" "downloaded"; fi
    TRIED+=("download: unpacked $dest/bin but it is not suitable: $SUITABLE_WHY")
  else
    rm -rf "$tmp"
    TRIED+=("download: fetching or unpacking $url failed")
  fi
}

# ---- Stage 3: build from the Go module proxy --------------------------------------------------
find_go() {
  local g
  if [ -n "${GO:-}" ]; then # an explicit choice is not second-guessed
    [ -x "$GO" ] && printf '%s' "$GO"
    return
  fi
  for g in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go; do
    [ -n "$g" ] && [ -x "$g" ] && { printf '%s' "$g"; return 0; }
  done
  return 1
}

# go_download MODULE@VERSION: `go mod download -json`; sets DL_JSON, fails when the proxy refuses.
go_download() {
  DL_JSON="$("$GO_BIN" mod download -json "$1" 2>&1)" || true
  if printf '%s\n' "$DL_JSON" | grep -q '"Error"' || ! printf '%s\n' "$DL_JSON" | grep -q '"Version"'; then
    DL_ERROR="$(printf '%s\n' "$DL_JSON" | json_field Error)"
    DL_ERROR="${DL_ERROR:-$(printf '%s' "$DL_JSON" | tail -1)}"
    DL_ERROR="${DL_ERROR%%\\n*}" # go escapes the proxy's multi-line answer
    return 1
  fi
}

stage_build() {
  if ! GO_BIN="$(find_go)"; then
    if [ -n "${GO:-}" ]; then
      TRIED+=("build: GO=$GO is not executable (Go >= $MIN_GO is needed)")
    else
      TRIED+=("build: no go on PATH nor in /usr/local/go/bin (Go >= $MIN_GO is needed; set GO to use another)")
    fi
    return
  fi
  local gov
  gov="$(GOTOOLCHAIN=local "$GO_BIN" env GOVERSION 2>/dev/null)" || gov=unknown
  gov="${gov#go}"
  if ! [[ "$gov" =~ ^[0-9]+\.[0-9]+ ]] || ! version_ge "${gov%%[a-z]*}" "$MIN_GO"; then
    TRIED+=("build: $GO_BIN is Go $gov, Go >= $MIN_GO is needed")
    return
  fi
  say "stage 3: building with $GO_BIN (Go $gov) from the Go module proxy ($("$GO_BIN" env GOPROXY))"
  export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOWORK=off GOFLAGS="${GOFLAGS:-} -buildvcs=false"

  mkdir -p "$CACHE_DIR"
  if command -v flock >/dev/null; then
    exec 9>"$CACHE_DIR/.lock"
    flock -n 9 || { say "stage 3: waiting for another build in $CACHE_DIR to finish"; flock 9; }
  fi

  # The CLI: pkg/v3 at the wanted version, or the nearest older minor release the proxy serves.
  local major minor rest candidates=() c build_v="" refused=()
  IFS=. read -r major minor rest <<<"$WANT"
  candidates+=("$WANT")
  if [ -z "$EXACT" ]; then
    for ((c = minor - 1; c >= 0 && c >= minor - FALLBACK_STEPS; c--)); do candidates+=("$major.$c.0"); done
  fi
  for c in "${candidates[@]}"; do
    if go_download "github.com/pulumi/pulumi/pkg/v3@v$c"; then
      say "stage 3: go mod download github.com/pulumi/pulumi/pkg/v3@v$c: ok"
      build_v="$c"
      break
    fi
    refused+=("v$c")
    say "stage 3: go mod download github.com/pulumi/pulumi/pkg/v3@v$c: not available (${DL_ERROR##*: })"
  done
  if [ -z "$build_v" ]; then
    TRIED+=("build: the Go module proxy serves none of pkg/v3 ${refused[*]}${EXACT:+ (unset STREAMBLOCK_PULUMI_VERSION to allow older versions)}")
    return
  fi
  [ "$build_v" = "$WANT" ] || say "stage 3: NOTE building v$build_v, the nearest version the proxy serves (v$WANT is not)"
  local pkg_hash sdk_hash
  pkg_hash="$(printf '%s\n' "$DL_JSON" | json_field Hash)"
  # After a success above, the cache may already hold a finished build of this version.
  if [ "$REBUILD" = 0 ] && suitable "$PULUMI_ROOT/versions/$build_v/bin"; then
    found "$PULUMI_ROOT/versions/$build_v/bin" "cached"
  fi
  go_download "github.com/pulumi/pulumi/sdk/v3@v$build_v" || { TRIED+=("build: sdk/v3@v$build_v: $DL_ERROR"); return; }
  sdk_hash="$(printf '%s\n' "$DL_JSON" | json_field Hash)"

  # The Node.js language host: its module has no tags, so it is addressed by the release commit.
  local lh_module="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3" lh_version="" h
  if [ "$LANGUAGE_HOST" != own ]; then
    for h in $sdk_hash $pkg_hash; do
      if go_download "$lh_module@$h"; then
        lh_version="$(printf '%s\n' "$DL_JSON" | json_field Version)"
        say "stage 3: go mod download $lh_module@${h:0:12}: ok, $lh_version"
        break
      fi
      say "stage 3: go mod download $lh_module@${h:0:12}: not available (${DL_ERROR##*: })"
    done
    if [ -z "$lh_version" ]; then
      [ -n "$sdk_hash$pkg_hash" ] || say "stage 3:   the proxy gave no release commit for v$build_v"
      if [ "$LANGUAGE_HOST" = official ]; then
        TRIED+=("build: the official $lh_module is not available for v$build_v (STREAMBLOCK_PULUMI_LANGUAGE_HOST=official)")
        return
      fi
      say "stage 3: using our own minimal language host (scripts/pulumi-language-nodejs/main.go)"
    fi
  fi

  local own_src="$REPO_DIR/scripts/pulumi-language-nodejs/main.go" mod_dir
  mod_dir="$CACHE_DIR/v$build_v"
  rm -rf "$mod_dir" && mkdir -p "$mod_dir/out"
  {
    printf 'module streamblock.local/pulumi-cli\n\ngo %s\n\nrequire (\n' "$MIN_GO"
    printf '\tgithub.com/pulumi/pulumi/pkg/v3 v%s\n\tgithub.com/pulumi/pulumi/sdk/v3 v%s\n' "$build_v" "$build_v"
    [ -z "$lh_version" ] || printf '\t%s %s\n' "$lh_module" "$lh_version"
    printf ')\n'
  } >"$mod_dir/go.mod"
  {
    printf '//go:build tools\n\n// Records the command packages this throwaway module builds.\npackage tools\n\n'
    printf 'import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n'
    [ -z "$lh_version" ] || printf 'import _ "%s"\n' "$lh_module"
  } >"$mod_dir/tools.go"
  local lh_pkg="$lh_module"
  if [ -z "$lh_version" ]; then
    [ -f "$own_src" ] || { TRIED+=("build: $own_src is missing"); return; }
    mkdir -p "$mod_dir/langhost" && cp "$own_src" "$mod_dir/langhost/main.go"
    lh_pkg=./langhost
  fi

  local ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$build_v"
  say "stage 3: go mod tidy in $mod_dir (downloads the dependencies)"
  (cd "$mod_dir" && "$GO_BIN" mod tidy >&2) || { TRIED+=("build: go mod tidy failed in $mod_dir"); return; }
  say "stage 3: go build pulumi v$build_v (several minutes on 2 cores when the Go build cache is cold)"
  (cd "$mod_dir" && "$GO_BIN" build -trimpath -ldflags "$ldflags" -o out/pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2) ||
    { TRIED+=("build: go build of pkg/v3/cmd/pulumi v$build_v failed"); return; }
  say "stage 3: go build pulumi-language-nodejs ($lh_pkg${lh_version:+@$lh_version})"
  (cd "$mod_dir" && "$GO_BIN" build -trimpath -ldflags "$ldflags" -o out/pulumi-language-nodejs "$lh_pkg" >&2) ||
    { TRIED+=("build: go build of the language host failed"); return; }
  write_dynamic_provider_plugin "$mod_dir/out/pulumi-resource-pulumi-nodejs"

  local dest="$PULUMI_ROOT/versions/$build_v"
  mkdir -p "$dest"
  rm -rf "$dest/bin.tmp" && mv "$mod_dir/out" "$dest/bin.tmp"
  rm -rf "${dest:?}/bin" && mv "$dest/bin.tmp" "$dest/bin"
  {
    printf 'built-by: pulumi-streamblock scripts/ensure-pulumi.sh\nbuilt-at: %s\ngo: %s\npulumi: v%s\n' \
      "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$gov" "$build_v"
    if [ -n "$lh_version" ]; then
      printf 'language-host: %s %s\n' "$lh_module" "$lh_version"
    else
      printf 'language-host: scripts/pulumi-language-nodejs/main.go\nlanguage-host-sha256: %s\n' "$(own_host_hash)"
    fi
  } >"$dest/STREAMBLOCK-BUILD.txt"
  if suitable "$dest/bin"; then found "$dest/bin" "built from the Go module proxy"; fi
  TRIED+=("build: installed $dest/bin but it is not suitable: $SUITABLE_WHY")
}

# Our equivalent of the release archives' pulumi-resource-pulumi-nodejs: the engine starts it in the
# program directory, so Node resolves the project's own @pulumi/pulumi dynamic-provider host. When that
# project has pulumi-streamblock (installed, or the repository itself), its orphan watchdog is preloaded:
# the host then exits when the engine dies, even one killed before the first call loaded StreamBlock.
dynamic_provider_plugin_text() {
  cat <<'PLUGIN'
#!/bin/sh
# Pulumi "pulumi-nodejs" resource plugin: runs the dynamic-provider host of the program's own @pulumi/pulumi.
# Written by pulumi-streamblock scripts/ensure-pulumi.sh (launcher version 2).
set -e
paths=$(node -e '
const tryResolve = (m) => { try { return require.resolve(m, { paths: [process.cwd()] }); } catch { return ""; } };
console.log(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"));
const rel = "dist/provider/resource/orphan-watchdog-preload.js";
let guard = tryResolve("pulumi-streamblock/" + rel);
if (!guard) { try { if (require(process.cwd() + "/package.json").name === "pulumi-streamblock") guard = tryResolve(process.cwd() + "/" + rel); } catch {} }
console.log(guard);
')
script=$(printf '%s\n' "$paths" | sed -n 1p)
guard=$(printf '%s\n' "$paths" | sed -n 2p)
if [ -n "$guard" ]; then exec node --require "$guard" "$script" "$@"; fi
exec node "$script" "$@"
PLUGIN
}

write_dynamic_provider_plugin() {
  dynamic_provider_plugin_text >"$1.tmp.$$"
  chmod +x "$1.tmp.$$"
  mv -f "$1.tmp.$$" "$1"
}

# refresh_plugin_script DIR: a build of ours gets the current launcher (it changes with this script).
refresh_plugin_script() {
  grep -q '^built-by: pulumi-streamblock' "$1/../STREAMBLOCK-BUILD.txt" 2>/dev/null || return 0
  [ "$(cat "$1/pulumi-resource-pulumi-nodejs" 2>/dev/null)" = "$(dynamic_provider_plugin_text)" ] && return 0
  say "stage 1: updating the pulumi-resource-pulumi-nodejs launcher in $1"
  write_dynamic_provider_plugin "$1/pulumi-resource-pulumi-nodejs"
}

say "wanted Pulumi CLI: v$WANT${EXACT:+ (STREAMBLOCK_PULUMI_VERSION)}; Automation API minimum: v$MIN_CLI"
if [ "$REBUILD" = 0 ]; then
  stage_existing
  stage_download
fi
stage_build
say "ERROR: no usable Pulumi CLI. Tried:"
for line in "${TRIED[@]}"; do say "  - $line"; done
exit 1
