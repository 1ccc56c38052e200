"""A heading of the claims list the reader folded (a double click) stays folded after a verdict
and after Ctrl+Z on one (tryout: "Not the same" on a strong claim opened the "Possible claims"
heading the reader had folded away, and the undo opened it again: the list is made again with
the verdicts, and the folds were read back from the list just emptied)."""

from __future__ import annotations

import pytest

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
    panel.select_claim(first)  # opens nothing: a chosen claim under a folded heading is shown
    panel._hold.stop()
    folded = _folded(panel)
    panel.same_button.click()  # "Same claim"
    assert _folded(panel) == folded
    ctl.undo_action.trigger()
    assert _folded(panel) == folded
