#!/usr/bin/env bash
# Fails when a C++ file is not clang-formatted (.clang-format). Fix with:
#   git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.h')
if ! clang-format --dry-run -Werror $files; then
  echo "check-format: run: git ls-files '*.cpp' '*.h' | xargs clang-format -i" >&2
  exit 1
fi
echo "check-format: $(echo "$files" | wc -w) files formatted"
