"""The settings file names the files recently read: it is the owner's only (issue 10, item 14)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from diptych.ui.desk_state import DeskState, desk_settings


def test_settings_file_with_recent_pairs_is_0600_under_a_lax_umask(qapp: Any) -> None:
    old = os.umask(0o022)
    try:
        state = DeskState()
        state.add_recent_pair("/home/me/secret-a.md", "/home/me/secret-b.md")
        state.sync()
        path = Path(state.s.fileName())
        assert path.stat().st_mode & 0o777 == 0o600
        state.add_recent_pair("/home/me/other.md", "/home/me/more.md")  # Qt rewrites the file
        state.sync()
        assert path.stat().st_mode & 0o777 == 0o600
        assert "secret-a.md" in path.read_text(encoding="utf-8")
    finally:
        os.umask(old)


def test_a_settings_file_left_world_readable_is_narrowed(qapp: Any) -> None:
    path = Path(desk_settings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[recent]\npairs=[]\n", encoding="utf-8")
    path.chmod(0o644)
    desk_settings()
    assert path.stat().st_mode & 0o777 == 0o600
