"""Opened from copies of the files, the pair shows the original's highlights and the link
between them (a band in the gutter), as it does on the original files."""

from __future__ import annotations

from pathlib import Path

from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_article
from helpers.highlights_desk import Desk

A_TEXT = "# Floods\n\nThe river flooded the lower town on Monday after three days of rain.\n"
B_TEXT = "# The flood\n\nAfter three days of rain the river flooded the lower town.\n"


def test_a_copy_of_the_pair_shows_the_link_between_the_originals_highlights(
    qtbot, tmp_path: Path
) -> None:
    for folder in ("first", "second"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(A_TEXT, encoding="utf-8")
        (tmp_path / folder / "b.md").write_text(B_TEXT, encoding="utf-8")
    store = Store.open(tmp_path / "h.sqlite3", backups=False)
    a, b = load_article(tmp_path / "first" / "a.md"), load_article(tmp_path / "first" / "b.md")
    ia, ib = a.text.index("lower town"), b.text.index("river flooded")
    ha = store.add_highlight(a, ia, ia + len("lower town"), "yellow")
    hb = store.add_highlight(b, ib, ib + len("river flooded"), "green")
    link = store.link(ha.id, hb.id, "same flood")

    a2, b2 = load_article(tmp_path / "second" / "a.md"), load_article(tmp_path / "second" / "b.md")
    desk = Desk(store, a2, b2)
    qtbot.addWidget(desk)
    try:
        assert [p.h.id for p in desk.ctl.state.highlights("a")] == [ha.id]
        assert [lk.id for lk in desk.ctl.state.links()] == [link.id]
        desk.ctl._reload_links()  # after an edit the links are read again: still there
        assert [lk.id for lk in desk.ctl.state.links()] == [link.id]
    finally:
        desk.ctl.note_editor.close()
        store.close()
