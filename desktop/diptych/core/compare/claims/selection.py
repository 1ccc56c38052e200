"""Selecting claims: relative bars, relatedness, the paraphrase cut, then the order gaps."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from diptych.core.compare.claims.bars import _best_of, _candidate_pairs, _rank_in_sorted
from diptych.core.compare.claims.order import order_fill
from diptych.core.compare.claims.params import FloatArray, IntArray, Params
from diptych.core.compare.claims.paraphrase import (
    _paraphrase_keep,
    claim_probability,
    pair_features,
    paraphrase_logit,
    ranking_logit,
)
from diptych.core.compare.claims.scoring import ScoredPairs
from diptych.core.compare.claims.units import _Side


def _relatedness_keep(
    shared: IntArray, shorter: IntArray, p: Params
) -> tuple[npt.NDArray[np.bool_], bool]:
    """The pair-level test: are the two articles related at all?

    The relative bars above always find the best pairs of a pair of articles, even of two
    unrelated ones (a recipe and a match report still have sentences sharing "half" or
    "minutes"). What they cannot see is absolute evidence: between related articles most
    selected pairs share several content terms (``strong_shared``, a count fewer than 1 in
    1,000 random pairs of unrelated news sentences reach, or one less when that is at least
    half the terms of the shorter unit, so short sentences can be strong too); between
    unrelated ones hardly any do. When fewer than ``related_share`` of the selected pairs are that strong, the articles
    are treated as unrelated and only the strong pairs are kept (a sentence quoted in both
    still shows); otherwise every pair stays. Returns (keep, related)."""
    keep = np.ones(len(shared), dtype=bool)
    if p.related_share <= 0.0 or len(shared) == 0:
        return keep, True
    strong = (shared >= p.strong_shared) | (
        (shared >= p.strong_shared - 1) & (shared >= p.strong_cover * shorter)
    )
    if float(strong.mean()) >= p.related_share:
        return keep, True
    return strong, False


def _rank_in_group(group: IntArray, key: IntArray, z: FloatArray) -> IntArray:
    """Each row's rank (0 = best) by z among the rows of its group, counting each partner
    (``key``) once: a sentence's several unit pairs with one partner share that rank."""
    order = np.lexsort((-z, key, group))
    g, k = group[order], key[order]
    new_partner = np.ones(len(g), dtype=bool)
    new_partner[1:] = (g[1:] != g[:-1]) | (k[1:] != k[:-1])
    first_of_partner = np.flatnonzero(new_partner)
    # the partners of each group in order of their best z
    pz = z[order][first_of_partner]
    pg = g[first_of_partner]
    porder = np.lexsort((-pz, pg))
    prank = np.empty(len(pg), dtype=np.int64)
    prank[porder] = _rank_in_sorted(pg[porder])
    rank_sorted = prank[np.cumsum(new_partner) - 1]
    out = np.empty(len(g), dtype=np.int64)
    out[order] = rank_sorted
    return out


def _mutual_second(sp: ScoredPairs) -> IntArray:
    """Unit pairs whose two sentences are each other's best or second-best partner (by z).

    A sentence the corpus or a writer reuses has a copy as its best partner, and the
    sentence that restates it is only its second: on the paraphrase documents 117 of the
    179 same-statement pairs that no best-partner rule found were second on both sides."""
    ra = _rank_in_group(sp.sa, sp.sb, sp.z)
    rb = _rank_in_group(sp.sb, sp.sa, sp.z)
    return np.flatnonzero((ra <= 1) & (rb <= 1))


