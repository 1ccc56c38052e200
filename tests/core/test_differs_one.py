""" "One" is no figure ("one of the largest"), except as the last word of a number written in
words ("Sixty-one") and before a scale or a percentage ("one million", "one per cent"): there
it is 1, the same as the other side's "1" (the paraphrase documents showed "61" / "Sixty" and
"B says 1 where A gives no other figure or date" where A says "one per cent")."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (
            "At least 61 people were killed and dozens injured across Afghanistan yesterday.",
            "Sixty-one people were killed and dozens wounded across Afghanistan yesterday.",
        ),
        (
            "The results ranged from one per cent or two per cent to 36 per cent for a brand.",
            "The results ranged from 1 per cent or 2 per cent to 36 per cent for a brand.",
        ),
        (
            "The fund lost one million dollars last year.",
            "The fund lost 1 million dollars last year.",
        ),
        ("The party won twenty-one seats.", "The party won 21 seats."),
    ],
)
def test_one_in_a_number_is_1(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_one_elsewhere_is_no_figure_and_a_wrong_one_still_differs() -> None:
    assert _differs("It is one of the largest banks.", "It is among the largest banks.") == ()
    assert _differs("The party won twenty-one seats.", "The party won 22 seats.") == (
        ("twenty-one", "22"),
    )
