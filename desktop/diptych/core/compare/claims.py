"""Overlapping claims: sentences of two articles that state the same thing.

How it works, and why:

- **Units.** Every body sentence (not titles, bylines or headings) is a unit. Long sentences
  can also be cut into clause units (``Params.clause_min_words``), each able to find its own
  partner; that is off by default because on both tuning sets it cost more precision than it
  gained in recall. A claim is reported once per sentence pair.
- **Two similarities per unit pair.** (1) Cosine of stemmed content-term TF-IDF vectors, with
  IDF computed on the two articles themselves: both are about the same event, so the words
  every sentence shares ("Morales", "coup") weigh little; the norm is smoothed so a sentence
  of two words cannot match on one. (2) Cosine of IDF-weighted static word vectors
  (WordLlama's 256-d table, read offline from its wheel), centred on the pair's mean vector
  so the shared subject does not make everything look alike; it lifts paraphrases that
  share few words. Without the vectors (package absent) the term similarity is used alone.
- **Relative scores.** Raw similarities mean different things in different pairs of
  articles, so each becomes a z-score over the pair's own distribution of unit-pair scores
  (a fixed sample of all pairs) and the two z-scores are averaged.
- **Selection.** A pair is kept when its z is within ``near_delta`` of the best z of its A
  sentence and of its B sentence (so a sentence may keep two or three partners when they are
  about as good, and mutual best partners always qualify), and when it clears the chance
  level: the z the best of n unrelated partners reaches (the (1 - 1/n) quantile of the pair's
  own sampled scores, never below the normal quantile; n = the longer article's count). A
  mutual-best pair (each sentence the other's best) has been chosen from both sides, so it
  only needs to clear the chance level of the side with fewer alternatives (n = the shorter
  article's count; on the seed pair this adds one labelled pair and one unlabelled one, on the
  paraphrase documents (equal lengths) nothing; between a short article and a much longer
  unrelated one it admits more chance pairs: 20 claims instead of 8 for 38 x 2,000 sentences).
  A claim needs two shared content terms unless its vector z alone clears
  the chance level. ``min_score`` replaces these relative cuts with an absolute one on the
  0..1 score.
- **Are the articles related at all?** Relative bars always find a pair's best pairs, even
  between a recipe and a match report. The absolute evidence they miss: between related
  articles most selected pairs share several content terms (``strong_shared``, or one less
  making half of the shorter sentence's terms), between unrelated ones almost none do (a
  recipe vs a match report 0 of 9, seed A vs 40 unrelated news sentences 0 of 16). When
  fewer than ``related_share`` of the selected pairs are strong, only the strong ones are
  kept (seed pair: 21 of 31 strong, the paraphrase documents 96 %, so neither changes; the
  unrelated pairs above drop to 0 claims, seed A vs 2,000 news sentences from 39 to 4).
- **Paraphrase re-score.** A small logistic model (``PARA_*``, fitted with numpy on the
  paraphrase corpus's training split) reads scale-free features of each selected pair:
  z-scores in chance units, the IDF-weighted share of each side's terms the other lacks,
  numbers on one side only, capitalised-word mismatch, shared bigrams, the margin over each
  sentence's next partner. Its absolute probabilities do not transfer between corpora, so it
  only cuts relatively: a claim whose log-odds lie more than ``para_cut`` robust standard
  deviations (scaled median absolute deviation) below the median of this pair's claims is
  dropped (near-paraphrases that differ in numbers, names or an extra clause).
- **Scale.** For large articles candidates come from sparse term postings (each unit's most
  weighted terms, skipping terms too common to discriminate), never from a loop over all
  pairs; small articles use every pair. All scoring is numpy over candidate arrays.

The reported score (0..1) is ``1 - exp(-z / score_scale)``, monotone in the combined z, so
claims sort the same way by either.

What each claim carries besides its score (issue 11):

- **Tier** (``ClaimPair.tier``). "strong" only when every independent signal agrees
  (``claim_tier``): the articles are related; the two sentences are each other's best partner
  (one-to-one); the shared terms alone and the meaning (vectors) alone each beat this pair's
  own chance level on that signal (the z the best of n unrelated partners reaches, from the
  pair's sampled background, so each signal's false-alarm rate is about 1/n whatever the
  articles); and ``strong_aligned`` content words are aligned in order inside the shared
  fragment. Everything else selection keeps is "possible". No score cut: a high-scoring pair
  that is not one-to-one, or shares words but not meaning, stays "possible". Measured
  (``eval_claims.py --table``): strong claims right 5 of 6 on the seed labels, 7 of 7 on the
  second labelled pair, about 0.7 on the paraphrase documents (where every candidate is a
  near-paraphrase and a third of them are labelled not the same). Claims are listed strong
  first, each tier best first.
- **The shared fragment** (``a_core`` / ``b_core``, ``claim_core``). The content words of the
  two sentences are aligned in order (by term); aligned words no more than ``core_gap``
  content words apart form fragments, and the one with the most IDF weight, grown to the
  clause around it, is the core (the whole sentence when no content word lies outside it).
  The word diff is of the cores, from the same alignment.
- **What differs** (``differs``, ``claim_differs``): numbers, number words, dates and names
  that replace one another inside the cores' diff ("600 million" / "Half a billion").
- **The reader's verdict** (``verdict``, ``apply_verdicts``): applied from the store by the
  app and the CLI, never by ``find_claims``. Constants were tuned on the paraphrase corpus's training
split (``tests/benchmarks/eval_claims.py``, ``fit_paraphrase_model.py``) and only checked on
the seed labels.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from diff_match_patch import diff_match_patch

from diptych.core.compare._wordvec import word_vectors
from diptych.core.compare.terms import STOPWORDS, term_of, word_spans
from diptych.core.model import (
    Article,
    ArticleTopics,
    ClaimPair,
    ClaimsResult,
    ClaimTier,
    ClaimVerdictKind,
    DiffOp,
    Span,
    TopicSection,
)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Params:
    """The engine's constants (tuned on the paraphrase corpus's training split)."""

    # a claim's z-score (over the pair's own unit-pair distribution) must reach this many
    # times the z that the best of n unrelated partners reaches (the (1 - 1/n) quantile of
    # sampled pairs, n = the longer article's sentence count)
    min_z: float = 1.0
    # weight of the term (TF-IDF) z-score in the combined score; the rest is the vectors'
    term_weight: float = 0.5
    # a pair is kept when its z is within this much of the best z of its A sentence and of
    # its B sentence (0 = mutual best partners only)
    near_delta: float = 2.0
    # drop a second partner that resembles the first more than it resembles the sentence
    drop_redundant: bool = True
    # a claim shares at least this many content terms, or its vector z alone beats chance
    min_shared: int = 2
    # TF-IDF norm smoothing, in squared mean IDF (keeps very short units from matching on
    # one word)
    short_damping: float = 1.0
    # units: sentences of at least this many words are also cut into clauses. Off by default:
    # on both tuning sets clause units cost more precision than they gained in recall
    clause_min_words: int = 10_000
    clause_min_len: int = 5  # a clause shorter than this (words) joins its neighbour
    # candidate generation: each unit's most weighted terms, postings no longer than this
    query_terms: int = 10
    posting_cap: int = 200
    candidates_per_unit: int = 20  # kept per unit by partial score, from each side
    candidate_chunk: int = 2000  # query units per chunk
    # below this many unit pairs every pair is a candidate
    exhaustive_pairs: int = 400_000
    # pairs sampled for the background distribution
    background_sample: int = 20_000
    # score = 1 - exp(-z / score_scale), clipped to 0..1
    score_scale: float = 6.0
    # paraphrase re-score: drop a claim whose paraphrase log-odds lie more than this many
    # robust standard deviations below the median of this pair's claims (None: no re-score).
    # Chosen on the paraphrase training split as the cut whose smaller margin to the issue's
    # targets (precision 0.66, recall 0.85) is largest under 5-fold cross-validation
    # (fit_paraphrase_model.py) ...
    para_cut: float | None = -2.0
    # ... when there are at least this many claims to compare with
    para_min_pool: int = 8
    # pair-level relatedness: a claim is strong when it shares at least this many content
    # terms (on the paraphrase training split, 1.6 in 1,000 random pairs of unrelated
    # sentences share 3, 0.75 in 1,000 share 4, half of those the corpus's own repeats) ...
    strong_shared: int = 4
    # ... or one less when that covers at least this share of the shorter unit's terms (on
    # the unrelated pairs of eval_claims.py --unrelated this adds no claim)
    strong_cover: float = 0.5
    # ... and two articles count as related when at least this share of the selected claims
    # is strong (random excerpts of unrelated news sentences from that split, 10 to 100
    # sentences a side: at most 0.22 over 60 draws, mean <= 0.08; the same excerpts with a
    # fifth to a quarter of their sentences paraphrased in the other: at least 0.35, mean
    # >= 0.45). Unrelated articles keep only their strong claims (0 = no test)
    related_share: float = 1 / 3
    # the shared fragment (core): aligned content words further apart than this many content
    # words (on either side) belong to different fragments; the fragment with the most IDF
    # weight is the core
    core_gap: int = 4
    # tiers: a strong claim has at least this many content words aligned in order in its core
    # (2 or 3 and a fragment gap of 3, 4, 6 or unbounded were compared on the seed labels, the
    # second labelled pair and the paraphrase documents together; 3 and 4 held the fewest
    # wrong strong claims on all three; a shared place name plus one word is not a claim)
    strong_aligned: int = 3


PARAMS = Params()


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class _Side:
    """One article cut into matching units, with their terms and word tokens."""

    spans: tuple[Span, ...]  # unit spans (sentences first, then clauses)
    sentence_of: tuple[int, ...]  # index (in Article.sentences) of each unit's sentence
    sentences: tuple[Span, ...]  # the sentences that can hold claims (body text)
    sentence_ids: tuple[int, ...]  # their indices in Article.sentences
    terms: tuple[tuple[str, ...], ...]  # content terms per unit
    words: tuple[tuple[tuple[str, str], ...], ...]  # (surface word, term) per unit


_CLAIM_BLOCKS = frozenset({"paragraph", "quote", "list_item"})

_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s+[—–]\s*|—|,\s+(?=(?:but|while|whereas|although|though|which|who|and|"
    r"as well as|including|not least|warning|saying)\b)"
)


def _clause_spans(text: str, span: Span, min_words: int, min_len: int) -> list[Span]:
    """Clause sub-spans of a long sentence (empty when it is short or has one clause)."""
    piece = text[span.start : span.end]
    if len(piece) < 2 * min_words or len(word_spans(piece)) < min_words:
        return []
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(piece):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(piece))
    raw = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if cuts[i + 1] > cuts[i]]
    merged: list[list[int]] = []
    for s, e in raw:
        n = len(word_spans(piece[s:e]))
        if merged and (n < min_len or merged[-1][2] < min_len):
            merged[-1][1] = e
            merged[-1][2] += n
        else:
            merged.append([s, e, n])
    if len(merged) < 2:
        return []
    return [Span(span.start + s, span.start + e) for s, e, _ in merged]


def _side(article: Article, p: Params) -> _Side:
    text = article.text
    body = [
        i
        for i, s in enumerate(article.sentences)
        if s.end > s.start and article.blocks[article.block_at(s.start)].kind in _CLAIM_BLOCKS
    ]
    # titles, bylines and headings are labels, not claims (unless there is nothing else)
    ids = body or [i for i, s in enumerate(article.sentences) if s.end > s.start]
    sents = tuple(article.sentences[i] for i in ids)
    spans: list[Span] = list(sents)
    owner: list[int] = list(ids)
    for i in ids:
        for c in _clause_spans(text, article.sentences[i], p.clause_min_words, p.clause_min_len):
            spans.append(c)
            owner.append(i)
    terms: list[tuple[str, ...]] = []
    words: list[tuple[tuple[str, str], ...]] = []
    memo: dict[str, str | None] = {}  # a word's term, looked up once per article
    for sp in spans:
        piece = text[sp.start : sp.end]
        ws: list[tuple[str, str]] = []
        for s, e in word_spans(piece):
            w = piece[s:e]
            t = memo[w] if w in memo else memo.setdefault(w, term_of(w))
            if t is not None:
                ws.append((w, t))
        words.append(tuple(ws))
        terms.append(tuple(t for _, t in ws))
    return _Side(tuple(spans), tuple(owner), sents, tuple(ids), tuple(terms), tuple(words))


# --------------------------------------------------------------------------- vectors


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
    chunk = 200_000
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
    chunk = 100_000
    for s in range(0, len(ia), chunk):
        out[s : s + chunk] = np.einsum("ij,ij->i", ea[ia[s : s + chunk]], eb[ib[s : s + chunk]])
    return out


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


def _background(
    a: _Sparse, b: _Sparse, ea: FloatArray | None, eb: FloatArray | None, p: Params
) -> tuple[float, float, float, float, FloatArray, FloatArray]:
    """Mean and standard deviation of both similarities over (a sample of) all unit pairs,
    and the sampled similarities themselves."""
    n, m = len(a.indptr) - 1, len(b.indptr) - 1
    rng = np.random.default_rng(20191110)
    if n * m <= p.background_sample:
        ga, gb = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
        ia, ib = ga.ravel().astype(np.int64), gb.ravel().astype(np.int64)
    else:
        ia = rng.integers(0, n, p.background_sample).astype(np.int64)
        ib = rng.integers(0, m, p.background_sample).astype(np.int64)
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
        ),
    )


def _best_of(group: IntArray, z: FloatArray) -> IntArray:
    """For each row, the row index of the best-scoring row of its group."""
    order = np.lexsort((-z, group))
    g = group[order]
    start = np.ones(len(g), dtype=bool)
    start[1:] = g[1:] != g[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    best = np.empty(len(g), dtype=np.int64)
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


def _score01(z: FloatArray, p: Params) -> FloatArray:
    return np.clip(1.0 - np.exp(-np.maximum(z, 0.0) / p.score_scale), 0.0, 1.0)


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


def _mutual_best(sp: ScoredPairs, n_a: int, n_b: int) -> npt.NDArray[np.bool_]:
    """Unit pairs that are the best pair of both their sentences."""
    best_a = _sentence_best(sp.sa, sp.z, n_a)[sp.sa]
    best_b = _sentence_best(sp.sb, sp.z, n_b)[sp.sb]
    out: npt.NDArray[np.bool_] = (sp.z >= best_a) & (sp.z >= best_b)
    return out


def _candidate_pairs(sp: ScoredPairs, p: Params, min_score: float | None) -> IntArray:
    """Kept unit pairs, one per sentence pair (its best unit pair), best first."""
    if len(sp.z) == 0:
        return np.zeros(0, np.int64)
    n_a = int(sp.sa.max()) + 1
    n_b = int(sp.sb.max()) + 1
    kept = _kept_units(sp, p, n_a, n_b)
    if min_score is None:
        # a pair chosen by both its sentences needs to beat chance for one side only
        mutual = _mutual_best(sp, n_a, n_b) & (sp.z >= p.min_z * sp.mutual_chance_z)
        kept &= (sp.z >= p.min_z * sp.chance_z) | mutual
    else:
        kept &= _score01(sp.z, p) >= min_score
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


# --------------------------------------------------------------------------- paraphrase re-score

# A logistic model of "states the same thing" over a handful of scale-free features of a
# candidate pair (see ``pair_features``). Fitted with numpy (Newton/IRLS, L2 = 1 on the
# standardised features) on the paraphrase corpus's TRAINING split laid out as two documents:
# every pair the selection above reports is a row, labelled 1 when it is a gold paraphrase
# pair; pairs of word-for-word identical sentences are left out of the fit (the corpus reuses
# sentences, so its gold calls many identical pairs wrong). Refit and cross-validate with
# ``tests/benchmarks/fit_paraphrase_model.py``; it prints these constants.
PARA_FEATURES = (
    "term z / chance",
    "vector z / chance",
    "unmatched share, less-covered side",
    "unmatched share, better-covered side",
    "length ratio (log)",
    "numbers on one side only (log1p)",
    "capitalised-word mismatch",
    "shared bigrams",
    "margin over next partner / chance, smaller",
    "margin over next partner / chance, larger",
)
PARA_MEAN = (3.9208, 0.9969, 0.3571, 0.2252, 0.1725, 0.2442, 0.3913, 0.5480, 0.2757, 0.2913)
PARA_SCALE = (1.0101, 0.1873, 0.1646, 0.1651, 0.1502, 0.4989, 0.3821, 0.2443, 0.0754, 0.0441)
# (the features are correlated, so single signs mean little: together, fewer unmatched words,
# fewer unshared numbers, closer meaning by the vectors and a clear margin over the next
# partner make a paraphrase; high word overlap with the vectors no closer does not)
PARA_COEF = (-0.4927, 0.5586, -0.8099, -0.4037, 0.0750, -0.1645, 0.1591, -0.6055, 0.2445, 0.4650)
PARA_INTERCEPT = 0.7755
# a margin over the next partner beyond this (in chance units) says nothing more
_MARGIN_CAP = 0.3


def _second_best(group: IntArray, z: FloatArray, size: int) -> tuple[FloatArray, FloatArray]:
    """Best and second-best z of each group (-inf where missing)."""
    order = np.lexsort((-z, group))
    g = group[order]
    start = np.ones(len(g), dtype=bool)
    start[1:] = g[1:] != g[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(g)), 0))
    rank = np.arange(len(g)) - first
    b1 = np.full(size, -np.inf)
    b2 = np.full(size, -np.inf)
    b1[g[rank == 0]] = z[order][rank == 0]
    b2[g[rank == 1]] = z[order][rank == 1]
    return b1, b2


def pair_features(side_a: _Side, side_b: _Side, sp: ScoredPairs, idx: IntArray) -> FloatArray:
    """The paraphrase features (``PARA_FEATURES``) of the unit pairs ``idx``, one row each.

    Every feature is scale-free: z-scores and margins are read in units of the pair's chance
    level, the rest are shares, ratios and counts of the two units' own words.
    """
    out = np.zeros((len(idx), len(PARA_FEATURES)), dtype=np.float64)
    if len(idx) == 0:
        return out
    c = sp.chance_z or 1.0
    idf = sp.idf or {}
    n_a = int(sp.sa.max()) + 1
    n_b = int(sp.sb.max()) + 1
    a1, a2 = _second_best(sp.sa, sp.z, n_a)
    b1, b2 = _second_best(sp.sb, sp.z, n_b)
    for row, k in enumerate(idx.tolist()):
        wa, wb = side_a.words[int(sp.ua[k])], side_b.words[int(sp.ub[k])]
        ta = [t for _, t in wa]
        tb = [t for _, t in wb]
        set_a, set_b = set(ta), set(tb)
        un_a = sum(idf.get(t, 1.0) for t in set_a - set_b) / (
            sum(idf.get(t, 1.0) for t in set_a) or 1.0
        )
        un_b = sum(idf.get(t, 1.0) for t in set_b - set_a) / (
            sum(idf.get(t, 1.0) for t in set_b) or 1.0
        )
        nums = {w for w, _ in wa if w[0].isdigit()} ^ {w for w, _ in wb if w[0].isdigit()}
        cap_a = {t for i, (w, t) in enumerate(wa) if i > 0 and w[0].isupper()}
        cap_b = {t for i, (w, t) in enumerate(wb) if i > 0 and w[0].isupper()}
        big_a = set(itertools.pairwise(ta))
        big_b = set(itertools.pairwise(tb))
        z = float(sp.z[k])
        margins = []
        for best, second, s in ((a1, a2, int(sp.sa[k])), (b1, b2, int(sp.sb[k]))):
            alt = second[s] if best[s] <= z else best[s]
            gap = (z - alt) / c if np.isfinite(alt) else _MARGIN_CAP
            # a second partner scores 0, not below: one sentence may state several claims
            margins.append(min(max(gap, 0.0), _MARGIN_CAP))
        out[row] = (
            float(sp.zt[k]) / c,
            float(sp.ze[k]) / c,
            max(un_a, un_b),
            min(un_a, un_b),
            abs(math.log((len(ta) + 1) / (len(tb) + 1))),
            math.log1p(len(nums)),
            len(cap_a ^ cap_b) / (len(cap_a | cap_b) or 1),
            len(big_a & big_b) / (min(len(big_a), len(big_b)) or 1),
            min(margins),
            max(margins),
        )
    return out


def paraphrase_logit(features: FloatArray) -> FloatArray:
    """The paraphrase model's log-odds for rows of ``pair_features``."""
    mean = np.asarray(PARA_MEAN)
    scale = np.asarray(PARA_SCALE)
    coef = np.asarray(PARA_COEF)
    out: FloatArray = ((features - mean) / scale) @ coef + PARA_INTERCEPT
    return out