def _every_best_pair(sp: ScoredPairs, p: Params) -> IntArray:
    """Every pair a reader asking for all claims can be shown (``min_score``): the near-best
    pairs of both sentences (``_candidate_pairs`` without the chance levels) and each
    sentence's best partner, from either side, even where the partner has a better match of
    its own, and the pairs of mutual second-best partners (``_mutual_second``). Near-best
    alone drops a sentence whose only match is the second choice of its partner. On the
    paraphrase documents, where the corpus reuses sentences, near-best pairs held 2,403 of the
    2,753 same-statement pairs, so no score cut reached recall 0.90; with every best partner
    they hold 2,574, with the mutual second-best ones too 2,727 (fit_paraphrase_model.py)."""
    near = _candidate_pairs(sp, p, relative=False)
    if len(sp.z) == 0:
        return near
    best = np.union1d(_best_of(sp.sa, sp.z), _best_of(sp.sb, sp.z))
    best = np.union1d(best, _mutual_second(sp))
    extra = best[~np.isin(best, near)]
    # one unit pair per sentence pair: near-best first, then the added best partners
    seen = set(zip(sp.sa[near].tolist(), sp.sb[near].tolist(), strict=True))
    add: list[int] = []
    for k in extra[np.argsort(-sp.z[extra], kind="stable")].tolist():
        key = (int(sp.sa[k]), int(sp.sb[k]))
        if key not in seen:
            seen.add(key)
            add.append(k)
    return np.concatenate([near, np.asarray(add, dtype=np.int64)])


def select_pairs(
    sp: ScoredPairs,
    side_a: _Side,
    side_b: _Side,
    p: Params,
    min_score: float | None,
    *,
    rescore: bool = True,
) -> tuple[IntArray, bool]:
    """Indices into ``sp`` of the reported claims (one per sentence pair), best first by z,
    and whether the two articles look related (see ``_relatedness_keep``)."""
    idx, related, _logit, _rank = select_scored(sp, side_a, side_b, p, min_score, rescore=rescore)
    return idx, related


def select_scored(
    sp: ScoredPairs,
    side_a: _Side,
    side_b: _Side,
    p: Params,
    min_score: float | None,
    *,
    rescore: bool = True,
) -> tuple[IntArray, bool, FloatArray, FloatArray]:
    """``select_pairs`` with two log-odds of each selected pair: the deciding model's
    (``paraphrase_logit``, the tier's model vote) and the ranking model's (``ranking_logit``,
    the reported score).

    ``min_score``: every pair ``_every_best_pair`` finds whose reported score
    (``claim_probability`` of the ranking log-odds) is at least this, instead of the bars."""
    if min_score is not None:
        idx = _every_best_pair(sp, p)
        feats = pair_features(side_a, side_b, sp, idx)
        rank = ranking_logit(feats)
        keep = claim_probability(rank) >= min_score
        return idx[keep], True, paraphrase_logit(feats)[keep], rank[keep]
    len_a = np.asarray([len(set(t)) for t in side_a.terms], dtype=np.int64)
    len_b = np.asarray([len(set(t)) for t in side_b.terms], dtype=np.int64)
    idx = _candidate_pairs(sp, p, a_shorter=len_a[sp.ua] <= len_b[sp.ub])
    if len(idx) == 0:
        empty = np.zeros(0, dtype=np.float64)
        return idx, True, empty, empty
    sets = [
        (set(side_a.terms[int(sp.ua[k])]), set(side_b.terms[int(sp.ub[k])])) for k in idx.tolist()
    ]
    shared = np.asarray([len(x & y) for x, y in sets], dtype=np.int64)
    shorter = np.asarray([min(len(x), len(y)) for x, y in sets], dtype=np.int64)
    # one shared word is a coincidence unless the meaning (vectors) says otherwise
    keep = (shared >= p.min_shared) | (sp.ze[idx] >= sp.chance_z)
    idx, shared, shorter = idx[keep], shared[keep], shorter[keep]
    related_keep, related = _relatedness_keep(shared, shorter, p)
    idx = idx[related_keep]
    feats = pair_features(side_a, side_b, sp, idx)
    logit = paraphrase_logit(feats)
    if rescore and p.para_cut is not None and len(idx):
        keep = _paraphrase_keep(logit, p)
        idx, logit, feats = idx[keep], logit[keep], feats[keep]
    if related:  # pairs in narrow gaps of the chain of claims (``order``)
        extra = order_fill(sp, idx, side_a.sentence_ids, side_b.sentence_ids, p)
        if len(extra):
            idx = np.concatenate([idx, extra])
            more = pair_features(side_a, side_b, sp, extra)
            feats = np.concatenate([feats, more])
            logit = np.concatenate([logit, paraphrase_logit(more)])
    return idx, related, logit, ranking_logit(feats)
