"""The highlights side of the window: the store, opened off the UI thread after the first
paint, the highlight controller made once it is open, and the backup offered when the store
was found damaged and set aside.

``HighlightsSession`` knows no widget of the window: ``make_controller(store)`` (given by the
window) builds the controller on the panes; the window wires it when ``controller_ready``
fires. Signals:

``ready()``                    the store is open, or known to be unusable (highlights off)
``controller_ready(ctl)``      the controller exists: wire it
``notice(text, ms)``           something the user must read (highlights off, restored...)
``crashed(traceback)``         an unexpected error while opening
``backup_offered(Path | None)``  a backup to offer (None: the offer is over: restored or
                               dismissed)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from diptych.core.model import Article
from diptych.ui.jobs import Job, JobContext

if TYPE_CHECKING:
    from diptych.core.notes.store import Store
    from diptych.ui.highlights.controller import HighlightController

OpenResult = tuple["Store | None", str, "Path | None"]  # store, notice, newest good backup


class HighlightsSession(QObject):
    """The highlights store and controller of a window (see the module docstring)."""

    ready = Signal()
    controller_ready = Signal(object)
    notice = Signal(str, int)
    crashed = Signal(str)
    backup_offered = Signal(object)

    def __init__(
        self,
        db: str | None,
        make_controller: Callable[[Store], HighlightController],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db
        self._make_controller = make_controller
        self.store: Store | None = None
        self.controller: HighlightController | None = None
        self._started = False
        self._closed = False
        self._offered: Path | None = None

    def start(self) -> None:
        """Open the store off the UI thread (it imports the store and anchoring code and runs
        an integrity check); the side panels' code is imported there too. Once only."""
        if self._started:
            return
        self._started = True
        job = Job(_open_store_job(self.db_path), parent=self, name="open-store")
        job.succeeded.connect(self._on_opened)
        job.failed.connect(lambda _exc, text: self._on_failed(text))
        job.start()

    def offered_backup(self) -> Path | None:
        """The backup offered after the store was found damaged (or None)."""
        return self._offered

    def confirm_close(self, parent: object = None) -> bool:
        """False when the user keeps a note being written open (nothing may replace it)."""
        ctl = self.controller
        return ctl is None or bool(ctl.confirm_close(parent))  # type: ignore[arg-type]

    def restore_offered_backup(self, a: Article | None, b: Article | None) -> bool:
        """Put the offered backup in place of the store and show its highlights."""
        backup, store, ctl = self._offered, self.store, self.controller
        if backup is None or store is None:
            return False
        if not self.confirm_close():
            return False  # a note being written stays open
        from diptych.core.errors import DiptychError

        try:
            store.restore_backup(backup)
        except DiptychError as exc:
            self.notice.emit(f"The backup could not be restored: {exc}", 20_000)
            return False
        self._offered = None
        self.backup_offered.emit(None)
        self.notice.emit(
            " ".join(store.notices) or f"Restored the highlights from {backup}.", 20_000
        )
        if ctl is not None:
            # resolves the restored highlights against the open pair (highlights_loaded)
            ctl.set_articles(a, b)
        return True

    def dismiss_backup_offer(self) -> bool:
        """The user declined the offered backup: the store stops keeping the backups it kept
        for the offer (they rotate like the others again) and the offer goes away."""
        backup, store = self._offered, self.store
        if backup is None or store is None:
            return False
        try:
            store.dismiss_backup_offer()
        except OSError as exc:
            self.notice.emit(f"The backup offer could not be dismissed: {exc}", 20_000)
            return False
        self._offered = None
        self.backup_offered.emit(None)
        self.notice.emit(
            f"Backup offer dismissed: {backup} stays in the backups folder until newer "
            "backups replace it.",
            20_000,
        )
        return True

    def close(self) -> None:
        """The window is closing: close the store (one opened later is closed at once)."""
        self._closed = True
        if self.controller is not None:
            # no more polling or re-reads; a re-read still reading the store, and a write
            # waiting for another program's lock, finish (or fail) first: closing the store
            # under them would lose the write and report the re-read's error
            self.controller.shut_down()
        if self.store is not None:
            self.store.close()

    def _on_opened(self, result: OpenResult) -> None:
        store, problem, backup = result
        if problem:
            self.notice.emit(problem, 60_000 if backup is not None else 20_000)
        if store is None:
            self.ready.emit()
            return
        if self._closed:
            store.close()
            return
        self.store = store
        self.controller = self._make_controller(store)
        self.controller_ready.emit(self.controller)
        if backup is not None:
            self._offered = backup
            self.backup_offered.emit(backup)
        self.ready.emit()

    def _on_failed(self, text: str) -> None:
        self.notice.emit("Highlights are off: the store could not be opened (see the log)", 20_000)
        self.crashed.emit(text)
        self.ready.emit()


def _open_store_job(db: str | None) -> Callable[[JobContext], OpenResult]:
    def open_store(_ctx: JobContext) -> OpenResult:
        from diptych.core.errors import DiptychError

        try:
            # import off the UI thread: these take a while to load
            import diptych.ui.claims.panel
            import diptych.ui.highlights.controller
            import diptych.ui.highlights.panel  # noqa: F401
            from diptych.core.notes.store import Store

            store = Store.open(db)
            # checking the backups runs quick_check on each: here, not on the UI thread
            backup = store.newest_good_backup() if store.damaged_moved_to else None
            return store, " ".join(store.notices), backup
        except DiptychError as exc:
            return None, f"Highlights are off: {exc}", None

    return open_store
