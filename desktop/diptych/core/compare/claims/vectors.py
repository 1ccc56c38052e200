"""The two similarities of a unit pair: TF-IDF term vectors and centred word vectors."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from diptych.core.compare._wordvec import word_vectors
from diptych.core.compare.claims.params import FloatArray, IntArray


@dataclass(frozen=True)
class _Sparse:
    """Rows of L2-normalised TF-IDF weights, CSR-style."""

    indptr: IntArray
    indices: IntArray
    data: FloatArray
    n_cols: int

    def row_lengths(self) -> IntArray:
        return np.diff(self.indptr)


def _tfidf(
    terms: Sequence[Sequence[str]], vocab: dict[str, int], idf: FloatArray, damping: float
) -> _Sparse:
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for ts in terms:
        counts: dict[int, int] = {}
        for t in ts:
            k = vocab[t]
            counts[k] = counts.get(k, 0) + 1
        row = sorted(counts.items())
        w = [(1.0 + math.log(c)) * float(idf[k]) for k, c in row]
        # the damping term keeps a unit of one or two words from reaching a high cosine on a
        # single shared word: it acts as that much weight no other unit can share
        norm = math.sqrt(sum(x * x for x in w) + damping) or 1.0
        indices.extend(k for k, _ in row)
        data.extend(x / norm for x in w)
        indptr.append(len(indices))
    return _Sparse(
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(data, dtype=np.float64),
        len(vocab),
    )


def _embed(
    words: Sequence[Sequence[tuple[str, str]]], vocab: dict[str, int], idf: FloatArray
) -> FloatArray | None:
    """IDF-weighted sums of unit-length word vectors, one row per unit (vectorised, chunked
    so memory stays small on long articles)."""
    wv = word_vectors()
    if wv is None:
        return None
    row_of: dict[str, int] = {}
    rows: list[FloatArray] = []
    unit_ids: list[int] = []
    word_ids: list[int] = []
    term_ids: list[int] = []
    for i, ws in enumerate(words):
        for w, t in ws:
            r = row_of.get(w)
            if r is None:
                v = wv.vector(w)
                n = float(np.linalg.norm(v)) if v is not None else 0.0
                if v is None or n == 0.0:
                    r = -1
                else:
                    r = len(rows)
                    rows.append(np.asarray(v, dtype=np.float64) / n)
                row_of[w] = r
            if r >= 0:
                unit_ids.append(i)
                word_ids.append(r)
                term_ids.append(vocab[t])
    out = np.zeros((len(words), wv.dim), dtype=np.float64)
    if not rows:
        return out
    table = np.asarray(rows, dtype=np.float32)
    units = np.asarray(unit_ids, dtype=np.int64)  # non-decreasing
    wids = np.asarray(word_ids, dtype=np.int64)
    weights = idf[np.asarray(term_ids, dtype=np.int64)].astype(np.float32)
    starts = np.flatnonzero(np.r_[True, units[1:] != units[:-1]])
    step = 50_000  # word occurrences per chunk (about 50 MB of float32 rows)
    for k0 in range(0, len(starts), max(1, step // 20)):
        g = starts[k0 : k0 + max(1, step // 20)]
        lo = int(g[0])
        hi = int(starts[k0 + len(g)]) if k0 + len(g) < len(starts) else len(units)
        contrib = table[wids[lo:hi]] * weights[lo:hi, None]
        out[units[g]] = np.add.reduceat(contrib, g - lo, axis=0)
    return out


def _centre_normalise(ea: FloatArray, eb: FloatArray) -> tuple[FloatArray, FloatArray]:
    def unit(m: FloatArray) -> FloatArray:
        n = np.linalg.norm(m, axis=1, keepdims=True)
        n[n == 0] = 1.0
        out: FloatArray = m / n
        return out

    ea, eb = unit(ea), unit(eb)
    mean = np.concatenate([ea, eb]).mean(axis=0)
    return unit(ea - mean), unit(eb - mean)


# --------------------------------------------------------------------------- pair scoring


def _pair_dots(a: _Sparse, b: _Sparse, ia: IntArray, ib: IntArray) -> FloatArray:
    """TF-IDF cosine of the unit pairs (ia[k], ib[k]), vectorised (no loop over pairs)."""
    out = np.zeros(len(ia), dtype=np.float64)
    if len(ia) == 0 or len(a.indices) == 0 or len(b.indices) == 0:
        return out
    # keys (row, term) of B, sorted: CSR order already is
    b_rows = np.repeat(np.arange(len(b.indptr) - 1, dtype=np.int64), b.row_lengths())
    b_keys = b_rows * b.n_cols + b.indices
    chunk = 32_768  # pairs: about 30 MB of index arrays at 15 terms a unit
    lens_all = a.row_lengths()
    for s in range(0, len(ia), chunk):
        ca, cb = ia[s : s + chunk], ib[s : s + chunk]
        lens = lens_all[ca]
        total = int(lens.sum())
        if total == 0:
            continue
        pair = np.repeat(np.arange(len(ca), dtype=np.int64), lens)
        offs = np.repeat(a.indptr[ca] - np.cumsum(lens) + lens, lens) + np.arange(total)
        terms = a.indices[offs]
        keys = np.repeat(cb, lens) * b.n_cols + terms
        pos = np.searchsorted(b_keys, keys)
        pos[pos >= len(b_keys)] = 0
        hit = b_keys[pos] == keys
        vals = np.where(hit, a.data[offs] * b.data[pos], 0.0)
        out[s : s + len(ca)] = np.bincount(pair, weights=vals, minlength=len(ca))
    return out


def _emb_dots(ea: FloatArray, eb: FloatArray, ia: IntArray, ib: IntArray) -> FloatArray:
    out = np.empty(len(ia), dtype=np.float64)
    chunk = 8_192  # pairs: two 8 MB blocks of float64 rows (was 100_000: 410 MB, the 1 MB peak)
    for s in range(0, len(ia), chunk):
        out[s : s + chunk] = np.einsum("ij,ij->i", ea[ia[s : s + chunk]], eb[ib[s : s + chunk]])
    return out
