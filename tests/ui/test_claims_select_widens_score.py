"""A claim chosen from elsewhere (the gutter, an added pair the engine lists too) under a
minimum score above its own is shown: the slider comes down to a step at or below its score.

Tryout: a claim scoring 0.5895 under a minimum of 0.70: the slider was set to round(58.95) =
0.59, still above the claim, so it stayed hidden, was not chosen, and the detail went on
showing another claim while the status bar said it had been marked."""

from __future__ import annotations

from dataclasses import replace

from helpers.claims_list import many_claims_panel


def test_choosing_a_hidden_claim_lowers_the_minimum_score_to_below_it(qtbot):
    p = many_claims_panel(qtbot, lambda k: k < 10)
    claims = list(p.claims())
    target = len(claims) - 1
    claims[target] = replace(claims[target], score=0.5895)
    a, b = p._a, p._b
    from diptych.core.model import ClaimsResult

    p.set_claims(ClaimsResult(claims=tuple(claims), only_in_a=(), only_in_b=()), a, b, None)
    p.set_min_score(0.70)
    assert target not in p.visible_claims()
    assert p.select_claim(target)
    assert p.current_claim() == target
    assert target in p.visible_claims()
    assert p.min_score() <= 0.5895
