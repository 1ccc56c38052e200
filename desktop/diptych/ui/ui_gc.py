"""Python's cycle collector runs on the UI thread only, from a timer.

Left to itself, CPython runs its cycle collector in whichever thread happens to allocate when
a generation's threshold is crossed: in Diptych often a worker (the store calls, the highlight
loader, the analysis jobs all run Python on other threads). If a Qt object (a widget left in a
reference cycle, a QObject held by a closure) is freed by that collection, Qt deletes it on the
worker thread: a crash (segfaults were seen in the test suite, where tests/ui/conftest.py
collects between tests for that reason).

``UiThreadCollector`` turns automatic collection off (``gc.disable()``) and collects from a
QTimer on the thread that made it, the pattern of pyqtgraph's ``GarbageCollector``: every
``interval_ms`` it looks at ``gc.get_count()`` and collects generation 0 when its count is past
the usual threshold, generation 1 when that is past its threshold too, and the full collection
(generation 2) only then, when past its own: young generations often, a full one rarely, as
CPython would, only never on another thread.

    collector = UiThreadCollector(app)   # on the UI thread, once the QApplication exists
    ...
    collector.stop()                     # automatic collection as it was
    collector.resume()                   # and off again, collected from the timer
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
"""How often the timer looks at the allocation counts (a look is a ``gc.get_count()``)."""


class UiThreadCollector(QObject):
    """Automatic garbage collection off; collections from a timer on this object's thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self.collections = [0, 0, 0]  # how many of each generation this timer ran
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setObjectName("ui_gc_timer")
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect what CPython would have collected by now (see the module docstring)."""
        l0, l1, l2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if l0 <= t0:
            return
        generation = 0
        if l1 > t1:
            generation = 2 if l2 > t2 else 1
        gc.collect(generation)
        self.collections[generation] += 1

    def stop(self) -> None:
        """Stop the timer and give collection back to CPython (as it was before)."""
        self.timer.stop()
        if self._was_enabled:
            gc.enable()

    def resume(self) -> None:
        """After ``stop``: automatic collection off and the timer running again (one collector
        can serve many runs, e.g. every window test, instead of one made and freed for each)."""
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer.start()
