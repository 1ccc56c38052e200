"""Benchmark (run on demand, prints numbers; not collected by pytest): the claims panel's topic
filter on a long list, alone (no window, no analysis: the seed-like pair's claims copied).

``QT_QPA_PLATFORM=offscreen PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_claims_filters.py [--profile] [COPIES]``

Lists COPIES (default 1,000) copies of the seed-like pair's claims (4 claims each, a third
of the copies possible, spread over 12 topics), in a shown 480 x 600 panel, and times in CPU
time (a shared machine's load skews wall time two-fold), each with its repaint, 7 runs: the
list made (``set_claims``: the default view, all topics), one topic chosen, all topics chosen
again, the minimum score; prints the least and the median of each, and "all topics" over the
default view. ``--profile``: cProfile of 3 "all topics" runs (timed apart: cProfile slows
this Python-callback-heavy step far more than others, ~1.7x: the 243-338 ms once reported for
"all topics" in ``bench_big_pair_ui --profile`` were such timings, 161 ms without it).

Measured (shared 2-core machine, 3,000 copies: 12,000 claims), before -> after the headings
were spanned after the layout (``ClaimsPanel._fill``): all topics again 67-68 -> 47 ms, the
default view 79-80 -> 59-60 ms (all topics / default 0.83-0.87 -> 0.79), minimum score 0
65 -> 45 ms, one topic 14 -> 12 ms. cProfile before: ``setFirstColumnSpanned`` laid the rows
out with a heading already spanned, and the view then asks the model for every row's index
twice (once to lay it out, once to look it up among the spanned headings): 2 ``index`` and
2 ``flags`` calls into Python per row; after: 1 and 2.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: the helpers


def main(argv: list[str]) -> None:
    profile = "--profile" in argv
    argv = [a for a in argv if a != "--profile"]
    copies = int(argv[0]) if argv else 1000

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from diptych.core.model import Topic, TopicSet
    from diptych.ui.claims.panel import ClaimsPanel
    from helpers.highlights import seedlike_pair

    a, b, claims = seedlike_pair()
    names = [f"Topic {k}" for k in range(12)]
    topics = TopicSet(
        "bench", tuple(Topic(n, f"#{(40 + 17 * k) % 256:02x}5080", ()) for k, n in enumerate(names))
    )
    many = tuple(
        replace(
            c,
            score=round(0.95 - 0.9 * k / copies, 4),
            tier="strong" if k % 3 else "possible",
            topic=names[(k + j) % len(names)],
        )
        for k in range(copies)
        for j, c in enumerate(claims.claims)
    )
    result = replace(claims, claims=many)
    panel = ClaimsPanel()
    panel.resize(480, 600)
    panel.show()
    app.processEvents()
    profiler = cProfile.Profile() if profile else None

    def timed(action, *, profiled: bool = False) -> float:
        if profiled and profiler is not None:
            profiler.enable()
        start = time.process_time()  # CPU time: a shared machine's load counts less
        action()
        panel.repaint()
        app.processEvents()
        took = time.process_time() - start
        if profiled and profiler is not None:
            profiler.disable()
        return 1000 * took

    runs: dict[str, list[float]] = {}
    for _ in range(7 if profiler is None else 3):
        runs.setdefault("the list made (default view)", []).append(
            timed(lambda: panel.set_claims(result, a, b, topics))
        )
        runs.setdefault("one topic", []).append(timed(lambda: panel.topic_combo.setCurrentIndex(1)))
        runs.setdefault("all topics again", []).append(
            timed(lambda: panel.topic_combo.setCurrentIndex(0), profiled=True)
        )
        runs.setdefault("minimum score 0.5", []).append(timed(lambda: panel.set_min_score(0.5)))
        runs.setdefault("minimum score 0", []).append(timed(lambda: panel.set_min_score(0.0)))
    print(f"{len(many)} claims, {len(names)} topics; CPU ms, the least and the median of 7 runs")
    least = {k: min(v) for k, v in runs.items()}
    for label, ms in least.items():
        print(f"  {label}: {ms:.0f} / {statistics.median(runs[label]):.0f} ms")
    ratio = least["all topics again"] / least["the list made (default view)"]
    print(f"  all topics / default view (least): {ratio:.2f}")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main(sys.argv[1:])
