"""Candidate signals for the strong tier, measured on every labelled row (issue 11).

Run: ``.venv/bin/python tests/benchmarks/study_tier_signals.py``

The strong tier (``claims.tiers.claim_tier``) is meant to separate pairs that make one
statement from pairs that only share a theme (the seed pair's "reign of terror" /
"tribune of the people": seven shared terms scattered over two long sentences). This script
computes, for every claim the tier called strong while it asked that ALL shared terms beat
chance (the tier before the compact-fragment signal) on the seed labels, the Apollo 11
labels and the paraphrase documents (training split), a set of candidate signals read from the
shared fragment (``fragments.core_and_diff``) and the two sentences, and prints for each signal:
the values of the seed pair's wrong strong claims, the lowest value among the right strong
claims of the two labelled pairs, and on the paraphrase documents the precision of the strong
tier with and without a cut just above the wrong claims' values (and the right claims lost).

Measured: only the compact fragment's term z puts the wrong claim (0.67 of chance) clearly
below every right one (>= 1.02) at the tier's own bar (1.0, no new constant), at no cost on the
paraphrase documents; the other signals separate it by a hair or not at all.

A signal is worth a tier rule only when the wrong claims sit clearly below every right one on
the labelled pairs AND the cut costs the paraphrase documents no precision; a cut that falls
between two nearly equal values is a constant tuned to one pair, and is not taken.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_claims as ev

from diptych.core.compare._wordvec import word_vectors
from diptych.core.compare.claims import PARAMS, core_and_diff, pair_features
from diptych.core.compare.claims.bars import _best_partners
from diptych.core.compare.claims.diff import _TOKEN_RE, _align, _is_content
from diptych.core.compare.claims.fragments import fragment_share
from diptych.core.compare.claims.scoring import score_pairs
from diptych.core.compare.claims.selection import select_scored
from diptych.core.compare.terms import term_of
from diptych.core.model import Article, Span


@dataclass
class Strong:
    """One strong claim with what the signals read."""

    right: bool
    wrong: bool  # labelled "different" (seed / Apollo); unlabelled pairs are neither
    text_a: str
    text_b: str
    core_a: tuple[int, int]
    core_b: tuple[int, int]
    aligned: int
    terms_a: tuple[str, ...]
    terms_b: tuple[str, ...]
    words_a: tuple[tuple[str, str], ...]
    words_b: tuple[tuple[str, str], ...]
    idf: dict[str, float]
    margin_shorter: float  # the paraphrase feature "margin over next partner", smaller
    fragment_z: float  # the compact fragment's term z in chance units (the tier's signal now)


def strong_claims(
    a: Article,
    b: Article,
    gold: set[tuple[int, int]],
    neg: set[tuple[int, int]],
    key: Callable[[Span, Span], tuple[int, int]],
) -> list[Strong]:
    sa, sb, sp = score_pairs(a, b, PARAMS)
    chosen, related, logit, _rank = select_scored(sp, sa, sb, PARAMS, None)
    feats = pair_features(sa, sb, sp, chosen)
    best_a, best_b = _best_partners(sp, int(sp.sa.max()) + 1, int(sp.sb.max()) + 1)
    idf = sp.idf or {}
    memo: dict[str, str | None] = {}
    out: list[Strong] = []
    for row, k in enumerate(chosen.tolist()):
        ua, ub = int(sp.ua[k]), int(sp.ub[k])
        a_short = len(set(sa.terms[ua])) <= len(set(sb.terms[ub]))
        strong = (
            related
            and bool(best_a[k] if a_short else best_b[k])
            and sp.zt[k] >= sp.chance_t
            and (not sp.has_vectors or sp.ze[k] >= sp.chance_e)
            and logit[row] >= 0.0
        )
        if not strong:
            continue
        ta, tb = a.span_text(sa.spans[ua]), b.span_text(sb.spans[ub])
        share = fragment_share(sa.terms[ua], sb.terms[ub], idf, PARAMS.core_gap)
        frag_z = (float(sp.t[k]) * share - sp.term_mean) / sp.term_std / sp.chance_t
        core, _diff = core_and_diff(ta, tb, idf, PARAMS.core_gap, memo)
        pair = key(sa.spans[ua], sb.spans[ub])
        out.append(
            Strong(
                pair in gold,
                pair in neg,
                ta,
                tb,
                core.a,
                core.b,
                core.aligned,
                sa.terms[ua],
                sb.terms[ub],
                sa.words[ua],
                sb.words[ub],
                idf,
                float(feats[row, 8]),
                frag_z,
            )
        )
    return out


# --------------------------------------------------------------------------- the signals


def _content(text: str) -> list[str]:
    return [t for t in (term_of(w) for w in _TOKEN_RE.findall(text) if _is_content(w)) if t]


def core_length_ratio(s: Strong) -> float:
    """The shorter core's length over the longer's (characters)."""
    la, lb = s.core_a[1] - s.core_a[0], s.core_b[1] - s.core_b[0]
    return min(la, lb) / max(la, lb, 1)


def core_count_ratio(s: Strong) -> float:
    """The same in content words."""
    na = len(_content(s.text_a[s.core_a[0] : s.core_a[1]])) or 1
    nb = len(_content(s.text_b[s.core_b[0] : s.core_b[1]])) or 1
    return min(na, nb) / max(na, nb)


def core_density(s: Strong) -> float:
    """Aligned words of the best fragment over the content words of the larger core."""
    na = len(_content(s.text_a[s.core_a[0] : s.core_a[1]])) or 1
    nb = len(_content(s.text_b[s.core_b[0] : s.core_b[1]])) or 1
    return s.aligned / max(na, nb)


def _weight(s: Strong, terms: set[str]) -> float:
    return sum(s.idf.get(t, 1.0) for t in terms)


def core_unmatched_gap(s: Strong) -> float:
    """Minus the difference of the two cores' unmatched IDF shares (a compact fragment of one
    side matched into a long stretch of the other scores low)."""
    ca = set(_content(s.text_a[s.core_a[0] : s.core_a[1]]))
    cb = set(_content(s.text_b[s.core_b[0] : s.core_b[1]]))
    ua = _weight(s, ca - cb) / (_weight(s, ca) or 1.0)
    ub = _weight(s, cb - ca) / (_weight(s, cb) or 1.0)
    return -abs(ua - ub)


def ordered_fragment_share(s: Strong) -> float:
    """IDF weight of the best aligned fragment (content words in order, at most ``core_gap``
    apart on both sides) over the IDF weight of the shorter sentence's terms."""
    tx, ty, anchors = _align(s.text_a, s.text_b, by_term=True)
    if not anchors:
        return 0.0
    ox = list(itertools.accumulate(_is_content(t) for t in tx))
    oy = list(itertools.accumulate(_is_content(t) for t in ty))
    clusters: list[list[tuple[int, int]]] = [[anchors[0]]]
    for (px, py), (ax, ay) in itertools.pairwise(anchors):
        if ox[ax] - ox[px] - 1 > PARAMS.core_gap or oy[ay] - oy[py] - 1 > PARAMS.core_gap:
            clusters.append([])
        clusters[-1].append((ax, ay))

    def w(c: list[tuple[int, int]]) -> float:
        return sum(s.idf.get(term_of(tx[i]) or "", 1.0) for i, _ in c)

    short = set(s.terms_a) if len(set(s.terms_a)) <= len(set(s.terms_b)) else set(s.terms_b)
    return max(w(c) for c in clusters) / (_weight(s, short) or 1.0)


