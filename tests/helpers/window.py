"""The main window as the window tests open it: shown at a size, and the seed pair in it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

if TYPE_CHECKING:  # imported when a window is made: the ui conftest imports this module
    from diptych.ui.main_window import MainWindow

#: How long a test waits for the seed pair's analysis or highlights (a loaded CI machine).
TIMEOUT_MS = 60_000


def desk_settings(tmp_path: Path, name: str = "desk.ini") -> QSettings:
    """Window settings in a file of the test's own (never the user's)."""
    return QSettings(str(tmp_path / name), QSettings.Format.IniFormat)


def shown_window(
    qtbot: Any,
    settings: QSettings,
    *,
    db: str | Path | None = None,
    size: tuple[int, int] = (1400, 860),
    restore_geometry: bool = False,
) -> MainWindow:
    """A MainWindow at ``size`` (or where ``settings`` last left it), shown and exposed."""
    from diptych.ui.main_window import MainWindow

    w = MainWindow(settings=settings, db=None if db is None else str(db))
    qtbot.addWidget(w)
    w.resize(*size)
    if restore_geometry:
        w.restore_geometry()
    w.show()
    qtbot.waitExposed(w)
    return w


def open_seed(qtbot: Any, w: MainWindow, *, until: str = "analysis_shown") -> MainWindow:
    """Open the seed pair in ``w`` and wait for the signal ``until`` (``analysis_shown``,
    ``highlights_ready`` or ``articles_shown``)."""
    with qtbot.waitSignal(getattr(w, until), timeout=TIMEOUT_MS):
        w.open_seed_pair()
    return w


def highlights_loaded(qtbot: Any, w: MainWindow) -> MainWindow:
    """Wait until the pair's highlights are loaded (the highlight actions wait for them)."""
    qtbot.waitUntil(lambda: w.highlight_controller is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not w.highlight_controller.is_loading(), timeout=TIMEOUT_MS)
    return w


def window_with_warnings(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> MainWindow:
    """A shown window whose web snapshots go to ``tmp_path`` and whose warning boxes are
    recorded in ``w.warnings`` (title, text) instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("DIPTYCH_SNAPSHOTS", str(tmp_path / "snapshots"))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, t, x, *a, **k: shown.append((t, x)))
    w = shown_window(qtbot, desk_settings(tmp_path))
    w.warnings = shown  # type: ignore[attr-defined]
    return w


def app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment for running the app in a child process: offscreen, its own user
    dirs under ``tmp_path``, plus ``extra`` (e.g. ``DIPTYCH_EXIT_WHEN="analysed"``); an
    inherited ``DIPTYCH_EXIT_WHEN`` is dropped unless given again."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DIPTYCH_EXIT_WHEN", None)
    env.update(extra)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    return env


def window_on_pair(
    qtbot: Any,
    settings: QSettings,
    db: str | Path,
    pair: tuple[Path, Path] | None = None,
) -> MainWindow:
    """A shown window on the store ``db`` with ``pair`` (the seed pair when None) open: its
    analysis shown, its highlights loaded and the store open (what the verdict tests start
    from)."""
    w = shown_window(qtbot, settings, db=db)
    with (
        qtbot.waitSignal(w.highlights_ready, timeout=TIMEOUT_MS),
        qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT_MS),
    ):
        if pair is None:
            w.open_seed_pair()
        else:
            w.open_pair(*pair)
    qtbot.waitUntil(lambda: w.store is not None, timeout=TIMEOUT_MS)
    return w
