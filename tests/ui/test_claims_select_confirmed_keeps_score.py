"""A claim the reader confirmed is listed at any minimum score (``listed_score`` is 1 for it):
chosen from the gutter while another topic's filter hides it, only the topic filter is widened,
the minimum score stays. Before, the slider came down to the claim's own (engine) score,
listing many weaker claims the reader had filtered out for nothing."""

from __future__ import annotations

from dataclasses import replace

from diptych.core.model import ClaimsResult
from helpers.claims_list import many_claims_panel
from helpers.highlights import TOPICS


def test_choosing_a_confirmed_claim_hidden_by_its_topic_keeps_the_minimum_score(qtbot):
    p = many_claims_panel(qtbot, lambda k: k < 10)
    claims = list(p.claims())
    low = min(range(len(claims)), key=lambda i: claims[i].score)
    other = next(t.name for t in TOPICS.topics if t.name != claims[low].topic)
    claims[low] = replace(claims[low], verdict="same", tier="strong")
    p.set_claims(ClaimsResult(tuple(claims), only_in_a=(), only_in_b=()), p._a, p._b, TOPICS)
    p.set_min_score(0.80)
    p.set_topic_filter(other)
    assert claims[low].score < 0.80 and low not in p.visible_claims()
    assert p.select_claim(low)
    assert p.current_claim() == low and low in p.visible_claims()
    assert p.min_score() == 0.80


def test_choosing_an_unconfirmed_hidden_claim_still_lowers_the_minimum_score(qtbot):
    p = many_claims_panel(qtbot, lambda k: k < 10)
    claims = p.claims()
    low = min(range(len(claims)), key=lambda i: claims[i].score)
    p.set_min_score(0.80)
    assert p.select_claim(low)
    assert low in p.visible_claims() and p.min_score() <= claims[low].score
