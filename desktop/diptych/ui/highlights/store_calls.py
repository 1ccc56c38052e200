"""Store calls from the UI thread run on a worker thread, so a locked store never freezes
the window.

``OffThreadStore(store, calls)`` has the ``Store``'s methods; called on the UI thread, each
runs on one worker thread. The usual call takes milliseconds and is simply waited for. When
another program holds the lock, the UI thread runs Qt's event loop meanwhile, user input
included: the reader scrolls, reads, selects, switches claims and types in the note editor,
while ``waiting`` says ``WAITING_MESSAGE`` ("Waiting for another program (perhaps another
Diptych) to let go of the highlights database…")
about twice a second; ``done_waiting`` fires as the call returns and ``idle`` just after the
caller has finished with its result (for what was put off meanwhile: a note typed meanwhile is
saved then, a new pair is shown then).

What the reader does meanwhile may call the store again (the controller's code, entered from
the waiting loop):

- a read (``READS``) runs at once on the UI thread: in WAL mode a reader does not wait for a
  writer, and the worker holds the connection only one short slice at a time;
- a write is refused before anything is done: ``StoreBusy`` (a ``StoreError``,
  ``BUSY_MESSAGE``: "Not done: an earlier save still waits…"). The caller reports it and
  leaves the screen as it was, so the action visibly did not happen; nothing is queued behind
  the waiting call, and no second write ever runs under the first one's waiting loop.

Calls from other threads (the background resolve) go straight through.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from diptych.core.errors import StoreError
from diptych.core.notes.store import WAITING_MESSAGE, Store

QUICK_S = 0.05  # a call that takes longer than this lets the event loop run while it waits

BUSY_MESSAGE = (
    "Not done: an earlier save still waits for another program (perhaps another Diptych) to "
    "let go of the highlights database; nothing was changed, try again once it lets go"
)
# what the note editor adds while its note waits for the lock
NOTE_KEPT = (
    "Your note is kept here and saved as soon as it lets go; to save it sooner, finish or "
    "close that program."
)
NOTE_KEPT_MESSAGE = f"{WAITING_MESSAGE} {NOTE_KEPT}"

# Store methods that only read: they may run while a write waits (any other method writes)
READS = frozenset(
    {
        "all_highlights",
        "all_links",
        "all_tags",
        "all_verdicts",
        "articles",
        "changed_elsewhere",
        "extra_of",
        "get",
        "get_link",
        "highlights_for",
        "is_deleted",
        "resolve_verdicts",
        "link_extra_of",
        "links_for",
        "snapshot",
        "verdict_count",
        "verdict_state",
        "verdicts_for",
    }
)


class StoreBusy(StoreError):
    """A write asked for while another store call waits for the lock: refused, nothing
    written (``BUSY_MESSAGE``)."""

    def __init__(self) -> None:
        super().__init__(BUSY_MESSAGE)


class StoreCalls(QObject):
    """Runs store calls on one worker thread (see the module docstring)."""

    waiting = Signal(str)  # WAITING_MESSAGE (and the seconds waited), or BUSY_MESSAGE
    done_waiting = Signal()  # a call that waited returned (busy is False again)
    busy_changed = Signal(bool)  # a call started / stopped waiting with the event loop running
    idle = Signal()  # after a call that waited, once its caller is done with the result
    _finished = Signal()  # from the worker: a call is done (quits the waiting loop)
    _waited = Signal(float)  # from the worker: the store's on_wait

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="diptych-store")
        self._ui_thread = threading.current_thread()
        self.busy = False  # a call is in flight on the worker (no other write may start)
        self._in_flight: concurrent.futures.Future[Any] | None = None
        self._refused = False  # a write was refused during this wait (said until it ends)
        self._waited.connect(self._on_waited)
        waited = self._waited

        def on_wait(seconds: float) -> None:  # called from the worker while it waits
            with contextlib.suppress(RuntimeError):  # the window may be gone
                waited.emit(seconds)

        store.on_wait = on_wait

    def _on_waited(self, seconds: float) -> None:
        if self.busy:
            self.waiting.emit(
                BUSY_MESSAGE if self._refused else f"{WAITING_MESSAGE} ({seconds:.0f} s)"
            )

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` on the worker, its result returned here (see the module
        docstring); refused (``StoreBusy``) while another call waits."""
        return self._call(fn, args, kwargs, read=False)

    def read(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """As ``call`` for ``fn`` that only reads: run at once while another call waits."""
        return self._call(fn, args, kwargs, read=True)

    def _call(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], *, read: bool
    ) -> Any:
        if threading.current_thread() is not self._ui_thread:
            return fn(*args, **kwargs)
        if self.busy:  # entered again from the waiting loop below
            if read:
                return fn(*args, **kwargs)
            self._refused = True
            self.waiting.emit(BUSY_MESSAGE)
            raise StoreBusy()
        future = self._pool.submit(fn, *args, **kwargs)
        self._in_flight = future
        self.busy = True
        waited = False
        try:
            try:
                return future.result(timeout=QUICK_S)
            except concurrent.futures.TimeoutError:
                pass
            waited = True
            loop = QEventLoop()
            self._finished.connect(loop.quit)
            future.add_done_callback(lambda _f: self._finished.emit())
            if not future.done():
                self.busy_changed.emit(True)
                # user input too: the window stays usable; writes asked for meanwhile are
                # refused above (StoreBusy), reads run at once
                loop.exec(QEventLoop.ProcessEventsFlag.AllEvents)
            self._finished.disconnect(loop.quit)
            # the application may quit while this waits: the write is still finished
            return future.result()
        finally:
            self.busy = False
            if waited:
                self._refused = False
                self.busy_changed.emit(False)
                self.done_waiting.emit()
                # after the caller has used the result (it runs before the event loop again)
                QTimer.singleShot(0, self, self._emit_idle)

    def _emit_idle(self) -> None:
        if not self.busy:
            self.idle.emit()

    def finish(self) -> None:
        """Wait here for the call in flight, if any (before the store is closed: a write
        waiting for the lock then finishes, or fails after the store's own timeout)."""
        future = self._in_flight
        if future is not None:
            concurrent.futures.wait([future])

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


class OffThreadStore:
    """A ``Store`` whose methods run through ``StoreCalls`` (attributes read through)."""

    def __init__(self, store: Store, calls: StoreCalls) -> None:
        self._store = store
        self._calls = calls

    @property
    def store(self) -> Store:
        """The store itself (for code that must run on the calling thread)."""
        return self._store

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if not callable(value):
            return value
        calls = self._calls
        via = calls.read if name in READS else calls.call

        def run(*args: Any, **kwargs: Any) -> Any:
            return via(value, *args, **kwargs)

        return run
