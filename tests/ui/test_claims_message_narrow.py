"""The message saying how many claims a pair shares: the same counts as the status line, and
how to see them when the side panel is hidden for room (tryout).

Tryout: at 1000x700 the side panel is hidden to keep the text readable; the message saying
so ("F9 shows it") was replaced at once by "32 shared claims (8 strong), 6 topics", and a new
user had no word of where those claims were.
"""

from __future__ import annotations

from helpers.window import TIMEOUT_MS, shown_window


def test_a_narrow_window_says_f9_shows_the_claims(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, size=(1000, 700))
    qtbot.waitUntil(lambda: not w.side_dock.isVisible(), timeout=3000)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    message = w.statusBar().currentMessage()
    assert "shared claims" in message and "F9" in message, message


def test_a_wide_window_names_the_claims_without_the_key(qtbot, settings, dialogs):
    w = shown_window(qtbot, settings, size=(1480, 900))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS):
        w.open_seed_pair()
    assert w.side_dock.isVisible()
    message = w.statusBar().currentMessage()
    assert "shared claims" in message and "F9" not in message, message
