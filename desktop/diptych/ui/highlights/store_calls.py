"""Store calls from the UI thread run on a worker thread, so a locked store never freezes
the window.

``OffThreadStore(store)`` has the ``Store``'s methods; called on the UI thread, each runs on
one worker thread (calls stay in order). The usual call takes milliseconds and is simply
waited for. When another program holds the lock, the UI thread keeps running Qt's event loop
meanwhile (painting, timers, the window manager's pings; mouse and keys wait until the call
is done, so no second action starts in between) and ``waiting`` fires with the store's
``WAITING_MESSAGE`` ("Waiting for another Diptych to finish saving…"), and ``done_waiting``
once it returns. Calls from other threads (the background resolve) go straight through.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Signal

from diptych.core.notes.store import WAITING_MESSAGE, Store

QUICK_S = 0.05  # a call that takes longer than this lets the event loop run while it waits


class StoreCalls(QObject):
    """Runs store calls on one worker thread (see the module docstring)."""

    waiting = Signal(str)  # WAITING_MESSAGE (and the seconds waited)
    done_waiting = Signal()
    _finished = Signal()  # from the worker: a call is done (quits the waiting loop)
    _waited = Signal(float)  # from the worker: the store's on_wait

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="diptych-store")
        self._ui_thread = threading.current_thread()
        self.busy = False  # a call is in flight on the worker (callers may not start another)
        self._waited.connect(self._on_waited)
        waited = self._waited

        def on_wait(seconds: float) -> None:  # called from the worker while it waits
            with contextlib.suppress(RuntimeError):  # the window may be gone
                waited.emit(seconds)

        store.on_wait = on_wait

    def _on_waited(self, seconds: float) -> None:
        if self.busy:
            self.waiting.emit(f"{WAITING_MESSAGE} ({seconds:.0f} s)")

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not self._ui_thread or self.busy:
            return fn(*args, **kwargs)  # not the UI thread, or nested inside a waiting call
        future = self._pool.submit(fn, *args, **kwargs)
        self.busy = True
        try:
            try:
                return future.result(timeout=QUICK_S)
            except concurrent.futures.TimeoutError:
                pass
            loop = QEventLoop()
            self._finished.connect(loop.quit)
            future.add_done_callback(lambda _f: self._finished.emit())
            if not future.done():
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            self._finished.disconnect(loop.quit)
            self.done_waiting.emit()
            return future.result()
        finally:
            self.busy = False

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

        def run(*args: Any, **kwargs: Any) -> Any:
            return calls.call(value, *args, **kwargs)

        return run
