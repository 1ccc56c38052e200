"""The side panel shown by hand (F9) in a narrow window follows the window when it narrows:
it shrinks to leave the panes their measure, and gives way (saying so) when even its
narrowest would leave the panes a few words a line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from diptych.ui.main_window import MainWindow
from diptych.ui.window.layout import MIN_PANE_WIDTH, SIDE_PANEL_WIDTH
from helpers.window import TIMEOUT_MS, shown_window


def _f9_at(qtbot, w: MainWindow, width: int, height: int) -> None:
    w.resize(width, height)
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    w.activateWindow()
    w.reader("a").setFocus()
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.side_dock.width() == w.side_fit.narrow_panel_width(), timeout=3000)


def _panes_readable(w: MainWindow) -> bool:
    return all(w.pane_view(s).width() >= MIN_PANE_WIDTH for s in ("a", "b"))


def test_a_panel_shown_by_hand_shrinks_when_the_window_narrows(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    _f9_at(qtbot, w, 1100, 700)
    before = w.side_dock.width()
    w.resize(1000, 700)
    # the narrow width for 1000 px (what two readable panes leave), not the one for 1100
    qtbot.waitUntil(lambda: w.side_dock.width() == w.side_fit.narrow_panel_width(), timeout=3000)
    assert w.side_dock.isVisible() and w.side_dock.width() < before


def test_a_panel_shown_by_hand_gives_way_when_the_panes_would_be_unreadable(
    qtbot, settings, dialogs
):
    """Tester: F9 at 1000x700, then 800x600 left the panes 2-3 words a line."""
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    _f9_at(qtbot, w, 1000, 700)
    w.resize(800, 600)
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: _panes_readable(w), timeout=3000)
    assert "side panel is hidden" in w.statusBar().currentMessage()
    # wide again, the panel hidden for room comes back
    w.resize(1480, 900)
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)


def test_a_narrowed_panel_hidden_before_the_window_widens_comes_back_at_its_width(
    qtbot, settings, dialogs
):
    """Tryout: F9 at 1000x700 (the panel narrowed), F9 again (hidden), the window widened to
    1480x900, F9: the panel came back at its narrow width, and stayed so at 1920x1080, its
    filters and buttons cut at its edge."""
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    _f9_at(qtbot, w, 1000, 700)
    narrowed = w.side_dock.width()
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    w.resize(1480, 900)
    qtbot.wait(50)
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.side_dock.width() > narrowed, timeout=3000)
    assert abs(w.side_dock.width() - SIDE_PANEL_WIDTH) <= 8
