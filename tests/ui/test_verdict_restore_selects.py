""" "Undo verdict" on a rejected claim puts it back in the list and keeps it selected: the
reader who restores a claim sees where it went."""

from __future__ import annotations

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, window_on_pair

ANALYSIS_TIMEOUT = 60_000


def _window(qtbot, tmp_path) -> MainWindow:
    return window_on_pair(qtbot, desk_settings(tmp_path), tmp_path / "notes.sqlite3")


def _spans(w: MainWindow, i: int | None):
    assert i is not None
    c = w.analysis().claims.claims[i]
    return (c.a, c.b)


def test_undo_verdict_on_a_rejected_claim_keeps_the_restored_claim_selected(qtbot, tmp_path):
    """Tryout: a claim marked "Not the same", found under Rejected (the last row), restored
    with "Undo verdict": the list selected the possible claim listed last, at the bottom, and
    the restored claim went back among the strong ones at the top, out of sight."""
    w = _window(qtbot, tmp_path)
    panel = w.claims_panel
    target = panel.visible_claims()[2]  # a strong claim
    judged = _spans(w, target)
    panel.select_claim(target)
    panel.reject_button.click()
    rejected = next(i for i, c in enumerate(panel.claims()) if c.verdict == "different")
    panel.select_claim(rejected)
    panel.undo_button.click()
    now = panel.current_claim()
    assert _spans(w, now) == judged
    assert w.analysis().claims.claims[now].verdict is None
    assert w.nav.selected_claim == now  # the panes show it too
    assert panel._in_view(panel.row_index(now))
    w.close()
