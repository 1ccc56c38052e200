# Shared by run.sh and test.sh: system packages on Debian, and the project's .venv.
# Source it from the project root.

# ensure_debs PKG...: install the Debian packages that are missing (no-op off Debian): as root,
# or with password-less sudo; otherwise print the one line that installs them all (with sudo
# when there is one, else to run as root: a minimal Debian has no sudo), and stop.
ensure_debs() {
  command -v dpkg >/dev/null || return 0
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo)
    else
      echo "diptych: these Debian packages are missing: ${missing[*]}" >&2
      if command -v sudo >/dev/null; then
        echo "Install them, then run this command again:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      else
        echo "Install them as root (this system has no sudo), then run this command again:" >&2
        echo "    su -c 'apt-get update && apt-get install -y ${missing[*]}'" >&2
      fi
      exit 1
    fi
  fi
  echo "diptych: installing system packages: ${missing[*]}" >&2
  # apt's and debconf's chatter (e.g. "apt-utils is not installed") only when it fails
  local log
  log=$(mktemp)
  if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
}

# venv_debs: python3-venv when .venv is still to be made and this Python cannot make one with
# pip (Debian ships ensurepip separately), so it goes into the same ensure_debs line.
venv_debs() {
  [ -x .venv/bin/python ] && return 0
  "${PYTHON:-python3}" -c "import ensurepip" 2>/dev/null || echo python3-venv
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
    ensure_debs $(venv_debs)  # (normally in the caller's one ensure_debs line already)
    "$py" -m venv .venv
  fi
  local stamp=".venv/.installed${extra:+-$extra}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || ! .venv/bin/python -c "import diptych" 2>/dev/null; then
    echo "diptych: installing Diptych and its Python packages into .venv (first run only)…" >&2
    # pip's and setuptools' output (the editable-install banner) only when it fails
    local log
    log=$(mktemp)
    if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip &&
           .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra:+[$extra]}"; } \
         >"$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"; exit 1
    fi
    rm -f "$log"
    touch "$stamp"
  fi
}