def _paraphrase_keep(logit: FloatArray, p: Params) -> npt.NDArray[np.bool_]:
    """Pairs whose paraphrase log-odds are not far below those of the other claims of this
    pair of articles: a relative cut (absolute probabilities do not transfer between corpora),
    in robust units (median and scaled median absolute deviation), so a small set of claims
    with a few loose ones is not judged by a spread those few inflate.

    A claim the model itself calls a paraphrase (probability >= 1/2) is never cut: among
    near-identical claims (two revisions of one text) the spread is tiny, and a relative cut
    alone would drop exactly the edited sentences."""
    keep = np.ones(len(logit), dtype=bool)
    if p.para_cut is None or len(logit) < p.para_min_pool:
        return keep
    med = float(np.median(logit))
    spread = 1.4826 * float(np.median(np.abs(logit - med)))
    if spread == 0.0:
        return keep
    keep &= ((logit - med) / spread >= p.para_cut) | (logit >= 0.0)
    return keep


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


def select_pairs(
    sp: ScoredPairs,
    side_a: _Side,
    side_b: _Side,
    p: Params,
    min_score: float | None,
    *,
    rescore: bool = True,
) -> tuple[IntArray, bool]:
    """Indices into ``sp`` of the reported claims (one per sentence pair), best first, and
    whether the two articles look related (see ``_relatedness_keep``)."""
    idx = _candidate_pairs(sp, p, min_score)
    if min_score is not None or len(idx) == 0:
        return idx, True
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
    if rescore and p.para_cut is not None and len(idx):
        idx = idx[_paraphrase_keep(paraphrase_logit(pair_features(side_a, side_b, sp, idx)), p)]
    return idx, related


