"""A figure written in another form is the same: billions written "bn" ("$36.9bn" / "$36.9
billion"); a number that is part of a code or a title ("PG-13", "F-16") is no figure."""

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
            "Third-quarter revenue declined to $36.9 billion from $39.3 billion.",
            "Third-quarter revenue fell to $36.9bn from $39.3bn.",
        ),
        (
            'The street-racing sequel "2 Fast 2 Furious" took in an estimated $52.1 million.',
            'The PG-13 sequel "2 Fast 2 Furious" raked in an estimated $52.1 million.',
        ),
    ],
)
def test_no_difference(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_other_figures_in_those_forms_still_differ() -> None:
    x = "Revenue declined to $36.9bn last year."
    y = "Revenue declined to $34.2bn last year."
    assert _differs(x, y) == (("36.9", "34.2"),)
    x = "The jet was an F-16 built in 1990."
    y = "The jet was an F-16 built in 1994."
    assert _differs(x, y) == (("1990", "1994"),)
