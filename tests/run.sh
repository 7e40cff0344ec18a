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

# House style (pyproject.toml [tool.ruff]): CI fails on lint or formatting, before the tests.
.venv/bin/ruff check generator tests benchmarks
.venv/bin/ruff format --check generator tests benchmarks

exec .venv/bin/python -m pytest "$@"
