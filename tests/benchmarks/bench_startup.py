"""Reading-desk speed: start-up against a bare PySide6 window, time to claims, synced-scroll
cost, and how long the UI thread is blocked while two 1 MB articles open.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_startup.py [--runs N]

Prints numbers; asserts nothing (targets: start-up ≤ 1.3× the bare window, ≤ 2 ms per synced
scroll event, no UI-thread block > 100 ms after the first paint). Start-up is also given as CPU
time to the first paint (the process's, all threads, as each child reports it): on a shared,
loaded machine the wall-clock ratio swings with the load, the CPU-time ratio much less.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTextEdit
    app = QApplication(sys.argv)
    w = QTextEdit()
    w.setReadOnly(True)
    w.setPlainText(open(sys.argv[1], encoding="utf-8").read())
    w.resize(1400, 860)
    w.show()
    def painted():
        w.viewport().repaint()
        print("shown", f"{time.time():.6f}", f"{time.process_time():.6f}", flush=True)
        app.quit()
    QTimer.singleShot(0, painted)
    app.exec()
    """
)


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp / var.lower())
    # as installed: compiled bytecode is reused (kept out of the source tree here)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def _timed_cpu(cmd: list[str], env: dict[str, str], marker: str) -> tuple[float, float]:
    """Wall-clock seconds from launch to the ``marker`` line, and the process's CPU seconds
    (all its threads) at that moment, as the line reports them (``marker <unix time> <cpu>``).
    On a shared, loaded machine the CPU time is the steadier measure: waiting for a CPU does
    not count."""
    t0 = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) in (2, 3) and parts[0] == marker:
            cpu = float(parts[2]) if len(parts) == 3 else float("nan")
            return float(parts[1]) - t0, cpu
    raise RuntimeError(f"no '{marker}' line from {cmd}: {out.stderr[-2000:]}")


def _timed(cmd: list[str], env: dict[str, str], marker: str) -> float:
    return _timed_cpu(cmd, env, marker)[0]


def bench_startup(runs: int) -> None:
    from diptych.core.resources import seed_pair

    seed_a = seed_pair().a.path
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        env = _env(tmp)
        # warm the OS file cache and Python's bytecode cache once
        _timed([sys.executable, "-c", BARE, str(seed_a)], env, "shown")
        _timed([sys.executable, "-m", "diptych"], dict(env, DIPTYCH_EXIT_WHEN="shown"), "shown")
        bare, desk, claims = [], [], []
        bare_cpu, desk_cpu = [], []
        ratios, cpu_ratios = [], []
        for _ in range(runs):
            wall, cpu = _timed_cpu([sys.executable, "-c", BARE, str(seed_a)], env, "shown")
            bare.append(wall)
            bare_cpu.append(cpu)
            wall, cpu = _timed_cpu(
                [sys.executable, "-m", "diptych"],
                dict(env, DIPTYCH_EXIT_WHEN="shown"),
                "shown",
            )
            desk.append(wall)
            desk_cpu.append(cpu)
            # each run against the bare window just before it (the machine's load drifts)
            ratios.append(desk[-1] / bare[-1])
            cpu_ratios.append(desk_cpu[-1] / bare_cpu[-1])
            claims.append(
                _timed(
                    [sys.executable, "-m", "diptych"],
                    dict(env, DIPTYCH_EXIT_WHEN="analysed"),
                    "analysed",
                )
            )
    b, s, c = statistics.median(bare), statistics.median(desk), statistics.median(claims)
    print(f"bare PySide6 window, one text shown:   {b * 1000:7.0f} ms (median of {runs})")
    print(f"Diptych, both seeds rendered:          {s * 1000:7.0f} ms  ratio {s / b:.2f}x")
    print(
        "  per-run ratios (each against the bare run just before it): median "
        f"{statistics.median(ratios):.2f}x"
    )
    bc, dc = statistics.median(bare_cpu), statistics.median(desk_cpu)
    print(
        f"CPU time to first paint: bare {bc * 1000:.0f} ms, Diptych {dc * 1000:.0f} ms "
        f"(medians), per-run ratios: median {statistics.median(cpu_ratios):.2f}x"
    )
    print(f"Diptych, claims shown:                 {c * 1000:7.0f} ms  ratio {c / b:.2f}x")


def _big_markdown(path: Path, target_bytes: int, seed_text: str, rng: random.Random) -> None:
    """About ``target_bytes`` of Markdown: paragraphs of the seed text's sentences, shuffled
    (real sentence lengths, varied order), under section headings."""
    import re

    sentences = [s for s in re.split(r"(?<=[.!?])\s+", seed_text.replace("\n", " ")) if len(s) > 30]
    out, size, n = ["# A long article for the benchmark\n"], 0, 0
    while size < target_bytes:
        if n % 12 == 0:
            out.append(f"## Part {n // 12}\n")
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 6))) + "\n"
        out.append(para)
        size += len(para.encode("utf-8")) + 1
        n += 1
    path.write_text("\n".join(out), encoding="utf-8")


