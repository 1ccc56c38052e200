#!/usr/bin/env bash
# Set up a virtual environment with Diptych and its test extra, then run lint, types and tests.
#   bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
echo "== ruff"
.venv/bin/ruff check desktop tests
.venv/bin/ruff format --check desktop tests
echo "== mypy (strict on diptych.core)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
if [ "${DIPTYCH_SKIP_WHEEL_CHECK:-}" != 1 ]; then
  echo "== wheel in a fresh venv (set DIPTYCH_SKIP_WHEEL_CHECK=1 to skip)"
  bash scripts/check_wheel.sh
fi
