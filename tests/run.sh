#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium and CJK fonts) and run them.
# Usage: bash tests/run.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "cjk"; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

# axe-core (package.json, pinned in package-lock.json) for the accessibility tests: injected into
# chromium from node_modules/, never served by the site. Needs Node.js and npm (Debian's packages).
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || ! grep -q "\"version\": \"$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' package.json)\"" node_modules/axe-core/package.json; then
  npm ci --no-audit --no-fund --silent
fi

# House style (pyproject.toml [tool.ruff]): CI fails on lint or formatting, before the tests.
.venv/bin/ruff check generator tests benchmarks
.venv/bin/ruff format --check generator tests benchmarks

exec .venv/bin/python -m pytest "$@"
