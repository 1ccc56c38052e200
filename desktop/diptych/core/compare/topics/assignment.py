"""Assignment: cue hits per block, weighted, and contiguous sections found by Viterbi."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from diptych.core.compare.topics.cues import Token, _Cue, _CueMatcher, _tokens
from diptych.core.model import Article, ArticleTopics, TopicSection, TopicSet

# Viterbi costs, in units of the mean weight of one cue hit (see the module docstring).
# Changing from one topic to another costs SWITCH_COST; starting or ending a section costs
# ENTER_COST; a block left without topic earns NONE_SCORE. So a run of up to
# 2 * ENTER_COST / NONE_SCORE (3.75) cue-less blocks inside a section joins it, a longer one
# splits it; a cue-less block between two sections joins one of them (NONE_SCORE is less than
# 2 * ENTER_COST - SWITCH_COST); a lone block away from any section needs more than
# 2 * ENTER_COST + NONE_SCORE (1.9 hits' worth) of evidence to open a section of its own.
SWITCH_COST = 1.0
ENTER_COST = 0.75
NONE_SCORE = 0.4
HEADING_WEIGHT = 2.0

# Block kinds that carry the article's body, and those that stand for what follows them.
_BODY_KINDS = frozenset({"paragraph", "quote", "list_item"})
_HEADING_KINDS = frozenset({"heading"})


@dataclass(frozen=True)
class _BlockHits:
    """Cue hits of one article's blocks: per body block, the hit cues and its term count."""

    body: tuple[int, ...]  # indices of body blocks
    hits: tuple[tuple[_Cue, ...], ...]  # per body block
    lengths: tuple[int, ...]  # content terms per body block
    heading_hits: tuple[tuple[_Cue, ...], ...]  # per body block: hits in the headings before it


def _section_headings(article: Article) -> frozenset[int]:
    """Indices of the headings that open a section: all headings except a deck (a subtitle
    between the title and the first body block, which belongs to the title)."""
    out: set[int] = set()
    after_title = False
    seen_body = False
    for i, blk in enumerate(article.blocks):
        if blk.kind in _BODY_KINDS:
            seen_body = True
        elif blk.kind == "title":
            after_title = True
        elif blk.kind in _HEADING_KINDS and (seen_body or not after_title):
            out.add(i)
    return frozenset(out)


@dataclass(frozen=True)
class _Tokenized:
    """An article's section headings and body blocks as tokens: (block index, is heading,
    tokens), in order. Made once per article, matched against any number of topic sets."""

    blocks: tuple[tuple[int, bool, tuple[Token, ...]], ...]


def _tokenize(article: Article) -> _Tokenized:
    headings = _section_headings(article)
    out = []
    for i, blk in enumerate(article.blocks):
        if i in headings or blk.kind in _BODY_KINDS:
            out.append((i, i in headings, tuple(_tokens(article.text[blk.start : blk.end]))))
    return _Tokenized(tuple(out))


def _block_hits(tok: _Tokenized, matcher: _CueMatcher) -> _BlockHits:
    body: list[int] = []
    hits: list[tuple[_Cue, ...]] = []
    lengths: list[int] = []
    heads: list[tuple[_Cue, ...]] = []
    heading_hits: list[_Cue] = []  # a heading announces the block after it: its cues count there
    for i, is_heading, tokens in tok.blocks:
        if is_heading:
            heading_hits.extend(matcher.hits(tokens))
            continue
        body.append(i)
        hits.append(tuple(matcher.hits(tokens)))
        lengths.append(len(tokens))
        heads.append(tuple(heading_hits))
        heading_hits = []
    return _BlockHits(tuple(body), tuple(hits), tuple(lengths), tuple(heads))


def _cue_weights(matcher: _CueMatcher, corpus: Iterable[_BlockHits]) -> list[float]:
    """Inverse block frequency of each distinct cue over all body blocks of the corpus,
    scaled so that the mean weight of one hit is 1 (the unit of SWITCH_COST / NONE_SCORE)."""
    df = [0] * matcher.n_keys
    n_blocks = 0
    for bh in corpus:
        for block_hits in bh.hits:
            n_blocks += 1
            for key in {c.key for c in block_hits}:
                df[key] += 1
        for block_hits in bh.heading_hits:
            for key in {c.key for c in block_hits}:
                df[key] += 1
    idf = [math.log((n_blocks + 1) / (d + 0.5)) for d in df]
    total = sum(idf[k] * d for k, d in enumerate(df))
    count = sum(df)
    mean = total / count if count and total > 0 else 1.0
    return [w / mean for w in idf]


def _block_scores(bh: _BlockHits, weights: Sequence[float], n_topics: int) -> np.ndarray:
    """Cue density per body block and topic (rows: body blocks, columns: topics)."""
    scores = np.zeros((len(bh.body), n_topics))
    if not bh.body:
        return scores
    ref = max(1.0, float(np.median(np.array(bh.lengths, dtype=float))))
    for row, (block_hits, length) in enumerate(zip(bh.hits, bh.lengths, strict=True)):
        counts = Counter((c.topic, c.key) for c in block_hits)
        norm = math.sqrt(max(float(length), ref) / ref)
        for (topic, key), n in counts.items():
            scores[row, topic] += weights[key] * (1.0 + math.log(n)) / norm
        # A heading is the author's own label for the section it opens: its cues count
        # HEADING_WEIGHT times, unnormalised, for the block after it.
        for (topic, key), n in Counter((c.topic, c.key) for c in bh.heading_hits[row]).items():
            scores[row, topic] += HEADING_WEIGHT * weights[key] * (1.0 + math.log(n))
    return scores


