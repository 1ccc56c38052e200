"""The reader's verdicts applied to the seed pair's claims (run on demand, prints numbers).

    PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_verdicts.py

For 10, 24, 100 and 500 verdicts on random sentence pairs (two thirds "same": most are pairs
the engine does not propose, which the reader added): the time to read, re-anchor and apply
them (``with_verdicts``), the same opened from copies of both files (other ids, the verdicts
found through the articles' identity), and to count them (``pair_verdict_count``, what the UI
thread does before handing many to a Job; see ``diptych.ui.claim_verdicts.SYNC_LIMIT``).

Then one verdict after another, as a reader gives them (confirm, reject, undo, a pair added),
on the seed pair and, with ``--mb N``, on two generated N MB articles (3: 11,262 claims, the
analysis takes ~20 s first): the verdicts applied and the anchor chain built from scratch
(``apply_verdicts`` + ``AnchorChain.build``, what each verdict cost before) against the same
through ``VerdictApplier`` + ``PairAnchors`` (each checked equal), as ms per verdict and the
ratio to the from-scratch baseline of the same run. Measured (shared 2-core machine): the
seed pair 2.2 -> 0.12 ms per verdict (ratio 0.055); the 3 MB pair 75 -> 11 ms (0.15):
confirm 72 -> 6.9, reject 68 -> 5.6, undo 76 -> 9.6, a pair added 84 -> 24 (its word diff,
made once, and a new anchor: the chain built again); the applier and the paired sections are
made once per analysis, ~40 ms at 11,262 claims.
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from diptych.core.compare.alignment import AnchorChain, PairAnchors, anchors_for_pair
from diptych.core.compare.claims import VerdictApplier, VerdictSpans, apply_verdicts, find_claims
from diptych.core.compare.pair import analyze_pair
from diptych.core.model import Span
from diptych.core.notes.claim_verdicts import with_verdicts
from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_seed_pair


def best_ms(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def one_by_one(name: str, analysis: object, steps: int = 40) -> None:
    """ms per verdict, from scratch and incremental, over ``steps`` verdicts one by one."""
    an = analysis
    a, b, raw, topics = an.a, an.b, an.claims, an.topics  # type: ignore[attr-defined]
    rng = random.Random(5)
    seqs: list[list[VerdictSpans]] = []
    kinds: list[str] = []
    verdicts: list[VerdictSpans] = []
    shown = raw
    for k in range(steps):
        claims = shown.claims
        act = ("same", "different", "undo", "add")[k % 4]
        if act == "undo" and verdicts:
            verdicts = verdicts[:-1]
        elif act == "add":
            sa, sb = rng.choice(a.sentences), rng.choice(b.sentences)
            verdicts = [
                *verdicts,
                VerdictSpans(Span(sa.start, sa.end), Span(sb.start, sb.end), "same", f"k{k}"),
            ]
        else:
            c = claims[rng.randrange(len(claims))]
            verdicts = [*verdicts, VerdictSpans(c.a, c.b, act, f"k{k}")]  # type: ignore[arg-type]
        seqs.append(verdicts)
        kinds.append({"same": "confirm", "different": "reject"}.get(act, act))
        shown = apply_verdicts(raw, a, b, verdicts)[0]

    def scratch(vs: list[VerdictSpans]) -> object:
        res, _keys = apply_verdicts(raw, a, b, vs)
        return AnchorChain.build(anchors_for_pair(topics, res), len(a.text), len(b.text))

    t = time.perf_counter()
    applier = VerdictApplier(raw, a, b)
    PairAnchors(topics, len(a.text), len(b.text))
    setup_ms = (time.perf_counter() - t) * 1000
    base_ms = [best_ms(lambda v=vs: scratch(v), 3) for vs in seqs]
    fast_ms = [float("inf")] * len(seqs)
    for _ in range(3):  # the whole sequence in order, as the window gives it (chain kept)
        anchors = PairAnchors(topics, len(a.text), len(b.text))
        for k, vs in enumerate(seqs):
            start = time.perf_counter()
            chain = anchors.chain(applier.apply(vs)[0])
            fast_ms[k] = min(fast_ms[k], (time.perf_counter() - start) * 1000)
            assert chain == scratch(vs)
    by_kind: dict[str, list[tuple[float, float]]] = {}
    for k, kind in enumerate(kinds):
        by_kind.setdefault(kind, []).append((base_ms[k], fast_ms[k]))
    print(f"{name}: {len(raw.claims)} claims, {len(seqs)} verdicts one by one (ms per verdict;")
    print(f"  made once per analysis for the incremental way: {setup_ms:.0f} ms)")
    rows = [*by_kind.items(), ("all", [x for xs in by_kind.values() for x in xs])]
    for kind, xs in rows:
        base = sum(x for x, _ in xs) / len(xs)
        fast = sum(y for _, y in xs) / len(xs)
        print(
            f"  {kind:>10}: from scratch {base:7.2f}, incremental {fast:6.2f} "
            f"(ratio {fast / base:.3f})"
        )


def main() -> None:
    import sys

    seed = load_seed_pair()
    one_by_one("seed pair", analyze_pair(*seed))
    if "--mb" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_claims import generated_pair

        from diptych.core.reading.articles import load_article

        mb = float(sys.argv[sys.argv.index("--mb") + 1])
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for side, text in zip("ab", generated_pair(mb), strict=True):
                paths.append(Path(d) / f"gen-{side}.txt")
                paths[-1].write_text(text, encoding="utf-8")
            pair = analyze_pair(load_article(paths[0]), load_article(paths[1]))
        one_by_one(f"generated {mb:g} MB pair", pair)
    a, b = seed
    result = find_claims(a, b)
    rng = random.Random(3)
    a2, b2 = replace(a, id=a.id + "-copy"), replace(b, id=b.id + "-copy")
    result2 = find_claims(a2, b2)
    print(f"{'verdicts':>8} {'apply ms':>9} {'on copies':>9} {'count ms':>9}")
    for n in (10, 24, 100, 500):
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < n:
            pairs.add((rng.randrange(len(a.sentences)), rng.randrange(len(b.sentences))))
        with tempfile.TemporaryDirectory() as d, Store.open(Path(d) / "h.sqlite3") as store:
            for i, j in sorted(pairs):
                sa, sb = a.sentences[i], b.sentences[j]
                verdict = "same" if (i + j) % 3 else "different"
                store.set_verdict(a, (sa.start, sa.end), b, (sb.start, sb.end), verdict)
            apply_ms = best_ms(lambda s=store: with_verdicts(result, a, b, s))
            copy_ms = best_ms(lambda s=store: with_verdicts(result2, a2, b2, s))
            count_ms = best_ms(lambda s=store: s.pair_verdict_count(a, b))
        print(f"{n:>8} {apply_ms:>9.1f} {copy_ms:>9.1f} {count_ms:>9.2f}")


if __name__ == "__main__":
    main()