# --------------------------------------------------------------------------- presentation

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0.2  # seconds: a worst case degrades to a coarser diff, never a stall
# a token is a word (with inner apostrophes), a run of whitespace or a run of punctuation, so
# "Morales," and "Morales " still share the word
_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]+", re.UNICODE)


# distinct content words a diff can align: the private-use characters they are mapped to
# (U+E000..U+F8FF, then planes 15 and 16)
_MAX_DIFF_WORDS = 6400 + 0x110000 - 0xF0000


class _TooManyWords(Exception):
    pass


def _is_content(tok: str) -> bool:
    return (tok[0].isalnum() or tok[0] == "_") and tok.lower().replace("’", "'") not in STOPWORDS


def word_diff(x: str, y: str) -> tuple[DiffOp, ...]:
    """Word-level diff of two texts that shows the content words they share.

    diff-match-patch aligns the two texts' content words (stop words, whitespace and
    punctuation left out, so a run of coincidental "the" and ", " cannot steer the alignment)
    as tokens mapped to characters; no semantic cleanup, which on two sentences that say one
    thing in a different order folds everything into one delete and one insert and hides every
    shared word. Between two aligned words, the tokens both sides start and end with are
    equal too. An equality between two edits that holds only whitespace, punctuation and stop
    words then becomes part of the edits around it, runs of edits merge, and each run lists
    what A drops before what B adds. Ops -1 and 0 rebuild ``x``; 0 and 1 rebuild ``y``.
    """
    tx, ty, anchors = _align(x, y)
    if anchors is None:
        return tuple(d for d in ((-1, x), (1, y)) if d[1])
    return _diff_ops(tx, ty, anchors)


