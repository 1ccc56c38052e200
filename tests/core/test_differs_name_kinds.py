"""Two names are compared only when they are of one kind that can be told: two persons (a title
before the name, an initial or a known given name first, or a name either article gives after a
title elsewhere) or two countries. Any other two names (places, companies, teams, offices) were
on the paraphrase documents one referent named two ways or two slots of the statement in about
74 of 78 differs: they are not shown. The cases are the paraphrase documents' and our Apollo 11
pair's."""

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
            "There were no plans to build permanent US bases in Africa, Pentagon officials said.",
            "There are no plans to build permanent U.S. bases in Africa, Defense Department"
            " officials say.",
        ),
        (
            "Since 1990 UConn has fielded six national championship teams in three sports.",
            "Since 1990 the Huskies have fielded six national championship teams in three sports.",
        ),
        (
            "Crowds gathered in Times Square in New York to watch the broadcast on giant screens"
            " despite a light rain.",
            "Crowds in Houston, New York and London stayed up through the night to follow the"
            " pictures.",
        ),
        # a country and a person (or a city: "Washington" is a given name too)
        (
            "Germany has moved closer to the United States and did not insist on a timetable.",
            "Germany has moved closer to Washington and did not insist on a timetable.",
        ),
    ],
)
def test_names_of_no_kind_told_or_of_two_kinds_are_not_compared(x: str, y: str) -> None:
    assert _differs(x, y) == ()


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        (
            '"We are very pleased that the court dismissed the claims," Coke spokeswoman Sonya'
            " Soutus said.",
            '"We are very pleased that the court dismissed the claims," said Coke spokesman Ben'
            " Deutsch.",
            ("Sonya Soutus", "Ben Deutsch"),
        ),
        (
            "The bill was backed by Senator Kerry yesterday.",
            "The bill was backed by Senator Perry yesterday.",
            ("Kerry", "Perry"),
        ),
        (
            "The envoy flew to Iran on Monday.",
            "The envoy flew to Iraq on Monday.",
            ("Iran", "Iraq"),
        ),
        (
            "The report by J. R. Smith found the dam unsafe.",
            "The report by Jane Doe found the dam unsafe.",
            ("J. R. Smith", "Jane Doe"),
        ),
    ],
)
def test_two_persons_or_two_countries_are_compared(x: str, y: str, said: tuple[str, str]) -> None:
    assert _differs(x, y) == (said,)


def test_a_title_is_no_name_and_one_persons_two_names_are_one() -> None:
    from diptych.core.compare.claims.differs import PersonNames

    x = '"The bolt catcher is not as robust as it should be," said retired Adm. Hal Gehman.'
    y = '"The bolt catcher is not as robust as it should be," said retired Navy Admiral Harold W.'
    assert _differs(x, y) == ()
    x = "Mahmud was seized near Tikrit, the area from which he and Hussein hail."
    y = "Mahmud was seized near Tikrit, the area from which he and Saddam hail."
    diff = core_and_diff(x, y, {})[1]
    persons = PersonNames(f"President Saddam Hussein fled. {x}", y)
    assert claim_differs(diff, persons=persons) == ()
    # no name written in full holds both: two people
    persons = PersonNames(f"Mr. Jamal Hussein fled. {x}", f"Mr. Saddam Kamel left. {y}")
    assert claim_differs(diff, persons=persons) == (("Hussein", "Saddam"),)
