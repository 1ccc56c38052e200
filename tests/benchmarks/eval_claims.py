"""Quality of the claims engine: seed-pair hand labels and the paraphrase-corpus documents.

Run: ``.venv/bin/python tests/benchmarks/eval_claims.py [--msrp-only|--seeds-only] [--show N]
[--unrelated] [--table]``

``--table`` (issue 11): the engine side by side with the simple baseline on the seed labels,
the second labelled pair (``tests/data/claim_pairs/apollo11_*``, ``apollo11_claim_labels.tsv``),
the translation set (``claim_pairs/translation_*``: four chapters of two public-domain Bible
translations with verses dropped on each side, gold from the verse numbering in
``translation_claim_gold.tsv``; the chapters are run one by one and their counts pooled) and
the paraphrase documents: precision / recall / F1 of each, the engine's top-10 right and
its strong tier (right / count). The baseline is stemmed content-term TF-IDF (IDF from the two
articles), cosine over every sentence pair, z-scored over all pairs, mutual best partners,
with its z threshold tuned on a dev split: 5-fold cross-validation over A's sentences, each
fold's threshold the one with the best F1 on the other four (the engine's constants are fixed,
so its counts over the folds are its counts on the whole pair). On the paraphrase documents
it also gives the precision at recall >= 0.90 along each system's ranking.

Seeds: precision (share of reported sentence pairs that are labelled same-claim), recall of the
labelled same-claim pairs, and how many of the top 10 reported pairs are right, on
``tests/data/seed_claim_labels.tsv``.
Paraphrase corpus (``../shared/data/msrp``, training split laid out as two documents): precision
and recall of the default output against the label-1 rows of ``train_gold.tsv``, and the best
precision reached along the ranked list at recall >= 0.85.
Unrelated pairs (``--unrelated``): how many claims pairs of unrelated articles get with and
without the pair-level relatedness test (a recipe vs a match report, seed A vs excerpts of
unrelated news sentences from the paraphrase corpus), and an article vs its light revision.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from diptych.core.compare.claims import PARAMS, Params, _find_claims
from diptych.core.model import Article, ClaimsResult, Span

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "data" / "seed_claim_labels.tsv"
MSRP = ROOT.parent / "shared" / "data" / "msrp"


# --------------------------------------------------------------------------- loading


def load_seed_articles() -> tuple[Article, Article]:
    from diptych.core.reading.articles import load_seed_pair

    return load_seed_pair()


def load_text_article(path: Path) -> Article:
    from diptych.core.reading.articles import load_article

    return load_article(path)


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class Labels:
    positives: frozenset[tuple[int, int]]
    negatives: frozenset[tuple[int, int]]


def _find_sentence(article: Article, snippet: str) -> int:
    hits = [i for i, s in enumerate(article.sentences) if snippet in article.span_text(s)]
    if len(hits) != 1:
        raise SystemExit(f"label snippet {snippet!r} matches {len(hits)} sentences")
    return hits[0]


def load_labels(a: Article, b: Article, path: Path = LABELS) -> Labels:
    pos: set[tuple[int, int]] = set()
    neg: set[tuple[int, int]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, sa, sb = line.split("\t")
        pair = (_find_sentence(a, sa), _find_sentence(b, sb))
        (pos if label == "same" else neg).add(pair)
    return Labels(frozenset(pos), frozenset(neg))


def sentence_index(article: Article, span: Span) -> int:
    for i, s in enumerate(article.sentences):
        if s.start <= span.start < s.end:
            return i
    raise ValueError(f"span {span} is in no sentence")


def claim_sentence_pairs(a: Article, b: Article, res: ClaimsResult) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in res.claims:
        pair = (sentence_index(a, c.a), sentence_index(b, c.b))
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


@dataclass(frozen=True)
class SeedScore:
    precision: float
    recall: float
    top10: int
    n_claims: int


def seed_scores(a: Article, b: Article, res: ClaimsResult, labels: Labels) -> SeedScore:
    pairs = claim_sentence_pairs(a, b, res)
    tp = sum(1 for p in pairs if p in labels.positives)
    return SeedScore(
        precision=tp / len(pairs) if pairs else 0.0,
        recall=tp / len(labels.positives),
        top10=sum(1 for p in pairs[:10] if p in labels.positives),
        n_claims=len(pairs),
    )


# --------------------------------------------------------------------------- msrp


def msrp_gold(shared_msrp: Path = MSRP) -> set[tuple[int, int]]:
    gold: set[tuple[int, int]] = set()
    with (shared_msrp / "train_gold.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            if row[0] == "1":
                gold.add((int(row[1]), int(row[2])))
    return gold


def paragraph_pairs(a: Article, b: Article, res: ClaimsResult) -> list[tuple[int, int]]:
    """Claims as (paragraph of A, paragraph of B), 0-based after the heading block."""
    out: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in res.claims:
        pair = (a.block_at(c.a.start) - 1, b.block_at(c.b.start) - 1)
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


@dataclass(frozen=True)
class MsrpScore:
    precision: float
    recall: float
    best_p_at_r85: float
    n_claims: int
    identical_outside_gold: int = 0  # reported pairs of word-for-word identical sentences


def msrp_scores(pairs: list[tuple[int, int]], gold: set[tuple[int, int]]) -> MsrpScore:
    tp = 0
    best = 0.0
    for k, p in enumerate(pairs, 1):
        tp += p in gold
        if tp / len(gold) >= 0.85:
            best = max(best, tp / k)
    return MsrpScore(
        precision=tp / len(pairs) if pairs else 0.0,
        recall=tp / len(gold),
        best_p_at_r85=best,
        n_claims=len(pairs),
    )


def run_msrp(params: Params = PARAMS, shared_msrp: Path = MSRP) -> MsrpScore:
    a = load_text_article(shared_msrp / "train_a.txt")
    b = load_text_article(shared_msrp / "train_b.txt")
    res = _find_claims(a, b, topics=None, min_score=None, params=params)
    pairs = paragraph_pairs(a, b, res)
    gold = msrp_gold(shared_msrp)
    score = msrp_scores(pairs, gold)
    # The corpus reuses sentences across pairs, so side B often holds a word-for-word copy
    # of an A sentence that gold pairs with something else; count those separately.
    labelled = {(int(r[1]), int(r[2])) for r in _gold_rows(shared_msrp)}

    def norm(x: str) -> str:
        return " ".join(re.findall(r"\w+", x.lower()))

    same = sum(
        1
        for x, y in pairs
        if (x, y) not in labelled
        and norm(a.span_text(a.blocks[x + 1].span)) == norm(b.span_text(b.blocks[y + 1].span))
    )
    return replace(score, identical_outside_gold=same)


def _gold_rows(shared_msrp: Path) -> list[list[str]]:
    with (shared_msrp / "train_gold.tsv").open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]


CLAIM_PAIRS = ROOT / "tests" / "data" / "claim_pairs"


def msrp_excerpt(side: str, start: int, count: int, shared_msrp: Path = MSRP) -> Article:
    """``count`` sentences of one side of the paraphrase documents as one article."""
    from diptych.core.reading.articles import article_from_text

    text = (shared_msrp / f"train_{side}.txt").read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n")[1:] if p.strip()][start : start + count]
    return article_from_text("# Excerpt\n\n" + "\n\n".join(paras), "markdown")


def run_unrelated() -> None:
    a, b = load_seed_articles()
    cooking = load_text_article(CLAIM_PAIRS / "cooking_sourdough.md")
    cases: list[tuple[str, Article, Article]] = [
        ("recipe vs match report", cooking, load_text_article(CLAIM_PAIRS / "football_report.md")),
        ("recipe vs seed A", cooking, a),
    ]
    if MSRP.is_dir():
        cases += [
            ("seed A vs 40 news sentences", a, msrp_excerpt("b", 0, 40)),
            ("seed A vs 1,000 news sentences", a, msrp_excerpt("b", 1000, 1000)),
            ("seed A vs 2,000 news sentences", a, msrp_excerpt("a", 0, 2000)),
            ("seed B vs 2,000 news sentences", b, msrp_excerpt("a", 0, 2000)),
        ]
    cases.append(
        (
            "recipe vs its light revision",
            cooking,
            load_text_article(CLAIM_PAIRS / "cooking_sourdough_revised.md"),
        )
    )
    off = replace(PARAMS, related_share=0.0)
    for name, x, y in cases:
        before = _find_claims(x, y, topics=None, min_score=None, params=off)
        after = _find_claims(x, y, topics=None, min_score=None, params=PARAMS)
        print(
            f"unrelated? {name:32s} claims without the relatedness test {len(before.claims):3d}, "
            f"with it {len(after.claims):3d}, strong {sum(c.tier == 'strong' for c in after.claims)}"
        )


# --------------------------------------------------------------------------- baseline, table

APOLLO_A = CLAIM_PAIRS / "apollo11_report.md"
APOLLO_B = CLAIM_PAIRS / "apollo11_retrospective.md"
APOLLO_LABELS = ROOT / "tests" / "data" / "apollo11_claim_labels.tsv"
FOLDS = 5
TRANSLATION_GOLD = ROOT / "tests" / "data" / "translation_claim_gold.tsv"


@dataclass(frozen=True)
class TranslationPair:
    """One chapter of the translation set: the ASV text (A), the BBE text (B), each with
    verses dropped, and the gold sentence pairs (indices in ``Article.sentences``)."""

    chapter: str
    a: Article
    b: Article
    gold: frozenset[tuple[int, int]]
    verses: dict[tuple[int, int], str]  # gold pair -> the verses both translate, "3,4"


def load_translation_set(path: Path = TRANSLATION_GOLD) -> list[TranslationPair]:
    """The translation set (``build_translation_set.py``): every chapter named in the gold
    file, its two articles from ``claim_pairs/translation_<chapter>_{asv,bbe}.md``, and its
    gold pairs, each row's snippets resolved to the one sentence that contains them."""
    rows: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        chapter, verses, sa, sb = line.split("\t")
        rows.setdefault(chapter, []).append([verses, sa, sb])
    out: list[TranslationPair] = []
    for chapter, rs in rows.items():
        a = load_text_article(CLAIM_PAIRS / f"translation_{chapter}_asv.md")
        b = load_text_article(CLAIM_PAIRS / f"translation_{chapter}_bbe.md")
        verses = {(_find_sentence(a, sa), _find_sentence(b, sb)): v for v, sa, sb in rs}
        out.append(TranslationPair(chapter, a, b, frozenset(verses), verses))
    return out


