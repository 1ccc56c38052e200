"""The translation set (issue 11): two public-domain Bible translations, chapter by chapter,
with verses dropped on each side and gold sentence pairs from the verse numbering. Checks that
the data loads and that the gold is consistent; the scores are eval_claims.py --table's."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_claims


@pytest.fixture(scope="module")
def chapters() -> list[eval_claims.TranslationPair]:
    return eval_claims.load_translation_set()


def _rows() -> list[list[str]]:
    text = eval_claims.TRANSLATION_GOLD.read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def test_every_chapter_loads_with_both_translations(
    chapters: list[eval_claims.TranslationPair],
) -> None:
    assert [t.chapter for t in chapters] == ["ruth1", "genesis37", "acts12", "philippians2"]
    for t in chapters:
        assert "American Standard Version" in t.a.title
        assert "Bible in Basic English" in t.b.title
        for art in (t.a, t.b):
            # no verse numbers in the text: they would be shared tokens no reader has
            assert not re.search(r"\d", art.text.split("\n", 1)[1])


def test_gold_rows_resolve_to_distinct_body_sentence_pairs(
    chapters: list[eval_claims.TranslationPair],
) -> None:
    rows = _rows()
    assert all(len(r) == 4 for r in rows)
    assert sum(len(t.gold) for t in chapters) == len(rows)  # no two rows name one pair
    for t in chapters:
        for i, j in t.gold:
            # body sentences only, never the heading
            assert t.a.block_at(t.a.sentences[i].start) >= 1
            assert t.b.block_at(t.b.sentences[j].start) >= 1
            verses = [int(v) for v in t.verses[(i, j)].split(",")]
            assert verses == sorted(set(verses)) and verses[0] >= 1


def test_gold_alignment_is_monotone_and_covers_most_sentences(
    chapters: list[eval_claims.TranslationPair],
) -> None:
    """Translations keep the order of the text: the gold pairs never cross, and the verses of
    successive pairs never go back. Each side has sentences without a partner (what the other
    side dropped), but most sentences have one."""
    for t in chapters:
        pairs = sorted(t.gold)
        for (i, j), (k, m) in itertools.pairwise(pairs):
            assert i <= k and j <= m, (t.chapter, (i, j), (k, m))
            assert min(map(int, t.verses[(i, j)].split(","))) <= min(
                map(int, t.verses[(k, m)].split(","))
            )
        for art, side in ((t.a, 0), (t.b, 1)):
            body = [n for n, s in enumerate(art.sentences) if art.block_at(s.start) >= 1]
            paired = {p[side] for p in t.gold}
            share = len(paired) / len(body)
            assert 0.6 <= share < 1.0, (t.chapter, side, share)