def bench_in_process() -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from diptych.core.reading.articles import load_seed_pair
    from diptych.ui.app import create_application
    from diptych.ui.main_window import MainWindow

    app = create_application()
    tmp = Path(tempfile.mkdtemp(prefix="diptych-bench-"))
    settings = QSettings(str(tmp / "bench.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, db=str(tmp / "bench.sqlite3"))
    w.resize(1400, 860)
    w.restore_geometry()
    w.show()

    def wait_analysis(timeout_ms: int = 300_000) -> None:
        loop = QEventLoop()
        w.analysis_shown.connect(lambda _a: loop.quit())
        w.load_failed.connect(lambda _m: loop.quit())
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

    def scroll_cost(label: str) -> None:
        bar = w.reader("a").verticalScrollBar()
        costs = []
        step = max(1, bar.maximum() // 400)
        for v in range(0, bar.maximum(), step):
            bar.setValue(v)
            costs.append(w.sync.last_event_seconds)
        costs.sort()
        print(
            f"synced scroll ({label}): {len(costs)} events, median "
            f"{statistics.median(costs) * 1000:.3f} ms, p95 {costs[int(len(costs) * 0.95)] * 1000:.3f} ms, "
            f"max {costs[-1] * 1000:.3f} ms"
        )

    w.open_seed_pair()
    wait_analysis()
    app.processEvents()
    scroll_cost("seed pair")

    seed_a, seed_b = load_seed_pair()
    rng = random.Random(7)
    big_a, big_b = tmp / "big-a.md", tmp / "big-b.md"
    _big_markdown(big_a, 1_000_000, seed_a.text, rng)
    _big_markdown(big_b, 1_000_000, seed_b.text, rng)

    # the longest gap between ticks of a 5 ms timer = the longest the UI thread was blocked;
    # the UI thread's CPU time in that gap tells its own work from waiting (for the GIL, or
    # for a CPU on a loaded machine)
    gaps: list[float] = []
    busy: list[float] = []
    stamps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]
    last_cpu = [time.thread_time()]

    def tick() -> None:
        now, cpu = clock.nsecsElapsed(), time.thread_time()
        gaps.append((now - last[0]) / 1e6)
        busy.append((cpu - last_cpu[0]) * 1000)
        stamps.append(time.perf_counter())
        last[0], last_cpu[0] = now, cpu

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    t0 = time.perf_counter()
    shown_at: list[float] = []
    w.articles_shown.connect(lambda: shown_at.append(time.perf_counter() - t0))
    w.open_pair(big_a, big_b)
    wait_analysis()
    t_analysis = time.perf_counter() - t0
    # let Qt lay the rest of the documents out, untouched
    loop = QEventLoop()
    QTimer.singleShot(3000, loop.quit)
    loop.exec()
    opening = [(g, c, t - t0) for g, c, t in zip(gaps, busy, stamps, strict=True)]
    gaps.clear()
    busy.clear()
    stamps.clear()
    t1 = time.perf_counter()
    # then a reader scrolls through A (B follows) at about 30 steps a second
    end = time.perf_counter() + 3.0
    bar = w.reader("a").verticalScrollBar()
    while time.perf_counter() < end:
        bar.setValue(min(bar.maximum(), bar.value() + 400))
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
    timer.stop()
    scrolling = [(g, c, t - t1) for g, c, t in zip(gaps, busy, stamps, strict=True)]
    n_claims = len(w.analysis().claims.claims) if w.analysis() else -1
    print(
        f"two 1 MB articles: text shown after {shown_at[0] if shown_at else float('nan'):.2f} s, "
        f"claims ({n_claims}) after {t_analysis:.2f} s"
    )
    for label, gs in (("opening (until analysed + 3 s)", opening), ("scrolling 3 s", scrolling)):
        worst = sorted(gs)[-5:]
        print(
            f"UI thread while {label}: longest block {worst[-1][0]:.0f} ms (5 worst, "
            "wall/UI-thread CPU ms @ s: "
            + ", ".join(f"{g:.0f}/{c:.0f} @{t:.1f}" for g, c, t in worst)
            + f"), {sum(g > 100 for g, _c, _t in gs)} over 100 ms in {len(gs)} ticks"
        )
    scroll_cost("1 MB pair")
    w.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--only-startup", action="store_true")
    args = ap.parse_args()
    if not args.skip_startup:
        bench_startup(args.runs)
    if not args.only_startup:
        bench_in_process()
    return 0


if __name__ == "__main__":
    sys.exit(main())