@dataclass(frozen=True)
class Ranked:
    """A matcher's output on one pair of articles: sentence pairs (A index, B index), best
    first, with the tier of each (all "strong" for the baseline)."""

    pairs: list[tuple[int, int]]
    tiers: list[str]


def baseline_scores(
    a: Article, b: Article, *, mutual: bool = True
) -> tuple[list[tuple[int, int]], list[float]]:
    """The simple baseline: stemmed content-term TF-IDF (IDF from the two articles, log-scaled
    term counts, L2 norm), cosine over every pair of body sentences, z-scored over all pairs;
    each sentence's best partner, kept when the two are each other's best (mutual best).
    Returns the mutual-best pairs (indices in ``Article.sentences``) best first, and their z
    (``mutual=False``: every A sentence's best partner)."""
    import numpy as np

    from diptych.core.compare.claims import _side

    sa, sb = _side(a, PARAMS), _side(b, PARAMS)
    na, nb = len(sa.sentences), len(sb.sentences)
    if not na or not nb:
        return [], []
    df: dict[str, int] = {}
    for side, n in ((sa, na), (sb, nb)):
        for ts in side.terms[:n]:
            for t in set(ts):
                df[t] = df.get(t, 0) + 1
    shared = sorted(
        t
        for t in df
        if t in {x for ts in sa.terms[:na] for x in ts}
        and t in {x for ts in sb.terms[:nb] for x in ts}
    )
    col = {t: i for i, t in enumerate(shared)}
    n_docs = na + nb

    def matrix(side: object, n: int) -> np.ndarray:
        terms = side.terms  # type: ignore[attr-defined]
        m = np.zeros((n, len(col)), dtype=np.float32)
        norms = np.zeros(n, dtype=np.float64)
        for i, ts in enumerate(terms[:n]):
            counts: dict[str, int] = {}
            for t in ts:
                counts[t] = counts.get(t, 0) + 1
            sq = 0.0
            for t, c in counts.items():
                w = (1.0 + np.log(c)) * (np.log((1 + n_docs) / (1 + df[t])) + 1.0)
                sq += w * w
                if t in col:
                    m[i, col[t]] = w
            norms[i] = np.sqrt(sq) or 1.0
        return m / norms[:, None].astype(np.float32)

    ma, mb = matrix(sa, na), matrix(sb, nb)
    best_b = np.zeros(na, dtype=np.int64)
    best_v = np.zeros(na, dtype=np.float64)
    col_best = np.full(nb, -1.0)
    col_arg = np.zeros(nb, dtype=np.int64)
    total = total_sq = 0.0
    for s0 in range(0, na, 512):
        sim = (ma[s0 : s0 + 512] @ mb.T).astype(np.float64)
        total += float(sim.sum())
        total_sq += float((sim * sim).sum())
        best_b[s0 : s0 + 512] = sim.argmax(axis=1)
        best_v[s0 : s0 + 512] = sim.max(axis=1)
        cm = sim.max(axis=0)
        better = cm > col_best
        col_arg[better] = sim.argmax(axis=0)[better] + s0
        col_best[better] = cm[better]
    count = na * nb
    mean = total / count
    std = max((total_sq / count - mean * mean) ** 0.5, 1e-12)
    out: list[tuple[float, int, int]] = []
    for i in range(na):
        j = int(best_b[i])
        if (col_arg[j] == i or not mutual) and best_v[i] > 0:
            out.append(((best_v[i] - mean) / std, sa.sentence_ids[i], sb.sentence_ids[j]))
    out.sort(key=lambda x: -x[0])
    return [(i, j) for _, i, j in out], [z for z, _, _ in out]


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fold_of(i: int) -> int:
    return (i * 7919) % FOLDS  # a fixed interleaving of A's sentences into folds


