#!/usr/bin/env bash
# Builds the web dashboard into web/dist, which the view360 binary embeds at configure time
# (src/CMakeLists.txt): `npm ci` when web/node_modules does not match web/package-lock.json,
# then `npm run build` when web/dist is not the build of the current sources. Both steps are
# skipped when up to date: stamps in web/node_modules hold the hash of their inputs.
# scripts/run.sh and scripts/test.sh call it before cmake configures.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build-web: node and npm are needed to build the dashboard: run scripts/setup.sh" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  # Debian 12's nodejs is 18: esbuild builds the dashboard with it, but the browser tests
  # (playwright-core) need 20.
  echo "build-web: node $(node --version) is older than 20: the browser tests will need Node.js 20" >&2
fi

hash_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

lock_hash=$(hash_of package-lock.json)
lock_stamp=node_modules/.view360-lock.sha256
if [[ ! -f $lock_stamp || $(cat "$lock_stamp") != "$lock_hash" ]]; then
  echo "build-web: npm ci (web/package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >"$lock_stamp"
fi

# Everything the build reads: the sources, the build script, the pinned packages.
mapfile -t inputs < <(find src -type f | LC_ALL=C sort)
inputs+=(build.mjs package.json package-lock.json)
dist_hash=$(hash_of "${inputs[@]}")
dist_stamp=node_modules/.view360-dist.sha256
if [[ -f $dist_stamp && $(cat "$dist_stamp") == "$dist_hash" && -f dist/index.html &&
  -f dist/app.js && -f dist/app.css ]]; then
  exit 0
fi
echo "build-web: npm run build (web/dist)"
rm -f "$dist_stamp"
npm run build --silent
echo "$dist_hash" >"$dist_stamp"
