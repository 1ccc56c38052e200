"""The claims panel's flow, from a new-user tryout: a swap keeps the selected claim, an added
pair is shown under its heading, and a quick second "Not the same" does not judge the next
claim too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return desk_settings(tmp_path)


def _window(qtbot, settings, db=None) -> MainWindow:
    w = shown_window(qtbot, settings, db=db, size=(1480, 900))
    w = open_seed(qtbot, w, until="analysis_shown")
    return highlights_loaded(qtbot, w) if db is not None else w


def _spans(w: MainWindow, i: int | None):
    if i is None:
        return None
    c = w.analysis().claims.claims[i]
    return (c.a, c.b)


def test_swap_keeps_the_selected_claim_selected_and_tinted(qtbot, settings):
    w = _window(qtbot, settings)
    panel = w.claims_panel
    listed = panel.visible_claims()
    picked = listed[len(listed) // 2]  # not the first: a selection that fell back is seen
    a, b = _spans(w, picked)
    panel.select_claim(picked)
    assert w.nav.selected_claim == picked

    w.swap_panes()
    now = panel.current_claim()
    assert _spans(w, now) == (b, a)  # the same claim, its sides exchanged
    assert w.nav.selected_claim == now
    assert w.gutter.selected() == ("claim", now)
    for side in ("a", "b"):
        assert w.reader(side).layer_size("claim_core") == 1  # its fragment still tinted

    # swapped back: still that claim
    w.swap_panes()
    assert _spans(w, panel.current_claim()) == (a, b)


def test_swap_with_no_claim_selected_selects_none(qtbot, settings):
    w = _window(qtbot, settings)
    w.swap_panes()
    assert w.claims_panel.current_claim() is None and w.nav.selected_claim is None


def _in_view(tree, row) -> bool:
    """``row`` is wholly inside the list's viewport."""
    rect = tree.visualRect(row)
    return rect.isValid() and tree.viewport().rect().contains(rect)


@pytest.mark.parametrize("scrolled", [False, True])
def test_an_added_pair_is_selected_and_shown_under_its_heading(qtbot, settings, tmp_path, scrolled):
    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    bar = panel.tree.verticalScrollBar()
    if scrolled:  # the reader was down the list when adding the pair
        bar.setValue(bar.maximum() // 2)
        assert bar.value() > 0
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()

    i = panel.current_claim()
    assert _spans(w, i) == (a_only, b_only)  # the added claim is selected
    item = panel.tree.currentIndex()
    header = item.parent()
    assert header.isValid() and str(header.data()).startswith("Strong claims")
    assert _in_view(panel.tree, item)
    assert _in_view(panel.tree, header)  # its heading shows above it


def _rejected(w: MainWindow) -> list:
    return [(c.a, c.b) for c in w.analysis().claims.claims if c.verdict == "different"]


@pytest.mark.parametrize("how", ["double click", "two clicks", "two Alt+N"])
def test_a_quick_second_not_the_same_does_not_reject_the_next_claim(qtbot, settings, tmp_path, how):
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    listed = panel.visible_claims()
    judged, following = _spans(w, listed[2]), _spans(w, listed[3])
    panel.select_claim(listed[2])
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    panel.tree.setFocus()
    button = panel.reject_button
    left = Qt.MouseButton.LeftButton
    if how == "double click":  # as the window system delivers one: press, release, press,
        qtbot.mouseClick(button, left)  # double-click, release
        at = QPoint(button.width() // 2, button.height() // 2)
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            QApplication.sendEvent(
                button, QMouseEvent(kind, at, at, left, left, Qt.KeyboardModifier.NoModifier)
            )
        qtbot.mouseRelease(button, left)
    elif how == "two clicks":
        qtbot.mouseClick(button, left)
        qtbot.mouseClick(button, left)
    else:  # the second one once the first has been acted on (the button's own 100 ms)
        qtbot.keyClick(panel.tree, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: _rejected(w) == [judged])
        qtbot.keyClick(panel.tree, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not button.isDown())  # the button's animated click is over
    assert _rejected(w) == [judged]  # only the claim that was selected when pressed
    assert _spans(w, panel.current_claim()) == following  # the next one, not judged

    # a moment later, "Not the same" judges the claim now selected, as asked
    qtbot.waitUntil(lambda: not panel.verdicts_held())
    button.click()
    assert sorted(_rejected(w)) == sorted([judged, following])


def test_a_claim_chosen_right_after_a_verdict_can_be_judged_at_once(qtbot, settings, tmp_path):
    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    panel = w.claims_panel
    listed = panel.visible_claims()
    first, other = _spans(w, listed[0]), _spans(w, listed[5])
    panel.select_claim(listed[0])
    panel.reject_button.click()
    # the reader picks a claim (not the one the verdict moved to): judged without waiting
    panel.select_claim(next(i for i in panel.visible_claims() if _spans(w, i) == other))
    panel.reject_button.click()
    assert sorted(_rejected(w)) == sorted([first, other])


def test_swap_keeps_the_selected_claim_when_a_job_applies_the_verdicts(
    qtbot, settings, tmp_path, monkeypatch
):
    import diptych.ui.claim_verdicts as claim_verdicts

    monkeypatch.setattr(claim_verdicts, "SYNC_LIMIT", -1)  # every pair's verdicts by a Job
    w = _window(qtbot, settings, str(tmp_path / "notes.sqlite3"))
    qtbot.waitUntil(lambda: not w._claim_verdicts.waiting())
    panel = w.claims_panel
    # a pair of the reader's own: a claim only the verdicts make
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    with qtbot.waitSignal(w._claim_verdicts.applied):
        panel.add_pair_button.click()
    assert _spans(w, panel.current_claim()) == (a_only, b_only)

    w.swap_panes()
    qtbot.waitUntil(lambda: not w._claim_verdicts.waiting())
    now = panel.current_claim()
    assert _spans(w, now) == (b_only, a_only)
    assert w.nav.selected_claim == now


def test_a_theme_switch_keeps_the_side_panels_tab(qtbot, settings):
    """A theme switch (or the system's colour scheme changing) re-shows the selected claim in
    its new colours; it brought the Claims tab forward over the tab the reader was on."""
    w = _window(qtbot, settings)
    panel = w.claims_panel
    picked = panel.visible_claims()[1]
    panel.select_claim(picked)
    panel.tabs.setCurrentIndex(1)  # Only in A
    w.set_theme_mode("dark")
    assert panel.tabs.currentIndex() == 1
    assert panel.current_claim() == picked and w.nav.selected_claim == picked
    w.set_theme_mode("light")
    assert panel.tabs.currentIndex() == 1
