"""A note that cannot be saved (read-only store, full disk) says so in the note editor and
the status bar, and does not open a "Not saved" box: the box took the keyboard from the note
being typed (found in the real window: the next keys pressed its OK button or went to the
main window, and the words typed were lost), and each autosave opened another."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from helpers.highlights_desk import select_words, shown_flood_desk


@pytest.fixture
def desk(qtbot, store):
    d = shown_flood_desk(qtbot, store)
    d.ctl.dialogs = True  # as in the app
    yield d
    d.ctl.note_editor.close()
    for box in _boxes():
        box.close()


class _ReadOnly:
    """The store's connection, refusing writes as a read-only file does."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args):
        if sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "highlight_error_box"
    ]


def _editing_on_a_read_only_store(desk, store, monkeypatch):
    """A new highlight open in the note editor, then the store refusing every write."""
    select_words(desk.pane_a, "roads are safe")
    hid = desk.ctl.highlight_selection("yellow")
    assert hid is not None
    desk.ctl.edit(hid)
    monkeypatch.setattr(store, "_conn", _ReadOnly(store._conn))
    return hid, desk.ctl.note_editor


def test_a_note_save_refused_says_so_inline_without_a_box(desk, store, qtbot, monkeypatch):
    hid, editor = _editing_on_a_read_only_store(desk, store, monkeypatch)
    qtbot.keyClicks(editor.text_edit, "typed on a read-only store")
    editor.request_save()  # what the autosave does
    assert "Not saved" in editor.status_text() and "still here" in editor.status_text()
    assert desk.errors  # the status bar has it too
    assert [b for b in _boxes() if b.isVisible()] == []
    assert editor.text() == "typed on a read-only store"
    # a failed colour change (not typed in the editor) still opens the box
    assert not desk.ctl.set_color(hid, "green")
    assert [b for b in _boxes() if b.isVisible()]
    monkeypatch.undo()  # the store writable again before the editor closes (and saves)
    desk.ctl.dialogs = False


def test_tags_refused_say_so_in_the_editor_without_a_box(desk, store, qtbot, monkeypatch):
    """The same for the tag field: Enter on tags the store refuses said "Not saved" in a box
    that took the keyboard from the field."""
    _hid, editor = _editing_on_a_read_only_store(desk, store, monkeypatch)
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "kept, here")
    qtbot.keyClick(editor.tags_edit, "\r")
    assert "Tags not saved" in editor.status_text()
    assert desk.errors  # the status bar has it too
    assert [b for b in _boxes() if b.isVisible()] == []
    assert editor.tags_edit.text() == "kept, here" and editor.has_unsent_tags()
    monkeypatch.undo()
    desk.ctl.dialogs = False
