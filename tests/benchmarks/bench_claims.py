"""Benchmark of the claims engine (run on demand, prints numbers; not collected by pytest).

Run: ``.venv/bin/python tests/benchmarks/bench_claims.py`` (``--quality``: how many of the
generated restatements the claims find at 1 and 4 MB, and how many strong claims are right)

- the seed pair (target <= 0.1 s, warm; issue 11);
- two generated ~1 MB articles (target <= 8 s and <= 700 MB peak RSS, measured in a fresh
  subprocess so the number is the engine's own);
- time at 0.25 / 0.5 / 1 MB and the growth ratio per doubling (target <= 2.4x).

The generated articles are deterministic: news-like sentences over a Zipf-distributed
synthetic vocabulary with stop words, B restating about a fifth of A's sentences with some
words swapped, the rest of each side its own.
"""

from __future__ import annotations

import bisect
import random
import resource
import subprocess
import sys
import time

from diptych.core.compare.claims import find_claims
from diptych.core.model import Article
from diptych.core.reading.articles import article_from_text, load_seed_pair

_STOP = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "was",
    "it",
    "be",
    "has",
    "were",
]
_SYL = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "vu",
]


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> list[str]:
    n = rng.randint(12, 30)
    content = rng.choices(vocab, weights=weights, k=n)
    out: list[str] = []
    for w in content:
        if rng.random() < 0.45:
            out.append(rng.choice(_STOP))
        out.append(w)
    return out


def _render(sentences: list[list[str]], rng: random.Random) -> str:
    paras: list[str] = []
    k = 0
    while k < len(sentences):
        m = rng.randint(3, 6)
        paras.append(" ".join(" ".join(s).capitalize() + "." for s in sentences[k : k + m]))
        k += m
    return "\n\n".join(paras)


def generated_pair_with_truth(
    megabytes: float, seed: int = 7
) -> tuple[str, str, set[tuple[int, int]]]:
    """``generated_pair`` and its truth: the (A sentence, B sentence) indices of the
    restatements."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30_000)
    weights = [1.0 / (r + 10) for r in range(len(vocab))]
    target = int(megabytes * 1_000_000)
    a_sents: list[list[str]] = []
    size = 0
    while size < target:
        s = _sentence(rng, vocab, weights)
        a_sents.append(s)
        size += sum(len(w) + 1 for w in s) + 1
    b_sents: list[tuple[list[str], int | None]] = []
    for i, s in enumerate(a_sents):
        if rng.random() < 0.2:  # a restatement: same sentence, a few words swapped
            t = [w if rng.random() > 0.25 else rng.choices(vocab, weights=weights)[0] for w in s]
            b_sents.append((t, i))
        else:
            b_sents.append((_sentence(rng, vocab, weights), None))
    rng.shuffle(b_sents)
    truth = {(i, j) for j, (_, i) in enumerate(b_sents) if i is not None}
    return _render(a_sents, rng), _render([t for t, _ in b_sents], rng), truth


def generated_pair(megabytes: float, seed: int = 7) -> tuple[str, str]:
    ta, tb, _ = generated_pair_with_truth(megabytes, seed)
    return ta, tb


def restatements_found(a: Article, b: Article, truth: set[tuple[int, int]]) -> str:
    """How many restated sentences the claims find, how many claims are right, and the same
    for the strong tier (the strong tier should hold most restatements and nothing else)."""
    res = find_claims(a, b)
    start_a = [s.start for s in a.sentences]
    start_b = [s.start for s in b.sentences]
    pairs = [
        (
            bisect.bisect_right(start_a, c.a.start) - 1,
            bisect.bisect_right(start_b, c.b.start) - 1,
            c.tier,
        )
        for c in res.claims
    ]
    right = sum((i, j) in truth for i, j, _ in pairs)
    strong = [(i, j) for i, j, t in pairs if t == "strong"]
    strong_right = sum(p in truth for p in strong)
    return (
        f"{len(truth)} restated: {right} found among {len(pairs)} claims, strong "
        f"{strong_right}/{len(strong)} right"
    )


def _articles(megabytes: float) -> tuple[Article, Article]:
    ta, tb = generated_pair(megabytes)
    return article_from_text(ta, "text"), article_from_text(tb, "text")


def _time_claims(a: Article, b: Article, repeat: int = 1) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = find_claims(a, b)
        best = min(best, time.perf_counter() - t0)
        n = len(res.claims)
    return best, n


def _child_1mb() -> None:
    a, b = _articles(1.0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, n = _time_claims(a, b)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{t:.3f} {n} {peak / 1024:.0f} {before / 1024:.0f} {len(a.sentences)} {len(b.sentences)}"
    )


def _quality(megabytes: float) -> None:
    ta, tb, truth = generated_pair_with_truth(megabytes)
    a, b = article_from_text(ta, "text"), article_from_text(tb, "text")
    print(f"  {megabytes:>4} MB: {restatements_found(a, b, truth)}")


def main() -> int:
    if sys.argv[1:] == ["--child-1mb"]:
        _child_1mb()
        return 0
    if sys.argv[1:] == ["--quality"]:
        # the restatements found at 1 and 4 MB (a 4 MB pair once failed the relatedness test:
        # not one of its 4,034 restatements strong); slow, so on demand
        for mb in (1.0, 4.0):
            _quality(mb)
        return 0
    a, b = load_seed_pair()
    find_claims(a, b)  # warm: word vectors loaded once per process
    t, n = _time_claims(a, b, repeat=5)
    print(f"seed pair: {t:.3f} s ({n} claims)  target <= 0.1 s")

    out = subprocess.run(
        [sys.executable, __file__, "--child-1mb"], capture_output=True, text=True, check=True
    ).stdout.split()
    t1, n1, peak, before, na, nb = out
    print(
        f"1 MB x 1 MB ({na} x {nb} sentences): {float(t1):.2f} s ({n1} claims), peak RSS "
        f"{peak} MB (articles loaded: {before} MB)  target <= 8 s, <= 700 MB"
    )

    times: list[float] = []
    for mb in (0.25, 0.5, 1.0):
        aa, bb = _articles(mb)
        t, n = _time_claims(aa, bb)
        times.append(t)
        print(
            f"  {mb:>4} MB: {len(aa.sentences):>6} x {len(bb.sentences):>6} sentences  {t:.2f} s  ({n} claims)"
        )
    print(
        f"growth per doubling: 0.25->0.5 MB {times[1] / times[0]:.2f}x, "
        f"0.5->1 MB {times[2] / times[1]:.2f}x  target <= 2.4x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
