"""A claim the reader marked "same claim" is theirs, not the engine's guess: the minimum
score (the engine's probability) does not hide it. Tryout: the strong claim scoring 0.20 on
the seed pair, confirmed, vanished at a minimum of 0.3 while possible claims above it stayed."""

from __future__ import annotations

from dataclasses import replace

from diptych.core.model import ClaimsResult
from helpers.claims_list import many_claims_panel


def test_a_confirmed_claim_stays_listed_and_counted_at_any_minimum_score(qtbot):
    p = many_claims_panel(qtbot, lambda k: k < 10)
    claims = list(p.claims())
    low = min(range(len(claims)), key=lambda i: claims[i].score)
    claims[low] = replace(claims[low], verdict="same", tier="strong")
    p.set_claims(ClaimsResult(claims=tuple(claims), only_in_a=(), only_in_b=()), p._a, p._b, None)
    p.set_min_score(0.95)
    assert low in p.visible_claims()
    assert p.topic_combo.itemText(0) == f"All topics ({len(p.visible_claims())})"
    # and when the verdict comes in place (a list already made), it stays too
    claims[low] = replace(claims[low], verdict=None, tier="possible")
    p.set_min_score(0.0)
    p.set_claims(ClaimsResult(claims=tuple(claims), only_in_a=(), only_in_b=()), p._a, p._b, None)
    p.set_min_score(0.95)
    assert low not in p.visible_claims()
    confirmed = tuple(
        replace(c, verdict="same", tier="strong") if i == low else c for i, c in enumerate(claims)
    )
    p.set_claims(ClaimsResult(claims=confirmed, only_in_a=(), only_in_b=()), p._a, p._b, None)
    assert low in p.visible_claims()