def tuned_baseline(
    pairs: list[tuple[int, int]], z: list[float], gold: set[tuple[int, int]]
) -> tuple[int, int, int, float]:
    """The baseline's held-out counts under ``FOLDS``-fold cross-validation over A's
    sentences: for each fold, the z threshold that maximises F1 on the other folds' pairs and
    gold is applied to this fold. Returns (true positives, predicted, gold, mean threshold)."""
    tp = n_pred = n_gold = 0
    ths: list[float] = []
    cands = sorted(set(z)) or [0.0]
    for f in range(FOLDS):
        dev = [(p, v) for p, v in zip(pairs, z, strict=True) if fold_of(p[0]) != f]
        dev_gold = {g for g in gold if fold_of(g[0]) != f}
        best_th, best_f1 = cands[0], -1.0
        for th in cands:
            kept = [p for p, v in dev if v >= th]
            f1 = _f1(sum(p in dev_gold for p in kept), len(kept), len(dev_gold))
            if f1 > best_f1:
                best_th, best_f1 = th, f1
        ths.append(best_th)
        test = [p for p, v in zip(pairs, z, strict=True) if fold_of(p[0]) == f and v >= best_th]
        tp += sum(p in gold for p in test)
        n_pred += len(test)
        n_gold += sum(1 for g in gold if fold_of(g[0]) == f)
    return tp, n_pred, n_gold, sum(ths) / len(ths)