def _align(
    x: str, y: str, *, by_term: bool = False, memo: dict[str, str | None] | None = None
) -> tuple[list[str], list[str], list[tuple[int, int]] | None]:
    """The tokens of ``x`` and ``y`` and their aligned content tokens as (index in x's tokens,
    index in y's tokens), in order (None when there are too many distinct words to align).
    ``by_term``: words match by content term (stem, any case), not as written (``memo``: a
    word -> term dictionary to reuse between calls)."""
    terms = memo if memo is not None else {}
    tx, ty = _TOKEN_RE.findall(x), _TOKEN_RE.findall(y)
    table: dict[str, str] = {}

    def encode(toks: list[str]) -> tuple[str, list[int]]:
        chars: list[str] = []
        where: list[int] = []
        for i, tok in enumerate(toks):
            if not _is_content(tok):
                continue
            if by_term:
                t = terms[tok] if tok in terms else terms.setdefault(tok, term_of(tok))
                key = t or tok.lower()
            else:
                key = tok
            ch = table.get(key)
            if ch is None:
                n = len(table)
                if n >= _MAX_DIFF_WORDS:
                    raise _TooManyWords
                ch = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
                table[key] = ch
            chars.append(ch)
            where.append(i)
        return "".join(chars), where

    try:
        ex, wx = encode(tx)
        ey, wy = encode(ty)
    except _TooManyWords:  # more distinct words than private-use characters: no alignment
        return tx, ty, None
    # aligned content tokens as (index in tx, index in ty), then an end sentinel
    anchors: list[tuple[int, int]] = []
    px = py = 0
    for op, s in _DMP.diff_main(ex, ey, False):
        if op == 0:
            anchors.extend((wx[px + k], wy[py + k]) for k in range(len(s)))
        if op <= 0:
            px += len(s)
        if op >= 0:
            py += len(s)
    return tx, ty, anchors


