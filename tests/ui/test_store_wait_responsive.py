"""A store locked by another program (issue 10 item 15): while a write waits for the lock the
window takes input (typing, scrolling, selecting), a second write asked for meanwhile is refused
with one clear message and nothing of it is written, the pair may change, and once the lock is
released everything the reader did is saved: nothing typed is lost.

The lock is held by a second sqlite3 connection in the test (BEGIN IMMEDIATE: the write lock;
WAL readers go on). What the reader does meanwhile runs when the window first says it waits
(``StoreCalls.waiting``), and the lock is released from there: no sleeps, no timed asserts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from diptych.core.notes.store import WAITING_MESSAGE, Store
from diptych.ui.highlights.store_calls import BUSY_MESSAGE, NOTE_KEPT_MESSAGE
from helpers.articles import make_article
from helpers.highlights_desk import FLOOD_A, FLOOD_B, Desk, select_words

# long enough for the panes to scroll in a short window
LONG_A = FLOOD_A * 6
LONG_B = FLOOD_B * 6


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "hl.sqlite3", backups=False)
    s.wait_timeout_s = 20.0  # a hung test fails in 20 s, not 30
    yield s
    s.close()


@pytest.fixture
def articles():
    return (
        make_article(LONG_A, "urn:test:long-a", "Long A"),
        make_article(LONG_B, "urn:test:long-b", "Long B"),
    )


@pytest.fixture
def desk(qtbot, store, articles):
    d = Desk(store, *articles)
    qtbot.addWidget(d)
    d.resize(900, 220)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    yield d
    d.ctl.note_editor.close()


class OtherProgram:
    """Another program holding the store's write lock until ``release``."""

    def __init__(self, store: Store) -> None:
        self.conn = sqlite3.connect(store.path, timeout=0, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.rollback()
            self.conn.close()
            self.conn = None


def when_waiting(desk: Desk, other: OtherProgram, meanwhile: Callable[[], None]) -> list[str]:
    """Run ``meanwhile`` once, when the window first says a store call waits, then let the
    other program go; returns every status message said."""
    messages: list[str] = []
    desk.ctl.status_message.connect(messages.append)
    when_waiting_on(desk.ctl, other, meanwhile)
    return messages


def when_waiting_on(ctl, other: OtherProgram, meanwhile: Callable[[], None]) -> None:
    done: list[bool] = []

    def on_waiting(_text: str) -> None:
        if done:
            return
        done.append(True)
        try:
            meanwhile()
        finally:
            # after what meanwhile started has been handled by the event loop
            QTimer.singleShot(50, other.release)

    ctl.calls.waiting.connect(on_waiting)


def _add(desk: Desk, side: str, words: str, color: str = "yellow") -> str:
    select_words(desk.pane_a if side == "a" else desk.pane_b, words)
    hid = desk.ctl.highlight_selection(color)
    assert hid is not None
    return hid


def _wheel(widget, dy: int) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    ev = QWheelEvent(
        pos,
        widget.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, ev)


def test_typing_scrolling_and_a_refused_second_write_while_a_note_save_waits(
    desk, store, articles, qtbot, monkeypatch
):
    asked: list[str] = []  # a modal question would stop the test: recorded, not shown
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    hid = _add(desk, "a", "bridge was closed")
    ctl, editor = desk.ctl, desk.ctl.note_editor
    ctl.edit(hid)
    qtbot.keyClicks(editor.text_edit, "first")
    other = OtherProgram(store)
    seen: dict[str, object] = {}

    def meanwhile() -> None:
        seen["busy"] = ctl.calls.busy
        seen["undo enabled"] = ctl.undo_action.isEnabled()
        seen["read"] = ctl.store.get(hid).note  # reads run at once (WAL): the stored note
        # (a) keys land in the note editor, the wheel scrolls pane B
        editor.text_edit.setFocus()
        qtbot.keyClicks(editor.text_edit, " and more")
        seen["typed"] = editor.text()
        bar = desk.pane_b.verticalScrollBar()
        seen["scroll max"] = bar.maximum()
        before = bar.value()
        _wheel(desk.pane_b.viewport(), -240)
        seen["scrolled"] = bar.value() - before
        # (c) a second write: Ctrl+1 on a selection in B, and Ctrl+S in the editor
        select_words(desk.pane_b, "flood to peak")
        qtbot.keyClick(desk.pane_b, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        seen["selection kept"] = desk.pane_b.selected_span() is not None
        qtbot.keyClick(editor.text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        seen["editor says"] = editor.status_text()
        # tags typed meanwhile: refused for now, kept in the field as typed
        editor.tags_edit.setFocus()
        qtbot.keyClicks(editor.tags_edit, "roads")
        qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
        seen["tags field"] = editor.tags_edit.text()
        seen["close refused"] = not ctl.confirm_close()

    messages = when_waiting(desk, other, meanwhile)
    editor.request_save()  # the autosave's path: waits for the other program
    other.release()  # (in case the wait never started: then `seen` is empty below)

    assert seen["busy"] is True
    assert seen["undo enabled"] is False  # undo writes too: not under a waiting write
    assert seen["read"] == ""
    assert seen["typed"] == "first and more"
    assert isinstance(seen["scroll max"], int) and seen["scroll max"] > 0
    assert seen["scrolled"] != 0
    # the second write did not happen, visibly: refused with the message, selection kept
    assert BUSY_MESSAGE in messages
    assert seen["selection kept"] is True
    assert seen["editor says"] == NOTE_KEPT_MESSAGE
    assert seen["tags field"] == "roads"
    assert seen["close refused"] is True and asked == []  # refused, no question asked
    assert any(m.startswith(WAITING_MESSAGE) for m in messages)  # (b)
    b_quotes = [h.quote.exact for h in store.highlights_for(articles[1].id)]
    assert "flood to peak" not in b_quotes
    # (d) the first save went through, and the text typed meanwhile is saved after it
    qtbot.waitUntil(lambda: store.get(hid).note == "first and more", timeout=5000)
    qtbot.waitUntil(lambda: not ctl.has_unsaved(), timeout=5000)
    assert editor.text() == "first and more"
    qtbot.waitUntil(lambda: store.get(hid).tags == ("roads",), timeout=5000)
    assert ctl.undo_action.isEnabled()
    assert [h.id for h in store.highlights_for(articles[0].id)] == [hid]
    # and the refused highlight can be made now
    select_words(desk.pane_b, "flood to peak")
    assert ctl.highlight_selection("green", "b") is not None


def test_a_pair_swapped_while_a_highlight_waits_is_shown_once_it_is_saved(
    desk, store, articles, qtbot
):
    a, b = articles
    ctl = desk.ctl
    other = OtherProgram(store)

    def meanwhile() -> None:
        # the window swaps the panes (no question asked): the controller takes the new pair
        # once the highlight is saved, not under it
        desk.pane_a.set_article(b)
        desk.pane_b.set_article(a)
        ctl.set_articles(b, a, background=False)

    when_waiting(desk, other, meanwhile)
    select_words(desk.pane_a, "water level would peak")
    hid = ctl.highlight_selection("blue", "a")
    other.release()

    assert hid is not None
    assert [h.quote.exact for h in store.highlights_for(a.id)] == ["water level would peak"]
    qtbot.waitUntil(lambda: ctl.article("a") is b and not ctl.is_loading(), timeout=5000)
    found = ctl.placed(hid)
    assert found is not None and found[0] == "b"  # article A is in pane B now
    start = a.text.index("water level would peak")
    assert (found[1].start, found[1].end) == (start, start + len("water level would peak"))


def test_a_verdict_waits_off_the_ui_thread_and_one_asked_meanwhile_is_refused(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from diptych.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, db=str(tmp_path / "notes.sqlite3"))
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    with (
        qtbot.waitSignal(w.highlights_ready, timeout=60_000),
        qtbot.waitSignal(w.analysis_shown, timeout=60_000),
    ):
        w.open_seed_pair()
    qtbot.waitUntil(lambda: w.highlight_controller is not None, timeout=60_000)
    ctl = w.highlight_controller
    store = ctl.store.store
    store.wait_timeout_s = 20.0
    panel = w.claims_panel
    claims = w.analysis().claims.claims
    first = next(c for c in claims if c.tier == "possible")
    second = next(c for c in claims if c.tier == "strong")

    def index_of(c) -> int:
        return next(
            i
            for i, x in enumerate(w.analysis().claims.claims)
            if (x.a.start, x.b.start) == (c.a.start, c.b.start)
        )

    other = OtherProgram(store)
    seen: dict[str, object] = {}
    notices: list[str] = []  # what stays in the status bar a while (nothing new: true only now)
    # what the opening said stays (the seed files' left-out page furniture); the refusal adds none
    before = w.status.notice_label.text()
    said: list[str] = []  # the passing message

    def meanwhile() -> None:
        seen["busy"] = ctl.calls.busy
        # another claim chosen and judged while the first verdict waits: refused, said once
        panel.select_claim(index_of(second))
        seen["selected"] = panel.current_claim() == index_of(second)
        panel.reject_button.click()
        notices.append(w.status.notice_label.text())
        said.append(w.statusBar().currentMessage())

    when_waiting_on(ctl, other, meanwhile)
    panel.select_claim(index_of(first))
    panel.same_button.click()
    other.release()

    assert seen == {"busy": True, "selected": True}
    assert notices == [before] and said == [BUSY_MESSAGE]
    qtbot.waitUntil(lambda: w.analysis().claims.claims[index_of(first)].verdict == "same")
    assert w.analysis().claims.claims[index_of(second)].verdict is None  # refused: not made
    assert [v.verdict for v in store.all_verdicts()] == ["same"]


def test_a_quit_signal_while_a_save_waits_keeps_the_text_and_does_not_stop_the_quit(
    desk, store, qtbot
):
    import json

    from diptych.ui.highlights.safekeeping import draft_path_for

    hid = _add(desk, "a", "bridge was closed")
    ctl, editor = desk.ctl, desk.ctl.note_editor
    ctl.edit(hid)
    qtbot.keyClicks(editor.text_edit, "first")
    other = OtherProgram(store)
    seen: dict[str, object] = {}

    def meanwhile() -> None:
        qtbot.keyClicks(editor.text_edit, " then more")
        # SIGTERM / logout (app.py): save what can be saved, then close every window
        seen["saved"] = ctl.save_for_quit()
        editor.close()
        seen["editor open"] = editor.isVisible()
        seen["draft"] = json.loads(draft_path_for(store.path).read_text(encoding="utf-8"))

    when_waiting(desk, other, meanwhile)
    editor.request_save()
    other.release()

    assert seen["saved"] is False  # the store could not take it yet...
    draft = seen["draft"]
    assert isinstance(draft, dict)
    assert (draft["key"], draft["text"]) == (hid, "first then more")  # ...the draft has it
    assert seen["editor open"] is False  # and the editor did not stop the quit
    assert store.get(hid).note == "first"  # the write that waited was finished
