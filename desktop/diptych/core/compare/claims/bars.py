"""The relative bars: each sentence's best partners, chance levels, mutual best pairs."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from diptych.core.compare.claims.params import FloatArray, IntArray, Params
from diptych.core.compare.claims.scoring import ScoredPairs
from diptych.core.compare.claims.vectors import _pair_dots


def _rank_in_sorted(g: IntArray) -> IntArray:
    """Each row's place (0, 1, ...) within its run of equal values of the sorted ``g``."""
    start = np.ones(len(g), dtype=bool)
    start[1:] = g[1:] != g[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    out: IntArray = np.arange(len(g)) - first
    return out


def _best_of(group: IntArray, z: FloatArray) -> IntArray:
    """For each row, the row index of the best-scoring row of its group."""
    order = np.lexsort((-z, group))
    first = np.arange(len(order)) - _rank_in_sorted(group[order])
    best = np.empty(len(order), dtype=np.int64)
    best[order] = order[first]
    return best


def _sentence_best(owner: IntArray, z: FloatArray, size: int) -> FloatArray:
    best = np.full(size, -np.inf)
    np.maximum.at(best, owner, z)
    return best


def _kept_units(sp: ScoredPairs, p: Params, n_a: int, n_b: int) -> npt.NDArray[np.bool_]:
    """Unit pairs within ``near_delta`` (in z) of the best pair of both their sentences."""
    if len(sp.z) == 0:
        return np.zeros(0, dtype=bool)
    best_a = _sentence_best(sp.sa, sp.z, n_a)[sp.sa]
    best_b = _sentence_best(sp.sb, sp.z, n_b)[sp.sb]
    kept: npt.NDArray[np.bool_] = (sp.z >= best_a - p.near_delta) & (sp.z >= best_b - p.near_delta)
    return kept


def _redundant(sp: ScoredPairs, kept: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Second partners that only restate the first: B2 is a kept partner of A but not A's
    best B1, and B2 resembles B1 more than it resembles A (likewise from B's side). Such a
    pair repeats a claim already listed instead of adding one."""
    assert sp.ta is not None and sp.tb is not None
    out = np.zeros(len(sp.z), dtype=bool)
    for own, other_unit, vecs in ((sp.sa, sp.ub, sp.tb), (sp.sb, sp.ua, sp.ta)):
        best = _best_of(own, sp.z)
        rows = np.flatnonzero(kept & (best != np.arange(len(sp.z))))
        if len(rows) == 0:
            continue
        mate = _pair_dots(vecs, vecs, other_unit[rows], other_unit[best[rows]])
        out[rows] |= mate >= sp.t[rows]
    return out


def _best_partners(
    sp: ScoredPairs, n_a: int, n_b: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Unit pairs that are the best pair of their A sentence, and of their B sentence."""
    best_a = sp.z >= _sentence_best(sp.sa, sp.z, n_a)[sp.sa]
    best_b = sp.z >= _sentence_best(sp.sb, sp.z, n_b)[sp.sb]
    return best_a, best_b


def _mutual_best(sp: ScoredPairs, n_a: int, n_b: int) -> npt.NDArray[np.bool_]:
    """Unit pairs that are the best pair of both their sentences."""
    best_a = _sentence_best(sp.sa, sp.z, n_a)[sp.sa]
    best_b = _sentence_best(sp.sb, sp.z, n_b)[sp.sb]
    out: npt.NDArray[np.bool_] = (sp.z >= best_a) & (sp.z >= best_b)
    return out


def _candidate_pairs(
    sp: ScoredPairs,
    p: Params,
    *,
    relative: bool = True,
    a_shorter: npt.NDArray[np.bool_] | None = None,
) -> IntArray:
    """Kept unit pairs, one per sentence pair (its best unit pair), best first by z.
    ``relative``: only pairs that clear the chance levels (else every near-best pair)."""
    if len(sp.z) == 0:
        return np.zeros(0, np.int64)
    n_a = int(sp.sa.max()) + 1
    n_b = int(sp.sb.max()) + 1
    kept = _kept_units(sp, p, n_a, n_b)
    if a_shorter is not None and p.shorter_pick_near:
        best_a, best_b = _best_partners(sp, n_a, n_b)
        kept |= np.where(a_shorter, best_a, best_b)
    if relative:
        # a pair chosen by both its sentences needs to beat chance for one side only
        mutual = _mutual_best(sp, n_a, n_b) & (sp.z >= p.min_z * sp.mutual_chance_z)
        kept &= (sp.z >= p.min_z * sp.chance_z) | mutual
    if p.drop_redundant and sp.ta is not None and sp.tb is not None:
        kept &= ~_redundant(sp, kept)
    idx = np.flatnonzero(kept)
    # best first, ties by position
    order = np.lexsort((sp.ub[idx], sp.ua[idx], -sp.z[idx]))
    idx = idx[order]
    seen: set[tuple[int, int]] = set()
    out: list[int] = []
    for k in idx.tolist():
        key = (int(sp.sa[k]), int(sp.sb[k]))
        if key not in seen:
            seen.add(key)
            out.append(k)
    return np.asarray(out, dtype=np.int64)
