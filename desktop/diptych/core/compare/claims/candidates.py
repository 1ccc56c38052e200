"""Candidate unit pairs from sparse term postings, never a loop over all pairs."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt

from diptych.core.compare.claims.params import FloatArray, IntArray, Params
from diptych.core.compare.claims.vectors import _Sparse


def _postings(m: _Sparse) -> tuple[IntArray, IntArray, FloatArray]:
    """Column-major view: (indptr over terms, row of each entry, its weight)."""
    rows = np.repeat(np.arange(len(m.indptr) - 1, dtype=np.int64), m.row_lengths())
    order = np.argsort(m.indices, kind="stable")
    counts = np.bincount(m.indices, minlength=m.n_cols)
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return ptr, rows[order], m.data[order]


def _query_terms(m: _Sparse, k: int) -> tuple[IntArray, IntArray, FloatArray]:
    """(row, term, weight) of each row's k most weighted terms, grouped by row."""
    rows = np.repeat(np.arange(len(m.indptr) - 1, dtype=np.int64), m.row_lengths())
    order = np.lexsort((-m.data, rows))
    rank = np.arange(len(order)) - np.repeat(m.indptr[:-1], m.row_lengths())
    keep = order[rank < k]
    return rows[keep], m.indices[keep], m.data[keep]


def _top_by_group(group: IntArray, score: FloatArray, k: int) -> npt.NDArray[np.bool_]:
    """Mask of each group's k highest scores."""
    order = np.lexsort((-score, group))
    g = group[order]
    start = np.ones(len(g), dtype=bool)
    start[1:] = g[1:] != g[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    mask = np.zeros(len(g), dtype=bool)
    mask[order] = (np.arange(len(g)) - first) < k
    return mask


def _candidates_one_way(q: _Sparse, other: _Sparse, p: Params) -> tuple[IntArray, IntArray]:
    """For each unit of ``q``, its ``candidates_per_unit`` best units of ``other`` by the
    partial dot product over its most weighted terms (terms in more than ``posting_cap``
    units are skipped). Chunked, so memory stays bounded; cost grows with n * terms * cap."""
    ptr, post_rows, post_w = _postings(other)
    q_rows, q_terms, q_w = _query_terms(q, p.query_terms)
    df = ptr[q_terms + 1] - ptr[q_terms]
    ok = (df > 0) & (df <= p.posting_cap)
    q_rows, q_terms, q_w, df = q_rows[ok], q_terms[ok], q_w[ok], df[ok]
    m = len(other.indptr) - 1
    out_l: list[IntArray] = []
    out_r: list[IntArray] = []
    n_q = len(q.indptr) - 1
    edges = np.append(np.arange(0, n_q, p.candidate_chunk), n_q)
    bounds = np.searchsorted(q_rows, edges)
    for c0, c1 in itertools.pairwise(bounds.tolist()):
        if c1 <= c0:
            continue
        rows, terms, w, d = q_rows[c0:c1], q_terms[c0:c1], q_w[c0:c1], df[c0:c1]
        total = int(d.sum())
        if total == 0:
            continue
        left = np.repeat(rows, d)
        offs = np.repeat(ptr[terms] - np.cumsum(d) + d, d) + np.arange(total)
        keys = left * m + post_rows[offs]
        uniq, inv = np.unique(keys, return_inverse=True)
        partial = np.bincount(inv, weights=np.repeat(w, d) * post_w[offs]).astype(np.float64)
        l_idx = uniq // m
        keep = _top_by_group(l_idx, partial, p.candidates_per_unit)
        out_l.append(l_idx[keep])
        out_r.append(uniq[keep] % m)
    if not out_l:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_l), np.concatenate(out_r)


def _candidates(a: _Sparse, b: _Sparse, p: Params) -> tuple[IntArray, IntArray]:
    n, m = len(a.indptr) - 1, len(b.indptr) - 1
    if n * m <= p.exhaustive_pairs:
        ia, ib = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
        return ia.ravel().astype(np.int64), ib.ravel().astype(np.int64)
    l1, r1 = _candidates_one_way(a, b, p)
    r2, l2 = _candidates_one_way(b, a, p)
    keys = np.unique(np.concatenate([l1 * m + r1, l2 * m + r2]))
    return keys // m, keys % m
