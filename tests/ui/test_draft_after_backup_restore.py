"""A crash draft whose highlight is only in the backup (the store file was overwritten by
another program while a note was typed): the user is told where the draft is, and restoring
the offered backup puts the draft's text back into the note, instead of leaving it unread
in a file beside the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_seed_pair
from diptych.ui.highlights.safekeeping import NoteDraft, draft_path_for
from helpers.window import open_seed, shown_window

TIMEOUT = 60_000


def test_draft_of_a_highlight_in_the_backup_comes_back_when_it_is_restored(
    qtbot, settings, tmp_path
):
    db = tmp_path / "notes.sqlite3"
    _a, b = load_seed_pair()
    saved = "the note as the backup has it"
    with Store.open(db) as store:
        para = b.blocks[6]
        hid = store.add_highlight(b, para.start, para.start + 30, note=saved).id
        version = store.get(hid).version
        store.backup_now()
    typed = saved + ", and what was typed after the file was overwritten"
    assert NoteDraft(draft_path_for(db)).write(hid, typed, saved, version)
    with open(db, "r+b") as fh:  # another program writes over the store
        fh.write(b"this is not a database " * 200)

    w = open_seed(qtbot, shown_window(qtbot, settings, db=db), until="highlights_ready")
    ctl = w.highlight_controller
    assert ctl is not None
    qtbot.waitUntil(lambda: not ctl.is_loading(), timeout=TIMEOUT)
    # set aside in a file of its own, named to the user: the next note typed replaces the
    # draft file, not this one
    kept = list(tmp_path.glob("notes.sqlite3.note-draft.json.kept-*"))
    assert len(kept) == 1 and typed in kept[0].read_text(encoding="utf-8")
    assert not draft_path_for(db).exists()
    # and the user is told where, in a notice that stays (not a passing status message)
    qtbot.waitUntil(lambda: kept[0].name in w.notice_label.text(), timeout=5_000)

    button = w.findChild(QToolButton, "restore_backup_button")
    assert button is not None and button.isVisible()
    with qtbot.waitSignal(ctl.highlights_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ctl.is_loading(), timeout=TIMEOUT)

    # the draft went back into the note being edited (saved by the autosave), or straight
    # into the store: either way, the typed words are not left behind
    def back() -> bool:
        with Store.open(db, backups=False) as s:
            stored = s.get(hid).note
        editing = ctl.note_editor.isVisible() and ctl.note_editor.text() == typed
        return stored == typed or editing

    qtbot.waitUntil(back, timeout=15_000)
    assert not list(tmp_path.glob("notes.sqlite3.note-draft.json.kept-*"))
