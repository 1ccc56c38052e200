"""'May' opening a wish inside a fragment is no date (whole-book translations: six false
'B says May where A gives no figure or date')."""

from __future__ import annotations

from diptych.core.compare.claims import claim_differs, word_diff


def test_a_wish_opened_by_may_is_not_a_date() -> None:
    x = "And he blessed them that day, saying, God make thee as Ephraim and as Manasseh."
    y = "So he gave them his blessing that day, saying, May God make you like Ephraim and Manasseh."
    assert claim_differs(word_diff(x, y)) == ()


def test_march_the_verb_is_not_a_date() -> None:
    x = "The general told them to go up to the city at dawn."
    y = "The general said to them, March up to the city at dawn."
    assert claim_differs(word_diff(x, y)) == ()


def test_the_months_themselves_still_differ() -> None:
    x = "The elections were held in May after the strike."
    y = "The elections were held in March after the strike."
    assert claim_differs(word_diff(x, y)) == (("May", "March"),)
    x2 = "The talks resumed on 3 May in the capital."
    y2 = "The talks resumed on 9 May in the capital."
    assert claim_differs(word_diff(x2, y2)) == (("3", "9"),)
