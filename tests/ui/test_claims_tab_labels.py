"""The claims panel's tabs keep their counts in a narrow side panel: the labels get shorter
(the full label in the tooltip) instead of being elided to "Claims (…"."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from diptych.ui.main_window import MainWindow
from helpers.window import TIMEOUT_MS, shown_window


def _counts_drawn_whole(w: MainWindow) -> list[str]:
    """The tabs whose count is missing or elided (empty when all show theirs)."""
    panel = w.claims_panel
    bar = panel.tabs.tabBar()
    result = w.analysis().claims
    counts = [len(panel.visible_claims()), len(result.only_in_a), len(result.only_in_b)]
    bad = []
    for i, n in enumerate(counts):
        text = bar.tabText(i)
        # drawn whole: the tab has the room its label asks for (no "…")
        whole = bar.tabRect(i).width() >= bar.tabSizeHint(i).width()
        if not (re.search(rf"\b{n}\b", text) and whole and str(n) in bar.tabToolTip(i)):
            bad.append(f"{text!r} {bar.tabRect(i).width()}<{bar.tabSizeHint(i).width()}")
    return bad


def test_the_claims_tabs_keep_their_counts_in_a_narrow_side_panel(qtbot, settings, dialogs):
    """Tester: at 1000 px wide with the side panel shown the tabs read "Claims (…"."""
    w = shown_window(qtbot, settings, restore_geometry=True, size=(1480, 900))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    bar = w.claims_panel.tabs.tabBar()
    assert _counts_drawn_whole(w) == []
    assert bar.tabText(1).startswith("Only in A (")  # room for the full labels
    w.resize(1000, 700)
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    w.activateWindow()
    w.reader("a").setFocus()
    qtbot.keyClick(w.reader("a"), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.side_dock.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.side_dock.width() == w.side_fit.narrow_panel_width(), timeout=3000)
    qtbot.waitUntil(lambda: _counts_drawn_whole(w) == [], timeout=3000)