@dataclass(frozen=True)
class Row:
    name: str
    n_gold: int
    base: tuple[float, float, float, int]  # precision, recall, F1, predicted
    engine: tuple[float, float, float, int]
    top10: int
    strong: tuple[int, int]  # right, count
    possible: tuple[int, int]  # right, count
    p_at_r90: float | None = None
    base_p_at_r90: float | None = None


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float, int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, _f1(tp, n_pred, n_gold), n_pred


def _p_at_r(pairs: list[tuple[int, int]], gold: set[tuple[int, int]], r_min: float) -> float:
    tp = 0
    best = 0.0
    for k, p in enumerate(pairs, 1):
        tp += p in gold
        if tp / len(gold) >= r_min:
            best = max(best, tp / k)
    return best


def compare_row(
    name: str, a: Article, b: Article, gold: set[tuple[int, int]], *, msrp: bool = False
) -> Row:
    """Engine (fixed constants) vs the tuned baseline on one labelled pair of articles, both
    scored on the same folds of A's sentences (the engine's counts summed over folds equal
    its counts on the whole pair)."""
    row = compare_pooled(name, [(a, b, gold)], msrp=msrp)
    if msrp:
        # along each system's ranking (the engine's every claim by score, the baseline's
        # every A sentence's best partner by z): mutual best pairs alone never reach 0.90
        row = replace(
            row,
            p_at_r90=_engine_p_at_r(a, b, gold, 0.90),
            base_p_at_r90=_baseline_p_at_r(a, b, gold, 0.90),
        )
    return row


