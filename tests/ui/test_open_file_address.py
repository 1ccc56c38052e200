"""Tryout: ``diptych file:///…/a.md b.md`` said "file:/…/a.md: no such file" (the address was
read as a relative path). The window opens the file a ``file://`` address names, as the CLI
does (see tests/core/test_file_url_input.py)."""

from __future__ import annotations

from pathlib import Path

from diptych.ui.window.pair_session import _given


def test_the_window_opens_a_file_address_as_its_file(tmp_path: Path) -> None:
    f = tmp_path / "a wall.md"
    f.write_text("# Wall\n\nThe council voted.\n", encoding="utf-8")
    assert _given(f.resolve().as_uri()) == str(f.resolve())
    assert _given(str(f)) == str(f)
    assert _given("https://example.org/a") == "https://example.org/a"
    assert _given("file://server/share/a.md") == "file://server/share/a.md"
