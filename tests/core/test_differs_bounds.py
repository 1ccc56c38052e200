"""A figure said as a bound ("above $1.18", "more than 150", "under 20") and a figure on the
other side within it say no different thing; one outside it still differs."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        # the paraphrase documents: "above $1.18" / "$1.1860"
        (
            "The euro rose to a high earlier in the session above $1.18.",
            "The euro rose to a high earlier in the session of $1.1860.",
            None,
        ),
        ("The blasts injured more than 150 people.", "The blasts injured 160 people.", None),
        ("The blasts injured 160 people.", "The blasts injured at least 150 people.", None),
        ("Prices fell to under 20 dollars.", "Prices fell to 18 dollars.", None),
        (
            "The blasts injured more than 150 people.",
            "The blasts injured 120 people.",
            ("150", "120"),
        ),
        ("Prices fell to under 20 dollars.", "Prices fell to 25 dollars.", ("20", "25")),
    ],
)
def test_a_bound_and_a_figure_within_it(x: str, y: str, said: tuple[str, str] | None) -> None:
    assert _differs(x, y) == ((said,) if said else ())
