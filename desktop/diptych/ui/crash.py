"""Unexpected exceptions in the GUI: written to the log file and shown in a dialog, never a
silent death.

``install_crash_handler(parent_getter)`` sets ``sys.excepthook`` and ``threading.excepthook``.
The log is ``<user log dir>/diptych.log`` (platformdirs), created with user-only permissions.
Exceptions from worker threads are handed to the UI thread before the dialog shows.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from diptych.ui.safe_text import as_rich

LOG_NAME = "diptych.log"
MAX_LOG_BYTES = 1_000_000


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("diptych", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


def write_log(text: str) -> Path:
    """Append ``text`` with a timestamp to the log (user-only permissions); returns its path."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.1"))
    except OSError:
        pass
    import datetime as _dt  # here: the crash handler is installed before the first paint

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        fh.write(f"--- {stamp}\n{text.rstrip()}\n")
    return path


class _CrashRelay(QObject):
    report = Signal(str)


class CrashHandler:
    """Routes uncaught exceptions to the log and a dialog (one dialog at a time)."""

    def __init__(self, parent_getter: Callable[[], QWidget | None]) -> None:
        self._parent_getter = parent_getter
        self._showing = False
        self._relay = _CrashRelay()
        self._relay.report.connect(self.show_report, Qt.ConnectionType.QueuedConnection)
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        self.dialogs_shown = 0
        # tests set this to a callable instead of showing a modal dialog
        self.dialog: Callable[[QWidget | None, str, Path | None], None] | None = None

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        self.report(text)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        self.report(text)

    def report(self, text: str) -> None:
        """Log ``text`` and show it (from any thread)."""
        if threading.current_thread() is threading.main_thread():
            self.show_report(text)
        else:
            self._relay.report.emit(text)

    def show_report(self, text: str) -> None:
        try:
            path: Path | None = write_log(text)
        except OSError:
            path = None
        sys.stderr.write(text)
        if self._showing:
            return
        self._showing = True
        try:
            self.dialogs_shown += 1
            parent = self._parent_getter()
            if self.dialog is not None:
                self.dialog(parent, text, path)
            else:
                _show_dialog(parent, text, path)
        finally:
            self._showing = False


def _show_dialog(parent: QWidget | None, text: str, path: Path | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when needed: quicker start-up

    last = text.strip().splitlines()[-1] if text.strip() else "unknown error"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Diptych: something went wrong")
    box.setText("Something went wrong inside Diptych. Your highlights and notes are safe.")
    where = f"The details were written to:\n{path}" if path else "The log could not be written."
    box.setInformativeText(as_rich(f"{last}\n\n{where}"))
    box.setDetailedText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def install_crash_handler(parent_getter: Callable[[], QWidget | None]) -> CrashHandler:
    handler = CrashHandler(parent_getter)
    handler.install()
    return handler
