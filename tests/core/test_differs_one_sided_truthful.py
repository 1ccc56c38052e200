"""A figure or date one side gives alone is shown as "A says X where B gives no figure or
date": only when that is true, not when B gives a date in words ("yesterday", "a decade
ago", "last month") or another figure elsewhere in its fragment."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the paraphrase documents: a weekday or a count of years said as a relative date
        (
            "Hines died of cancer Saturday in Los Angeles, his publicist said Sunday.",
            "Hines died yesterday in Los Angeles of cancer, his publicist said.",
        ),
        (
            "Memories also live on of the bloody debacle in Somalia 10 years ago.",
            "Memories also live on of a bloody debacle in Somalia a decade ago.",
        ),
        (
            "The manufacturing index was 49.4 percent last month, up from 45.4 in April.",
            "The manufacturing index rose to 49.4 in May from 45.4 in April.",
        ),
        (
            "He planned Monday to formally announce the effort alongside several union presidents.",
            "He plans to announce the effort formally tomorrow alongside several union presidents.",
        ),
    ],
)
def test_no_one_sided_date_where_the_other_side_gives_one_in_words(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_no_one_sided_figure_where_the_other_side_gives_another_figure() -> None:
    # "A says 150 where B gives no figure or date" was untrue: B gives 50
    x = "The blasts killed two people and injured more than 150 others."
    y = "Four people were killed and 50 injured in the attacks."
    assert ("150", "") not in _differs(x, y)
    assert ("two", "Four") in _differs(x, y)


def test_one_sided_detail_is_still_shown_where_the_other_side_gives_none() -> None:
    assert _differs(
        "The toll of dead and wounded has steadily risen.", "dozens massacred and hundreds wounded"
    ) == (("", "dozens, hundreds"),)
    assert _differs(
        "Wells told police he had been forced to rob the bank.",
        "Wells, 46, said he had been forced to rob the bank.",
    ) == (("", "46"),)
