"""Claims from order: a sentence pair sandwiched between two consecutive claims of the chain.

The relative bars read each sentence pair on its own. Where the two articles tell the same
things in the same order (two translations of one text, an article and its revision, two
reports that follow one chronology), the claims already found form a chain in both
articles' order, and a pair lying in a narrow gap of that chain has a second, independent
piece of evidence: its position. Between two independent translations most pairs the bars
miss are of that kind, each sentence the other's best partner, a paraphrase in other words
("Thou art mad" / "You are off your head"), below the chance level that a pair anywhere in
the two articles must clear.

So, for related articles, the longest chain of claims increasing in both articles' order is
found, and in each gap between consecutive chain claims that is at most ``order_gap`` body
sentences wide on both sides, a pair is added when it scores above the pair's background mean
(z > 0) and it is either the only pair in the gap (one sentence on each side) or each
sentence's best partner in the whole pair of articles. A random pair falls into such a gap
rarely: the gaps cover a small share of all sentence pairs, and only where the chain is dense.
"""

from __future__ import annotations

import bisect

import numpy as np

from diptych.core.compare.claims.bars import _mutual_best
from diptych.core.compare.claims.params import IntArray, Params
from diptych.core.compare.claims.scoring import ScoredPairs


def order_chain(pa: list[int], pb: list[int]) -> list[int]:
    """Indices of the longest chain of pairs strictly increasing in both ``pa`` and ``pb``
    (patience sorting, O(k log k)), in order."""
    order = sorted(range(len(pa)), key=lambda k: (pa[k], -pb[k]))
    tails: list[int] = []  # pb of the smallest tail of each chain length
    tail_at: list[int] = []  # the pair ending it
    prev = [-1] * len(pa)
    for k in order:
        n = bisect.bisect_left(tails, pb[k])
        if n == len(tails):
            tails.append(pb[k])
            tail_at.append(k)
        else:
            tails[n] = pb[k]
            tail_at[n] = k
        prev[k] = tail_at[n - 1] if n else -1
    out: list[int] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(k)
        k = prev[k]
    return out[::-1]


def order_fill(
    sp: ScoredPairs,
    chosen: IntArray,
    body_a: tuple[int, ...],
    body_b: tuple[int, ...],
    p: Params,
) -> IntArray:
    """Rows of ``sp`` to add as claims: the pairs in narrow gaps of the chain of ``chosen``
    (see the module's doc). ``body_a``/``body_b``: each side's body sentences (indices in
    ``Article.sentences``), whose positions count the gaps."""
    if p.order_gap <= 0 or len(chosen) < 2 or len(sp.z) == 0:
        return np.zeros(0, dtype=np.int64)
    pos_a = np.full(max(body_a) + 1, -1, dtype=np.int64)
    pos_a[list(body_a)] = np.arange(len(body_a))
    pos_b = np.full(max(body_b) + 1, -1, dtype=np.int64)
    pos_b[list(body_b)] = np.arange(len(body_b))
    ca = pos_a[sp.sa[chosen]]
    cb = pos_b[sp.sb[chosen]]
    chain = order_chain(ca.tolist(), cb.tolist())
    if len(chain) < 2:
        return np.zeros(0, dtype=np.int64)
    xa, xb = ca[chain], cb[chain]
    ra, rb = pos_a[sp.sa], pos_b[sp.sb]
    # the chain gap each row's A sentence falls into: between chain claims seg - 1 and seg
    seg = np.searchsorted(xa, ra, side="left")
    inside = (seg > 0) & (seg < len(xa))
    seg_c = np.clip(seg, 1, len(xa) - 1)
    lo_a, hi_a, lo_b, hi_b = xa[seg_c - 1], xa[seg_c], xb[seg_c - 1], xb[seg_c]
    gap_a, gap_b = hi_a - lo_a - 1, hi_b - lo_b - 1
    inside &= (ra > lo_a) & (ra < hi_a) & (rb > lo_b) & (rb < hi_b)
    inside &= (gap_a <= p.order_gap) & (gap_b <= p.order_gap)
    n_a, n_b = int(sp.sa.max()) + 1, int(sp.sb.max()) + 1
    only_pair = (gap_a == 1) & (gap_b == 1)
    keep = inside & (sp.z > 0.0) & (only_pair | _mutual_best(sp, n_a, n_b))
    taken = {(int(sp.sa[k]), int(sp.sb[k])) for k in chosen.tolist()}
    rows = np.flatnonzero(keep)
    rows = rows[np.argsort(-sp.z[rows], kind="stable")]
    out: list[int] = []
    for k in rows.tolist():
        key = (int(sp.sa[k]), int(sp.sb[k]))
        if key not in taken:  # one row per sentence pair, its best unit pair
            taken.add(key)
            out.append(k)
    return np.asarray(out, dtype=np.int64)
