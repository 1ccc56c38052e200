"""While a pair's claims are being found the panel says so (not "0 claims"), and the status
line says how long the work has taken."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMainWindow

from diptych.background import pair_job
from diptych.ui.claims.panel import PENDING_TEXT
from diptych.ui.window.status import WORKING_SECONDS_SHOWN, StatusArea
from helpers.window import TIMEOUT_MS, desk_settings, open_seed, shown_window


def _article(tag: str) -> str:
    return f"# {tag}\n\n" + "\n\n".join(
        f"The harbour board of {tag} met on day {i} and spoke of the tides." for i in range(30)
    )


def test_the_claims_panel_says_the_claims_are_being_found(qtbot, tmp_path, monkeypatch):
    w = open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)))
    panel = w.claims_panel
    assert panel.count_label.text().endswith("claims")  # the seed pair's
    release = threading.Event()
    real = pair_job._analyse

    def held(a, b, process):
        release.wait(TIMEOUT_MS / 1000)  # the analysis under way until the test lets it end
        return real(a, b, process)

    monkeypatch.setattr(pair_job, "_analyse", held)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_article("Alpha"), encoding="utf-8")
    b.write_text(_article("Beta"), encoding="utf-8")
    try:
        with qtbot.waitSignal(w.articles_shown, timeout=TIMEOUT_MS):
            w.open_pair(a, b)
        qtbot.waitUntil(lambda: w.reader("a").plain_text().startswith("Alpha"), timeout=TIMEOUT_MS)
        assert panel.count_label.text() == PENDING_TEXT
        assert panel.is_pending()
        tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
        assert tabs == ["Claims", "Only in A", "Only in B"]  # no "(0)": nothing is known yet
        assert "0 claims" not in panel.count_label.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: w.analysis() is not None, timeout=TIMEOUT_MS)
    assert not panel.is_pending()
    assert panel.count_label.text() != PENDING_TEXT
    assert panel.tabs.tabText(0).startswith("Claims (")


def test_work_under_way_says_how_long_it_has_taken(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    status = StatusArea(win.statusBar())
    now = [100.0]
    status.clock = lambda: now[0]
    status.set_busy(True)
    status.show_working("Finding topics and shared claims…")
    status._tick_working()
    assert status.message_label.text() == "Finding topics and shared claims…"
    now[0] += WORKING_SECONDS_SHOWN + 10
    status._tick_working()
    assert status.message_label.text() == (
        f"Finding topics and shared claims…  {WORKING_SECONDS_SHOWN + 10} s"
    )
    # the same work said again (a progress report): counted from its start
    status.show_working("Finding topics and shared claims…")
    status._tick_working()
    assert status.message_label.text().endswith(f"  {WORKING_SECONDS_SHOWN + 10} s")
    status.set_busy(False)  # done: no more counting
    status._tick_working()
    assert not status._working_timer.isActive()


def test_a_passing_message_does_not_end_what_work_under_way_says(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    status = StatusArea(win.statusBar())
    status.set_busy(True)
    status.show_working("Finding topics and shared claims…")
    status.show_message("Highlights loaded", 3000)  # passes over it for a while
    assert win.statusBar().currentMessage() == "Highlights loaded"
    assert status.message_label.text() == "Finding topics and shared claims…"  # said again
    assert status._working_timer.isActive()
    status.show_message("32 shared claims (8 strong), 5 topics", 4000)
    status.set_busy(False)  # the work is done: not said again after the passing message
    assert status.message_label.text() == ""
