#!/usr/bin/env bash
# Set up ./.venv with Diptych and its test extra, then run lint, types, tests and the wheel check.
#   bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_setup.sh
ensure_debs "${QT_BASE_DEBS[@]}" qpdf poppler-utils fonts-droid-fallback $(venv_debs)
ensure_venv test
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
echo "== ruff"
.venv/bin/ruff check desktop tests
.venv/bin/ruff format --check desktop tests
echo "== mypy (strict on core, background, export and ui; see pyproject.toml)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
if [ "${DIPTYCH_SKIP_WHEEL_CHECK:-}" != 1 ]; then
  echo "== wheel in a fresh venv (set DIPTYCH_SKIP_WHEEL_CHECK=1 to skip)"
  bash scripts/check_wheel.sh
fi
