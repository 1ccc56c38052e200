# Shared by run.sh and test.sh: system packages on Debian, and the project's .venv.
# Source it from the project root.

_as_root() {  # run a command as root, or say exactly what to run
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else echo "diptych: missing system packages; please run: sudo $*" >&2; exit 1
  fi
}

# ensure_debs PKG...: install the Debian packages that are missing (no-op off Debian).
ensure_debs() {
  command -v dpkg >/dev/null || return 0
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "diptych: installing system packages: ${missing[*]}" >&2
  _as_root apt-get update -qq
  _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Libraries Qt loads even offscreen, and those of its xcb plugin for a real X11 screen.
QT_BASE_DEBS=(libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 fonts-dejavu-core)
QT_XCB_DEBS=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
             libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libx11-xcb1)

# ensure_venv EXTRA: create .venv (python3-venv on Debian if needed) and install the project.
ensure_venv() {
  local py=${PYTHON:-python3} extra=${1:-}
  "$py" -c "import sys; assert sys.version_info >= (3, 11)" 2>/dev/null \
    || { echo "diptych: needs Python 3.11 or newer as $py (set PYTHON=...)" >&2; exit 1; }
  if [ ! -x .venv/bin/python ]; then
    "$py" -c "import ensurepip" 2>/dev/null || ensure_debs python3-venv
    "$py" -m venv .venv
  fi
  local stamp=".venv/.installed${extra:+-$extra}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! .venv/bin/python -c "import diptych" 2>/dev/null; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra:+[$extra]}"
    touch "$stamp"
  fi
}
