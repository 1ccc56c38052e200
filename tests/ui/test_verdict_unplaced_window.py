"""A claim the reader confirmed, its sentence then deleted from the article: the window says
so when the pair is opened again, instead of listing the rest as if no verdict was given."""

from __future__ import annotations

import shutil
from pathlib import Path

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, window_on_pair

ANALYSIS_TIMEOUT = 60_000
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
A_NAME = "wsws-2019-11-13-the-us-backed-coup-in-bolivia.md"
B_NAME = "spartacist-asp240-down-with-us-backed-right-wing-coup.txt"


def _window(qtbot, tmp_path: Path, db: str) -> MainWindow:
    return window_on_pair(
        qtbot, desk_settings(tmp_path), db, (tmp_path / A_NAME, tmp_path / B_NAME)
    )


def test_a_confirmed_claim_whose_sentence_was_deleted_is_told(qtbot, tmp_path):
    for name in (A_NAME, B_NAME):
        shutil.copy(SEEDS / name, tmp_path / name)
    db = str(tmp_path / "notes.sqlite3")
    w = _window(qtbot, tmp_path, db)
    panel = w.claims_panel
    first = panel.visible_claims()[0]
    sentence = w.analysis().a.span_text(w.analysis().claims.claims[first].a)
    panel.select_claim(first)
    panel.same_button.click()
    assert "no longer in the text" not in w.status.notice_label.text()
    w.close()

    path = tmp_path / A_NAME
    text = path.read_text(encoding="utf-8")
    head = sentence[:40]
    assert head in text  # the article file says it as the pane showed it
    start = text.index(head)
    end = text.index(sentence[-20:], start) + 20
    path.write_text(text[:start] + text[end:], encoding="utf-8")

    w2 = _window(qtbot, tmp_path, db)
    assert not any(c.verdict == "same" for c in w2.analysis().claims.claims)
    assert "1 claim you confirmed is no longer in the text" in w2.status.notice_label.text()
    # said once: a verdict given meanwhile does not say it again
    w2.status.show_notice("")
    panel2 = w2.claims_panel
    panel2.select_claim(panel2.visible_claims()[0])
    panel2.same_button.click()
    assert "no longer in the text" not in w2.status.notice_label.text()
    w2.close()
