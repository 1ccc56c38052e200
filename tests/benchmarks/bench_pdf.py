"""Benchmark of the annotated PDF export (run on demand, prints numbers; not collected by pytest).

    .venv/bin/python tests/benchmarks/bench_pdf.py

Cases (each in its own process, so peak memory is per case):
- the seed pair with 50 highlights (target <= 1.5 s), both layouts;
- a 1 MB article (against the seed's B) with 1,000 highlights (target <= 20 s), both layouts.
Prints seconds, pages, pages/second, resident memory before and at its peak during the export
(sampled), the process peak (which includes the pair analysis) and the PDF size.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"seed": 1.5, "1mb": 20.0}


def _highlights(article, side, n, rng):  # type: ignore[no-untyped-def]
    from diptych.export.pdf import ExportHighlight

    text = article.text
    out = []
    for i in range(n):
        s = rng.randrange(0, len(text) - 400)
        e = s + rng.randrange(10, 300)
        out.append(
            ExportHighlight(
                side=side,
                start=s,
                end=e,
                color=rng.choice(["yellow", "green", "blue", "pink", "purple"]),
                note=f"note {i}" if i % 2 else "",
                author="bench",
                id=f"{side}{i}",
            )
        )
    return out


class _RssSampler:
    """Samples this process's resident memory every 5 ms while the export runs (the process
    peak also holds the pair analysis, which for the 1 MB case is the larger part).

    It is a Python thread, so the longest gap between its samples is the longest the export
    held the interpreter lock: what the window's thread would wait in a GUI export."""

    def __enter__(self) -> _RssSampler:
        import threading

        self.before = self.peak = _rss()
        self.longest_gap = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(0.005):
            now = time.perf_counter()
            self.longest_gap = max(self.longest_gap, now - last)
            last = now
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_case(case: str, layout: str) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "tests"))
    from diptych.core.compare.pair import analyze_pair
    from diptych.core.reading.articles import load_seed_pair
    from diptych.export.pdf import export_pdf
    from diptych.export.qtapp import ensure_gui_app
    from helpers.export import long_article

    ensure_gui_app()
    rng = random.Random(1)
    seed_a, seed_b = load_seed_pair()
    if case == "seed":
        a, b = seed_a, seed_b
        hs = _highlights(a, "a", 25, rng) + _highlights(b, "b", 25, rng)
    else:
        paragraphs = 1
        a = long_article(1, title="x")
        while len(a.text.encode()) < 1_000_000:
            paragraphs *= 2
            a = long_article(
                paragraphs, title="A one-megabyte article", seed=2, article_id="bench:a"
            )
        b = seed_b
        hs = _highlights(a, "a", 1000, rng)
    analysis = analyze_pair(a, b)
    sampler = _RssSampler()
    with tempfile.TemporaryDirectory() as tmp, sampler:
        t0 = time.perf_counter()
        result = export_pdf(
            Path(tmp) / "out.pdf",
            a,
            b,
            highlights=hs,
            claims=analysis.claims,
            topics=analysis.topics,
            layout=layout,
        )
        seconds = time.perf_counter() - t0
        size = (Path(tmp) / "out.pdf").stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "export_peak_mb": sampler.peak / 2**20,
        "before_mb": sampler.before / 2**20,
        "chars": len(a.text) + len(b.text),
        "highlights": len(hs),
        "annotations": result.annotations,
        "pages": result.pages,
        "seconds": seconds,
        "pages_per_s": result.pages / seconds,
        "peak_mb": peak_mb,
        "pdf_kb": size / 1024,
        "gil_ms": sampler.longest_gap * 1000,
    }


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2], sys.argv[3])))
        return 0
    print(f"{'case':<6} {'layout':<10} {'chars':>9} {'hl':>5} {'annots':>6} {'pages':>5} "
          f"{'seconds':>8} {'pages/s':>8} {'RSS before':>10} {'during':>7} {'process peak':>12} "
          f"{'PDF KB':>7} {'lock held':>9}  target")  # fmt: skip
    ok = True
    for case in ("seed", "1mb"):
        for layout in ("sequential", "parallel"):
            out = subprocess.run(
                [sys.executable, __file__, "--case", case, layout],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            target = TARGETS[case]
            verdict = "ok" if r["seconds"] <= target else "SLOW"
            ok &= verdict == "ok"
            print(
                f"{case:<6} {layout:<10} {r['chars']:>9,} {r['highlights']:>5} "
                f"{r['annotations']:>6} {r['pages']:>5} {r['seconds']:>8.2f} "
                f"{r['pages_per_s']:>8.1f} {r['before_mb']:>7.0f} MB {r['export_peak_mb']:>4.0f} MB "
                f"{r['peak_mb']:>9.0f} MB {r['pdf_kb']:>7.0f} {r['gil_ms']:>6.0f} ms  "
                f"<= {target:.1f} s {verdict}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