def _diff_ops(tx: list[str], ty: list[str], aligned: list[tuple[int, int]]) -> tuple[DiffOp, ...]:
    anchors = [*aligned, (len(tx), len(ty))]
    raw: list[tuple[int, str]] = []
    ix = iy = 0
    for ax, ay in anchors:
        gx, gy = tx[ix:ax], ty[iy:ay]
        pre = 0
        while pre < min(len(gx), len(gy)) and gx[pre] == gy[pre]:
            pre += 1
        suf = 0
        while suf < min(len(gx), len(gy)) - pre and gx[-1 - suf] == gy[-1 - suf]:
            suf += 1
        raw.append((0, "".join(gx[:pre])))
        raw.append((-1, "".join(gx[pre : len(gx) - suf])))
        raw.append((1, "".join(gy[pre : len(gy) - suf])))
        raw.append((0, "".join(gx[len(gx) - suf :])))
        if ax < len(tx) and tx[ax] == ty[ay]:
            raw.append((0, tx[ax]))
        elif ax < len(tx):  # aligned by term, written differently ("confronted", "confront")
            raw.append((-1, tx[ax]))
            raw.append((1, ty[ay]))
        ix, iy = ax + 1, ay + 1
    # merge neighbours of the same kind, drop empties
    ops: list[tuple[int, str]] = []
    for op, s in raw:
        if not s:
            continue
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + s)
        else:
            ops.append((op, s))

    out: list[DiffOp] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append((-1, "".join(dels)))
        if ins:
            out.append((1, "".join(ins)))
        dels.clear()
        ins.clear()

    for i, (op, s) in enumerate(ops):
        if (
            op == 0
            and 0 < i < len(ops) - 1
            and not any(_is_content(t) for t in _TOKEN_RE.findall(s))
        ):
            dels.append(s)  # filler between edits: part of both edits
            ins.append(s)
        elif op == 0:
            flush()
            out.append((0, s))
        else:
            (dels if op < 0 else ins).append(s)
    flush()
    return tuple(out)


