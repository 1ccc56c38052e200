"""A heading of the claims list the reader folded (a double click) stays folded after a verdict
and after Ctrl+Z on one (tryout: "Not the same" on a strong claim opened the "Possible claims"
heading the reader had folded away, and the undo opened it again: the list is made again with
the verdicts, and the folds were read back from the list just emptied)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from diptych.ui.claims.models import POSSIBLE_GROUP, STRONG_GROUP
from helpers.claims_list import headings, many_claims_panel
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

ANALYSIS_TIMEOUT = 60_000


def _folded(panel) -> set[str]:
    return {
        name
        for h, (name, _n) in zip(headings(panel), panel.model.groups(), strict=True)
        if not panel.tree.isExpanded(h)
    }


def _fold(panel, key: str) -> None:
    row = next(r for r, (name, _n) in enumerate(panel.model.groups()) if name == key)
    panel.tree.setExpanded(headings(panel)[row], False)  # what a double click on it does


def test_the_list_made_again_with_the_same_articles_keeps_the_folds(qtbot):
    p = many_claims_panel(qtbot, lambda k: k % 3 != 0, grouped=True)
    topic = p.model.groups()[0][0]
    _fold(p, topic)
    _fold(p, POSSIBLE_GROUP)
    claims = p.claims()
    a, b = p._a, p._b
    from diptych.core.model import ClaimsResult

    p.set_claims(ClaimsResult(claims=claims, only_in_a=(), only_in_b=()), a, b, p._topic_set)
    assert _folded(p) == {topic, POSSIBLE_GROUP}
    p.set_grouped_by_topic(False)  # the tiers' headings keep theirs across the grouping too
    assert _folded(p) == {POSSIBLE_GROUP}
    p.tree.setExpanded(headings(p)[1], True)  # opened again by the reader: stays open
    p.set_claims(ClaimsResult(claims=claims, only_in_a=(), only_in_b=()), a, b, p._topic_set)
    assert _folded(p) == set()


@pytest.fixture
def window(qtbot, tmp_path):
    w = shown_window(qtbot, desk_settings(tmp_path), db=str(tmp_path / "n.sqlite3"))
    w = open_seed(qtbot, w, until="analysis_shown")
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=ANALYSIS_TIMEOUT)
    w = highlights_loaded(qtbot, w)
    yield w
    w.close()


def test_folded_headings_stay_folded_after_verdicts_and_ctrl_z(qtbot, window):
    w = window
    panel, ctl = w.claims_panel, w.highlight_controller
    _fold(panel, POSSIBLE_GROUP)
    assert _folded(panel) == {POSSIBLE_GROUP}
    strong = [i for i in panel.visible_claims() if w.analysis().claims.claims[i].tier == "strong"]

    panel.select_claim(strong[0])
    panel._hold.stop()
    panel.reject_button.click()  # "Not the same"
    assert _folded(panel) == {POSSIBLE_GROUP}
    ctl.undo_action.trigger()  # Ctrl+Z
    assert _folded(panel) == {POSSIBLE_GROUP}

    _fold(panel, STRONG_GROUP)
    first = next(
        i for i, c in enumerate(w.analysis().claims.claims) if c.tier == "strong" and not c.verdict
    )
    panel.select_claim(first)  # the reader's choice: its folded heading opens
    panel._hold.stop()
    folded = _folded(panel)
    panel.same_button.click()  # "Same claim"
    assert _folded(panel) == folded
    ctl.undo_action.trigger()
    assert _folded(panel) == folded


def test_a_folded_topic_heading_stays_folded_through_same_claim_undo_and_redo(qtbot, window):
    """Grouped by topic, "Same claim" on a possible claim moves it under its topic's heading;
    with that heading folded, the redo (Ctrl+Shift+Z) opened it (tryout): confirm and undo
    kept it folded."""
    w = window
    panel, ctl = w.claims_panel, w.highlight_controller
    panel.set_grouped_by_topic(True)
    claims = w.analysis().claims.claims
    strong_topics = {c.topic for c in claims if c.tier == "strong"}
    listed = [name for name, _n in panel.model.groups()]
    # the lowest such topic heading (Down from under it is not Down from the top)
    possible = max(
        (
            i
            for i in panel.visible_claims()
            if claims[i].tier == "possible" and claims[i].topic in strong_topics
        ),
        key=lambda i: listed.index(claims[i].topic),
    )
    topic = claims[possible].topic
    _fold(panel, topic)
    folded = _folded(panel)
    assert topic in folded

    panel.select_claim(possible)
    panel._hold.stop()
    panel.same_button.click()  # "Same claim": the claim goes under its topic's heading
    assert _folded(panel) == folded
    ctl.undo_action.trigger()  # Ctrl+Z: back under "Possible claims"
    assert _folded(panel) == folded
    ctl.redo_action.trigger()  # Ctrl+Shift+Z: under the topic's heading again
    assert _folded(panel) == folded
    k = panel.current_claim()
    assert k is not None and w.analysis().claims.claims[k].verdict == "same"
    assert panel.detail.toPlainText()  # the claim redone shown, under its folded heading

    # Down from it: the first claim after that heading (Qt began again from the top)
    folded_row = panel.tree.currentIndex().parent().row()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    now = panel.tree.currentIndex()
    assert now.parent().row() > folded_row and panel.tree.visualRect(now).isValid()
    assert _folded(panel) == folded
