"""A figure, date or name that differs inside a longer replaced run is still named when it
stands in the same place on both sides: at the same end of the run, beside a word both
sides share ("could reach 12 million dollars" / "will now cost the regional council around
15 million dollars")."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs, word_diff
from diptych.core.compare.claims.find import find_claims
from diptych.core.compare.claims.fragments import core_and_diff
from diptych.core.reading.articles import article_from_text


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


_STORY = [
    "Heavy rain flooded the river valley for three days last week.",
    "The old stone bridge at Millford collapsed on Friday morning.",
    "Schools in the valley stayed closed while the water receded.",
    "Farmers lost most of the barley harvest to the flood.",
    "Volunteers filled sandbags outside the town hall.",
    "The railway line to the coast was closed for repairs.",
    "Several families spent the night in the church.",
    "Power was restored to most homes by Sunday evening.",
]


def test_a_strong_claim_names_a_figure_inside_a_longer_rewording() -> None:
    """Issue 11 item 6: the figure sat inside a replaced run of more than four content words
    on one side, so the claim got no ``differs``."""
    x = (
        "Rebuilding the Millford bridge could reach 12 million dollars of federal money, "
        "the transport minister told parliament."
    )
    y = (
        "Rebuilding the Millford bridge will now cost the regional council around 15 million "
        "dollars of federal money, the transport minister told parliament."
    )
    a = article_from_text("\n\n".join([*_STORY[:4], x, *_STORY[4:]]), "text")
    b = article_from_text("\n\n".join([*_STORY[:4], y, *_STORY[4:]]), "text")
    claim = next(c for c in find_claims(a, b).claims if "12" in a.span_text(c.a))
    assert claim.tier == "strong"
    assert claim.differs == (("12", "15"),)


def test_figures_and_dates_at_the_same_end_of_a_long_run() -> None:
    # the figure ends the run on both sides, before the words both share
    x = "The cost of the new bridge could reach 12 million dollars, officials said."
    y = (
        "The cost of the new bridge is now officially estimated by the regional engineers at "
        "around 15 million dollars, officials said."
    )
    assert _differs(x, y) == (("12", "15"),)
    # the figure opens the run on both sides, after the words both share
    x = "Police said 40 protesters had been arrested near the square by the evening."
    y = (
        "Police said 25 young students from the public university were arrested near the "
        "square by the evening."
    )
    assert _differs(x, y) == (("40", "25"),)
    # a date
    x = "Elections will be held in May next year."
    y = (
        "Elections, which the interim government and the army have repeatedly postponed, will "
        "take place in June next year."
    )
    assert _differs(x, y) == (("May", "June"),)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # only one side has a figure at the run's end: a rewording, not a disagreement
        (
            "The cost of the new bridge could reach 12 million dollars.",
            "The cost of the new bridge, which engineers and auditors call unsafe and costly, "
            "runs into many million dollars.",
        ),
        # the figures stand at opposite ends of the run
        (
            "The council approved 40 new homes for families displaced by the winter floods near "
            "the river.",
            "The council approved plans drawn up by the mayor's office last year for 25 near the "
            "river.",
        ),
        # the same figure written two ways
        (
            "The cost of the new bridge could reach twelve million dollars.",
            "The cost of the new bridge is now officially estimated by engineers at 12 million "
            "dollars.",
        ),
    ],
)
def test_no_false_alarm_inside_a_long_run(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_a_figure_set_apart_from_the_shared_words_by_a_comma_is_not_in_their_slot() -> None:
    x = "The toll could reach 12, officials said."
    y = "The toll, by the count of the regional engineers and doctors, stood at 15, officials said."
    assert claim_differs(word_diff(x, y)) == ()


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the paraphrase documents: an age is no count ("the mother of three" / "of 6-year-old
        # twins")
        (
            '"Please, keep doing your homework," said Bavelier, the mother of three.',
            '"Please, keep doing your homework," said Bavelier, the mother of 6-year-old twins '
            "and a 2-year old.",
        ),
        # the paraphrase documents: one end of a range is no figure of its own
        (
            "Kodak earned 85 cents per share in the quarter.",
            "Kodak expects earnings of 5 cents to 25 cents per share in the quarter.",
        ),
        # the paraphrase documents: a fraction written as a character
        (
            "It actually contains 2 ½ 8-ounce servings.",
            "It actually contains 2.5.",
        ),
    ],
)
def test_a_range_a_compound_or_a_fraction_at_the_end_of_a_long_run(x: str, y: str) -> None:
    assert _differs(x, y) == ()
