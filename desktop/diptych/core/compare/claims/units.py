"""Units: an article's body sentences (and optional clauses) with their terms and words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diptych.core.compare.claims.params import Params
from diptych.core.compare.terms import is_shouting, read_as, term_of, word_spans
from diptych.core.model import Article, Span


@dataclass(frozen=True)
class _Side:
    """One article cut into matching units, with their terms and word tokens."""

    spans: tuple[Span, ...]  # unit spans (sentences first, then clauses)
    sentence_of: tuple[int, ...]  # index (in Article.sentences) of each unit's sentence
    sentences: tuple[Span, ...]  # the sentences that can hold claims (body text)
    sentence_ids: tuple[int, ...]  # their indices in Article.sentences
    terms: tuple[tuple[str, ...], ...]  # content terms per unit
    words: tuple[tuple[tuple[str, str], ...], ...]  # (surface word, term) per unit
    text: str = ""  # the article's text (spans index into it)


_CLAIM_BLOCKS = frozenset({"paragraph", "quote", "list_item"})

_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s+[—–]\s*|—|,\s+(?=(?:but|while|whereas|although|though|which|who|and|"
    r"as well as|including|not least|warning|saying)\b)"
)


def _clause_spans(text: str, span: Span, min_words: int, min_len: int) -> list[Span]:
    """Clause sub-spans of a long sentence (empty when it is short or has one clause)."""
    piece = text[span.start : span.end]
    if len(piece) < 2 * min_words or len(word_spans(piece)) < min_words:
        return []
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(piece):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(piece))
    raw = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if cuts[i + 1] > cuts[i]]
    merged: list[list[int]] = []
    for s, e in raw:
        n = len(word_spans(piece[s:e]))
        if merged and (n < min_len or merged[-1][2] < min_len):
            merged[-1][1] = e
            merged[-1][2] += n
        else:
            merged.append([s, e, n])
    if len(merged) < 2:
        return []
    return [Span(span.start + s, span.start + e) for s, e, _ in merged]


def _side(article: Article, p: Params) -> _Side:
    text = article.text
    body = [
        i
        for i, s in enumerate(article.sentences)
        if s.end > s.start and article.blocks[article.block_at(s.start)].kind in _CLAIM_BLOCKS
    ]
    # titles, bylines and headings are labels, not claims (unless there is nothing else)
    ids = body or [i for i, s in enumerate(article.sentences) if s.end > s.start]
    sents = tuple(article.sentences[i] for i in ids)
    spans: list[Span] = list(sents)
    owner: list[int] = list(ids)
    for i in ids:
        for c in _clause_spans(text, article.sentences[i], p.clause_min_words, p.clause_min_len):
            spans.append(c)
            owner.append(i)
    terms: list[tuple[str, ...]] = []
    words: list[tuple[tuple[str, str], ...]] = []
    memo: dict[str, str | None] = {}  # a word's term, looked up once per article
    for sp in spans:
        piece = text[sp.start : sp.end]
        ws: list[tuple[str, str]] = []
        found = [piece[s:e] for s, e in word_spans(piece)]
        shouting = is_shouting(found)
        for w in found:
            k = read_as(w, shouting)
            t = memo[k] if k in memo else memo.setdefault(k, term_of(k))
            if t is not None:
                ws.append((w, t))
        words.append(tuple(ws))
        terms.append(tuple(t for _, t in ws))
    return _Side(tuple(spans), tuple(owner), sents, tuple(ids), tuple(terms), tuple(words), text)
