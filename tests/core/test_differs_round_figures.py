"""A round figure ("about 10", "shortly after four") and the precise one it rounds to state the
same fact: no ``differs``. Two round figures, or a round one the other does not round to,
still differ."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the Apollo 11 pair: reported once the figure inside a longer rewording was compared
        (
            "The Eagle touched down in the Sea of Tranquility at 4:17 in the afternoon, Houston "
            "time.",
            "The Eagle came down in the Mare Tranquillitatis shortly after four in the afternoon "
            "in Houston.",
        ),
        # the paraphrase documents
        (
            "About 10 percent of high school students must be proficient at math.",
            "Only 9.6 percent of high school students must be proficient at math.",
        ),
        (
            "The bulk of the funds, some $65 billion, will go for military operations.",
            "The bulk of the bill, $64.7 billion, will go for military operations.",
        ),
        ("At about 3 p.m. a relative called police.", "At 3:22 p.m. a relative called police."),
        ("The crowd numbered about 600 people.", "The crowd numbered 612 people."),
    ],
)
def test_a_round_figure_and_the_figure_it_rounds_to_do_not_differ(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_figures_that_do_not_round_to_each_other_still_differ() -> None:
    assert _differs(
        "The cost is around 15 million dollars.", "The cost is 12 million dollars."
    ) == (("15", "12"),)
    # two round figures are two estimates
    assert _differs(
        "The storm was centred about 320 miles east of the city.",
        "The storm was centred about 300 miles east of the city.",
    ) == (("320", "300"),)
    # "about 600" is no more than 650
    assert _differs("The crowd numbered about 600 people.", "The crowd numbered 680 people.") == (
        ("600", "680"),
    )
    # a time more than half an hour from the hour
    assert _differs(
        "The strike began shortly after four in the morning.",
        "The strike began at 4:45 in the morning.",
    ) == (("four", "4:45"),)
