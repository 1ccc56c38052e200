"""Shared fixtures: paths to the seeds and to ../shared (optional), settings in a temp dir."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# ``from helpers.articles import make_article`` from any test folder (tests/helpers/ is a
# package; pytest's rootdir insertion would also find it, this does not depend on the mode)
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# user dirs of the whole session, before any fixture runs: a module- or session-scoped fixture
# (the seed pair analysed once) runs before the per-test ones below, and read the user's real
# saved topics (a topic set saved in ~/.local/share/diptych/topics failed test_topic_edits)
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="diptych-tests-home-"))
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
for _name, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_STATE_HOME", "state"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_RUNTIME_DIR", "run"),
):
    (_SESSION_HOME / _sub).mkdir(mode=0o700)
    os.environ[_name] = str(_SESSION_HOME / _sub)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own data/config/log dirs: no test touches the user's real store."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    (home / "run").mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def seed_paths() -> tuple[Path, Path]:
    from diptych.core.resources import seed_pair

    pair = seed_pair()
    return pair.a.path, pair.b.path
