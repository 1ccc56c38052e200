"""Alignment: anchors → monotone chain → the A ↔ B offset map behind synced scrolling."""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.compare.alignment import (
    CLAIM_WEIGHT,
    SECTION_WEIGHT,
    AnchorChain,
    anchors_for_pair,
)
from diptych.core.model import (
    AnchorPoint,
    ArticleTopics,
    ClaimPair,
    ClaimsResult,
    Span,
    TopicSection,
    TopicSet,
)


def strictly_increasing(chain: AnchorChain) -> bool:
    return all(p.a < q.a and p.b < q.b for p, q in pairwise(chain.points))


def section(topic: str, start: int, end: int) -> TopicSection:
    return TopicSection(topic=topic, start=start, end=end, first_block=0, last_block=0)


def claim(a: int, b: int, score: float) -> ClaimPair:
    return ClaimPair(Span(a, a + 10), Span(b, b + 10), score, None, (), ())


NO_CLAIMS = ClaimsResult((), (), ())


# --------------------------------------------------------------------------- the chain


def test_chain_always_runs_from_origin_to_both_ends() -> None:
    chain = AnchorChain.build([], 100, 250)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (100, 250)]
    chain = AnchorChain.build([AnchorPoint(40, 90)], 100, 250)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (40, 90), (100, 250)]


def test_crossing_claims_reduce_to_a_monotone_chain_keeping_the_heavier_side() -> None:
    # Two claims agree (10→20, 50→60); one crosses both (30→5) and one crosses the last (60→40).
    points = [
        AnchorPoint(10, 20, 1.0),
        AnchorPoint(30, 5, 0.5),
        AnchorPoint(50, 60, 1.0),
        AnchorPoint(60, 40, 0.8),
        AnchorPoint(80, 90, 1.0),
    ]
    chain = AnchorChain.build(points, 100, 100)
    assert strictly_increasing(chain)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (10, 20), (50, 60), (80, 90), (100, 100)]


def test_one_heavy_anchor_outweighs_two_light_ones_it_crosses() -> None:
    points = [AnchorPoint(10, 70, 3.0), AnchorPoint(20, 10, 1.0), AnchorPoint(30, 20, 1.0)]
    chain = AnchorChain.build(points, 100, 100)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (10, 70), (100, 100)]


def test_points_sharing_a_coordinate_never_both_enter_the_chain() -> None:
    points = [AnchorPoint(10, 30), AnchorPoint(10, 40), AnchorPoint(20, 40), AnchorPoint(25, 40)]
    chain = AnchorChain.build(points, 100, 100)
    assert strictly_increasing(chain)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (10, 30), (20, 40), (100, 100)]


def test_points_outside_or_on_the_ends_are_dropped_and_duplicates_merge() -> None:
    points = [
        AnchorPoint(0, 10),
        AnchorPoint(10, 0),
        AnchorPoint(100, 50),
        AnchorPoint(-5, 5),
        AnchorPoint(50, 500),
        AnchorPoint(20, 30, 0.5),
        AnchorPoint(20, 30, 0.7),
        AnchorPoint(25, 10, 1.0),
    ]
    chain = AnchorChain.build(points, 100, 100)
    # The merged (20, 30) weighs 1.2 and beats the crossing (25, 10) at 1.0.
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (20, 30), (100, 100)]
    assert chain.points[1].weight == pytest.approx(1.2)


def test_map_interpolates_between_chain_points_and_clamps_outside() -> None:
    chain = AnchorChain.build([AnchorPoint(20, 60)], 100, 200)
    assert chain.map_a_to_b(0) == 0
    assert chain.map_a_to_b(10) == pytest.approx(30)
    assert chain.map_a_to_b(20) == pytest.approx(60)
    assert chain.map_a_to_b(60) == pytest.approx(130)
    assert chain.map_a_to_b(100) == 200
    assert chain.map_a_to_b(-50) == 0
    assert chain.map_a_to_b(1e9) == 200
    assert chain.map_b_to_a(60) == pytest.approx(20)
    assert chain.map_b_to_a(130) == pytest.approx(60)
    assert chain.map_b_to_a(500) == 100


def test_empty_article_maps_everything_to_its_ends() -> None:
    chain = AnchorChain.build([AnchorPoint(3, 3)], 0, 50)
    assert [(p.a, p.b) for p in chain.points] == [(0, 0), (0, 50)]
    assert chain.map_b_to_a(25) == 0
    assert 0 <= chain.map_a_to_b(0) <= 50
    with pytest.raises(ValueError):
        AnchorChain.build([], -1, 5)


# --------------------------------------------------------------------------- properties