def remainder_meaning(s: Strong) -> float:
    """Cosine of the IDF-weighted word vectors of the words each side does not share (do the
    rest of the two sentences say similar things?)."""
    wv = word_vectors()
    if wv is None:
        return 0.0

    def rest(words: tuple[tuple[str, str], ...], other: set[str]) -> np.ndarray:
        acc = np.zeros(wv.dim)
        for w, t in words:
            v = wv.vector(w) if t not in other else None
            if v is not None:
                acc += s.idf.get(t, 1.0) * np.asarray(v, float) / (np.linalg.norm(v) or 1.0)
        return acc

    x, y = rest(s.words_a, set(s.terms_b)), rest(s.words_b, set(s.terms_a))
    n = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y / n) if n else 0.0


def shorter_margin(s: Strong) -> float:
    """How far the claim beats each sentence's next partner (chance units, capped)."""
    return s.margin_shorter


def compact_fragment_z(s: Strong) -> float:
    """The term z of the best compact set of shared terms (``fragments.fragment_share``) in
    chance units: the signal the tier asks now (>= 1)."""
    return s.fragment_z


SIGNALS: dict[str, Callable[[Strong], float]] = {
    "compact fragment's term z / chance": compact_fragment_z,
    "core length ratio": core_length_ratio,
    "core content-word ratio": core_count_ratio,
    "aligned density of the larger core": core_density,
    "cores' unmatched shares alike": core_unmatched_gap,
    "best fragment's share of the shorter": ordered_fragment_share,
    "meaning of the unshared words": remainder_meaning,
    "margin over the next partner": shorter_margin,
}


def main() -> int:
    a, b = ev.load_seed_articles()
    seed_l = ev.load_labels(a, b)
    rows = {
        "seed": strong_claims(
            a,
            b,
            set(seed_l.positives),
            set(seed_l.negatives),
            lambda x, y: (ev.sentence_index(a, x), ev.sentence_index(b, y)),
        )
    }
    a2, b2 = ev.load_text_article(ev.APOLLO_A), ev.load_text_article(ev.APOLLO_B)
    apollo_l = ev.load_labels(a2, b2, ev.APOLLO_LABELS)
    rows["apollo"] = strong_claims(
        a2,
        b2,
        set(apollo_l.positives),
        set(apollo_l.negatives),
        lambda x, y: (ev.sentence_index(a2, x), ev.sentence_index(b2, y)),
    )
    if ev.MSRP.is_dir():
        ma = ev.load_text_article(ev.MSRP / "train_a.txt")
        mb = ev.load_text_article(ev.MSRP / "train_b.txt")
        rows["msrp"] = strong_claims(
            ma,
            mb,
            ev.msrp_gold(),
            set(),
            lambda x, y: (ma.block_at(x.start) - 1, mb.block_at(y.start) - 1),
        )
    for name, rs in rows.items():
        print(
            f"{name}: {len(rs)} strong, {sum(r.right for r in rs)} right, "
            f"{sum(r.wrong for r in rs)} labelled different"
        )
    labelled = rows["seed"] + rows["apollo"]
    for sig, fn in SIGNALS.items():
        wrong = sorted(fn(r) for r in labelled if r.wrong)
        right = sorted(fn(r) for r in labelled if r.right)
        line = f"{sig:38s} wrong {', '.join(f'{v:.3f}' for v in wrong) or '-':14s}"
        line += f" lowest right {', '.join(f'{v:.3f}' for v in right[:3])}"
        if wrong and "msrp" in rows:
            cut = max(wrong) + 1e-9
            ms = rows["msrp"]
            vals = np.asarray([fn(r) for r in ms])
            y = np.asarray([r.right for r in ms])
            keep = vals >= cut
            line += (
                f" | msrp cut {cut:.3f}: P {y.mean():.3f} -> "
                f"{y[keep].mean() if keep.any() else 0.0:.3f}, right lost {int((y & ~keep).sum())}"
            )
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
