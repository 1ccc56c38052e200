"""One quantity in two units is no difference ("52km" / "32 miles"), nor are the two shares of
a whole ("pays 80 percent" / "would pay 20 percent"); two figures in the same unit still differ,
however the unit is written ("4.4%" / "4.6 per cent")."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the paraphrase documents
        (
            "In Chatsworth, 52km north-west of Los Angeles, residents were told to leave.",
            "In Chatsworth, 32 miles northwest of Los Angeles, residents were told to leave.",
        ),
        (
            "Mahmud was seized near Tikrit, about 90 miles north of Baghdad, officials said.",
            "Mahmud was seized near Tikrit, about 150 kilometres north of Baghdad, officials said.",
        ),
        (
            "Galileo will have travelled about 4.6 billion kilometres by the time it hits Jupiter.",
            "Galileo will have traveled about 2.8 billion miles by the time it hits Jupiter.",
        ),
        (
            "The shooting was at a school in Obetz, about 3km from the freeway.",
            "The shooting was at a school in Obetz, about two miles from the freeway.",
        ),
        (
            "The House version pays 80 percent of a senior's drug costs after a deductible.",
            "Under the House plan, seniors would pay 20 percent of drug costs after a deductible.",
        ),
    ],
)
def test_no_difference(x: str, y: str) -> None:
    assert _differs(x, y) == ()


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        (
            "Claudette was centered about 320 miles east of Brownsville.",
            "Claudette was centered about 300 miles east of Brownsville.",
            ("320", "300"),
        ),
        (
            "Tab shares were up 4.4% at noon.",
            "Tab shares were up 4.6 per cent at noon.",
            ("4.4", "4.6"),
        ),
        ("The shares fell 19 cents today.", "The shares fell 20 cents today.", ("19", "20")),
        ("Police said 22 people died.", "Police said three people died.", ("22", "three")),
    ],
)
def test_the_same_unit_still_differs(x: str, y: str, said: tuple[str, str]) -> None:
    assert _differs(x, y) == (said,)


def test_only_the_figures_in_the_same_unit_are_compared() -> None:
    # "$2.57" is no counterpart of "8.76 per cent"
    x = "Shares of MONY were gaining $2.57, or 9.5%, to $31.90 in after-hours trading."
    y = "MONY shares rose 8.76 per cent to $31.90 in after-hours trading."
    assert _differs(x, y) == (("9.5", "8.76"),)
