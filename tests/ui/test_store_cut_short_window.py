"""The store file cut short by another program while the window is open: the window says so
within a second or two (a notice, not only the store's list), with what it did: the notes put
back and where the damaged file went, or that nothing more is saved and how to restore."""

from __future__ import annotations

import os

from diptych.core.notes.store import Store
from helpers.window import TIMEOUT_MS, highlights_loaded, window_on_pair


def test_window_says_the_store_was_cut_short_and_keeps_the_notes(qtbot, settings, tmp_path):
    db = tmp_path / "notes.sqlite3"
    w = highlights_loaded(qtbot, window_on_pair(qtbot, settings, db))
    ctl = w.highlight_controller
    assert ctl is not None
    b = w.pair.article("b")
    assert b is not None
    para = b.blocks[6]
    w.reader("b").select_span(para.start, para.start + 30)
    hid = ctl.highlight_selection("yellow", "b")
    assert hid is not None
    qtbot.waitUntil(lambda: not ctl.store_busy(), timeout=TIMEOUT_MS)

    os.truncate(db, 0)  # another program: `truncate -s 0 notes.sqlite3`
    qtbot.waitUntil(lambda: "cut short" in w.notice_label.text(), timeout=10_000)
    said = w.notice_label.text()
    if "back in place" in said:  # SQLite still had every page: put back, moved aside named
        assert "moved aside to" in said
        with Store.open(db, backups=False) as check:
            assert check.get(hid).color == "yellow"
    else:  # pages lost with the cut: no save is claimed any more, and the way out is said
        assert "restart Diptych" in said
        assert ctl.store.read_only
