"""Every pair a reader asking for all claims is shown includes mutual second-best partners:
a sentence whose best partner is a copy of another sentence still meets its restatement."""

from __future__ import annotations

import numpy as np

from diptych.core.compare.claims import PARAMS, ScoredPairs
from diptych.core.compare.claims.selection import _every_best_pair, _mutual_second


def _pairs(rows: list[tuple[int, int, float]]) -> ScoredPairs:
    sa = np.asarray([r[0] for r in rows], dtype=np.int64)
    sb = np.asarray([r[1] for r in rows], dtype=np.int64)
    z = np.asarray([r[2] for r in rows], dtype=np.float64)
    return ScoredPairs(sa=sa, sb=sb, ua=sa.copy(), ub=sb.copy(), z=z, zt=z, ze=z, t=z, e=z)


# A0's best is B0 (a copy), its second B1; B1's best is A2, its second A0: A0-B1 is second on
# both sides. A second unit pair of A0-B0 (a clause, z 4.8) does not push B1 down to third.
ROWS = [(0, 0, 5.0), (0, 0, 4.8), (0, 1, 4.0), (2, 1, 6.0), (2, 0, 0.5), (1, 1, 0.2)]


def test_mutual_second_partners() -> None:
    sp = _pairs(ROWS)
    got = {(ROWS[k][0], ROWS[k][1]) for k in _mutual_second(sp).tolist()}
    # A2-B0: B0 is A2's second, A2 is B0's second (after A0); the mutual best pairs A0-B0
    # and A2-B1 are within the two as well; A1-B1 is third for B1
    assert got == {(0, 0), (0, 1), (2, 1), (2, 0)}


def test_every_best_pair_lists_the_mutual_second_once() -> None:
    sp = _pairs(ROWS)
    idx = _every_best_pair(sp, PARAMS).tolist()
    keys = [(ROWS[k][0], ROWS[k][1]) for k in idx]
    assert (0, 1) in keys and (2, 0) in keys
    assert len(keys) == len(set(keys))  # one unit pair per sentence pair
