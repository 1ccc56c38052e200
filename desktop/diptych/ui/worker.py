"""The window's pair loader: pair jobs (``diptych.background.pair_job``) run as ``Job``s.

``PairLoader.request(req)`` starts a job and returns its id; one job runs at a time (a pool of
one thread), and only the newest request's results are delivered: a newer request cancels the
older ones (their child processes are killed) and their late reports are dropped.

Signals (on the UI thread, each with the request id first): ``progress(id, text)``,
``articles_ready(id, a, b, prepared)``, ``analysis_ready(id, PairAnalysis)``,
``failed(id, side, message)`` for a user's bad input (side "a", "b" or ""),
``crashed(id, traceback_text)`` for anything unexpected; ``busy_changed(bool)``.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from diptych.background.child_process import BackgroundProcess
from diptych.background.pair_job import PairRequest, run_request
from diptych.ui.jobs import Job, JobContext

PAINT_WAIT_S = 1.5  # longest the analysis waits for the UI to show the text


class PairLoader(QObject):
    """Runs pair jobs one at a time and relays the newest one's reports."""

    progress = Signal(int, str)
    articles_ready = Signal(int, object, object, object)  # id, a, b, {side: PreparedArticle}
    analysis_ready = Signal(int, object)
    failed = Signal(int, str, str)
    crashed = Signal(int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one analysis at a time; newer requests queue
        self._next_id = 0
        self._current = 0
        self._painted = threading.Event()
        self._jobs: dict[int, Job] = {}

    def request(self, req: PairRequest) -> int:
        """Start loading/analysing; earlier requests are cancelled and their results ignored."""
        self._next_id += 1
        job_id = self._current = self._next_id
        self._painted.clear()
        for old in self._jobs.values():
            old.cancel()  # an analysis nobody will look at
        painted = self._painted

        def work(ctx: JobContext) -> None:
            process = BackgroundProcess()
            ctx.on_cancel(process.kill)

            def wait_for_paint() -> None:
                painted.wait(PAINT_WAIT_S)
                ctx.check()  # replaced while waiting: no analysis nobody will look at

            run_request(req, ctx.report, wait_for_paint, process, lambda: ctx.cancelled)

        job = Job(work, parent=self, pool=self._pool, name=f"pair-{job_id}")
        job.progressed.connect(lambda report, j=job_id: self._on_report(j, report))
        job.failed.connect(lambda _exc, tb, j=job_id: self._on_report(j, ("crashed", (tb,))))
        job.finished.connect(lambda j=job_id: self._on_finished(j))
        was_busy = self.is_busy()
        self._jobs[job_id] = job
        if not was_busy:
            self.busy_changed.emit(True)
        job.start()
        return job_id

    def cancel_all(self) -> None:
        """Stop child analyses (the window is closing)."""
        for job in self._jobs.values():
            job.cancel()

    def release(self) -> None:
        """The UI has painted the articles: the analysis may start."""
        self._painted.set()

    def current(self) -> int:
        return self._current

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until all jobs finished (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def _on_report(self, job_id: int, report: tuple[str, tuple[Any, ...]]) -> None:
        if job_id != self._current:
            return
        kind, args = report
        if kind == "progress":
            self.progress.emit(job_id, *args)
        elif kind == "articles":
            self.articles_ready.emit(job_id, *args)
        elif kind == "analysis":
            self.analysis_ready.emit(job_id, *args)
        elif kind == "failed":
            self.failed.emit(job_id, *args)
        elif kind == "crashed":
            self.crashed.emit(job_id, *args)

    def _on_finished(self, job_id: int) -> None:
        self._jobs.pop(job_id, None)
        if not self._jobs:
            self.busy_changed.emit(False)