_POINTS = st.lists(
    st.builds(
        AnchorPoint,
        st.integers(-10, 1100),
        st.integers(-10, 2100),
        st.floats(0.0, 3.0, allow_nan=False),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(_POINTS, st.integers(1, 1000), st.integers(1, 2000), st.data())
def test_map_is_monotone_in_range_and_fixes_both_ends(
    points: list[AnchorPoint], len_a: int, len_b: int, data: st.DataObject
) -> None:
    chain = AnchorChain.build(points, len_a, len_b)
    assert strictly_increasing(chain)
    assert (chain.points[0].a, chain.points[0].b) == (0, 0)
    assert (chain.points[-1].a, chain.points[-1].b) == (len_a, len_b)
    assert chain.map_a_to_b(0) == 0 and chain.map_a_to_b(len_a) == len_b
    assert chain.map_b_to_a(0) == 0 and chain.map_b_to_a(len_b) == len_a
    xs = sorted(data.draw(st.lists(st.floats(-100, len_a + 100), min_size=2, max_size=20)))
    ys = [chain.map_a_to_b(x) for x in xs]
    assert all(0 <= y <= len_b for y in ys)
    assert all(y1 <= y2 for y1, y2 in pairwise(ys))
    xb = sorted(data.draw(st.lists(st.floats(-100, len_b + 100), min_size=2, max_size=20)))
    yb = [chain.map_b_to_a(x) for x in xb]
    assert all(0 <= y <= len_a for y in yb)
    assert all(y1 <= y2 for y1, y2 in pairwise(yb))


@settings(max_examples=200, deadline=None)
@given(_POINTS, st.integers(1, 1000), st.integers(1, 2000), st.floats(0, 1))
def test_mapping_there_and_back_returns_the_offset(
    points: list[AnchorPoint], len_a: int, len_b: int, fraction: float
) -> None:
    chain = AnchorChain.build(points, len_a, len_b)
    x = fraction * len_a
    assert chain.map_b_to_a(chain.map_a_to_b(x)) == pytest.approx(x, abs=1e-6)
    y = fraction * len_b
    assert chain.map_a_to_b(chain.map_b_to_a(y)) == pytest.approx(y, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 30), st.integers(1, 30), st.integers(1, 5)),
        max_size=8,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_chain_is_the_heaviest_monotone_subset(points: list[tuple[int, int, int]]) -> None:
    """Against brute force over every subset of a few points."""
    anchors = [AnchorPoint(a, b, float(w)) for a, b, w in points]
    chain = AnchorChain.build(anchors, 40, 40)
    got = sum(p.weight for p in chain.points)
    best = 0.0
    for k in range(len(points) + 1):
        for subset in combinations(sorted(points), k):
            if all(p[0] < q[0] and p[1] < q[1] for p, q in pairwise(subset)):
                best = max(best, float(sum(w for _, _, w in subset)))
    assert got == pytest.approx(best)


# --------------------------------------------------------------------------- anchors


def test_sections_pair_in_order_even_when_a_topic_returns() -> None:
    topics = ArticleTopics(
        TopicSet("t", ()),
        a=(section("x", 0, 10), section("y", 10, 20), section("x", 20, 30)),
        b=(section("y", 0, 15), section("x", 15, 40)),
    )
    points = anchors_for_pair(topics, NO_CLAIMS)
    # LCS of [x, y, x] and [y, x] is [y, x]: A's second x pairs with B's x, not A's first x.
    assert sorted((p.a, p.b) for p in points) == [(10, 0), (20, 15)]
    assert all(p.weight == SECTION_WEIGHT for p in points)


def test_confident_claims_become_anchors_weighted_by_score() -> None:
    topics = ArticleTopics(TopicSet("t", ()), a=(), b=())
    claims = ClaimsResult((claim(100, 300, 0.9), claim(200, 100, 0.3)), (), ())
    points = anchors_for_pair(topics, claims, min_score=0.5)
    assert [(p.a, p.b) for p in points] == [(100, 300)]
    assert points[0].weight == pytest.approx(CLAIM_WEIGHT * 0.9)
    assert len(anchors_for_pair(topics, claims, min_score=0.0)) == 2


def test_many_sections_still_pair_per_topic() -> None:
    n = 600  # beyond the LCS table limit: k-th with k-th per topic
    a = tuple(section("xyz"[i % 3], i * 10, i * 10 + 10) for i in range(n))
    b = tuple(section("xyz"[i % 3], i * 20, i * 20 + 20) for i in range(n))
    points = anchors_for_pair(ArticleTopics(TopicSet("t", ()), a, b), NO_CLAIMS)
    assert len(points) == n
    chain = AnchorChain.build(points, n * 10, n * 20)
    assert chain.map_a_to_b(3000) == pytest.approx(6000)


# --------------------------------------------------------------------------- the seed pair


def test_seed_pair_chain_lines_up_trumps_reaction_in_both() -> None:
    from diptych.core.compare.claims import find_claims
    from diptych.core.compare.topics import topic_set_for_pair, topics_for_pair
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    topics = topics_for_pair(a, b, topic_set_for_pair(a, b))
    claims = find_claims(a, b, topics=topics)
    chain = AnchorChain.build(anchors_for_pair(topics, claims), len(a.text), len(b.text))
    assert strictly_increasing(chain)
    assert len(chain.points) > 4
    at_a = a.text.index("US President Donald Trump celebrated")
    block_b = b.blocks[b.block_at(b.text.index("President Trump applauded"))]
    assert block_b.start <= chain.map_a_to_b(at_a) < block_b.end


def test_only_strong_claims_become_anchors() -> None:
    from dataclasses import replace

    topics = ArticleTopics(TopicSet("t", ()), a=(), b=())
    strong, possible = claim(0, 0, 0.9), replace(claim(50, 50, 0.9), tier="possible")
    points = anchors_for_pair(topics, ClaimsResult((strong, possible), (), ()), min_score=0.5)
    assert [(p.a, p.b) for p in points] == [(0, 0)]
