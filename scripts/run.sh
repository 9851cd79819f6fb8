#!/usr/bin/env bash
# Sets up, builds view360 (release), and brings up the warehouse: the embedded PostgreSQL with
# the View360 v2 schema. The README's first command. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

build=build/release
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIEW360_TESTS=OFF >/dev/null
cmake --build "$build"

"$build/src/view360" warehouse init "$@"
echo
echo "view360 is at $build/src/view360; try: $build/src/view360 warehouse psql"
