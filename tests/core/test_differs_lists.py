"""Figures of a list ("by 2006 and $750 million by 2008") are named one by one, never joined
into one figure across "and", and a figure that is one of a list is no slot figure of a long
run on its own."""

from __future__ import annotations

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


def test_figures_of_a_list_are_not_joined() -> None:
    # the paraphrase documents: "2006 and $750" / "200"
    x = "Some analysts estimate sales of Xolair could reach $260 million by 2006 and $750 million by 2008."
    y = "Analysts estimate peak annual U.S. sales of Xolair will top $200 million."
    assert not any(" and " in said for pair in _differs(x, y) for said in pair)
    x = "The officials put the money in the 2003 and 2004 budgets without telling riders."
    y = "The officials put the money in the city budgets without telling riders."
    assert _differs(x, y) == (("2003, 2004", ""),)


def test_a_figure_of_several_words_joined_by_and_is_still_one() -> None:
    x = "About six and a half hours later"
    y = "Armstrong stepped off the ladder hours later."
    assert _differs(x, y) == (("six and a half", ""),)


def test_the_figures_of_a_list_have_the_unit_after_the_last() -> None:
    x = "They weighed an average 220 pounds and needed to lose between 30 and 80 pounds."
    y = "They weighed an average 220 pounds and needed to lose between 14 and 36 kilograms."
    assert _differs(x, y) == ()
