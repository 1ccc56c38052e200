"""What the window says while another program holds the store's lock (tryout: `sqlite3` holding
BEGIN EXCLUSIVE on it, the window said "Waiting for another Diptych to finish saving…", which
was untrue, and said neither what became of the note nor what to do): that another program,
perhaps another Diptych, holds it, that the note is kept, and what the reader can do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diptych.core.notes.store import WAITING_MESSAGE
from diptych.core.notes.store.opening import _refusal
from diptych.ui.highlights.store_calls import BUSY_MESSAGE, NOTE_KEPT_MESSAGE
from helpers.highlights_desk import Desk, select_words

FALSE_CLAIMS = ("for another Diptych", "another Diptych to finish", "is another Diptych saving")


def _truthful(message: str) -> None:
    assert "another program" in message and "perhaps another Diptych" in message, message
    assert not any(claim in message for claim in FALSE_CLAIMS), message


def test_the_lock_messages_say_another_program_perhaps_diptych():
    for message in (WAITING_MESSAGE, BUSY_MESSAGE, NOTE_KEPT_MESSAGE):
        _truthful(message)
    assert "kept" in NOTE_KEPT_MESSAGE and "close" in NOTE_KEPT_MESSAGE  # what to do
    assert "nothing was changed" in BUSY_MESSAGE and "try again" in BUSY_MESSAGE
    refused = str(_refusal(Path("/x/h.sqlite3"), _locked(), read_only=False))
    _truthful(refused)
    assert "left as it is" in refused and "try again" in refused


def _locked() -> sqlite3.OperationalError:
    return sqlite3.OperationalError("database is locked")


@pytest.fixture
def desk(qtbot, tmp_path):
    from diptych.core.notes.store import Store
    from helpers.articles import make_article
    from helpers.highlights_desk import FLOOD_A, FLOOD_B

    store = Store.open(tmp_path / "hl.sqlite3", backups=False)
    d = Desk(
        store,
        make_article(FLOOD_A, "urn:test:a", "A"),
        make_article(FLOOD_B, "urn:test:b", "B"),
    )
    qtbot.addWidget(d)
    d.resize(900, 300)
    d.show()
    qtbot.waitExposed(d)
    d.real_store = store  # type: ignore[attr-defined]  # (the controller's calls go off-thread)
    yield d
    d.ctl.note_editor.close()
    store.close()


def _editing_a_note_then_locked(desk, store):
    """A highlight with its note editor open, and a second connection (the sqlite3 tool's)
    about to lock the store."""
    select_words(desk.pane_a, "the roads")
    hid = desk.ctl.highlight_selection("yellow")
    assert hid is not None
    desk.ctl.edit(hid)
    return hid, desk.ctl.note_editor, sqlite3.connect(store.path, timeout=0, isolation_level=None)


def test_a_note_waiting_on_another_programs_lock_says_so_and_that_it_is_kept(desk, qtbot):
    store = desk.ctl.store
    hid, editor, other = _editing_a_note_then_locked(desk, store)
    other.execute("BEGIN EXCLUSIVE")  # the sqlite3 tool, holding the store
    said: list[str] = []

    def look() -> None:
        said.append(editor.status_text())
        if len(said) == 3:
            other.rollback()
            other.close()

    desk.ctl.calls.waiting.connect(lambda _text: look())
    qtbot.keyClicks(editor.text_edit, "kept while locked")
    assert desk.ctl.save_note(hid, editor.text())
    assert store.get(hid).note == "kept while locked"
    assert said
    for text in said:  # the editor, while its note waited
        _truthful(text)
        assert "note is kept" in text and "close" in text


def test_a_note_refused_after_the_wait_says_who_holds_it_and_what_to_do(desk, qtbot):
    store = desk.real_store
    store.wait_timeout_s = 0.6  # gives up soon, as it does after 30 s
    hid, editor, other = _editing_a_note_then_locked(desk, store)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qtbot.keyClicks(editor.text_edit, "not yet")
        assert not desk.ctl.save_note(hid, editor.text())
    finally:
        other.rollback()
        other.close()
    text = editor.status_text()
    assert text.startswith("Not saved")
    _truthful(text)
    assert "still here" in text and "try Save again" in text
    assert editor.text() == "not yet"
