"""No fixture reads or writes the reader's own Diptych folders: the function-scoped isolation
came too late for module-scoped fixtures, so ``analyze_pair`` in one (tests/core/
test_topic_edits.py's ``seed``) read the topics saved for the seed pair in ~/.local/share, and
the test failed after the seed pair's "coup" had been renamed in a real window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@pytest.fixture(scope="module")
def module_env() -> dict[str, str | None]:
    return {var: os.environ.get(var) for var in _VARS}


def test_a_module_scoped_fixture_sees_the_test_folders(module_env, tmp_path_factory):
    base = tmp_path_factory.getbasetemp().resolve()
    for var, value in module_env.items():
        assert value is not None, var
        assert Path(value).resolve().is_relative_to(base), var
