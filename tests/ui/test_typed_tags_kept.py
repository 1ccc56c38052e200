"""Tags typed in the note editor but not yet confirmed (no Enter, the field still focused) are
not lost when Diptych quits: closing the window, SIGTERM and logout save them like the note."""

from __future__ import annotations

import pytest

from helpers.highlights import FailingConnection
from helpers.highlights_desk import (
    Desk,
    flood_pair,
    select_words,
    two_flood_desks,
)


def _typed_tags(desk, qtbot, words: str, tags: str) -> str:
    select_words(desk.pane_a, words)
    hid = desk.ctl.highlight_selection("yellow")
    assert hid is not None
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, tags)  # no Enter: still being typed
    return hid


def test_closing_the_window_saves_tags_still_being_typed(desk, store, qtbot):
    hid = _typed_tags(desk, qtbot, "roads are safe", "flooding, roads")
    assert desk.ctl.has_unsaved()
    assert desk.ctl.confirm_close(desk)
    assert store.get(hid).tags == ("flooding", "roads")
    assert not desk.ctl.has_unsaved()


def test_sigterm_and_logout_save_tags_still_being_typed(desk, store, qtbot):
    hid = _typed_tags(desk, qtbot, "roads are safe", "council")
    desk.ctl.safekeeper._on_commit_data()  # logout
    assert store.get(hid).tags == ("council",)
    desk.ctl.note_editor.tags_edit.setText("council, sandbags")
    assert desk.ctl.save_for_quit()  # SIGTERM / SIGINT
    assert store.get(hid).tags == ("council", "sandbags")


def test_tags_refused_by_a_full_disk_stay_in_the_field_and_are_not_called_saved(
    desk, store, qtbot, monkeypatch
):
    hid = _typed_tags(desk, qtbot, "roads are safe", "flooding")
    monkeypatch.setattr(store, "_conn", FailingConnection(store._conn))
    assert not desk.ctl.save_pending()
    editor = desk.ctl.note_editor
    assert editor.tags_edit.text() == "flooding"  # what was typed is still there
    assert desk.ctl.has_unsaved()
    monkeypatch.undo()  # space freed: the next save sends them
    assert desk.ctl.save_pending()
    assert store.get(hid).tags == ("flooding",)


def test_ctrl_s_in_the_tag_field_saves_the_tags_and_the_status_says_so(desk, store, qtbot):
    from PySide6.QtCore import Qt

    editor = desk.ctl.note_editor
    hid = _typed_tags(desk, qtbot, "roads are safe", "levee")
    assert editor.status_text() == "Unsaved changes"  # not a stale "Saved" from the note
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.get(hid).tags == ("levee",)
    assert editor.status_text() == "Saved"


@pytest.fixture
def two_desks(qtbot, tmp_path):
    """Two windows, each with its own Store connection on the same file."""
    with two_flood_desks(qtbot, tmp_path / "shared.sqlite3") as desks:
        yield desks


def test_another_windows_save_does_not_wipe_tags_being_typed(two_desks, qtbot):
    w1, w2 = two_desks
    select_words(w2.pane_b, "flood to peak")
    other = w2.ctl.highlight_selection("green")
    hid = _typed_tags(w1, qtbot, "bridge was closed", "detour, ")
    assert w2.ctl.save_note(other, "saved there")  # another window writes (another highlight)
    assert w1.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: not w1.ctl.is_loading())
    editor = w1.ctl.note_editor
    assert editor.tags_edit.text() == "detour, "  # still as typed
    assert w1.ctl.has_unsaved()
    assert w1.ctl.save_pending()
    assert w1.ctl.store.get(hid).tags == ("detour",)


def test_tags_typed_here_meeting_their_tag_change_are_kept_and_it_is_said(two_desks, qtbot):
    w1, w2 = two_desks
    hid = _typed_tags(w1, qtbot, "bridge was closed", "mine")
    w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    assert w2.ctl.set_tags(hid, ("theirs",))
    said: list[str] = []
    w1.ctl.status_message.connect(said.append)
    assert w1.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: not w1.ctl.is_loading())
    assert w1.ctl.note_editor.tags_edit.text() == "mine"
    assert any("theirs" in m and "kept" in m for m in said)
    assert w1.ctl.has_unsaved()


def test_tags_typed_when_the_process_dies_are_saved_on_the_next_start(desk, store, qtbot):
    hid = _typed_tags(desk, qtbot, "roads are safe", "flooding, roads")
    draft = desk.ctl.safekeeper.draft
    assert draft is not None
    qtbot.waitUntil(lambda: draft.read() is not None and draft.read().tags == "flooding, roads")
    assert store.get(hid).tags == ()
    # the process dies here (kill -9: no close, no save); the next start saves them
    d2 = Desk(store, *flood_pair())
    qtbot.addWidget(d2)
    d2.show()
    qtbot.waitUntil(lambda: store.get(hid).tags == ("flooding", "roads"), timeout=5000)
    assert draft.read() is None
    d2.ctl.note_editor.close()
