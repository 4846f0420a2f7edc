#!/usr/bin/env bash
# Fills npm's cache with what the consumer tests install offline, and installs the old Node.js releases the Node guard test runs.
#
# Usage: scripts/ensure-consumer-packages.sh   (after `npm run build`; `npm test` calls it)
# Reaches the npm registry only for what the cache lacks; the tests themselves install with --offline.
#   1. each release in test/consumer/consumer-packages.json "oldNodes": the `node` npm package into
#      node_modules/.cache/streamblock-consumer/node-<version> (apart from the project's own node,
#      whose bin it would shadow);
#   2. a rehearsal of the consumer's install for each "pulumiVersions" entry: `streamblock init` into a
#      temporary folder, then `npm install` of the packed tarball and that @pulumi/pulumi.
# A stamp keyed by the inputs skips step 2 when nothing changed (it lives in node_modules, so `npm ci` resets it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SPEC=test/consumer/consumer-packages.json
CACHE=node_modules/.cache/streamblock-consumer
NPM_QUIET=(--no-audit --no-fund --loglevel=error --prefer-offline)
mkdir -p "$CACHE"
list() { node -e 'for (const v of require(process.argv[1])[process.argv[2]]) console.log(v)' "$ROOT/$SPEC" "$1"; }

for v in $(list oldNodes); do
  bin=$CACHE/node-$v/node_modules/node/bin/node
  if [ -x "$bin" ] && [ "$("$bin" --version)" = "v$v" ]; then continue; fi
  echo "ensure-consumer-packages: installing Node.js $v for the guard test" >&2
  rm -rf "$CACHE/node-$v" && mkdir -p "$CACHE/node-$v"
  (cd "$CACHE/node-$v" && echo '{"private":true,"allowScripts":{"node":true}}' > package.json && npm install "${NPM_QUIET[@]}" "node@$v" >&2)
  [ "$("$bin" --version)" = "v$v" ] || { echo "ensure-consumer-packages: $bin is not Node.js $v" >&2; exit 1; }
done

[ -f dist/provider/cli/main.js ] || { echo "ensure-consumer-packages: run npm run build first" >&2; exit 1; }
stamp=$CACHE/primed-$(cat "$SPEC" package.json | sha256sum | cut -c1-16)
if [ -f "$stamp" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -1)
for v in $(list pulumiVersions); do
  echo "ensure-consumer-packages: caching a consumer install with @pulumi/pulumi $v" >&2
  mkdir -p "$work/project-$v"
  node dist/provider/cli/main.js init "$work/project-$v" >/dev/null
  (cd "$work/project-$v" && npm install "${NPM_QUIET[@]}" "$work/$tarball" "@pulumi/pulumi@$v" >&2)
done
touch "$stamp"
