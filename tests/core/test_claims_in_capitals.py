"""A sentence written in capitals throughout ("THE PRESIDENT RESIGNED ...", a shouted headline
or a legal clause) states its claim in ordinary words: it meets the same words written normally.
Read as acronyms, its words were never stemmed ("PRESIDENT" against "presid") and its stop words
counted as names, so such a sentence shared nothing with its normal-case twin."""

from __future__ import annotations

from diptych.core.compare.claims import find_claims
from diptych.core.compare.terms import is_shouting, term_in, word_spans
from diptych.core.reading.articles import article_from_text

_A = """The weather in the valley stayed mild all week.

THE PRESIDENT RESIGNED ON SUNDAY AFTER WEEKS OF PROTESTS AGAINST THE DISPUTED ELECTION.

Farmers brought their cattle down from the hills before the first snow.

The council voted to repair the old bridge over the river next spring.
"""
_B = """After weeks of protests against the disputed election, the president resigned on Sunday.

Local bakers complained about the price of flour and sugar this year.

A new library will open in the town centre in March.
"""


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in word_spans(text)]


def test_a_sentence_in_capitals_throughout_is_shouting_and_acronyms_are_not() -> None:
    assert is_shouting(_words("DOWN WITH THE U.S.-BACKED RIGHT-WING COUP!"))
    assert not is_shouting(_words("The US and the OAS met NATO in Brussels."))
    assert not is_shouting(_words("MAS, OAS"))  # two acronyms are not a sentence in capitals
    assert term_in("PRESIDENT", True) == term_in("president", False) == "presid"
    assert term_in("WITH", True) is None
    assert term_in("MAS", False) == "mas"
    assert term_in("U.S.", True) == "us"  # a dotted abbreviation stays one


def test_a_sentence_in_capitals_meets_its_normal_case_twin() -> None:
    a = article_from_text(_A, "text")
    b = article_from_text(_B, "text")
    claims = [c for c in find_claims(a, b).claims if "PRESIDENT" in a.span_text(c.a)]
    assert len(claims) == 1
    claim = claims[0]
    assert claim.tier == "strong"
    assert b.span_text(claim.b).startswith("After weeks of protests")
    # the whole of B's sentence is shared, its two clauses in the other order
    assert claim.b_core is None
    assert claim.differs == ()
