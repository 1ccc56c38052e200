"""A claim marked "same" in the window keeps its check when the pair is opened again from
copies of both files, from a renamed file, and with the panes the other way round (the same
store): the verdicts follow the articles' identity, as highlights do."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from diptych.ui.main_window import MainWindow
from helpers.claims_list import text
from helpers.window import window_on_pair

ANALYSIS_TIMEOUT = 60_000
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
A_NAME = "wsws-2019-11-13-the-us-backed-coup-in-bolivia.md"
B_NAME = "spartacist-asp240-down-with-us-backed-right-wing-coup.txt"


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, db: str, a: Path, b: Path) -> MainWindow:
    return window_on_pair(qtbot, settings, db, (a, b))


def _checked(w: MainWindow) -> list[tuple[str, str]]:
    """The (A, B) texts of the claims shown with the reader's check."""
    analysis = w.analysis()
    return [
        (analysis.a.span_text(c.a), analysis.b.span_text(c.b))
        for i, c in enumerate(analysis.claims.claims)
        if c.verdict == "same" and text(w.claims_panel.row_index(i), 1).startswith("✓ ")
    ]


def test_a_verdict_follows_copies_a_rename_and_swapped_panes(qtbot, settings, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        for name in (A_NAME, B_NAME):
            shutil.copy(SEEDS / name, folder / name)
    db = str(tmp_path / "notes.sqlite3")

    w = _window(qtbot, settings, db, first / A_NAME, first / B_NAME)
    claims = w.analysis().claims.claims
    i = next(i for i, c in enumerate(claims) if c.tier == "possible")
    pair = (w.analysis().a.span_text(claims[i].a), w.analysis().b.span_text(claims[i].b))
    w.claims_panel.select_claim(i)
    w.claims_panel.same_button.click()
    assert _checked(w) == [pair]
    w.close()

    # copies of both files, same store
    w2 = _window(qtbot, settings, db, second / A_NAME, second / B_NAME)
    qtbot.waitUntil(lambda: _checked(w2) == [pair], timeout=ANALYSIS_TIMEOUT)
    w2.swap_panes()
    qtbot.waitUntil(lambda: _checked(w2) == [pair[::-1]], timeout=ANALYSIS_TIMEOUT)
    w2.close()

    # one original renamed (its old path gone), the other a copy, opened B first
    renamed = tmp_path / "renamed.md"
    os.rename(first / A_NAME, renamed)
    w3 = _window(qtbot, settings, db, second / B_NAME, renamed)
    qtbot.waitUntil(lambda: _checked(w3) == [pair[::-1]], timeout=ANALYSIS_TIMEOUT)
    w3.close()
