"""Garbage is collected on the UI thread only: automatic collection is off under the app and a
timer collects (ui/ui_gc.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
import weakref
from typing import ClassVar

import pytest

from diptych.ui.ui_gc import UiThreadCollector
from helpers.window import app_env

# these tests turn automatic collection off and on themselves (tests/ui/conftest.py)
pytestmark = pytest.mark.gc_as_is


class Cycle:
    """Garbage only the cycle collector frees; says on which thread it was freed."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_a_worker_allocating_never_collects_the_timer_on_the_ui_thread_does(qtbot) -> None:
    Cycle.freed_on.clear()
    collector = UiThreadCollector(interval_ms=20)
    try:
        assert not gc.isenabled()
        ref = weakref.ref(Cycle())  # unreachable at once: a cycle only gc frees
        kept: list[object] = []

        def allocate() -> None:
            # far past generation 0's threshold: CPython would collect here, on this thread
            kept.extend({} for _ in range(20 * gc.get_threshold()[0]))

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert ref() is not None and Cycle.freed_on == []

        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
        assert Cycle.freed_on == [threading.main_thread().name]
        kept.clear()
        assert collector.collections[0] + collector.collections[1] + collector.collections[2]
    finally:
        collector.stop()
    assert gc.isenabled()


def test_young_generations_often_a_full_collection_only_past_its_threshold(qtbot) -> None:
    collector = UiThreadCollector(interval_ms=60_000)  # checked by hand here
    try:
        t0, t1, _t2 = collector.threshold
        gc.collect()
        collector.collections = [0, 0, 0]
        for _ in range(t1 + 2):
            keep = [{} for _ in range(2 * t0)]  # past generation 0's threshold
            collector.check()
            del keep
        collector.check()  # nothing new allocated: nothing to do
        # t1 + 1 young collections, then generation 1 is past its threshold too: one of it
        assert collector.collections == [t1 + 1, 1, 0]
    finally:
        collector.stop()


def test_the_app_runs_with_automatic_gc_off_and_collects_on_its_timer(tmp_path) -> None:
    script = textwrap.dedent(
        """
        import gc, threading
        import diptych.ui.app as app_mod
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        class Cycle:
            def __init__(self):
                self.me = self
            def __del__(self):
                print("freed-on-ui-thread", threading.current_thread() is threading.main_thread(),
                      flush=True)

        def hooked(window):
            def shown():
                print("gc-enabled", gc.isenabled(), flush=True)
                Cycle()
                keep = [[] for _ in range(5 * gc.get_threshold()[0])]
                threading.Thread(target=lambda: [[] for _ in range(50_000)]).start()
                QTimer.singleShot(3000, QApplication.instance().quit)
            window.articles_shown.connect(shown)

        app_mod._maybe_exit_when_ready = hooked
        code = app_mod.run_gui(None, None)
        print("gc-enabled-after", gc.isenabled(), flush=True)
        raise SystemExit(code)
        """
    )
    env = app_env(tmp_path, DIPTYCH_NO_DIALOGS="1")
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "gc-enabled False" in lines, out.stdout
    assert "freed-on-ui-thread True" in lines, out.stdout
    assert "freed-on-ui-thread False" not in lines
    assert "gc-enabled-after True" in lines


def test_a_stopped_collector_resumes_with_collection_off_and_its_timer_running(qtbot) -> None:
    assert gc.isenabled()
    collector = UiThreadCollector(interval_ms=60_000)
    try:
        collector.stop()
        assert gc.isenabled() and not collector.timer.isActive()
        collector.resume()
        assert not gc.isenabled() and collector.timer.isActive()
        collector.stop()
        assert gc.isenabled()  # as it was before resume
    finally:
        collector.stop()
        gc.enable()
