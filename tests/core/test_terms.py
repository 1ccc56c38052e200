"""Tokenising and stemming shared by claims and topics."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diptych.core.compare.terms import (
    STOPWORDS,
    content_terms,
    term_of,
    terms_with_spans,
    word_spans,
)


def test_word_spans_cover_words_abbreviations_and_numbers() -> None:
    text = "The U.S.-backed coup, in 2019, cost 3.5 billion; Bolivia’s MAS didn't."
    words = [text[s:e] for s, e in word_spans(text)]
    assert words == [
        "The", "U.S.", "backed", "coup", "in", "2019", "cost", "3.5", "billion",
        "Bolivia’s", "MAS", "didn't",
    ]  # fmt: skip


def test_content_terms_drop_stop_words_and_stem() -> None:
    assert content_terms("The workers were striking against the regimes") == [
        "worker",
        "strike",
        "regim",
    ]


def test_inflections_share_a_stem() -> None:
    assert len(set(content_terms("nationalized nationalizing nationalize"))) == 1
    assert content_terms("governments") == content_terms("government")


def test_acronyms_and_dotted_abbreviations_are_names_not_stop_words() -> None:
    assert "us" in STOPWORDS
    assert content_terms("the US and the U.S. and us") == ["us", "us"]
    assert term_of("MAS") == "mas"


def test_numbers_are_kept_unstemmed() -> None:
    assert content_terms("In 2019 about 2,000 of 3.5 million") == [
        "2019",
        "2,000",
        "3.5",
        "million",
    ]


def test_possessive_with_curly_apostrophe_stems_like_the_bare_name() -> None:
    assert content_terms("Bolivia’s") == content_terms("Bolivia's") == content_terms("Bolivia")


def test_terms_with_spans_point_at_their_words() -> None:
    text = "Lithium reserves are vast."
    for term, s, e in terms_with_spans(text):
        assert term_of(text[s:e]) == term


@given(st.text(max_size=200))
def test_word_spans_are_ordered_disjoint_and_in_range(text: str) -> None:
    prev = 0
    for s, e in word_spans(text):
        assert prev <= s < e <= len(text)
        prev = e
