"""Cancelling background work from another thread, without Qt.

A ``CancelToken`` is handed to the work; the thread that started it calls ``cancel()``. The work
looks at ``token.cancelled`` (or calls ``token.check()``, which raises ``JobCancelled``) at points
where stopping is safe, and may register ``on_cancel`` callbacks for what it cannot poll (a child
process to kill). The Qt side (``diptych.ui.jobs.Job``) reports a ``JobCancelled`` as
"cancelled", never as an error.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class JobCancelled(Exception):
    """The work stopped because it was cancelled (not an error)."""


class CancelToken:
    """A thread-safe, one-way "stop" flag with callbacks."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], object]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Set the flag and run the ``on_cancel`` callbacks (once; from the caller's thread)."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            fn()

    def on_cancel(self, fn: Callable[[], object]) -> None:
        """Call ``fn`` when cancelled (at once if already cancelled)."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(fn)
                return
        fn()

    def check(self) -> None:
        """Raise ``JobCancelled`` if cancelled."""
        if self._event.is_set():
            raise JobCancelled()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until cancelled or ``timeout`` seconds passed; True if cancelled."""
        return self._event.wait(timeout)
