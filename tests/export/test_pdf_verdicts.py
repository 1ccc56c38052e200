"""The claims appendix with the reader's verdicts: strong and confirmed claims numbered and
listed (confirmed ones marked), possible ones apart as not confirmed, rejected ones never."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_text

from diptych.core.model import Article, ClaimPair, Span
from diptych.export.pdf import export_pdf
from helpers.export import squeeze


def _claim(a: Article, b: Article, i: int, j: int, **kw: Any) -> ClaimPair:
    pa = [x for x in a.blocks if x.kind == "paragraph"][i]
    pb = [x for x in b.blocks if x.kind == "paragraph"][j]
    return ClaimPair(
        a=Span(pa.start, pa.start + 60),
        b=Span(pb.start, pb.start + 80),
        score=kw.pop("score", 0.8),
        topic=None,
        shared_terms=("agreement",),
        diff=(),
        **kw,
    )


def _appendix_text(out: Path, first_page: int) -> str:
    pages = extract_text(str(out), page_numbers=None).split("\f")
    return squeeze("".join(pages[first_page - 1 :]))


def test_appendix_marks_confirmed_lists_possible_apart_and_never_rejected(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    a, b = pair
    strong = _claim(a, b, 0, 1, score=0.91)
    confirmed = _claim(a, b, 5, 9, score=0.55, tier="strong", verdict="same")
    possible = _claim(a, b, 8, 12, score=0.47, tier="possible", doubts=("scattered", "model"))
    rejected = _claim(a, b, 12, 20, score=0.6, tier="possible", verdict="different")
    out = tmp_path / "v.pdf"
    result = export_pdf(out, a, b, claims=(strong, confirmed, possible, rejected))
    text = _appendix_text(out, result.page_numbers["appendix"])

    def quote(c: ClaimPair, side: str) -> str:
        art, span = (a, c.a) if side == "a" else (b, c.b)
        return squeeze(art.text[span.start : span.end])

    # numbered claims: the strong one, then the confirmed one, marked as the reader's
    assert "Claim1·score0.91" in text
    assert "Claim2·Confirmedbyyou·score0.55" in text
    assert "Claim3" not in text
    assert text.index("Claim2·Confirmedbyyou") < text.index(quote(confirmed, "a"))
    # possible claims: under their own heading, said to be unconfirmed, not numbered
    head = text.index("Possibleclaims")
    assert head > text.index(quote(confirmed, "b"))
    # with why it is only possible
    assert (
        "Possible,notconfirmed·score0.47·thesharedwordsarescattered,notonesharedstatement;"
        "therestofthetwosentencesdifferstoomuch" in text[head:]
    )
    assert quote(possible, "a") in text[head:] and quote(possible, "b") in text[head:]
    assert "youhavenotconfirmedthem" in text[head:]
    # rejected: nowhere in the appendix
    assert quote(rejected, "a") not in text and quote(rejected, "b") not in text
    # the cover counts the numbered claims and the confirmed ones
    cover = squeeze(extract_text(str(out), page_numbers=[0]))
    assert "2overlappingclaims(1confirmedbyyou)" in cover


def test_without_verdicts_or_possible_claims_the_appendix_is_as_before(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    a, b = pair
    claims = (_claim(a, b, 0, 1), replace(_claim(a, b, 5, 9), score=0.7))
    out = tmp_path / "n.pdf"
    result = export_pdf(out, a, b, claims=claims)
    text = _appendix_text(out, result.page_numbers["appendix"])
    assert "Claim1·score0.80" in text and "Claim2·score0.70" in text
    assert "Confirmedbyyou" not in text and "Possibleclaims" not in text


def test_a_pair_the_reader_added_is_marked_hers_with_no_score(
    app: Any, pair: Any, tmp_path: Path
) -> None:
    """Tryout: a pair the reader made herself read "Confirmed by you · score 1.00", as if the
    engine had measured it at its best."""
    a, b = pair
    strong = _claim(a, b, 0, 1, score=0.91)
    added = _claim(a, b, 5, 9, score=1.0, tier="strong", verdict="same", added=True)
    out = tmp_path / "added.pdf"
    result = export_pdf(out, a, b, claims=(strong, added))
    text = _appendix_text(out, result.page_numbers["appendix"])
    assert "Claim2·Addedbyyou" in text
    assert "score1.00" not in text
    assert "Confirmedbyyou" not in text
    assert "“Addedbyyou”marksthepairsyoumadeyourself." in text
