"""The claim detail's word diff: struck A-only words, underlined B-only words, and no change
drawn where only spacing or punctuation between two shared words differs."""

from __future__ import annotations

from diptych.core.compare.claims import word_diff
from diptych.ui.claims_panel import diff_html


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
