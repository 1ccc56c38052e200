"""Shared fixtures: paths to the seeds and to ../shared (optional), settings in a temp dir."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# ``from helpers.articles import make_article`` from any test folder (tests/helpers/ is a
# package; pytest's rootdir insertion would also find it, this does not depend on the mode)
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _point_user_dirs(home: Path, setenv: Callable[[str, str], None]) -> None:
    setenv("XDG_DATA_HOME", str(home / "data"))
    setenv("XDG_CONFIG_HOME", str(home / "config"))
    setenv("XDG_STATE_HOME", str(home / "state"))
    setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_dirs_of_the_session(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Folders of the session's own before any module- or session-scoped fixture is made (a
    module's ``analyze_pair`` read the topics the reader saved for the seed pair)."""
    with pytest.MonkeyPatch.context() as mp:
        _point_user_dirs(tmp_path_factory.mktemp("session-home"), mp.setenv)
        yield


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own data/config/log dirs: no test touches the user's real store."""
    _point_user_dirs(tmp_path_factory.mktemp("home"), monkeypatch.setenv)


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
