#!/usr/bin/env bash
# Sets up, builds with AddressSanitizer + UndefinedBehaviorSanitizer, and runs every test.
# The README's test command, and what CI runs. Idempotent; the build is incremental (ccache).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
# Before cmake configures: the build embeds web/dist, and the browser tests need web/node_modules.
bash scripts/build-web.sh

build=build/test
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DVIEW360_SANITIZE=ON >/dev/null
cmake --build "$build"

# Any sanitizer report fails the test that caused it. detect_leaks: LeakSanitizer needs ptrace,
# which some containers forbid; it is on wherever it works.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
if ! "$build/tests/common_test" --gtest_filter=StatusTest.* >/dev/null 2>&1; then
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=0"
fi
ctest --test-dir "$build" --output-on-failure -j2 "$@"
