"""A QGuiApplication for headless export (CLI, tests), created offscreen when none exists."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (fonts and painting need it)."""
    global _app
    inst = QGuiApplication.instance()
    if inst is not None:
        return inst  # type: ignore[return-value]
    # Export never shows a window: the offscreen platform works without a display server.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1] or ["diptych"])
    return _app