def _viterbi(scores: np.ndarray) -> list[int]:
    """Best labelling of blocks with topics (column index) or none (-1), see module docstring.

    The article is taken to begin and end outside every topic, so a section always pays
    ``ENTER_COST`` to start and to end, and cue-less blocks at either end stay without topic.
    """
    n, t = scores.shape
    if n == 0:
        return []
    none = t  # the last state is "no topic"
    emit = np.concatenate([scores, np.full((n, 1), NONE_SCORE)], axis=1)
    cost = np.full((t + 1, t + 1), SWITCH_COST)
    cost[none, :] = ENTER_COST
    cost[:, none] = ENTER_COST
    np.fill_diagonal(cost, 0.0)
    best = emit[0] - cost[none]
    back = np.zeros((n, t + 1), dtype=np.int64)
    for i in range(1, n):
        cand = best[:, None] - cost  # cand[prev, cur]
        back[i] = np.argmax(cand, axis=0)  # first maximum: deterministic
        best = cand[back[i], np.arange(t + 1)] + emit[i]
    best = best - cost[:, none]
    state = int(np.argmax(best))
    path = [state]
    for i in range(n - 1, 0, -1):
        state = int(back[i, state])
        path.append(state)
    path.reverse()
    return [s if s < t else -1 for s in path]


def _sections(
    article: Article, topic_set: TopicSet, body: Sequence[int], labels: Sequence[int]
) -> tuple[TopicSection, ...]:
    """Contiguous sections from body-block labels; headings join the section after them."""
    label_of_block: dict[int, int] = dict(zip(body, labels, strict=True))
    headings = _section_headings(article)
    blocks = article.blocks
    per_block: list[int] = [-1] * len(blocks)
    following = -1  # label of the next body block, scanning backwards
    for i in range(len(blocks) - 1, -1, -1):
        if i in label_of_block:
            following = label_of_block[i]
            per_block[i] = following
        elif i in headings:
            per_block[i] = following
    out: list[TopicSection] = []
    i = 0
    while i < len(blocks):
        label = per_block[i]
        if label < 0:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and per_block[j + 1] == label:
            j += 1
        out.append(
            TopicSection(
                topic=topic_set.topics[label].name,
                start=blocks[i].start,
                end=blocks[j].end,
                first_block=i,
                last_block=j,
            )
        )
        i = j + 1
    return tuple(out)


def _assign(
    article: Article, topic_set: TopicSet, matcher: _CueMatcher, bh: _BlockHits, w: list[float]
) -> tuple[TopicSection, ...]:
    scores = _block_scores(bh, w, matcher.n_topics)
    labels = _viterbi(scores)
    return _sections(article, topic_set, bh.body, labels)


def assign_topics(
    article: Article, topic_set: TopicSet, *, context: Sequence[Article] = ()
) -> tuple[TopicSection, ...]:
    """Contiguous topic sections of ``article`` (each block in at most one), in text order.

    Cue weights come from the blocks of ``article`` and of the ``context`` articles (the other
    article of a pair), so a cue common to the whole pair counts less than a specific one.
    """
    if not topic_set.topics or not article.blocks:
        return ()
    matcher = _CueMatcher(topic_set)
    bh = _block_hits(_tokenize(article), matcher)
    corpus = [bh, *(_block_hits(_tokenize(c), matcher) for c in context)]
    return _assign(article, topic_set, matcher, bh, _cue_weights(matcher, corpus))


def topics_for_pair(a: Article, b: Article, topic_set: TopicSet) -> ArticleTopics:
    """Topic sections of both articles under one topic set, cue weights shared by the pair."""
    return _topics_for_pair(a, b, topic_set, _tokenize(a), _tokenize(b))


def _topics_for_pair(
    a: Article, b: Article, topic_set: TopicSet, tok_a: _Tokenized, tok_b: _Tokenized
) -> ArticleTopics:
    if not topic_set.topics:
        return ArticleTopics(topic_set=topic_set, a=(), b=())
    matcher = _CueMatcher(topic_set)
    bh_a = _block_hits(tok_a, matcher)
    bh_b = _block_hits(tok_b, matcher)
    w = _cue_weights(matcher, (bh_a, bh_b))
    return ArticleTopics(
        topic_set=topic_set,
        a=_assign(a, topic_set, matcher, bh_a, w),
        b=_assign(b, topic_set, matcher, bh_b, w),
    )


def topic_at(sections: Sequence[TopicSection], offset: int) -> str | None:
    """The topic of the section containing ``offset`` (sections in text order), else None."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sections[i].start <= offset < sections[i].end:
        return sections[i].topic
    return None
