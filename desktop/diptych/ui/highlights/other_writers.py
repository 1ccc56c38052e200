"""Other writers on the same store: a second Diptych window, or the CLI.

``OtherWriters`` polls ``Store.changed_elsewhere()`` (``PRAGMA data_version``, cheap) once a
second and asks the controller to read the highlights again when another connection
committed, so this window shows their notes, colours and deletions without a restart.

A save made on a row that changed (or was deleted) elsewhere since this window read it is
refused by the store (``ConflictError``: nothing written). ``resolve(conflict)`` asks the
person "keep mine / keep theirs / keep both" (``ask``: a dialog, replaceable in tests) and
applies the answer through ``Store.keep_mine`` / ``keep_theirs`` / ``keep_both``. Keeping
theirs copies the text typed here to the clipboard first, so nothing typed is lost.
"""

from __future__ import annotations

import html
import weakref
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from diptych.core.errors import DiptychError
from diptych.core.model import Highlight
from diptych.core.notes.store import ConflictError, Link, Store
from diptych.ui.claims_panel import shorten
from diptych.ui.safe_text import visible

POLL_MS = 1000
ANSWERS = ("mine", "theirs", "both")


class WriterHost(Protocol):
    """What this module asks of the highlights (``HighlightController`` provides it)."""

    store: Store
    status_message: SignalInstance

    def reload(self) -> None: ...
    def is_loading(self) -> bool: ...
    def store_busy(self) -> bool: ...
    def dialog_parent(self) -> QWidget | None: ...


def ask_with_dialog(conflict: ConflictError, parent: QWidget | None) -> str | None:
    """The question, in a message box: "mine", "theirs", "both" or None (decide later)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed in another window")
    what = "deleted" if conflict.theirs_deleted else "changed"
    box.setText(f"This {conflict.kind} was {what} in another Diptych window or program.")
    mine = getattr(conflict.mine, "note", "")
    theirs = "" if conflict.theirs_deleted else getattr(conflict.theirs, "note", "")
    detail = f"Yours: {shorten(visible(mine), 300) or '(empty)'}"
    if not conflict.theirs_deleted:
        detail += f"\n\nTheirs: {shorten(visible(theirs), 300) or '(empty)'}"
    box.setInformativeText(
        "<p style='white-space: pre-wrap'>"
        + html.escape(detail + "\n\nNothing was saved yet.")
        + "</p>"
    )
    b_mine = box.addButton("Keep mine", QMessageBox.ButtonRole.AcceptRole)
    b_theirs = box.addButton("Keep theirs", QMessageBox.ButtonRole.DestructiveRole)
    b_both = box.addButton("Keep both", QMessageBox.ButtonRole.ActionRole)
    later = box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(b_both)
    box.exec()
    clicked = box.clickedButton()
    if clicked is later or clicked is None:
        return None
    if clicked is b_mine:
        return "mine"
    if clicked is b_theirs:
        return "theirs"
    return "both" if clicked is b_both else None


class OtherWriters(QObject):
    """Refresh on other writers' commits; resolve save conflicts (see the module docstring)."""

    def __init__(self, host: WriterHost, parent: QObject, *, dialogs: bool) -> None:
        super().__init__(parent)
        self._host = weakref.ref(host)  # weak: no reference cycle with the controller
        self._dialogs = dialogs
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.busy = False  # a store call is in flight (no polling in between)

    def ask(self, conflict: ConflictError) -> str | None:
        """How the question is asked: a dialog, or (no dialogs: headless) "decide later".
        Tests replace it on the instance with a function giving the answer."""
        if not self._dialogs:
            return None
        return ask_with_dialog(conflict, self.host.dialog_parent())

    @property
    def host(self) -> WriterHost:
        host = self._host()
        assert host is not None, "the highlight controller is gone"
        return host

    def poll(self) -> bool:
        """Reload when another writer committed since the last poll; True when it did."""
        host = self.host
        if self.busy or host.is_loading() or host.store_busy():
            return False
        try:
            changed = host.store.changed_elsewhere()
        except DiptychError:
            return False  # the store's own errors are reported when it is used
        if changed:
            host.reload()
            host.status_message.emit("Updated: another Diptych window or program saved changes")
        return changed

    def resolve(self, conflict: ConflictError, mine_text: str) -> tuple[str, Highlight | Link]:
        """Ask and apply. Returns (answer, value to show); answer "later" writes nothing.
        Raises ``DiptychError`` when applying fails (a new conflict included)."""
        answer = self.ask(conflict)
        store = self.host.store
        if answer == "mine":
            return answer, store.keep_mine(conflict)
        if answer == "both":
            return answer, store.keep_both(conflict)
        if answer == "theirs":
            if mine_text:
                QGuiApplication.clipboard().setText(mine_text, QClipboard.Mode.Clipboard)
            if conflict.theirs_deleted:
                return answer, conflict.theirs
            return answer, store.keep_theirs(conflict)
        return "later", conflict.theirs
