#!/usr/bin/env bash
# Build the wheel, install it (not editable) into a fresh venv, and from another directory run
# `diptych --version`, `diptych claims --json` and a headless start-up of the window.
#   DIPTYCH_VENV_PY  the Python that builds and reads the wheel (needs pip; default .venv/bin/python
#                    of this tree; a relative path is read from the tree's root), e.g. a shared venv
#                    used by a worktree that has no .venv of its own
#   PYTHON           the Python that makes the fresh venv the wheel is installed into (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
BUILD_PY=${DIPTYCH_VENV_PY:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== building the wheel"
"$BUILD_PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/diptych-*.whl)
# what the wheel holds, read with Python's zipfile (unzip is not on every machine)
"$BUILD_PY" - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = ["diptych/seeds/bolivia-coup-2019.toml", "diptych/resources/topics/bolivia-coup-2019.toml",
        "diptych/resources/icons/diptych.svg", "diptych/resources/fonts/DejaVuSerif.ttf",
        "diptych/ui/window/guide.md"]
missing = [w for w in want if w not in names]
sys.exit(f"missing from the wheel: {', '.join(missing)}" if missing else 0)
PY
echo "== installing $(basename "$wheel") into a fresh venv"
"$PY" -m venv "$work/venv"
# a current pip first, as scripts/_setup.sh does: Python 3.11's bundled pip 23.2 trips over
# two spellings of one extra (lxml[html_clean] / lxml[html-clean], asked for by our readers)
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
mkdir "$work/elsewhere" && cd "$work/elsewhere"
echo "== running from $(pwd)"
"$work/venv/bin/diptych" --version
"$work/venv/bin/diptych" claims --json > claims.json
"$work/venv/bin/python" - <<'PY'
import json
d = json.load(open("claims.json", encoding="utf-8"))
assert d["claims"], "no claims on the seed pair"
print(f"claims --json: {len(d['claims'])} claims; best: {d['claims'][0]['score']}")
PY
echo "== headless start-up on the seed pair"
started=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen DIPTYCH_EXIT_WHEN=analysed timeout 120 \
  "$work/venv/bin/diptych" --db "$work/h.sqlite3" > startup.txt
grep -q "^analysed " startup.txt || { echo "the window did not show the analysed pair"; exit 1; }
# the lines hold Unix times ("shown 1796231062.69"): say them as seconds since the start
awk -v t0="$started" '$1 == "shown" { s = $2 - t0 } $1 == "analysed" { a = $2 - t0 }
  END { printf "text shown after %.2f s, claims after %.2f s\n", s, a }' startup.txt
echo "wheel check passed"
