"""Keeps ``None`` alive under PySide6 6.12 on CPython 3.11 (found while writing the exporter).

PySide6-Essentials 6.12 drops one reference to ``None`` on every call of a method that returns
void (``QPainter.fillRect``, ``QTextLine.draw``, ``QObject.setObjectName``...), as if ``None`` were
immortal, which it is only from CPython 3.12. On 3.11 ``None``'s count (about 5,000 at start-up)
reaches zero after a few thousand such calls and the interpreter aborts with "Fatal Python
error: none_dealloc" (often only at exit). An export makes hundreds of thousands of those calls.

``NoneRefGuard`` notes the count when created and, at each ``top_up()``, gives back the
references lost since (writing ``ob_refcnt`` directly: a list of ``None`` would be freed at
interpreter shutdown and the count would hit zero then). It also adds a cushion up front so the
count cannot reach zero between two top-ups. A no-op on CPython 3.12+ and other interpreters.
"""

from __future__ import annotations

import ctypes
import platform
import sys
import threading

_AFFECTED = sys.version_info < (3, 12) and platform.python_implementation() == "CPython"
_CUSHION = 1_000_000
_lock = threading.Lock()
_cushioned = False


def _add_refs(n: int) -> None:
    # CPython < 3.12: ob_refcnt is the first field of every object (Py_ssize_t).
    cell = ctypes.c_ssize_t.from_address(id(None))
    cell.value += n


class NoneRefGuard:
    """Restores ``None``'s reference count to its value at creation, on each ``top_up``."""

    def __init__(self) -> None:
        global _cushioned
        if _AFFECTED:
            with _lock:
                if not _cushioned:
                    _add_refs(_CUSHION)
                    _cushioned = True
        self._base = sys.getrefcount(None)

    def top_up(self) -> None:
        if not _AFFECTED:
            return
        with _lock:
            lost = self._base - sys.getrefcount(None)
            if lost > 0:
                _add_refs(lost)
