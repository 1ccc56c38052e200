"""Claims from order (``claims.order``): pairs in narrow gaps of the chain of claims."""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from diptych.core.compare.claims import PARAMS
from diptych.core.compare.claims.find import _find_claims
from diptych.core.compare.claims.order import order_chain, order_fill
from diptych.core.compare.claims.scoring import ScoredPairs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval_claims


def test_order_chain_is_the_longest_chain_increasing_on_both_sides() -> None:
    pa = [0, 1, 1, 2, 5, 3, 4]
    pb = [0, 2, 1, 5, 3, 3, 4]
    chain = [(pa[k], pb[k]) for k in order_chain(pa, pb)]
    assert len(chain) == 4  # (0, 0), (1, 1) or (1, 2), (3, 3), (4, 4)
    assert all(x[0] < y[0] and x[1] < y[1] for x, y in itertools.pairwise(chain))
    assert order_chain([], []) == []


def _scored(rows: list[tuple[int, int, float]]) -> ScoredPairs:
    sa = np.asarray([r[0] for r in rows], dtype=np.int64)
    sb = np.asarray([r[1] for r in rows], dtype=np.int64)
    z = np.asarray([r[2] for r in rows], dtype=np.float64)
    return ScoredPairs(sa, sb, sa, sb, z, z, z, z, z)


def test_order_fill_takes_mutual_best_pairs_in_narrow_gaps_only() -> None:
    rows = [
        (0, 0, 5.0),  # chain claims: (0, 0), (3, 3), (9, 9)
        (3, 3, 5.0),
        (9, 9, 5.0),
        (1, 1, 0.8),  # in the 2 x 2 gap, each the other's best: added
        (2, 2, 0.6),  # likewise
        (1, 2, 0.1),  # in the gap, not best for either: not added
        (5, 6, 0.9),  # mutual best but in a 5 x 5 gap: not added
        (6, 5, -0.2),
    ]
    sp = _scored(rows)
    chosen = np.asarray([0, 1, 2], dtype=np.int64)
    body = tuple(range(10))
    got = {(rows[k][0], rows[k][1]) for k in order_fill(sp, chosen, body, body, PARAMS).tolist()}
    assert got == {(1, 1), (2, 2)}
    narrow = replace(PARAMS, order_gap=1)
    assert order_fill(sp, chosen, body, body, narrow).tolist() == []
    # a pair below the background mean (z <= 0) is not added even as a gap's only pair
    sp2 = _scored([(0, 0, 5.0), (2, 2, 5.0), (1, 1, -0.1)])
    assert order_fill(sp2, np.asarray([0, 1]), body, body, PARAMS).tolist() == []
    sp3 = _scored([(0, 0, 5.0), (2, 2, 5.0), (1, 1, 0.1)])
    assert order_fill(sp3, np.asarray([0, 1]), body, body, PARAMS).tolist() == [2]


def test_a_translated_sentence_between_two_claims_is_a_claim() -> None:
    """Two translations of Genesis 37: "And he said, I am seeking my brethren: ..." /
    "And he said, I am looking for my brothers; ..." share one content word ("flock"), so
    the relative bars miss it, but it lies between two claims in both texts' order."""
    t = next(t for t in eval_claims.load_translation_set() if t.chapter == "genesis37")
    i = eval_claims._find_sentence(t.a, "I am seeking my brethren")
    j = eval_claims._find_sentence(t.b, "I am looking for my brothers")
    assert (i, j) in t.gold

    def pairs(params: object) -> set[tuple[int, int]]:
        res = _find_claims(t.a, t.b, topics=None, min_score=None, params=params)  # type: ignore[arg-type]
        return {
            (eval_claims.sentence_index(t.a, c.a), eval_claims.sentence_index(t.b, c.b))
            for c in res.claims
        }

    assert (i, j) in pairs(PARAMS)
    assert (i, j) not in pairs(replace(PARAMS, order_gap=0))
