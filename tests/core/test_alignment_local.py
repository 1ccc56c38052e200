"""Local chains for synced scrolling (issue 13, item 2): the heaviest chain through a crossing
anchor, and the aligner that switches to it when the reader reaches that anchor."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from diptych.core.compare.alignment import AnchorChain, LocalAligner, _heaviest_chain
from diptych.core.model import AnchorPoint

POINTS = st.lists(
    st.tuples(st.integers(1, 60), st.integers(1, 60), st.integers(1, 4)),
    min_size=1,
    max_size=40,
)


def _weight(chain: AnchorChain) -> float:
    return sum(p.weight for p in chain.points)


@settings(max_examples=150, deadline=None)
@given(POINTS)
def test_the_chain_through_an_anchor_is_monotone_and_as_heavy_as_brute_force(raw):
    chain = AnchorChain.build([AnchorPoint(a, b, float(w)) for a, b, w in raw], 61, 61)
    for anchor in chain.candidates:
        through = chain.chain_through(anchor)
        assert through.contains(anchor)
        assert all(p.a < q.a and p.b < q.b for p, q in pairwise(through.points))
        before = [
            (p.a, p.b, p.weight) for p in chain.candidates if p.a < anchor.a and p.b < anchor.b
        ]
        after = [
            (p.a, p.b, p.weight) for p in chain.candidates if p.a > anchor.a and p.b > anchor.b
        ]
        best = (
            sum(w for *_, w in _heaviest_chain(before))
            + anchor.weight
            + sum(w for *_, w in _heaviest_chain(after))
        )
        assert abs(_weight(through) - best) < 1e-9


def test_a_chain_without_crossings_never_switches():
    pts = [AnchorPoint(i * 10, i * 7) for i in range(1, 30)]
    al = LocalAligner(AnchorChain.build(pts, 400, 300))
    assert not any(al.update("a", x) for x in range(0, 400, 3))
    assert not any(al.update("b", x) for x in range(0, 300, 3))


def test_among_partners_of_one_passage_the_nearest_wins():
    # A 500 has partners at B 480 (crossing the chain) and B 2000 (crossing too)
    pts = [
        AnchorPoint(100, 100, 2),
        AnchorPoint(900, 600, 3),
        AnchorPoint(950, 650, 3),
        AnchorPoint(500, 700),
        AnchorPoint(500, 2000),
    ]
    chain = AnchorChain.build(pts, 3000, 3000)
    al = LocalAligner(chain)
    assert al.update("a", 510)
    assert al.map("a", 500) == 700  # the smaller jump


def test_the_chains_share_their_links():
    pts = [AnchorPoint(10, 10), AnchorPoint(20, 50), AnchorPoint(30, 30, 2), AnchorPoint(40, 40)]
    chain = AnchorChain.build(pts, 100, 100)
    one = chain.chain_through(AnchorPoint(20, 50, 1.0))
    assert [(p.a, p.b) for p in one.points] == [(0, 0), (10, 10), (20, 50), (100, 100)]
    back = one.chain_through(AnchorPoint(30, 30, 2.0))
    assert [(p.a, p.b) for p in back.points] == [(p.a, p.b) for p in chain.points]
