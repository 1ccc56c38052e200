"""The topic filter the reader chose is theirs: "Add pair" under it (the new pair has no
topic, so the filter hides it) kept neither the filter nor, after Ctrl+Z, gave it back
(tryout: the list jumped to "All topics" and stayed there). The filter stays; the status bar
says the new claim is not listed and which filter hides it."""

from __future__ import annotations

from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

ANALYSIS_TIMEOUT = 60_000


def _window(qtbot, tmp_path) -> MainWindow:
    w = shown_window(qtbot, desk_settings(tmp_path), db=str(tmp_path / "n.sqlite3"))
    w = open_seed(qtbot, w, until="analysis_shown")
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=ANALYSIS_TIMEOUT)
    return highlights_loaded(qtbot, w)


def _find(w: MainWindow, a, b) -> int | None:
    return next((i for i, c in enumerate(w.analysis().claims.claims) if (c.a, c.b) == (a, b)), None)


def test_add_pair_undo_and_redo_keep_the_topic_filter(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    panel, ctl = w.claims_panel, w.highlight_controller
    topic = next(c.topic for c in w.analysis().claims.claims if c.tier == "strong" and c.topic)
    panel.set_topic_filter(topic)
    listed = panel.visible_claims()
    assert panel.topic_combo.currentData() == topic and listed

    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    k = _find(w, a_only, b_only)
    assert k is not None and w.analysis().claims.claims[k].added
    assert panel.topic_combo.currentData() == topic
    assert k not in panel.visible_claims()
    message = w.statusBar().currentMessage()
    assert "Added as a claim of your own" in message and "Not listed" in message
    assert topic in message

    ctl.undo_action.trigger()  # Ctrl+Z: the pair gone, the filter as it was
    assert _find(w, a_only, b_only) is None
    assert panel.topic_combo.currentData() == topic
    assert len(panel.visible_claims()) == len(listed)

    ctl.redo_action.trigger()  # Ctrl+Shift+Z: the pair back, the filter still the reader's
    assert _find(w, a_only, b_only) is not None
    assert panel.topic_combo.currentData() == topic
    # said after the step's own words (which replaced it in the status bar)
    message = w.statusBar().currentMessage()
    assert message.startswith("Redone: Add pair. Not listed: the topic filter"), message
    w.close()


def test_add_pair_under_all_topics_selects_the_new_claim(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    panel = w.claims_panel
    a_only, b_only = w.analysis().claims.only_in_a[0], w.analysis().claims.only_in_b[0]
    w.reader("a").select_span(a_only.start + 2, a_only.start + 8, scroll=False)
    w.reader("b").select_span(b_only.start + 1, b_only.start + 4, scroll=False)
    panel.add_pair_button.click()
    k = _find(w, a_only, b_only)
    assert k is not None and panel.current_claim() == k
    assert "Not listed" not in w.statusBar().currentMessage()
    w.close()
