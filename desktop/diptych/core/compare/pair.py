"""One place that turns two articles into everything the app shows: topics, claims, anchors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from diptych.core.compare.alignment import AnchorChain, anchors_for_pair
from diptych.core.compare.claims import find_claims
from diptych.core.compare.topic_edits import read_pair_topic_set
from diptych.core.compare.topics import load_topic_set, topic_set_for_pair, topics_for_pair
from diptych.core.model import (
    Article,
    ArticleTopics,
    ClaimsResult,
    TopicSet,
)
from diptych.core.reading.articles import load_article, load_seed_pair


@dataclass(frozen=True)
class PairAnalysis:
    """Both articles of a pair and what Diptych found between them."""

    a: Article
    b: Article
    topics: ArticleTopics
    claims: ClaimsResult
    chain: AnchorChain

    def article(self, side: str) -> Article:
        return self.a if side == "a" else self.b

    def swapped(self) -> PairAnalysis:
        """The same analysis with A and B exchanged (nothing is analysed again): topics and
        claims change sides, claim diffs are mirrored, the anchor chain is transposed.
        ``x.swapped().swapped() == x``."""
        return PairAnalysis(
            a=self.b,
            b=self.a,
            topics=replace(self.topics, a=self.topics.b, b=self.topics.a),
            claims=_swapped_claims(self.claims),
            chain=self.chain.swapped(),  # transposed, crossing candidates included
        )


def _swapped_claims(claims: ClaimsResult) -> ClaimsResult:
    return ClaimsResult(
        claims=tuple(
            replace(
                c,
                a=c.b,
                b=c.a,
                diff=tuple((-op, text) for op, text in c.diff),
                a_core=c.b_core,
                b_core=c.a_core,
                differs=tuple((theirs, mine) for mine, theirs in c.differs),
            )
            for c in claims.claims
        ),
        only_in_a=claims.only_in_b,
        only_in_b=claims.only_in_a,
        related=claims.related,
    )


def load_pair(a: str | Path | None = None, b: str | Path | None = None) -> tuple[Article, Article]:
    """The two articles: the files given, or the seed pair when none are."""
    if a is None and b is None:
        return load_seed_pair()
    if a is None or b is None:
        from diptych.core.errors import ArticleError

        raise ArticleError("give two files (A and B), or none for the seed pair")
    return load_article(a), load_article(b)


def pair_topics(
    a: Article,
    b: Article,
    *,
    topic_set: TopicSet | None = None,
    topics_file: str | Path | None = None,
) -> ArticleTopics:
    """Topic sections of both articles under ``topic_set``, else the set in ``topics_file``,
    else the set the reader saved for this pair (``topic_edits``), else the pair's own (the
    manifest's for the seed pair, otherwise proposed). A saved set that is there but cannot be
    used in full leaves its reason in ``notice``."""
    if topic_set is None and topics_file:
        topic_set = load_topic_set(topics_file)
    if topic_set is not None:
        return topics_for_pair(a, b, topic_set)
    # the reader's saved set: when it is there but cannot be used (in full), the reader is
    # told why, and the file is left as it is (their work is never dropped without a word)
    saved = read_pair_topic_set(a, b)
    if saved.topic_set is not None:
        return replace(topics_for_pair(a, b, saved.topic_set), notice=saved.notice())
    own = topic_set_for_pair(a, b)
    instead = "proposed topics" if own.proposed else "the pair's own topics"
    return replace(topics_for_pair(a, b, own), notice=saved.notice(instead))


def analyze_pair(
    a: Article, b: Article, topic_set: TopicSet | None = None, topics_file: str | Path | None = None
) -> PairAnalysis:
    """Topics (from ``topics_file``, ``topic_set``, the pair's manifest, or proposed), claims
    and the scroll-anchor chain for two articles."""
    topics = pair_topics(a, b, topic_set=topic_set, topics_file=topics_file)
    claims = find_claims(a, b, topics=topics)
    chain = AnchorChain.build(anchors_for_pair(topics, claims), len(a.text), len(b.text))
    return PairAnalysis(a=a, b=b, topics=topics, claims=claims, chain=chain)
