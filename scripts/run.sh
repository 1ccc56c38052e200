#!/usr/bin/env bash
# Set up Diptych in ./.venv (first run only) and open the window: the seed pair, or files A B.
#   bash scripts/run.sh [A B]
# On Debian, Qt needs a few system libraries for a real screen: as root they are installed,
# otherwise the exact apt-get line is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

need_root() {  # run a command as root, or say how to
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else echo "diptych: please run: sudo $*" >&2; exit 1
  fi
}

if command -v dpkg >/dev/null; then
  debs=(libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
  if [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
    debs+=(libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
           libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
           libxcb-randr0 libx11-xcb1)
  fi
  "$PY" -c "import ensurepip" 2>/dev/null || debs+=(python3-venv)
  missing=()
  for p in "${debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "diptych: installing system libraries Qt needs: ${missing[*]}" >&2
    need_root apt-get update -qq
    need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
if ! .venv/bin/python -c "import diptych, PySide6" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.diptych-installed ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e . && touch .venv/.diptych-installed
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "diptych: no screen (DISPLAY/WAYLAND_DISPLAY unset). On a server, try: xvfb-run bash scripts/run.sh" >&2
fi
exec .venv/bin/diptych "$@"
