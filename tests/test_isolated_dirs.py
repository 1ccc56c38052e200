"""Fixtures made once per module or session (an analysed seed pair, a store) see the test
run's own data, config, state and cache folders too, never the user's: a reader's saved topic
set for the seed pair (in ~/.local/share/diptych/topics) made a module's seed fixture analyse
the pair with the reader's topics, and a test of the proposed ones fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_NAMES = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@pytest.fixture(scope="module")
def module_env() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in _NAMES}


def test_module_fixtures_see_the_runs_own_folders(module_env: dict[str, str | None]) -> None:
    # the folder tests/conftest.py makes for the session ("diptych-tests-home-…")
    for name, value in module_env.items():
        assert value is not None, name
        assert any(p.name.startswith("diptych-tests-home-") for p in Path(value).parents), name
