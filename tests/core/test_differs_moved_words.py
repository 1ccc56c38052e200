"""A figure, date or name both sides give, in different places, does not differ."""

from __future__ import annotations

from diptych.core.compare.claims import claim_differs, word_diff


def test_a_day_both_sentences_name_at_different_places_is_not_a_difference() -> None:
    """Tryout (a pair of harbour fire reports): "≠ differs: A says Tuesday where B gives no
    figure" was shown above B's sentence, which says "late on Tuesday" at its end."""
    x = "A fire broke out on Tuesday night in a grain warehouse at the eastern harbour."
    y = "A large fire destroyed a grain warehouse at the eastern harbour late on Tuesday."
    assert claim_differs(word_diff(x, y)) == ()


def test_a_moved_figure_is_dropped_but_the_one_that_differs_is_kept() -> None:
    x = "On Monday 12 workers were hurt in the blast."
    y = "15 workers were hurt in the blast on Monday."
    # "Monday 12" stays one phrase (it may be a date, "Monday 12 November"); what matters is
    # that 12 / 15 is reported and the day both give is not reported alone
    ((said_a, said_b),) = claim_differs(word_diff(x, y))
    assert said_a.endswith("12")
    assert said_b == "15"


def test_a_name_said_by_both_in_other_places_is_not_a_difference() -> None:
    x = "The envoy met Pumari in Potosí."
    y = "In Potosí the envoy met Pumari."
    assert claim_differs(word_diff(x, y)) == ()
