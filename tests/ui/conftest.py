"""Window tests: the window's settings and warnings, and garbage collected on the UI thread.

Python runs its cycle collector in whichever thread happens to allocate when a threshold is
crossed; the store worker (ui/highlights/store_calls.py), the highlight loader and the
background jobs run Python on other threads. A Qt object left in a reference cycle would then
be deleted by Qt from that thread (a segfault: tests/ui/test_closed_window_threads.py). The
app turns automatic collection off and collects from a timer on the UI thread
(ui/ui_gc.py); every test here runs the same way, from before its fixtures are made until
after pytest-qt has closed its widgets, and collects on the UI thread after it. A test of the
collector itself (``gc_as_is``) gets collection as CPython leaves it.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from helpers.window import desk_settings


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """The window's settings, in the test's own folder."""
    return desk_settings(tmp_path)


@pytest.fixture
def store(tmp_path):
    """A highlights store of the test's own (a test module may define its own)."""
    from diptych.core.notes.store import Store

    s = Store.open(tmp_path / "hl.sqlite3", backups=False)
    yield s
    s.close()


@pytest.fixture
def desk(qtbot, store):
    """The highlights UI on ``store`` without the main window, showing the flood pair, active
    (a test module may define its own)."""
    from helpers.highlights_desk import shown_flood_desk

    d = shown_flood_desk(qtbot, store)
    d.activateWindow()
    yield d
    d.ctl.note_editor.close()


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    """Warnings the window shows (recorded instead of blocking the test)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a, **k: shown.append((title, text))
    )
    return shown


@pytest.fixture(scope="session")
def _ui_thread_collector(qapp):
    """One collector for every window test, a child of the application: it is stopped and
    resumed around each test, never freed between them. (Freeing one collector per test from
    the fixture's ``del`` hung a full run twice, in that ``del``, after
    test_window_write_conflicts.py, with no job thread running; the file passes alone.)"""
    from diptych.ui.ui_gc import UiThreadCollector

    collector = UiThreadCollector(qapp)
    collector.stop()
    return collector


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_ui_thread(request, _ui_thread_collector):
    as_is = request.node.get_closest_marker("gc_as_is") is not None
    if not as_is:
        _ui_thread_collector.resume()
    yield
    if not as_is:
        _ui_thread_collector.stop()
    gc.collect()
