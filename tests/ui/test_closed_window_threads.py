"""A closed window leaves nothing for another thread to tear down, and closing it while a
re-read of its highlights is mid-query finishes cleanly.

A clean-clone CI run once segfaulted in the teardown of a window test while a highlights
re-read was inside an SQLite query. The cause: a finished re-read ``Job`` is a reference cycle
(the job and its context) that kept the controller's Python object alive after its window was
deleted, and with it the widgets the controller made without a Qt parent (the default
highlights list, the note editor popup). Python's cycle collector freed them, and so Qt
deleted those widgets, in whichever thread crossed the collector's threshold: under the test
suite (automatic collection on), often a worker thread allocating rows in a query.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from diptych.core.notes.store import Store
from diptych.ui.window.highlights_session import HighlightsSession
from helpers.highlights_desk import Desk, flood_pair, select_words
from helpers.window import app_env

TESTS = Path(__file__).resolve().parents[1]

# the window test's teardown, made deterministic: a re-read, the window closed and deleted on
# the UI thread (pytest-qt's _close_widgets), then a garbage collection on another thread
CHILD = textwrap.dedent(
    """
    import gc, sys, threading
    gc.disable()  # the collection below is the only one, on the worker
    sys.path.insert(0, sys.argv[2])
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    from diptych.core.notes.store import Store
    from helpers.highlights_desk import Desk, flood_pair

    app = QApplication([])
    store = Store.open(Path(sys.argv[1]), backups=False)
    desk = Desk(store, *flood_pair())
    desk.show()
    app.processEvents()
    desk.ctl.reload()  # another writer committed: the window reads its highlights again
    while desk.ctl.is_loading():
        app.processEvents()
    app.processEvents()
    desk.close()
    desk.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del desk
    worker = threading.Thread(target=gc.collect, name="worker")
    worker.start()
    worker.join()
    app.processEvents()
    store.close()
    print("clean", flush=True)
    """
)


def _delete(widget) -> None:
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_collection_on_a_worker_after_the_window_is_gone_deletes_no_widget_there(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "notes.sqlite3"), str(TESTS)],
        env=app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, (out.returncode, out.stderr[-2000:])
    assert out.stdout.split() == ["clean"]


def test_the_widgets_the_controller_made_go_with_its_window(qtbot, tmp_path):
    store = Store.open(tmp_path / "notes.sqlite3", backups=False)
    try:
        desk = Desk(store, *flood_pair())
        desk.show()
        desk.ctl.reload()
        qtbot.waitUntil(lambda: not desk.ctl.is_loading())
        editor, panel = desk.ctl.note_editor, desk.ctl.panel
        assert editor.isWindow() and panel.isWindow()  # still their own windows
        assert not editor.isVisible() and not panel.isVisible()  # not shown by the desk
        _delete(desk)
        # deleted by Qt with the window, on this thread: nothing left for Python's collector
        assert not shiboken6.isValid(editor)
        assert not shiboken6.isValid(panel)
    finally:
        store.close()


def test_closing_while_a_reread_is_mid_query_waits_for_it_and_drops_its_result(qtbot, tmp_path):
    """The window's close (``HighlightsSession.close``) stops polling and re-reads, waits for
    the re-read in flight, then closes the store: the query ends on an open store, its result
    is not shown, and no error is reported."""
    db = tmp_path / "notes.sqlite3"
    desks: list[Desk] = []

    def make_controller(store: Store):
        desk = Desk(store, *flood_pair())
        qtbot.addWidget(desk)
        desk.show()
        desks.append(desk)
        return desk.ctl

    session = HighlightsSession(str(db), make_controller)
    session.start()
    qtbot.waitUntil(lambda: session.controller is not None)
    desk = desks[0]
    store = session.store
    assert store is not None
    select_words(desk.pane_a, "sandbags")
    assert desk.ctl.highlight_selection("yellow") is not None
    qtbot.waitUntil(lambda: not desk.ctl.is_loading())
    shown = [r.id for r in desk.ctl.panel.rows()]

    entered, release = threading.Event(), threading.Event()
    answers: list[object] = []
    links_for = store.links_for

    def slow_links_for(*args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return links_for(*args, **kwargs)
        entered.set()
        release.wait(10)
        try:
            found = links_for(*args, **kwargs)
        except Exception as exc:
            answers.append(exc)
            raise
        answers.append(found)
        return found

    store.links_for = slow_links_for  # type: ignore[method-assign]
    desk.ctl.reload()
    assert entered.wait(10)  # the re-read is inside its query
    # let the query go on once the close has begun (the close waits for it)
    threading.Timer(0.2, release.set).start()
    session.close()
    assert release.is_set()  # the close waited for the re-read
    assert answers == [[]]  # its query ended on the open store (no links), not on a closed one
    assert store._conn is None  # then the store was closed
    qtbot.wait(50)  # anything the job would still deliver
    assert desk.errors == []
    assert [r.id for r in desk.ctl.panel.rows()] == shown
    assert not desk.ctl.other_writers.polling()


def test_window_tests_collect_garbage_on_the_ui_thread_only_as_the_app_does():
    """tests/ui/conftest.py: automatic collection is off during a window test (a timer on
    the UI thread collects), as under the app (ui/app.py, ui/ui_gc.py)."""
    assert not gc.isenabled()


def test_the_app_collects_what_its_window_left_before_it_gives_collection_back(tmp_path):
    """At exit ``run_gui`` deletes the window, waits for the jobs, and collects on the UI
    thread before automatic collection (in any thread) is on again."""
    script = textwrap.dedent(
        """
        import gc, threading
        import diptych.ui.app as app_mod
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        class Leftover:
            def __init__(self, window):
                self.window = window  # a cycle through the window's Python object
            def __del__(self):
                print("leftover-freed", not gc.isenabled(),
                      threading.current_thread() is threading.main_thread(), flush=True)

        def hooked(window):
            window.leftover = Leftover(window)
            window.articles_shown.connect(
                lambda: QTimer.singleShot(0, QApplication.instance().quit)
            )

        app_mod._maybe_exit_when_ready = hooked
        code = app_mod.run_gui(None, None)
        print("exited", code, flush=True)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=app_env(tmp_path, DIPTYCH_NO_DIALOGS="1"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    # freed by the collection on the UI thread, with automatic collection still off
    assert lines[:2] == ["leftover-freed True True", "exited 0"], out.stdout