# --------------------------------------------------------------------------- cores, figures, tiers

# where a clause ends: the core grows from its aligned words to the nearest of these
_CLAUSE_EDGE = re.compile(r"[,;:()\[\]—–]|\s-\s")
_NUMBER_TEXT = """
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion dozen dozens half quarter third score scores
    """
_NUMBER_WORDS = frozenset(_NUMBER_TEXT.split())
_DATE_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
_DATE_WORDS = frozenset(_DATE_TEXT.split())
# capitalised words that are titles, not names (stop words are never names either)
_TITLE_TEXT = """
    president vice gen general secretary minister senator governor chief king queen prime
    """
_TITLES = frozenset(_TITLE_TEXT.split())


@dataclass(frozen=True)
class _Core:
    """The shared fragment of a pair of units: code-point offsets within each unit's text, and
    how many content words are aligned in order inside it."""

    a: tuple[int, int]
    b: tuple[int, int]
    aligned: int


def _token_starts(toks: Sequence[str]) -> list[int]:
    out = [0]
    for t in toks:
        out.append(out[-1] + len(t))
    return out


def _grow_to_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` grown to the clause around it (the nearest clause edges outside)."""
    left = 0
    for edge in _CLAUSE_EDGE.finditer(text, 0, start):
        left = edge.end()
    after = _CLAUSE_EDGE.search(text, end)
    right = after.start() if after else len(text)
    # the closing quote of the clause before / the opening quote of the clause after
    while left < right and (
        text[left].isspace()
        or text[left] in "”’)"
        or (text[left] in "\"'" and (left + 1 == right or text[left + 1].isspace()))
    ):
        left += 1
    while right > left and (
        text[right - 1].isspace()
        or text[right - 1] in "“‘("
        or (text[right - 1] in "\"'" and (right - 1 == left or text[right - 2].isspace()))
    ):
        right -= 1
    return left, right


def _has_content(toks: Sequence[str]) -> bool:
    return any(_is_content(t) for t in toks)


def claim_core(x: str, y: str, idf: dict[str, float], gap: int = PARAMS.core_gap) -> _Core:
    """The shared fragment of two sentences (see ``core_and_diff``)."""
    return core_and_diff(x, y, idf, gap)[0]


def core_and_diff(
    x: str,
    y: str,
    idf: dict[str, float],
    gap: int = PARAMS.core_gap,
    memo: dict[str, str | None] | None = None,
) -> tuple[_Core, tuple[DiffOp, ...]]:
    """The shared fragment of two sentences ``x`` and ``y``.

    Their content words are aligned in order (by term, so "confronted" meets "confront"); runs
    of aligned words no further apart than ``gap`` content words on both sides form fragments;
    the fragment with the most IDF weight, grown to the clause around it on each side, is the
    core. A side whose every content word lies inside its core keeps the whole sentence."""
    memo = {} if memo is None else memo
    tx, ty, anchors = _align(x, y, by_term=True, memo=memo)
    whole = _Core((0, len(x)), (0, len(y)), 0)
    if anchors is None:
        return whole, word_diff(x, y)
    if not anchors:
        return whole, _diff_ops(tx, ty, [])
    ord_x = list(itertools.accumulate(_is_content(t) for t in tx))
    ord_y = list(itertools.accumulate(_is_content(t) for t in ty))
    clusters: list[list[tuple[int, int]]] = [[anchors[0]]]
    for (px, py), (ax, ay) in itertools.pairwise(anchors):
        if ord_x[ax] - ord_x[px] - 1 > gap or ord_y[ay] - ord_y[py] - 1 > gap:
            clusters.append([])
        clusters[-1].append((ax, ay))

    def weight(c: list[tuple[int, int]]) -> float:
        return sum(idf.get(memo.get(tx[ax]) or "", 1.0) for ax, _ in c)

    best = max(clusters, key=lambda c: (weight(c), len(c)))
    # every fragment of two or more aligned words is shared too: the core runs from the first
    # to the last of them (one sentence may share two clauses with the other)
    shown = [c for c in clusters if len(c) >= 2 or c is best]
    sx, sy = _token_starts(tx), _token_starts(ty)
    (fx, fy), (lx, ly) = shown[0][0], shown[-1][-1]
    a0, a1 = _grow_to_clause(x, sx[fx], sx[lx + 1])
    b0, b1 = _grow_to_clause(y, sy[fy], sy[ly + 1])

    def outside(toks: list[str], starts: list[int], lo: int, hi: int) -> bool:
        return _has_content([t for t, s0 in zip(toks, starts, strict=False) if s0 < lo or s0 >= hi])

    if not outside(tx, sx, a0, a1):
        a0, a1 = 0, len(x)
    if not outside(ty, sy, b0, b1):
        b0, b1 = 0, len(y)
    core = _Core((a0, a1), (b0, b1), len(best))
    if (a0, a1) == (0, len(x)) and (b0, b1) == (0, len(y)):
        return core, _diff_ops(tx, ty, anchors)
    # the diff of the cores, from the same alignment: the anchors inside both cores, moved to
    # the cores' own tokens (a core edge falls between tokens; one that does not drops the
    # anchors of that token)
    cx, cy = _TOKEN_RE.findall(x[a0:a1]), _TOKEN_RE.findall(y[b0:b1])
    at_x = {s0 + a0: i for i, s0 in enumerate(_token_starts(cx)[:-1])}
    at_y = {s0 + b0: i for i, s0 in enumerate(_token_starts(cy)[:-1])}
    inner = [
        (at_x[sx[ax]], at_y[sy[ay]])
        for ax, ay in anchors
        if sx[ax] in at_x
        and sy[ay] in at_y
        and sx[ax + 1] <= a1
        and sy[ay + 1] <= b1
        and cx[at_x[sx[ax]]] == tx[ax]
        and cy[at_y[sy[ay]]] == ty[ay]
    ]
    return core, _diff_ops(cx, cy, inner)


def _figures(words: Sequence[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        low = w.lower()
        if w[0].isdigit() or low in _NUMBER_WORDS or low in _DATE_WORDS:
            out.append(w)
    return out


def _names(words: Sequence[str]) -> list[str]:
    return [
        w
        for w in words
        if w[0].isupper()
        and w.lower() not in _TITLES
        and w.lower() not in _DATE_WORDS
        and w.lower() not in STOPWORDS
    ]


def _same_words(x: Sequence[str], y: Sequence[str]) -> bool:
    return {term_of(w) or w.lower() for w in x} == {term_of(w) or w.lower() for w in y}


def claim_differs(diff: Sequence[DiffOp], max_words: int = 4) -> tuple[tuple[str, str], ...]:
    """Figures, dates and names that differ inside a claim's matching fragments.

    Reads the word diff of the cores: in each run of edits where both sides say something
    short in the same place (one replaces the other, at most ``max_words`` content words a
    side: a longer run is a different wording, not a different fact), the numbers (digits or
    number words), dates (months, weekdays) and, when both sides name someone, capitalised
    names. A run where only one side adds words is extra detail, not a disagreement. The first
    word of a fragment is never a name (it is capitalised because it starts the sentence).
    Returns (what A says, what B says) per run; a side without a figure says ""."""
    runs: list[tuple[list[str], list[str]]] = []
    cur: tuple[list[str], list[str]] | None = None
    opening: set[str] = set()  # the capitalised first word of each side's fragment
    start = {-1: True, 1: True}  # the next word of that side opens the fragment
    for op, text in diff:
        words = [text[s:e] for s, e in word_spans(text)]
        if words:
            for side in (-1, 1) if op == 0 else (op,):
                if start[side] and op != 0:
                    opening.add(words[0])
                start[side] = False
        if op == 0:
            cur = None
            continue
        if cur is None:
            cur = ([], [])
            runs.append(cur)
        (cur[0] if op < 0 else cur[1]).extend(words)
    out: list[tuple[str, str]] = []
    for da, ib in runs:
        ca = [w for w in da if _is_content(w)]
        cb = [w for w in ib if _is_content(w)]
        if not ca or not cb or len(ca) > max_words or len(cb) > max_words:
            continue
        fa, fb = _figures(da), _figures(ib)
        if (fa or fb) and not _same_words(fa, fb):
            out.append((" ".join(fa), " ".join(fb)))
            continue
        na = [w for w in _names(da) if w not in opening]
        nb = [w for w in _names(ib) if w not in opening]
        if na and nb and not _same_words(na, nb):
            out.append((" ".join(na), " ".join(nb)))
    return tuple(out)


def claim_tier(
    *,
    related: bool,
    one_to_one: bool,
    terms_beat_chance: bool,
    meaning_beats_chance: bool | None,
    aligned: int,
    p: Params = PARAMS,
) -> ClaimTier:
    """ "strong" when every independent signal agrees, else "possible".

    The signals: the two articles are related (``_relatedness_keep``); the two sentences are
    each other's best partner (one-to-one); the shared terms alone (TF-IDF z) and the meaning
    alone (vector z; None when there are no vectors, then it is not asked) each beat the
    chance level of this pair (the z the best of n unrelated partners reaches on that signal,
    from the pair's own sampled distribution, so each signal's false-alarm rate is about 1/n
    whatever the articles); and at least ``strong_aligned`` content words are aligned in
    order inside the shared fragment."""
    ok = (
        related
        and one_to_one
        and terms_beat_chance
        and meaning_beats_chance is not False
        and aligned >= p.strong_aligned
    )
    return "strong" if ok else "possible"


def _shared_terms(wa: Sequence[tuple[str, str]], wb: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Surface words (as written in A) of the content terms both units use, in A's order."""
    in_b = {t for _, t in wb}
    seen: set[str] = set()
    out: list[str] = []
    for w, t in wa:
        if t in in_b and t not in seen and w.lower() not in STOPWORDS:
            seen.add(t)
            out.append(w)
    return tuple(out)


def _topic_of(sections: Sequence[TopicSection], offset: int) -> str | None:
    lo, hi = 0, len(sections)
    while lo < hi:
        mid = (lo + hi) // 2
        if sections[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sections) and sections[lo].start <= offset < sections[lo].end:
        return sections[lo].topic
    return None


def _topic(topics: ArticleTopics | None, a: Span, b: Span) -> str | None:
    if topics is None:
        return None
    return _topic_of(topics.a, a.start) or _topic_of(topics.b, b.start)


def find_claims(
    a: Article,
    b: Article,
    *,
    topics: ArticleTopics | None = None,
    min_score: float | None = None,
) -> ClaimsResult:
    """Claims that A and B share (best first, score 0..1) and the sentences only one side has.

    ``min_score``: report every best-partner pair scoring at least this (0..1) instead of
    the default cut relative to the pair's own score distribution.
    """
    return _find_claims(a, b, topics=topics, min_score=min_score, params=PARAMS)


def _find_claims(
    a: Article,
    b: Article,
    *,
    topics: ArticleTopics | None,
    min_score: float | None,
    params: Params,
) -> ClaimsResult:
    side_a, side_b, sp = score_pairs(a, b, params)
    chosen, related = select_pairs(sp, side_a, side_b, params, min_score)
    scores = _score01(sp.z, params)
    mutual = (
        _mutual_best(sp, int(sp.sa.max()) + 1, int(sp.sb.max()) + 1)
        if len(sp.z)
        else np.zeros(0, dtype=bool)
    )
    idf = sp.idf or {}
    memo: dict[str, str | None] = {}  # word -> term, shared by this pair's claims
    claims: list[ClaimPair] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for k in chosen.tolist():
        ua, ub = int(sp.ua[k]), int(sp.ub[k])
        span_a, span_b = side_a.spans[ua], side_b.spans[ub]
        used_a.add(int(sp.sa[k]))
        used_b.add(int(sp.sb[k]))
        text_a, text_b = a.span_text(span_a), b.span_text(span_b)
        core, diff = core_and_diff(text_a, text_b, idf, params.core_gap, memo)
        core_a = Span(span_a.start + core.a[0], span_a.start + core.a[1])
        core_b = Span(span_b.start + core.b[0], span_b.start + core.b[1])
        tier = claim_tier(
            related=related,
            one_to_one=bool(mutual[k]),
            terms_beat_chance=float(sp.zt[k]) >= sp.chance_t,
            meaning_beats_chance=float(sp.ze[k]) >= sp.chance_e if sp.has_vectors else None,
            aligned=core.aligned,
            p=params,
        )
        claims.append(
            ClaimPair(
                a=span_a,
                b=span_b,
                score=round(float(scores[k]), 4),
                topic=_topic(topics, span_a, span_b),
                shared_terms=_shared_terms(side_a.words[ua], side_b.words[ub]),
                diff=diff,
                tier=tier,
                a_core=core_a if core_a != span_a else None,
                b_core=core_b if core_b != span_b else None,
                differs=claim_differs(diff),
            )
        )
    # strong claims first, each tier best first (a stable sort keeps the engine's order)
    claims.sort(key=lambda c: c.tier != "strong")
    only_a = tuple(a.sentences[i] for i in side_a.sentence_ids if i not in used_a)
    only_b = tuple(b.sentences[i] for i in side_b.sentence_ids if i not in used_b)
    return ClaimsResult(tuple(claims), only_a, only_b, related=related)


# --------------------------------------------------------------------------- the reader's verdicts


@dataclass(frozen=True)
class VerdictSpans:
    """A reader's verdict located in the current texts (from the store's ``resolve_verdicts``)."""

    a: Span
    b: Span
    verdict: ClaimVerdictKind
    key: str  # the store's verdict id


def _overlaps(x: Span, y: Span) -> bool:
    return x.start < y.end and y.start < x.end


def apply_verdicts(
    result: ClaimsResult, a: Article, b: Article, verdicts: Sequence[VerdictSpans]
) -> tuple[ClaimsResult, dict[int, str]]:
    """The claims with the reader's verdicts applied, and which verdict (its key) each judged
    claim carries, by index in the returned claims.

    A verdict applies to the claim whose sentences overlap both its passages. "same" makes the
    claim strong (a scroll anchor and a gutter band); "different" marks it rejected (its tier
    becomes "possible": no band, no anchor; the panel lists it under "Rejected"). A "same"
    verdict no claim matches is a pair the reader added: it becomes a strong claim of its own
    (score 1.0, the reader's certainty), its diff and differing figures computed as for any
    claim. Claims keep the engine's order: strong first, best first."""
    claims = list(result.claims)
    keys: dict[int, str] = {}
    for v in verdicts:
        hit = next(
            (
                i
                for i, c in enumerate(claims)
                if i not in keys and _overlaps(c.a, v.a) and _overlaps(c.b, v.b)
            ),
            None,
        )
        if hit is None:
            if v.verdict != "same":
                continue  # a rejected pair the engine no longer proposes: nothing to hide
            text_a, text_b = a.span_text(v.a), b.span_text(v.b)
            wa = [(w, t) for s0, e0 in word_spans(text_a) if (t := term_of(w := text_a[s0:e0]))]
            wb = [(w, t) for s0, e0 in word_spans(text_b) if (t := term_of(w := text_b[s0:e0]))]
            diff = word_diff(text_a, text_b)
            claims.append(
                ClaimPair(
                    a=v.a,
                    b=v.b,
                    score=1.0,
                    topic=None,
                    shared_terms=_shared_terms(wa, wb),
                    diff=diff,
                    tier="strong",
                    differs=claim_differs(diff),
                    verdict="same",
                )
            )
            hit = len(claims) - 1
        else:
            tier: ClaimTier = "strong" if v.verdict == "same" else "possible"
            claims[hit] = replace(claims[hit], verdict=v.verdict, tier=tier)
        keys[hit] = v.key
    order = sorted(
        range(len(claims)),
        key=lambda i: (claims[i].tier != "strong", claims[i].verdict != "same", -claims[i].score),
    )
    ranked = tuple(claims[i] for i in order)
    new_index = {old: new for new, old in enumerate(order)}
    judged_a = {c.a for c in ranked if c.verdict is not None}
    judged_b = {c.b for c in ranked if c.verdict is not None}
    return (
        replace(
            result,
            claims=ranked,
            only_in_a=tuple(s for s in result.only_in_a if s not in judged_a),
            only_in_b=tuple(s for s in result.only_in_b if s not in judged_b),
        ),
        {new_index[i]: k for i, k in keys.items()},
    )
