"""find_claims: units, scores, selection, tiers and cores put together."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from diptych.core.compare.claims.bars import _best_partners
from diptych.core.compare.claims.differs import LowerCaseWords, PersonNames, claim_differs
from diptych.core.compare.claims.fragments import core_and_diff, fragment_share
from diptych.core.compare.claims.params import PARAMS, Params
from diptych.core.compare.claims.paraphrase import claim_probability
from diptych.core.compare.claims.scoring import score_pairs
from diptych.core.compare.claims.selection import select_scored
from diptych.core.compare.claims.tiers import claim_doubts
from diptych.core.compare.terms import STOPWORDS
from diptych.core.model import Article, ArticleTopics, ClaimPair, ClaimsResult, Span, TopicSection


def _shared_terms(wa: Sequence[tuple[str, str]], wb: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Surface words (as written in A) of the content terms both units use, in A's order."""
    in_b = {t for _, t in wb}
    seen: set[str] = set()
    out: list[str] = []
    for w, t in wa:
        if t in in_b and t not in seen and w.lower() not in STOPWORDS:
            seen.add(t)
            out.append(w)
    return tuple(out)


def _plain(text: str) -> list[str]:
    """The words of a text, case and punctuation aside."""
    return re.findall(r"\w+", text.casefold())


def _topic_of(sections: Sequence[TopicSection], offset: int) -> str | None:
    lo, hi = 0, len(sections)
    while lo < hi:
        mid = (lo + hi) // 2
        if sections[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sections) and sections[lo].start <= offset < sections[lo].end:
        return sections[lo].topic
    return None


def _topic(topics: ArticleTopics | None, a: Span, b: Span) -> str | None:
    if topics is None:
        return None
    return _topic_of(topics.a, a.start) or _topic_of(topics.b, b.start)


def find_claims(
    a: Article,
    b: Article,
    *,
    topics: ArticleTopics | None = None,
    min_score: float | None = None,
) -> ClaimsResult:
    """Claims that A and B share (best first, score 0..1) and the sentences only one side has.

    ``min_score``: report every best-partner pair scoring at least this (0..1) instead of
    the default cut relative to the pair's own score distribution.
    """
    return _find_claims(a, b, topics=topics, min_score=min_score, params=PARAMS)


def _find_claims(
    a: Article,
    b: Article,
    *,
    topics: ArticleTopics | None,
    min_score: float | None,
    params: Params,
) -> ClaimsResult:
    side_a, side_b, sp = score_pairs(a, b, params)
    chosen, related, logit, rank = select_scored(sp, side_a, side_b, params, min_score)
    scores = claim_probability(rank)
    best_a, best_b = (
        _best_partners(sp, int(sp.sa.max()) + 1, int(sp.sb.max()) + 1)
        if len(sp.z)
        else (np.zeros(0, dtype=bool), np.zeros(0, dtype=bool))
    )
    idf = sp.idf or {}
    memo: dict[str, str | None] = {}  # word -> term, shared by this pair's claims
    lower_case = LowerCaseWords(a.text, b.text)
    persons = PersonNames(a.text, b.text)
    claims: list[ClaimPair] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for row, k in enumerate(chosen.tolist()):
        ua, ub = int(sp.ua[k]), int(sp.ub[k])
        span_a, span_b = side_a.spans[ua], side_b.spans[ub]
        used_a.add(int(sp.sa[k]))
        used_b.add(int(sp.sb[k]))
        text_a, text_b = a.span_text(span_a), b.span_text(span_b)
        core, diff = core_and_diff(text_a, text_b, idf, params.core_gap, memo)
        core_a = Span(span_a.start + core.a[0], span_a.start + core.a[1])
        core_b = Span(span_b.start + core.b[0], span_b.start + core.b[1])
        # the sentence with fewer content terms has fewer claims to make: its choice counts
        terms_a, terms_b = set(side_a.terms[ua]), set(side_b.terms[ub])
        a_shorter = len(terms_a) <= len(terms_b)
        # the term cosine of the shared terms that stand together on both sides, z-scored (a
        # part of the shared terms never scores above all of them: asked only when they pass)
        fragment_z = float(sp.zt[k])
        if fragment_z >= sp.chance_t:
            share = fragment_share(side_a.terms[ua], side_b.terms[ub], idf, params.core_gap)
            fragment_z = (float(sp.t[k]) * share - sp.term_mean) / sp.term_std
        # the same sentence word for word is text reuse, whatever chance makes of its terms
        verbatim = len(terms_a) >= params.verbatim_terms and _plain(text_a) == _plain(text_b)
        meaning_ok = float(sp.ze[k]) >= sp.chance_e if sp.has_vectors else None
        # one shared word is one signal, however rare: never a fragment two statements share
        # (in short articles the chance levels, sampled from a few dozen pairs, are low)
        shared = len(terms_a & terms_b)
        doubts = claim_doubts(
            related=related,
            shorter_picks_it=bool(best_a[k] if a_shorter else best_b[k]),
            fragment_beats_chance=verbatim
            or (shared >= params.min_shared and fragment_z >= sp.chance_t),
            meaning_beats_chance=True if verbatim and meaning_ok is False else meaning_ok,
            model_says_same=float(logit[row]) >= 0.0,
        )
        claims.append(
            ClaimPair(
                a=span_a,
                b=span_b,
                score=round(float(scores[row]), 4),
                topic=_topic(topics, span_a, span_b),
                shared_terms=_shared_terms(side_a.words[ua], side_b.words[ub]),
                diff=diff,
                tier="possible" if doubts else "strong",
                doubts=doubts,
                a_core=core_a if core_a != span_a else None,
                b_core=core_b if core_b != span_b else None,
                differs=claim_differs(
                    diff,
                    lower_case=lower_case,
                    persons=persons,
                ),
            )
        )
    # strong claims first, each tier best first by score (ties in the engine's order)
    claims.sort(key=lambda c: (c.tier != "strong", -c.score))
    only_a = tuple(a.sentences[i] for i in side_a.sentence_ids if i not in used_a)
    only_b = tuple(b.sentences[i] for i in side_b.sentence_ids if i not in used_b)
    return ClaimsResult(tuple(claims), only_a, only_b, related=related)
