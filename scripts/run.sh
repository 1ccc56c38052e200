#!/usr/bin/env bash
# Set up Diptych in ./.venv (first run only) and open the window: the seed pair, or files A B.
#   bash scripts/run.sh [A B]
# On Debian, Qt needs a few system libraries for a real screen: as root (or with sudo) they are
# installed, otherwise the exact apt-get line is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_setup.sh
if [ "${QT_QPA_PLATFORM:-}" = offscreen ]; then ensure_debs "${QT_BASE_DEBS[@]}" $(venv_debs)
else ensure_debs "${QT_BASE_DEBS[@]}" "${QT_XCB_DEBS[@]}" $(venv_debs)
fi
ensure_venv
# without a screen, Diptych itself says so (one hint, naming what works here)
exec .venv/bin/diptych "$@"
