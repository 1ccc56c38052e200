"""One way to run work off the UI thread: ``Job``.

::

    def work(ctx: JobContext) -> Result:      # runs on a thread-pool thread; no widgets here
        ctx.report(0.5, "Halfway")            # -> job.progressed((0.5, "Halfway"))
        ctx.check()                           # raises JobCancelled once job.cancel() was called
        return result

    job = Job(work, parent=self)              # parent: when it is destroyed, the job is
    job.succeeded.connect(self.on_result)     #   cancelled and says nothing more
    job.failed.connect(self.on_error)         # (exception, traceback text)
    job.start()
    ...
    job.cancel()                              # ctx.cancelled turns True; ctx.on_cancel callbacks run

Every signal is delivered on the thread that made the job (the UI thread), in order: any number
of ``progressed``, then exactly one of ``succeeded(result)``, ``failed(exc, traceback)`` or
``cancelled()``, then ``finished()``. Work that raises ``JobCancelled`` (or one of the
``cancel_on`` types) ends as ``cancelled``; work that returns ends as ``succeeded`` even if
``cancel()`` came too late to stop it (the caller decides whether it still wants the result).

The shape follows Anki's ``aqt.operations.QueryOp`` and napari's ``create_worker``: a function, a
pool, signals back on the UI thread. Jobs run on ``QThreadPool.globalInstance()`` unless given a
``pool`` (the pair loader uses its own, one thread: one analysis at a time). The Qt-free parts of
background work (the cancel token, the parse cache, child processes, the pair job) are in
``diptych.background``.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QMetaObject, QObject, QRunnable, QThreadPool, Signal

from diptych.background.cancel import CancelToken, JobCancelled


class JobContext(CancelToken):
    """What the work gets: the cancel token of its job, and ``report(*args)`` for progress."""

    def __init__(self, report: Callable[[tuple[Any, ...]], None]) -> None:
        super().__init__()
        self._report = report

    def report(self, *args: Any) -> None:
        """Send ``args`` to ``Job.progressed`` (delivered on the UI thread, in order)."""
        self._report(args)


def _done_work(_ctx: JobContext) -> None:
    """What a finished job holds instead of its work."""


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self._job._run()


class Job(QObject):
    """One piece of work on a thread pool (see the module docstring).

    A job has no Qt parent: it is never deleted while its work runs (the work's thread
    emits on it). ``parent`` is its owner instead: when the owner is destroyed, the job is
    cancelled and delivers nothing more. Once it has said ``finished`` (or would have, for an
    orphan) its Qt object is deleted on the UI thread (``deleteLater``): connect to a job's
    signals before ``start()``, never after it has finished.
    """

    progressed = Signal(object)  # the tuple given to ctx.report(...)
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object, str)  # the exception and its traceback
    cancelled = Signal()
    finished = Signal()  # after exactly one of the three above

    # (kind, payload) from the pool thread, queued to this object's thread
    _relay = Signal(str, object)

    # started jobs are kept alive here until their last signal is delivered
    _running: ClassVar[set[Job]] = set()

    def __init__(
        self,
        work: Callable[[JobContext], Any],
        *,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
        cancel_on: tuple[type[BaseException], ...] = (),
        name: str = "",
    ) -> None:
        super().__init__(None)
        self.setObjectName(name or getattr(work, "__name__", "job"))
        self._work = work
        self._pool = pool
        self._cancel_on: tuple[type[BaseException], ...] = (JobCancelled, *cancel_on)
        self.context = JobContext(self._emit_progress)
        self._started = False
        self._done = threading.Event()
        self._finished = False
        self._orphaned = False
        self._owner_connection: QMetaObject.Connection | None = None
        if parent is not None:
            me = weakref.ref(self)

            def owner_gone(*_args: object) -> None:
                job = me()
                if job is not None:
                    job._orphaned = True
                    job.cancel()

            self._owner_connection = parent.destroyed.connect(owner_gone)
        self._relay.connect(self._on_relay)

    # -- UI thread ---------------------------------------------------------------------------
    def start(self) -> Job:
        """Queue the work on the pool (once); returns the job."""
        if self._started:
            return self
        self._started = True
        Job._running.add(self)
        (self._pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it sees ``ctx.cancelled``; ``on_cancel`` callbacks run now)."""
        self.context.cancel()

    def is_cancelled(self) -> bool:
        return self.context.cancelled

    def is_running(self) -> bool:
        """Started and its final signal not delivered yet."""
        return self._started and not self._finished

    def wait(self, msecs: int = -1) -> bool:
        """Block until the work has returned (its signals may still be queued); True if so."""
        if not self._started:
            return True
        return self._done.wait(None if msecs < 0 else msecs / 1000)

    def _on_relay(self, kind: str, payload: object) -> None:
        if kind == "progress":
            if not self._orphaned:
                assert isinstance(payload, tuple)
                self.progressed.emit(payload)
            return
        self._finished = True
        Job._running.discard(self)
        if self._owner_connection is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                QObject.disconnect(self._owner_connection)
            self._owner_connection = None
        try:
            if self._orphaned:
                return
            if kind == "ok":
                self.succeeded.emit(payload)
            elif kind == "cancelled":
                self.cancelled.emit()
            else:
                assert isinstance(payload, tuple)
                self.failed.emit(payload[0], payload[1])
            self.finished.emit()
        finally:
            self._let_go()

    def _let_go(self) -> None:
        """After the last signal, on this (the UI) thread: forget the work and delete the Qt
        object here, with the slots connected to it. A job is a reference cycle (its context
        reports through it), so Python frees it only in a cycle collection, which may run in
        any thread; the work's closure and the slots hold their owner (a controller, and the
        widgets it made), which must never be freed there."""
        self._work = _done_work
        self._done.wait()  # the work's thread has returned from its last emit on this object
        self.deleteLater()

    # -- pool thread -------------------------------------------------------------------------
    def _send(self, kind: str, payload: object) -> None:
        with contextlib.suppress(RuntimeError):  # interpreter shutting down
            self._relay.emit(kind, payload)

    def _emit_progress(self, args: tuple[Any, ...]) -> None:
        self._send("progress", args)

    def _run(self) -> None:
        try:
            try:
                result = self._work(self.context)
            except self._cancel_on:
                self._send("cancelled", None)
            except BaseException as exc:  # reported, never raised into Qt's thread
                self._send("failed", (exc, traceback.format_exc()))
            else:
                self._send("ok", result)
        finally:
            self._done.set()


def run_in_background(
    work: Callable[[JobContext], Any],
    on_success: Callable[[Any], object] | None = None,
    on_failure: Callable[[BaseException, str], object] | None = None,
    *,
    parent: QObject | None = None,
    pool: QThreadPool | None = None,
    name: str = "",
) -> Job:
    """``Job(work)`` with its result and error handlers connected, started."""
    job = Job(work, parent=parent, pool=pool, name=name)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_failure is not None:
        job.failed.connect(on_failure)
    return job.start()
