#!/usr/bin/env bash
# The README's first command: sets up, builds view360 (release, with the web dashboard) and runs
# `view360 demo` with the arguments given (scripts/run.sh --accounts 50; docs/demo.md): the
# simulator, the demo's embedded PostgreSQL, collect, ingest, and the dashboard until Ctrl-C.
# Idempotent: a second run installs and builds nothing, reuses the demo's data, and is ready in
# seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# Before cmake configures: the build embeds web/dist when it is there.
bash scripts/build-web.sh

build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIEW360_TESTS=OFF >/dev/null
cmake --build "$build"

echo "run: $build/src/view360 demo $*" >&2
exec "$build/src/view360" demo "$@"
