"""Benchmark (run on demand): topics, proposals and the alignment map on the seed pair and on
generated ~0.25–1 MB articles. ``DIPTYCH_BENCH=1 .venv/bin/pytest -s tests/benchmarks/bench_topics.py``
or ``.venv/bin/python tests/benchmarks/bench_topics.py``."""

from __future__ import annotations

import os
import random
import time

import pytest

from diptych.core.compare.alignment import AnchorChain, anchors_for_pair
from diptych.core.compare.topics import propose_topics, topic_set_for_pair, topics_for_pair
from diptych.core.model import AnchorPoint, Article, ClaimsResult
from diptych.core.reading.articles import article_from_text, load_seed_pair

pytestmark = pytest.mark.skipif(
    os.environ.get("DIPTYCH_BENCH") != "1", reason="benchmark: set DIPTYCH_BENCH=1"
)


def _big(seed_article: Article, size: int, rnd: random.Random) -> Article:
    """An article of about ``size`` characters: the seed's paragraphs, shuffled and repeated."""
    paras = [
        seed_article.text[b.start : b.end] for b in seed_article.blocks if b.kind == "paragraph"
    ]
    out: list[str] = []
    total = 0
    while total < size:
        p = rnd.choice(paras)
        out.append(p)
        total += len(p) + 2
    return article_from_text("\n\n".join(out), "text", article_id=f"mem:big-{size}")


def _time(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def test_bench_topics_and_alignment() -> None:
    a, b = load_seed_pair()
    ts = topic_set_for_pair(a, b)
    res, t_sec = _time(topics_for_pair, a, b, ts)
    prop, t_prop = _time(propose_topics, a, b)
    print(f"\nseed pair: topics {t_sec * 1000:.1f} ms, propose {t_prop * 1000:.1f} ms")
    rnd = random.Random(7)
    prev = None
    for size in (250_000, 500_000, 1_000_000):
        big_a, big_b = _big(a, size, rnd), _big(b, size, rnd)
        prop, t_prop = _time(propose_topics, big_a, big_b)
        res, t_sec = _time(topics_for_pair, big_a, big_b, ts)
        growth = f" (x{t_sec / prev:.2f} for x2 input)" if prev else ""
        print(
            f"{size / 1e6:.2f} MB x 2: seed topics {t_sec:.2f} s{growth}, "
            f"propose {t_prop:.2f} s ({len(prop.topics)} topics), "
            f"sections {len(res.a)}/{len(res.b)}"
        )
        prev = t_sec
    points = anchors_for_pair(res, ClaimsResult((), (), ()))
    rnd_pts = [
        AnchorPoint(rnd.randrange(len(big_a.text)), rnd.randrange(len(big_b.text)), rnd.random())
        for _ in range(20_000)
    ]
    chain, t_build = _time(AnchorChain.build, points + rnd_pts, len(big_a.text), len(big_b.text))
    n = 100_000
    t0 = time.perf_counter()
    for i in range(n):
        chain.map_a_to_b(i * 10.0)
    per_call = (time.perf_counter() - t0) / n
    print(
        f"chain of {len(chain.points)} points from {len(points) + len(rnd_pts)} anchors: "
        f"build {t_build * 1000:.1f} ms, map {per_call * 1e6:.2f} µs per call"
    )


if __name__ == "__main__":
    os.environ["DIPTYCH_BENCH"] = "1"
    test_bench_topics_and_alignment()
