"""A pair the reader added has its differing names read as the engine's claims are: a capital
the articles also write in lower case may be a sentence's, not a name's."""

from __future__ import annotations

from diptych.core.compare.claims import VerdictSpans, apply_verdicts
from diptych.core.model import ClaimsResult, Span
from helpers.articles import make_article

A = "The elders met at dawn.\n\nAnd he said, Tell these things to the people of the valley.\n\nThey would tell no one."
B = "The elders gathered early.\n\nAnd he said, Bring these things to the people of the valley.\n\nShe would bring bread."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def test_an_added_pair_reads_a_capital_the_articles_write_in_lower_case_as_no_name() -> None:
    a = make_article(A, "urn:test:a", "A")
    b = make_article(B, "urn:test:b", "B")
    sa = _span(a.text, "And he said, Tell these things to the people of the valley.")
    sb = _span(b.text, "And he said, Bring these things to the people of the valley.")
    empty = ClaimsResult(claims=(), only_in_a=(), only_in_b=())
    result, _keys = apply_verdicts(empty, a, b, [VerdictSpans(sa, sb, "same", "v1")])
    (added,) = result.claims
    assert added.added
    assert added.differs == ()
