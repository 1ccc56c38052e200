"""Work around a PySide6 6.12 reference-counting bug on Python 3.11.

Many PySide6 6.12 calls that return nothing (``QTextCursor.setPosition``,
``QScrollBar.setValue``, ``QTextEdit.setExtraSelections``, ``setTextCursor``...) drop one
reference to ``None`` each time on CPython 3.11 (from 3.12 on, ``None`` is immortal and the bug
is harmless). A reading session makes thousands of such calls while scrolling, so ``None``'s
count reaches zero and the interpreter aborts ("Fatal Python error: none_dealloc"), mid-session
or at exit. Measured: 100 ``setPosition`` calls lower ``sys.getrefcount(None)`` by 100.

``protect_none()`` adds 2**40 references to ``None`` once per process, which no session can use
up; ``None`` is never freed anyway, so the extra count changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA = 1 << 40
_done = False


def protect_none() -> None:
    """Give ``None`` a reference count no run can exhaust (CPython < 3.12 only)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every object (Py_ssize_t), at the object's address
    ctypes.c_ssize_t.from_address(id(None)).value += _EXTRA
    _done = True
