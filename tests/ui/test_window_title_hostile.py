"""The window title and the panes' accessible names show an article title's bidi and
control characters as U+FFFD: an unclosed U+202E would turn '| B — Diptych' around."""

from __future__ import annotations

from pathlib import Path

from helpers.window import TIMEOUT_MS, shown_window


def test_a_title_with_an_override_does_not_turn_the_window_title_around(
    qtbot, settings, dialogs, tmp_path: Path
):
    a = tmp_path / "a.md"
    b = tmp_path / "b.md"
    a.write_text(
        "# Coup \u202egnp.live\n\nThe army chief suggested that the president resign.\n",
        encoding="utf-8",
    )
    b.write_text(
        "# Other\n\nThe president resigned after the army chief spoke.\n", encoding="utf-8"
    )
    w = shown_window(qtbot, settings, size=(1480, 900))
    with qtbot.waitSignal(w.articles_shown, timeout=TIMEOUT_MS):
        w.open_pair(a, b)
    title = w.windowTitle()
    assert "\u202e" not in title and title.startswith("Coup \ufffdgnp.live | Other")
    for side in ("a", "b"):
        assert "\u202e" not in w.reader(side).accessibleName()