def compare_pooled(
    name: str, pairs: list[tuple[Article, Article, set[tuple[int, int]]]], *, msrp: bool = False
) -> Row:
    """``compare_row`` over several pairs of articles taken as one set (the translation
    set's chapters): each pair is run on its own, its sentence indices shifted past the
    earlier pairs', and the counts pooled; the baseline's threshold is tuned by the same
    cross-validation over the pooled A sentences, and the engine's claims are ranked by score
    across the pairs for the top 10."""
    eng: list[tuple[float, tuple[int, int], str]] = []
    bp: list[tuple[int, int]] = []
    bz: list[float] = []
    gold: set[tuple[int, int]] = set()
    off_a = off_b = 0
    for a, b, g in pairs:
        res = _find_claims(a, b, topics=None, min_score=None, params=PARAMS)
        key = (
            (lambda c, a=a, b=b: (a.block_at(c.a.start) - 1, b.block_at(c.b.start) - 1))
            if msrp
            else (lambda c, a=a, b=b: (sentence_index(a, c.a), sentence_index(b, c.b)))
        )
        seen: set[tuple[int, int]] = set()
        for c in res.claims:
            k = key(c)
            if k not in seen:
                seen.add(k)
                eng.append((c.score, (k[0] + off_a, k[1] + off_b), c.tier))
        p, z = baseline_scores(a, b)
        if msrp:  # sentence indices -> paragraph indices (one sentence a paragraph, mostly)
            p = [
                (a.block_at(a.sentences[i].start) - 1, b.block_at(b.sentences[j].start) - 1)
                for i, j in p
            ]
        bp += [(i + off_a, j + off_b) for i, j in p]
        bz += z
        gold |= {(i + off_a, j + off_b) for i, j in g}
        off_a += len(a.sentences)
        off_b += len(b.sentences)
    if len(pairs) > 1:
        eng.sort(key=lambda x: -x[0])
    tp, n_pred, n_gold, _ = tuned_baseline(bp, bz, gold)
    ranked = [k for _, k, _ in eng]
    e_tp = sum(k in gold for k in ranked)
    strong = [k for _, k, t in eng if t == "strong"]
    possible = [k for _, k, t in eng if t != "strong"]
    return Row(
        name,
        len(gold),
        _prf(tp, n_pred, n_gold),
        _prf(e_tp, len(ranked), len(gold)),
        sum(k in gold for k in ranked[:10]),
        (sum(k in gold for k in strong), len(strong)),
        (sum(k in gold for k in possible), len(possible)),
    )


def _para(a: Article, b: Article, i: int, j: int) -> tuple[int, int]:
    return a.block_at(a.sentences[i].start) - 1, b.block_at(b.sentences[j].start) - 1


def engine_ranking(a: Article, b: Article) -> list[tuple[int, int]]:
    """The engine's every claim (``min_score=0``, what ``diptych claims --min-score 0`` lists:
    near-best pairs and each sentence's best partner) as (paragraph of A, paragraph of B),
    best first by score, the paraphrase model's probability."""
    res = _find_claims(a, b, topics=None, min_score=0.0, params=PARAMS)
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in sorted(res.claims, key=lambda c: -c.score):
        k = (a.block_at(c.a.start) - 1, b.block_at(c.b.start) - 1)
        if k not in seen:
            seen.add(k)
            pairs.append(k)
    return pairs


def _engine_p_at_r(a: Article, b: Article, gold: set[tuple[int, int]], r: float) -> float:
    """Precision at recall >= ``r`` along ``engine_ranking``. The model was fitted on this
    split, so this is in-sample; ``fit_paraphrase_model.py`` prints the same figure under
    5-fold CV."""
    return _p_at_r(engine_ranking(a, b), gold, r)


def _baseline_p_at_r(a: Article, b: Article, gold: set[tuple[int, int]], r: float) -> float:
    pairs, _z = baseline_scores(a, b, mutual=False)
    return _p_at_r([_para(a, b, i, j) for i, j in pairs], gold, r)


