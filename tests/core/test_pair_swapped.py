"""PairAnalysis.swapped(): A and B exchanged without analysing again."""

from __future__ import annotations

import pytest

from diptych.core.compare.pair import PairAnalysis, analyze_pair
from diptych.core.reading.articles import load_seed_pair


@pytest.fixture(scope="module")
def seed_analysis() -> PairAnalysis:
    a, b = load_seed_pair()
    return analyze_pair(a, b)


def test_swapped_exchanges_articles_topics_and_claims(seed_analysis: PairAnalysis) -> None:
    x = seed_analysis
    s = x.swapped()
    assert s.a is x.b and s.b is x.a
    assert s.topics.a == x.topics.b and s.topics.b == x.topics.a
    assert s.topics.topic_set is x.topics.topic_set
    assert s.claims.only_in_a == x.claims.only_in_b
    assert s.claims.related == x.claims.related
    for orig, sw in zip(x.claims.claims, s.claims.claims, strict=True):
        assert (sw.a, sw.b) == (orig.b, orig.a)
        assert sw.diff == tuple((-op, t) for op, t in orig.diff)
        # the claim's sentences are still the texts of the articles they point into
        assert s.a.text[sw.a.start : sw.a.end] == x.b.text[orig.b.start : orig.b.end]


def test_swapped_chain_maps_the_other_way(seed_analysis: PairAnalysis) -> None:
    x, s = seed_analysis, seed_analysis.swapped()
    assert (s.chain.len_a, s.chain.len_b) == (x.chain.len_b, x.chain.len_a)
    for offset in range(0, len(x.a.text), 997):
        assert s.chain.map_b_to_a(offset) == pytest.approx(x.chain.map_a_to_b(offset))
    for offset in range(0, len(x.b.text), 991):
        assert s.chain.map_a_to_b(offset) == pytest.approx(x.chain.map_b_to_a(offset))


def test_swapping_twice_gives_the_same_analysis(seed_analysis: PairAnalysis) -> None:
    assert seed_analysis.swapped().swapped() == seed_analysis
