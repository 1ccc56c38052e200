"""A name written two ways is no difference: an acronym and the words it stands for ("U.S." /
"United States", "DNC" / "Democratic National Committee"), an abbreviation written with a full
stop ("R-Tenn." / "Tennessee"), the name and its adjective ("Russia's" / "Russian"), and a long
name spelled a letter apart ("Extremadura" / "Extramadura"). Other names still differ."""

from __future__ import annotations

import pytest

from helpers.differs import Everyone, differs_of


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return differs_of(x, y, persons=Everyone())


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the paraphrase documents
        (
            "Solomon 5.5 is available initially in the United States and Canada.",
            "Solomon 5.5 is available initially in the U.S. and Canada.",
        ),
        (
            "A spokesman for the U.S. Attorney's Office was not available for comment.",
            "A spokesman for the United States Attorney's Office was not available for comment.",
        ),
        (
            "Leaders tried to arrange a meeting with DNC chairman Terry McAuliffe.",
            "Leaders tried to arrange a meeting with Democratic National Committee Chairman Terry"
            " McAuliffe.",
        ),
        (
            "The Senate majority leader, Bill Frist, Republican of Tennessee, said he hoped so.",
            "The Senate majority leader, Bill Frist, R-Tenn., said he hoped so.",
        ),
        (
            "Fires in Spain's Extremadura region have forced hundreds of people from their homes.",
            "Fires in Spain's Extramadura region have forced hundreds of people from their homes.",
        ),
        (
            "A spokesman for Russia's foreign ministry said it may issue a statement.",
            "A spokesman for the Russian Foreign Ministry said it may issue a statement.",
        ),
        (
            "He reiterated the statement by Schroder last week that Berlin would send troops.",
            "He reiterated the statement by Gerhard Schroeder last week that Berlin would send"
            " troops.",
        ),
        # a letter apart at the end ("Qadesiya" begins "Qadesiyah"): no abbreviation, a spelling
        (
            "Gunfire rattled windows in the Qadesiyah neighborhood, a largely Arab area.",
            "Gunfire rattled windows in the Qadesiya neighborhood, a largely Arab area.",
        ),
        (
            "There are more al Qaeda agents in Britain than previously thought.",
            "There are more al-Qa'eda agents in Britain than previously thought.",
        ),
    ],
)
def test_one_name_written_two_ways_is_no_difference(x: str, y: str) -> None:
    assert _differs(x, y) == ()


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        # names a letter apart but short: two names
        (
            "The envoy flew to Iran on Monday.",
            "The envoy flew to Iraq on Monday.",
            ("Iran", "Iraq"),
        ),
        (
            "The bill was backed by Senator Kerry yesterday.",
            "The bill was backed by Senator Perry yesterday.",
            ("Kerry", "Perry"),
        ),
        # a name that merely begins like another, the full stop closing a sentence: two names
        ("The report was written by John.", "The report was written by Johnson.", None),
        (
            "The report was written by John. It was long and thorough.",
            "The report was written by Johnson. It was long and thorough.",
            ("John", "Johnson"),
        ),
        # capitals that are no initials of the other name
        (
            "The deal was approved by the FTC in March.",
            "The deal was approved by the Securities and Exchange Commission in March.",
            ("FTC", "Securities, Exchange Commission"),
        ),
    ],
)
def test_other_names_still_differ(x: str, y: str, said: tuple[str, str] | None) -> None:
    got = _differs(x, y)
    if said is None:
        assert len(got) == 1
    else:
        assert got == (said,)
