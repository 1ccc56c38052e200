"""With the side panel hidden, the status bar's claim counts say how to see the claims: in a
1000x700 window the counts stood alone ("32 shared claims (8 strong) · …") once the passing
message that named F9 was gone."""

from __future__ import annotations

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, open_seed, shown_window


def test_the_counts_name_f9_while_the_side_panel_is_hidden(qtbot, tmp_path):
    w: MainWindow = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path), size=(1000, 700)))
    counts = w.status.counts_label
    assert w.side_dock.isHidden()  # hidden for room
    assert "shared claims" in counts.text() and "F9" in counts.text()
    w.side_dock.toggleViewAction().trigger()  # F9
    qtbot.waitUntil(lambda: not w.side_dock.isHidden())
    assert "shared claims" in counts.text() and "F9" not in counts.text()
    w.side_dock.toggleViewAction().trigger()  # hidden by hand
    qtbot.waitUntil(w.side_dock.isHidden)
    assert "F9" in counts.text()


def test_a_wide_window_says_no_f9(qtbot, tmp_path):
    w: MainWindow = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path), size=(1480, 900)))
    assert not w.side_dock.isHidden()
    assert "shared claims" in w.status.counts_label.text()
    assert "F9" not in w.status.counts_label.text()
