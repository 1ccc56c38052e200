"""Quality of the claims engine: seed-pair hand labels and the paraphrase-corpus documents.

Run: ``.venv/bin/python tests/benchmarks/eval_claims.py [--msrp-only|--seeds-only] [--show N]
[--unrelated]``

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
            f"with it {len(after.claims):3d}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds-only", action="store_true")
    ap.add_argument("--msrp-only", action="store_true")
    ap.add_argument("--show", type=int, default=10, help="print the top N seed claims")
    ap.add_argument("--unrelated", action="store_true", help="also run the unrelated pairs")
    args = ap.parse_args(argv)
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
