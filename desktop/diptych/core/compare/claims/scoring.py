"""Scoring candidate pairs: z-scores over the pair's own sampled background."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy as np

from diptych.core.compare.claims.candidates import _candidates
from diptych.core.compare.claims.params import PARAMS, FloatArray, IntArray, Params
from diptych.core.compare.claims.units import _Side, _side
from diptych.core.compare.claims.vectors import (
    _centre_normalise,
    _emb_dots,
    _embed,
    _pair_dots,
    _Sparse,
    _tfidf,
)
from diptych.core.model import Article


def _background(
    a: _Sparse, b: _Sparse, ea: FloatArray | None, eb: FloatArray | None, p: Params
) -> tuple[float, float, float, float, FloatArray, FloatArray]:
    """Mean and standard deviation of both similarities over (a sample of) all unit pairs,
    and the sampled similarities themselves."""
    n, m = len(a.indptr) - 1, len(b.indptr) - 1
    rng = np.random.default_rng(20191110)
    # the chance level is the (1 - 1/n) quantile of this sample: it needs enough pairs above
    # that quantile to be read, not the sample's maximum (see ``background_tail``)
    size = min(max(p.background_sample, p.background_tail * max(n, m)), p.background_max)
    if n * m <= size:
        ga, gb = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
        ia, ib = ga.ravel().astype(np.int64), gb.ravel().astype(np.int64)
    else:
        ia = rng.integers(0, n, size).astype(np.int64)
        ib = rng.integers(0, m, size).astype(np.int64)
    t = _pair_dots(a, b, ia, ib)
    mt, st = float(t.mean()), float(t.std()) or 1.0
    if ea is None or eb is None:
        return mt, st, 0.0, 1.0, t, np.zeros_like(t)
    e = _emb_dots(ea, eb, ia, ib)
    return mt, st, float(e.mean()), float(e.std()) or 1.0, t, e


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class ScoredPairs:
    """Every candidate unit pair with its scores and sentences (exposed for evaluation)."""

    sa: IntArray  # sentence index in A
    sb: IntArray  # sentence index in B
    ua: IntArray  # unit index in A
    ub: IntArray
    z: FloatArray  # combined z-score
    zt: FloatArray  # term z
    ze: FloatArray  # vector z
    t: FloatArray  # term cosine
    e: FloatArray  # vector cosine
    chance_z: float = 0.0  # z the best of n unrelated partners reaches (empirical)
    ta: _Sparse | None = None  # the units' TF-IDF vectors (for redundancy checks)
    tb: _Sparse | None = None
    # the same for the side with fewer sentences: the bar a mutual-best pair must clear
    mutual_chance_z: float = 0.0
    idf: dict[str, float] | None = None  # IDF of each content term (paraphrase features)
    # the chance levels of each similarity alone (term z, vector z): the z the best of n
    # unrelated partners reaches on that signal (tiers read each signal on its own)
    chance_t: float = 0.0
    chance_e: float = 0.0
    has_vectors: bool = False
    # the sampled term cosines' mean and standard deviation (zt = (t - term_mean) / term_std),
    # so the tier can z-score the cosine of a part of a pair's shared terms
    term_mean: float = 0.0
    term_std: float = 1.0


def score_pairs(a: Article, b: Article, p: Params = PARAMS) -> tuple[_Side, _Side, ScoredPairs]:
    """All candidate sentence pairs of two articles with their similarity scores."""
    sa, sb = _side(a, p), _side(b, p)
    # IDF over the sentences of both articles (clauses would double-count their words)
    n_docs = len(sa.sentences) + len(sb.sentences)
    df: dict[str, int] = {}
    for side in (sa, sb):
        for u, ts in enumerate(side.terms):
            if u < len(side.sentences):
                for t in set(ts):
                    df[t] = df.get(t, 0) + 1
    vocab: dict[str, int] = {}
    for side in (sa, sb):
        for ts in side.terms:
            for t in ts:
                if t not in vocab:
                    vocab[t] = len(vocab)
    idf = np.ones(len(vocab), dtype=np.float64)
    for t, k in vocab.items():
        idf[k] = math.log((n_docs + 1) / (df.get(t, 0) + 0.5))
    damping = p.short_damping * float(np.mean(idf**2)) if len(idf) else 0.0
    ta, tb = _tfidf(sa.terms, vocab, idf, damping), _tfidf(sb.terms, vocab, idf, damping)
    ea_raw, eb_raw = _embed(sa.words, vocab, idf), _embed(sb.words, vocab, idf)
    ea: FloatArray | None = None
    eb: FloatArray | None = None
    if ea_raw is not None and eb_raw is not None and len(ea_raw) and len(eb_raw):
        ea, eb = _centre_normalise(ea_raw, eb_raw)

    empty_i = np.zeros(0, np.int64)
    empty_f = np.zeros(0, np.float64)
    if not sa.spans or not sb.spans:
        return sa, sb, ScoredPairs(*(empty_i,) * 4, *(empty_f,) * 5)

    ia, ib = _candidates(ta, tb, p)
    tcos = _pair_dots(ta, tb, ia, ib)
    mt, sdt, me, sde, bg_t, bg_e = _background(ta, tb, ea, eb, p)
    zt = (tcos - mt) / sdt
    if ea is not None and eb is not None:
        ecos = _emb_dots(ea, eb, ia, ib)
        ze = (ecos - me) / sde
        z = p.term_weight * zt + (1.0 - p.term_weight) * ze
    else:
        ecos = np.zeros_like(tcos)
        ze = np.zeros_like(tcos)
        z = zt
    owner_a = np.asarray(sa.sentence_of, dtype=np.int64)
    owner_b = np.asarray(sb.sentence_of, dtype=np.int64)
    bg_z = (bg_t - mt) / sdt
    if ea is not None and eb is not None:
        bg_z = p.term_weight * bg_z + (1.0 - p.term_weight) * (bg_e - me) / sde

    # the best of n chance partners: the (1 - 1/n) quantile of chance pairs' z (empirical,
    # never below the standard normal quantile of the same level, which a small sample of a
    # small pair of articles can understate)
    def chance_level(n: int, sample: FloatArray | None = None) -> float:
        q = 1.0 - 1.0 / max(n, 2)
        sample = bg_z if sample is None else sample
        return max(float(np.quantile(sample, q)), statistics.NormalDist().inv_cdf(q))

    n_max = max(len(sa.sentences), len(sb.sentences))
    chance = chance_level(n_max)
    chance_t = chance_level(n_max, (bg_t - mt) / sdt)
    has_vectors = ea is not None and eb is not None
    chance_e = chance_level(n_max, (bg_e - me) / sde) if has_vectors else 0.0
    # A mutual-best pair has been chosen from both sides; it must beat chance for the side
    # with fewer alternatives (a sentence of the longer article picks among the n_min
    # sentences of the shorter one).
    mutual = min(chance, chance_level(min(len(sa.sentences), len(sb.sentences))))
    idf_of = {t: float(idf[k]) for t, k in vocab.items()}
    return (
        sa,
        sb,
        ScoredPairs(
            owner_a[ia],
            owner_b[ib],
            ia,
            ib,
            z,
            zt,
            ze,
            tcos,
            ecos,
            chance,
            ta,
            tb,
            mutual,
            idf_of,
            chance_t,
            chance_e,
            has_vectors,
            mt,
            sdt,
        ),
    )
