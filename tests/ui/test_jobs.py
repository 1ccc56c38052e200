"""``diptych.ui.jobs.Job``: the one way the app runs work off the UI thread."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QObject

from diptych.background.cancel import CancelToken, JobCancelled
from diptych.ui.jobs import Job, JobContext, run_in_background


class Events:
    def __init__(self, job: Job) -> None:
        self.log: list[tuple[str, object]] = []
        self.threads: set[int] = set()
        job.progressed.connect(lambda args: self._add("progress", args))
        job.succeeded.connect(lambda r: self._add("ok", r))
        job.failed.connect(lambda exc, tb: self._add("failed", (exc, tb)))
        job.cancelled.connect(lambda: self._add("cancelled", None))
        job.finished.connect(lambda: self._add("finished", None))

    def _add(self, kind: str, value: object) -> None:
        self.threads.add(threading.get_ident())
        self.log.append((kind, value))

    def kinds(self) -> list[str]:
        return [k for k, _ in self.log]


def test_result_and_progress_arrive_on_the_ui_thread_in_order(qtbot) -> None:
    worker_threads: list[int] = []

    def work(ctx: JobContext) -> int:
        worker_threads.append(threading.get_ident())
        for i in range(3):
            ctx.report(i, f"step {i}")
        return 42

    job = Job(work)
    ev = Events(job)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert ev.kinds() == ["progress"] * 3 + ["ok", "finished"]
    assert [v for k, v in ev.log if k == "progress"] == [
        (0, "step 0"),
        (1, "step 1"),
        (2, "step 2"),
    ]
    assert ev.log[3] == ("ok", 42)
    assert ev.threads == {threading.get_ident()}
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert not job.is_running()


def test_an_exception_is_reported_with_its_traceback(qtbot) -> None:
    def work(_ctx: JobContext) -> None:
        raise ValueError("bad input")

    job = Job(work)
    ev = Events(job)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert ev.kinds() == ["failed", "finished"]
    exc, tb = ev.log[0][1]  # type: ignore[misc]
    assert isinstance(exc, ValueError)
    assert "bad input" in tb and "Traceback" in tb


def test_cancel_stops_the_work_and_runs_on_cancel_callbacks(qtbot) -> None:
    started = threading.Event()
    killed: list[bool] = []

    def work(ctx: JobContext) -> str:
        ctx.on_cancel(lambda: killed.append(True))
        started.set()
        ctx.wait(10)  # until cancelled
        ctx.check()
        return "not reached"

    job = Job(work)
    ev = Events(job)
    job.start()
    assert started.wait(5)
    assert job.is_running()
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.cancel()
    assert ev.kinds() == ["cancelled", "finished"]
    assert killed == [True]


def test_extra_exception_types_can_mean_cancelled(qtbot) -> None:
    class Stopped(Exception):
        pass

    def work(_ctx: JobContext) -> None:
        raise Stopped()

    job = Job(work, cancel_on=(Stopped,))
    ev = Events(job)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert ev.kinds() == ["cancelled", "finished"]


def test_a_parentless_job_lives_until_it_has_reported(qtbot) -> None:
    gate = threading.Event()
    got: list[object] = []

    def work(_ctx: JobContext) -> str:
        gate.wait(5)
        return "done"

    job = run_in_background(work, got.append)
    finished = job.finished
    with qtbot.waitSignal(finished, timeout=5000):
        del job
        gc.collect()  # nobody holds the job but the job registry
        gate.set()
    assert got == ["done"]


def test_a_job_whose_parent_is_gone_tells_nobody_and_does_not_crash(qtbot) -> None:
    parent = QObject()
    gate = threading.Event()
    got: list[object] = []

    def work(_ctx: JobContext) -> str:
        gate.wait(5)
        return "late"

    job = run_in_background(work, got.append, parent=parent)
    ev = Events(job)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=5000)
    assert job.is_cancelled()
    gate.set()
    assert job.wait(5000)
    qtbot.waitUntil(lambda: not job.is_running(), timeout=5000)
    assert got == [] and ev.log == []
    assert job not in Job._running


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True


def test_cancel_token_callbacks_run_once_and_late_ones_at_once() -> None:
    token = CancelToken()
    calls: list[str] = []
    token.on_cancel(lambda: calls.append("early"))
    token.cancel()
    token.cancel()
    token.on_cancel(lambda: calls.append("late"))
    assert calls == ["early", "late"]
    with pytest.raises(JobCancelled):
        token.check()


def test_a_finished_job_lets_go_of_its_work_and_is_deleted_on_the_ui_thread(qtbot) -> None:
    """A job is a reference cycle (its context reports through it): left to Python, it and
    what its work and slots hold (their owner) are freed by a cycle collection, in whichever
    thread runs it. Once finished, it forgets the work and Qt deletes it here."""

    class Owner:
        pass

    owner = Owner()
    owner_ref = weakref.ref(owner)

    def work(_ctx: JobContext, o: Owner = owner) -> int:
        return 1

    job = Job(work)
    got: list[object] = []
    job.succeeded.connect(lambda r, o=owner: got.append((r, o)))
    del work, owner
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    got.clear()
    was_enabled = gc.isenabled()
    gc.disable()  # no cycle collection: the owner is freed by what this thread does below
    try:
        qtbot.waitUntil(lambda: not shiboken6.isValid(job), timeout=5000)  # deleteLater, here
        assert owner_ref() is None  # nothing of the job holds the owner any more
    finally:
        if was_enabled:
            gc.enable()
