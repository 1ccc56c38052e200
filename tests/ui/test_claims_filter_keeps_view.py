"""A filter changed (topic, minimum score) keeps the chosen claim where the reader saw it in
the list (tryout: back from one topic to "All topics", the list kept the scroll position it
had under the topic, and the chosen claim, dozens of rows further down, was out of sight while
the detail and both panes showed it)."""

from __future__ import annotations

from diptych.ui.claims.panel import ClaimsPanel
from helpers.claims_list import many_claims_panel


def _panel(qtbot) -> ClaimsPanel:
    return many_claims_panel(qtbot, lambda k: k % 2 == 1)


def _top(p: ClaimsPanel, claim: int) -> int | None:
    """The claim's row's top in the list's viewport (None: not wholly in view)."""
    rect = p.tree.visualRect(p.row_index(claim))
    ok = rect.isValid() and p.tree.viewport().rect().contains(rect)
    return rect.top() if ok else None


def test_a_filter_and_back_keeps_the_chosen_claim_where_it_was(qtbot):
    p = _panel(qtbot)
    listed = p.visible_claims()
    chosen = listed[len(listed) * 2 // 3]
    p.select_claim(chosen)
    where = _top(p, chosen)
    assert where is not None
    topic = p.claims()[chosen].topic
    p.set_topic_filter(topic)
    assert p.current_claim() == chosen
    assert _top(p, chosen) == where
    p.set_topic_filter(None)
    assert p.current_claim() == chosen
    assert _top(p, chosen) == where
    # the minimum score: rows above it go, it stays put
    p.set_min_score(p.claims()[chosen].score - 0.05)
    assert p.current_claim() == chosen
    assert _top(p, chosen) == where
    p.set_min_score(0.0)
    assert _top(p, chosen) == where


def test_a_claim_out_of_view_leaves_the_list_where_it_was(qtbot):
    p = _panel(qtbot)
    listed = p.visible_claims()
    p.select_claim(listed[-1])
    p.tree.verticalScrollBar().setValue(0)
    assert _top(p, listed[-1]) is None
    p.set_min_score(0.05)
    assert p.tree.verticalScrollBar().value() == 0


def test_the_detail_says_when_the_filters_hide_every_claim(qtbot):
    """Tryout: Min score above every claim's score left an empty list and a detail asking to
    "Select a claim", with nothing to select."""
    from diptych.ui.claims.panel import DETAIL_PLACEHOLDER

    p = _panel(qtbot)
    p.set_min_score(1.0)
    assert p.visible_claims() == []
    assert p.detail.placeholderText() == "Min score is above every claim's score."
    p.set_topic_filter(p.claims()[0].topic)
    assert p.detail.placeholderText() == "Min score is above this topic's scores."
    p.set_min_score(0.0)
    p.set_topic_filter(None)
    assert p.detail.placeholderText() == DETAIL_PLACEHOLDER
