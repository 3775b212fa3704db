#!/usr/bin/env bash
# One-command set-up: creates .venv, installs the project (CPU torch first), then
#   bash scripts/dev.sh test [pytest args]   ruff, mypy and the test suite
#   bash scripts/dev.sh run [bot args]       the assistant (python -m bot ...)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${VENV:-.venv}"
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
# torch first and pinned: an unpinned torch would pull the multi-gigabyte CUDA build.
"$venv/bin/pip" install --quiet --disable-pip-version-check "torch==2.13.0"
"$venv/bin/pip" install --quiet --disable-pip-version-check -e '.[dev]'
command="${1:-test}"
shift || true
case "$command" in
  test)
    "$venv/bin/ruff" check bot tests scripts
    "$venv/bin/mypy"
    exec "$venv/bin/python" -m pytest "$@"
    ;;
  run)
    exec "$venv/bin/python" -m bot "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh test|run [args]" >&2
    exit 2
    ;;
esac
