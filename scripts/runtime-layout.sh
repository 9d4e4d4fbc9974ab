#!/usr/bin/env bash
# Builds the files the Docker image runs, the way the Dockerfile's two stages do (install, build,
# prune the dev dependencies, keep node_modules + dist + package.json), into the directory given.
# Without a Docker engine this is how the image's layout is tested: test/runtime-layout.test.ts starts
# it as an unprivileged user with the image's environment. LAYOUT_NPM_CI=1 runs a real `npm ci`
# (a minute or more: sqlite3 compiles); by default the installed node_modules are copied, which the
# lockfile makes the same tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: scripts/runtime-layout.sh <target-directory>}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

cp "$root/package.json" "$root/package-lock.json" "$root/tsconfig.json" "$root/tsconfig.build.json" "$build/"
cp -r "$root/src" "$root/commands" "$build/"
if [ "${LAYOUT_NPM_CI:-0}" = 1 ]; then
  (cd "$build" && npm ci --no-audit --no-fund)
else
  cp -a "$root/node_modules" "$build/"
fi
(cd "$build" && npm run build --silent && npm prune --omit=dev --no-audit --no-fund >/dev/null)

mkdir -p "$target"
cp -a "$build/node_modules" "$build/dist" "$build/package.json" "$target/"
