"""The claim detail's word diff: struck A-only words, underlined B-only words, and no change
drawn where only spacing or punctuation between two shared words differs."""

from __future__ import annotations

from diptych.core.compare.claims import core_and_diff, word_diff
from diptych.ui.claims.text import diff_html


def test_a_space_against_a_hyphen_is_not_drawn_as_a_change() -> None:
    """Tryout: "bourgeois nationalist" / "bourgeois-nationalist" showed a struck space beside
    an underlined hyphen, read as "bourgeois--nationalist"."""
    html = diff_html(
        word_diff(
            "the left bourgeois nationalist regimes", "the left bourgeois-nationalist regimes"
        )
    )
    assert html == "the left bourgeois-nationalist regimes"


def test_word_changes_are_still_marked() -> None:
    html = diff_html(word_diff("dozens were massacred", "hundreds were massacred"))
    assert "<s " in html and "dozens" in html and "<u " in html and "hundreds" in html


def test_a_word_both_say_in_another_order_is_not_drawn_as_one_sides() -> None:
    """The seed pair: "South America's" (A, before "most impoverished") and "South America"
    (B, after it) were struck as only A's and underlined as only B's, though both say it."""
    diff = core_and_diff(
        "Bolivia, South America's most impoverished nation",
        "Today, Bolivia remains one of the most impoverished nations in South America.",
        {},
    )[1]
    html = diff_html(diff)
    moved = '<i title="both say it, in another form or place">'
    assert f"{moved}South</i> {moved}America&#x27;s</i>" in html  # the space between: plain
    assert f"{moved}South</i> {moved}America</i>" in html
    assert '<u style="color:#1b7f2a; font-weight:600"> remains one of the</u>' in html


def test_a_fragment_in_capitals_meets_its_words_in_italics() -> None:
    """A sentence written in capitals throughout says "PRESIDENT" where the other says
    "president": the same word in another form, drawn in italics on both sides, not struck on
    one and underlined on the other."""
    diff = core_and_diff(
        "THE PRESIDENT RESIGNED ON SUNDAY AFTER WEEKS OF PROTESTS.",
        "After weeks of protests, the president resigned on Sunday.",
        {},
    )[1]
    html = diff_html(diff)
    moved = '<i title="both say it, in another form or place">'
    for a_word, b_word in (
        ("PRESIDENT", "president"),
        ("RESIGNED", "resigned"),
        ("WEEKS", "weeks"),
    ):
        assert f"{moved}{a_word}</i>" in html
        assert f"{moved}{b_word}</i>" in html
    # an acronym in an ordinary sentence is still a name, not the word it spells
    html = diff_html(core_and_diff("The US army left.", "The army left us.", {})[1])
    assert f"{moved}US</i>" not in html
