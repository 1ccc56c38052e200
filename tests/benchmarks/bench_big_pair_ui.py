"""Benchmark (run on demand, prints numbers; not collected by pytest): a big pair in the window.

``QT_QPA_PLATFORM=offscreen PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_big_pair_ui.py [--profile] [MB | A B]``

Opens two generated articles of MB megabytes each (``bench_claims.generated_pair``, default 1)
or the files A and B in the main window, offscreen, with fresh user folders (no parse cache),
and prints:

- when the articles were shown and when the claims were, and the UI thread's stalls over 60 ms
  meanwhile (a timer every 5 ms; the work runs in a child process);
- the time of what a reader does next, each on the UI thread with its repaint: choosing the
  first and the last claim (both panes scroll), the minimum score, grouping by topic, keys in
  the list, a topic filter, Alt+Down, swapping the panes, scrolling a pane, the gutter;
- the window process's resident memory after each, and the children's peak.

Measured on a shared 2-core machine (issue 11's scale work), two 3 MB generated articles
(11,262 claims, 2,057 strong): claims shown after ~35 s; choosing the last claim 1.7 s -> 0.15 s,
a key in the list 0.5 s -> 0.06 s, a scroll step 60-95 ms -> 32 ms, the minimum score 0.66 s ->
0.13 s; swapping the panes ~1.8 s (the two documents are built again); the window ~870 MB at
its peak, the analysis child ~640 MB.

The claims list as a model/view (``ClaimsModel``, where a ``QTreeWidget`` made an item per
claim at every rebuild) was measured with ``--profile``, whose times were then taken under
cProfile (2-3 times slower in Python): its figures (the list made again 887 -> 255-267 ms, a
verdict 764-817 -> 410-624 ms, ...) overstated every step. Without the profiler (same 3 MB
pair, shared 2-core machine, 2026-12-04, main at 33641db): the list alone made again
(``set_claims``) 142 ms; "Not the same" 171 ms and its Ctrl+Z 217 ms (click, list and
repaint); grouping by topic 122 ms, ungrouping 76 ms; the minimum score 0.5 / 0 34 / 62 ms;
one topic 103 ms, all topics again 130 ms; End / Home / Down in the list 83 / 93 / 93 ms.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _pair(argv: list[str], folder: Path) -> tuple[str, str]:
    if len(argv) == 2:
        return argv[0], argv[1]
    sys.path.insert(0, str(HERE))
    from bench_claims import generated_pair

    mb = float(argv[0]) if argv else 1.0
    ta, tb = generated_pair(mb)
    a, b = folder / f"gen{mb:g}-a.txt", folder / f"gen{mb:g}-b.txt"
    a.write_text(ta, encoding="utf-8")
    b.write_text(tb, encoding="utf-8")
    return str(a), str(b)


def _rss_mb() -> int:
    try:
        return (
            int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
        )
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10


def main(argv: list[str]) -> None:
    profile = "--profile" in argv
    argv = [a for a in argv if a != "--profile"]
    folder = Path(tempfile.mkdtemp(prefix="diptych-bench-ui-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(folder / var.lower())
    path_a, path_b = _pair(argv, folder)

    from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from diptych.ui.main_window import MainWindow
    from diptych.ui.ui_gc import UiThreadCollector

    collector = UiThreadCollector()

    def wait(done, timeout: float = 900.0) -> None:
        t0 = time.perf_counter()
        while not done():
            app.processEvents()
            time.sleep(0.002)
            if time.perf_counter() - t0 > timeout:
                raise TimeoutError

    w = MainWindow(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    w.resize(1480, 900)
    w.show()
    w.open_seed_pair()
    wait(lambda: w.analysis() is not None)

    clock = QElapsedTimer()
    clock.start()
    stalls: list[int] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        if now - last[0] > 60:
            stalls.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    shown: dict[str, float] = {}
    w.articles_shown.connect(lambda: shown.setdefault("articles", time.perf_counter()))
    w.analysis_shown.connect(lambda _a: shown.setdefault("claims", time.perf_counter()))
    t0 = time.perf_counter()
    w.open_pair(path_a, path_b)
    last[0] = clock.elapsed()
    wait(lambda: "claims" in shown)
    print(f"{Path(path_a).name} | {Path(path_b).name}")
    print(
        f"articles shown {shown.get('articles', t0) - t0:.1f} s, claims shown "
        f"{shown['claims'] - t0:.1f} s; UI stalls over 60 ms: {len(stalls)}, the longest "
        f"{max(stalls, default=0)} ms"
    )
    panel = w.claims_panel
    n = len(panel.claims())
    strong = sum(c.tier == "strong" for c in panel.claims())
    print(f"{n} claims ({strong} strong); window {_rss_mb()} MB")
    wait(lambda: w.highlight_controller is not None and not w.highlight_controller.is_loading())

    profiler = cProfile.Profile() if profile else None

    def timed(label: str, action, *, until=None, profiled: bool = False, undo=None) -> None:
        """Time ``action`` (and the repaint after it) and print it; with ``--profile`` and
        ``profiled``, then take it back (``undo``, or nothing: the same action again is the
        same) and do it again under cProfile, untimed: the profiler slows Python calls 2-3
        times, and its times were once printed as the action's."""

        def run() -> float:
            start = time.perf_counter()
            action()
            if until is not None:
                wait(until)
            w.repaint()
            app.processEvents()
            return time.perf_counter() - start

        took = run()
        print(f"  {label}: {1000 * took:.0f} ms (window {_rss_mb()} MB)")
        if profiled and profiler is not None:
            if undo is not None:
                undo()
                app.processEvents()
            profiler.enable()
            run()
            profiler.disable()

    def scroll() -> None:
        bar = w.reader("a").verticalScrollBar()
        for _ in range(20):
            bar.setValue(bar.value() + 120)
            w.repaint()

    timed("choose the first claim", lambda: panel.select_claim(panel.visible_claims()[0]))
    timed("choose the last claim", lambda: panel.select_claim(panel.visible_claims()[-1]))
    timed(
        "minimum score 0.5",
        lambda: panel.set_min_score(0.5),
        profiled=True,
        undo=lambda: panel.set_min_score(0.0),
    )
    timed(
        "minimum score 0",
        lambda: panel.set_min_score(0.0),
        profiled=True,
        undo=lambda: panel.set_min_score(0.5),
    )
    timed(
        "group by topic",
        lambda: panel.set_grouped_by_topic(True),
        profiled=True,
        undo=lambda: panel.set_grouped_by_topic(False),
    )
    timed(
        "ungroup",
        lambda: panel.set_grouped_by_topic(False),
        profiled=True,
        undo=lambda: panel.set_grouped_by_topic(True),
    )
    _verdicts(w, panel, timed)
    panel.tree.setFocus()
    for key, name in ((Qt.Key.Key_End, "End"), (Qt.Key.Key_Home, "Home")):
        timed(f"{name} in the list", lambda k=key: QTest.keyClick(panel.tree, k))
    timed("Down in the list", lambda: QTest.keyClick(panel.tree, Qt.Key.Key_Down))
    timed(
        "one topic",
        lambda: panel.topic_combo.setCurrentIndex(1),
        profiled=True,
        undo=lambda: panel.topic_combo.setCurrentIndex(0),
    )
    timed(
        "all topics",
        lambda: panel.topic_combo.setCurrentIndex(0),
        profiled=True,
        undo=lambda: panel.topic_combo.setCurrentIndex(1),
    )
    timed("Alt+Down (next claim)", lambda: w.step_claim(1))
    timed("swap panes", w.swap_panes)
    timed("20 scroll steps of pane A", scroll)
    timed("10 gutter repaints", lambda: [w.gutter.repaint() for _ in range(10)])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >> 10
    print(f"window peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10} MB, ", end="")
    print(f"children's peak {children} MB")
    if profiler is not None:
        print("cProfile of the verdicts and filters above, each done again (cumulative, top 40):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        pstats.Stats(profiler).print_callees("_show_analysis|set_claims|_select_pending")
    w.close()
    collector.stop()


def _verdicts(w, panel, timed) -> None:
    """The reader's verdicts on a claim in the middle of the list, each timed until the list
    is shown again with the claim after it (or the judged one) selected; then the claims list
    alone made again, as each of them makes it.

    Each verdict is timed "from scratch", as before the incremental updates (the verdicts
    applied to all claims and the anchor chain built again: ``_fast_for`` -> None; the
    outline's rows and every gutter band made again), then as the window gives it now, the
    best of 3 each (each click taken back by Ctrl+Z before the next); printed: the click, the
    part of it spent making the claims list again (``ClaimsPanel.set_claims``, which the
    incremental updates once left as it was; from scratch it is made again in full, else
    changed in place: ``ClaimsPanel._update_claims``), the repaint after it, and the ratios
    of the incremental times to the from-scratch ones.

    Measured on the shared 2-core machine (busy: other benches and suites ran), the 3 MB pair
    (11,262 claims), from scratch -> incremental: the click 146-184 -> 90-105 ms (ratios
    0.57-0.67), of which the claims list 79-93 / 76-83 ms; apart from the list 65-91 ->
    14-23 ms (ratios 0.20-0.25); the repaint after it 47-100 ms either way. The seed pair (32
    claims): the click 6-8 -> 6-7 ms, the repaint 12-19 ms.

    With the list changed in place (``ClaimsPanel._update_claims``; 2026-12-04, same machine,
    the full test suite running beside it), from scratch (list made again) -> incremental:
    the click 142-229 -> 70-100 ms (ratios 0.36-0.49), of which the claims list 70-103 ->
    55-63 ms (ratios 0.6-0.88): what is left is the view laying out every listed row again
    once a row is inserted or removed (~37 ms CPU at 11,300 rows: an ``index`` and two
    ``flags`` calls into Python per row), which no model signal avoids in a QTreeView."""
    from diptych.ui.claim_verdicts import ClaimVerdicts

    listed = panel.visible_claims()
    judged = listed[len(listed) // 2]

    def verdict_of(spans: tuple) -> str | None:
        return next(x.verdict for x in panel.claims() if (x.a, x.b) == spans)

    c = panel.claims()[judged]
    spans = (c.a, c.b)

    def select_judged() -> None:
        i = next(i for i, x in enumerate(panel.claims()) if (x.a, x.b) == spans)
        panel.select_claim(i)

    in_list = [0.0]
    set_claims = panel.set_claims

    def timed_set_claims(*args, **kwargs):
        t = time.perf_counter()
        set_claims(*args, **kwargs)
        in_list[0] += time.perf_counter() - t

    panel.set_claims = timed_set_claims
    from diptych.ui.link_gutter import claim_links

    fast_for = ClaimVerdicts._fast_for
    show_topics = w._show_topics
    kept = {"links": w._claim_links, "fast": None}

    def topics_again(analysis) -> None:
        # as before the window kept them: the chips, rails and outline made again each time
        w._topics_shown = None
        show_topics(analysis)

    class FreshLinks:  # every claim's band made again, filtered through ("claim", i) keys
        def links(self, claims, topic_set):
            self.made = claim_links(claims, topic_set)
            return self.made

        def of(self, indices):
            listed = {("claim", i) for i in indices}
            return [lk for lk in self.made if lk.key in listed]

    from diptych.ui.claims import update as claims_update

    limit = claims_update.UPDATE_LIMIT

    def from_scratch(on: bool, topics: bool | None = None) -> None:
        """``on``: everything made again; else incremental, with the topic widgets made again
        too when ``topics`` (as before ``MainWindow._show_topics`` kept them)."""
        cv = w._claim_verdicts
        # the claims list made again in full (as before it changed in place) or not
        claims_update.UPDATE_LIMIT = -1 if on else limit
        w._show_topics = topics_again if (on if topics is None else topics) else show_topics
        if on:
            ClaimVerdicts._fast_for = lambda self, raw: None
            kept["fast"], cv._fast = cv._fast, None
            w._claim_links = FreshLinks()
        else:
            ClaimVerdicts._fast_for = fast_for
            cv._fast = cv._fast or kept["fast"]
            w._claim_links = kept["links"]

    def measured(button) -> tuple[float, float, float]:
        """(the click, of which the claims list, the repaint after it) in ms"""
        in_list[0] = 0.0
        start = time.perf_counter()
        button.click()
        clicked = time.perf_counter()
        w.repaint()
        QApplication.processEvents()
        return (
            (clicked - start) * 1000,
            in_list[0] * 1000,
            (time.perf_counter() - clicked) * 1000,
        )

    from PySide6.QtWidgets import QApplication

    cv = w._claim_verdicts
    cv._fast_for(cv._raw)  # made on a pair's first verdicts (once per analysis): not timed
    stack = w.highlight_controller.undo_stack

    def best_of(button, n: int = 3) -> tuple[float, float, float]:
        """The quickest of ``n`` clicks, each taken back (Ctrl+Z) before the next."""
        runs = []
        for _ in range(n):
            select_judged()
            panel._hold.stop()  # the bench's clicks are no double click
            QApplication.processEvents()
            runs.append(measured(button))
            stack.undo()
            QApplication.processEvents()
        return min(runs)

    print("  verdicts, ms (best of 3): the click, of which the claims list, then the repaint")
    for label, button, verdict_after in (
        ("Same claim", panel.same_button, "same"),
        ("Undo verdict", panel.undo_button, None),
        ("Not the same", panel.reject_button, "different"),
        ("Undo verdict", panel.undo_button, None),
    ):
        took = {}
        for mode in ("from scratch", "topics again", "incremental"):
            from_scratch(mode == "from scratch", topics=mode != "incremental")
            took[mode] = best_of(button)
        from_scratch(False)
        select_judged()
        panel._hold.stop()
        button.click()  # the verdict given, for the next one
        assert verdict_of(spans) == verdict_after, label
        (base, base_list, base_paint), (now, now_list, now_paint) = (
            took["from scratch"],
            took["incremental"],
        )
        again, again_list, again_paint = took["topics again"]
        print(
            f"  {label}: incremental with the topic widgets made again (as before) "
            f"{again:.0f} (list {again_list:.0f}) + {again_paint:.0f} -> kept {now:.0f}; "
            f"apart from the list {again - again_list:.1f} -> {now - now_list:.1f} ms"
        )
        print(
            f"  {label}: from scratch {base:.0f} (list {base_list:.0f}) + {base_paint:.0f}, "
            f"incremental {now:.0f} (list {now_list:.0f}) + {now_paint:.0f}: click ratio "
            f"{now / base:.2f}; apart from the list {base - base_list:.1f} -> "
            f"{now - now_list:.1f} ms, ratio {(now - now_list) / max(1e-9, base - base_list):.2f}"
        )
    panel.set_claims = set_claims
    select_judged()
    panel._hold.stop()

    def rejection_undone() -> None:
        stack.undo()
        QApplication.processEvents()
        select_judged()
        panel._hold.stop()

    timed(
        "verdict: Not the same (again)",
        panel.reject_button.click,
        profiled=True,
        undo=rejection_undone,
    )
    ctl = w.highlight_controller
    timed("Ctrl+Z (the rejection undone)", ctl.undo_stack.undo, until=lambda: not verdict_of(spans))
    a = w.analysis()
    timed(
        "the claims list alone made again (set_claims)",
        lambda: panel.set_claims(a.claims, a.a, a.b, a.topics.topic_set),
        profiled=True,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