def comparison_table(with_msrp: bool = True) -> list[Row]:
    rows: list[Row] = []
    a, b = load_seed_articles()
    rows.append(compare_row("seed pair (labels)", a, b, set(load_labels(a, b).positives)))
    a2, b2 = load_text_article(APOLLO_A), load_text_article(APOLLO_B)
    rows.append(
        compare_row(
            "second pair (Apollo 11)", a2, b2, set(load_labels(a2, b2, APOLLO_LABELS).positives)
        )
    )
    rows.append(
        compare_pooled(
            "translations (ASV/BBE)",
            [(t.a, t.b, set(t.gold)) for t in load_translation_set()],
        )
    )
    if with_msrp and MSRP.is_dir():
        ma = load_text_article(MSRP / "train_a.txt")
        mb = load_text_article(MSRP / "train_b.txt")
        rows.append(compare_row("paraphrase docs (train)", ma, mb, msrp_gold(), msrp=True))
    return rows


def print_table(rows: list[Row]) -> None:
    print(
        f"{'pair':26s} {'gold':>5s} | {'baseline (tuned, CV) P / R / F1 (n)':>36s} | "
        f"{'engine P / R / F1 (n)':>28s} | top10 | strong right/n (P) | possible right/n"
    )
    for r in rows:
        bp, br, bf, bn = r.base
        ep, er, ef, en = r.engine
        sr, sn = r.strong
        print(
            f"{r.name:26s} {r.n_gold:5d} | {bp:10.3f} / {br:.3f} / {bf:.3f} ({bn:4d}) | "
            f"{ep:8.3f} / {er:.3f} / {ef:.3f} ({en:4d}) | {r.top10:5d} | "
            f"{sr}/{sn} ({sr / sn if sn else 0:.2f}) | possible {r.possible[0]}/{r.possible[1]}"
            + ("   engine beats baseline" if ef > bf else "   ENGINE BELOW BASELINE")
        )
        if r.p_at_r90 is not None:
            print(
                f"{'':26s}  precision at recall >= 0.90 along the ranking: engine "
                f"{r.p_at_r90:.3f}, baseline {r.base_p_at_r90:.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds-only", action="store_true")
    ap.add_argument("--msrp-only", action="store_true")
    ap.add_argument("--show", type=int, default=10, help="print the top N seed claims")
    ap.add_argument("--unrelated", action="store_true", help="also run the unrelated pairs")
    ap.add_argument("--table", action="store_true", help="engine vs tuned baseline, one table")
    args = ap.parse_args(argv)
    if args.table:
        print_table(comparison_table(with_msrp=not args.seeds_only))
        return 0
    if args.unrelated:
        run_unrelated()
    if not args.msrp_only:
        a, b = load_seed_articles()
        labels = load_labels(a, b)
        t0 = time.perf_counter()
        res = _find_claims(a, b, topics=None, min_score=None, params=PARAMS)
        dt = time.perf_counter() - t0
        s = seed_scores(a, b, res, labels)
        print(
            f"seeds: {s.n_claims} claims, precision {s.precision:.2f}, recall {s.recall:.2f} "
            f"({len(labels.positives)} labelled), top-10 right {s.top10}/10  [{dt:.2f}s]"
        )
        pairs = claim_sentence_pairs(a, b, res)
        print(f"  hard negatives reported: {sum(p in labels.negatives for p in pairs)}")
        for k, c in enumerate(res.claims[: args.show]):
            ok = "ok " if pairs[k] in labels.positives else "-- "
            print(f"  {ok}{c.score:.3f}  A: {a.span_text(c.a)[:70]!r}")
            print(f"              B: {b.span_text(c.b)[:70]!r}")
    if not args.seeds_only:
        if not MSRP.is_dir():
            print("msrp: ../shared/data/msrp not present, skipped")
        else:
            t0 = time.perf_counter()
            m = run_msrp()
            dt = time.perf_counter() - t0
            print(
                f"msrp: {m.n_claims} claims, precision {m.precision:.3f}, recall {m.recall:.3f}, "
                f"best precision at recall>=0.85 along the ranking {m.best_p_at_r85:.3f}"
                f"  [{dt:.1f}s]"
            )
            lenient = (m.precision * m.n_claims + m.identical_outside_gold) / m.n_claims
            print(
                f"      ({m.identical_outside_gold} reported pairs are word-for-word identical "
                f"sentences that gold pairs elsewhere; counting them right, precision "
                f"{lenient:.3f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
