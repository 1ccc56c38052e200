"""Counts in words agree with their nouns and verbs (tryout: "1 shared claims", "1 highlight
belongs to 1 file that are gone")."""

from __future__ import annotations

import pytest

from diptych.core.wording import counted, differs_said, lost_highlights


def test_counted_nouns() -> None:
    assert counted(1, "shared claim") == "1 shared claim"
    assert counted(2, "shared claim") == "2 shared claims"
    assert counted(1239, "word") == "1,239 words"


@pytest.mark.parametrize(
    ("highlights", "files", "said"),
    [
        (1, 1, "1 highlight belongs to a file that is gone"),
        (3, 1, "3 highlights belong to a file that is gone"),
        (5, 2, "5 highlights belong to 2 files that are gone"),
    ],
)
def test_lost_highlights(highlights: int, files: int, said: str) -> None:
    assert lost_highlights(highlights, files) == said


def test_differs_said_names_both_sides_or_the_one_that_gives_a_figure() -> None:
    assert differs_said("3", "4") == "differs: A says 3, B says 4"
    assert differs_said("", "dozens, hundreds") == (
        "differs: B says dozens, hundreds where A gives no other figure or date"
    )
    # a figure of several words is said as one ("600, million" it was)
    assert differs_said("600 million", "Half a billion", lambda w: f"<b>{w}</b>") == (
        "differs: A says <b>600 million</b>, B says <b>Half a billion</b>"
    )
    assert (
        differs_said("Sunday", "") == "differs: A says Sunday where B gives no other figure or date"
    )


def test_a_one_sided_figure_beside_a_date_both_give_is_said_truthfully() -> None:
    """The seed's "After three weeks of protests over the disputed October 20 presidential
    election" / "… weeks of mobilizations … the October 20 election": B gives a date, the one
    A gives too, so "B gives no figure or date" was untrue; B gives no OTHER one."""
    said = differs_said("three", "")
    assert said == "differs: A says three where B gives no other figure or date"
