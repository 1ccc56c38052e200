"""Highlights in the app: two real ReaderPanes, a real Store in tmp_path, the undo stack."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import SIGNAL, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QToolTip, QWidget

from diptych.core.model import ClaimPair, Span
from diptych.core.notes.store import Store
from diptych.ui.claims.panel import ClaimsPanel
from diptych.ui.link_gutter import pane_extent
from diptych.ui.reader_pane import ReaderPane
from helpers.articles import make_article
from helpers.highlights import FailingConnection
from helpers.highlights_desk import (
    FLOOD_A,
    FLOOD_B,
    Desk,
    flood_pair,
    select_words,
    two_flood_desks,
)


@pytest.fixture
def articles():
    return flood_pair()


@pytest.fixture
def desk(qtbot, store, articles):
    d = Desk(store, *articles)
    qtbot.addWidget(d)
    d.resize(1000, 500)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    yield d
    d.ctl.note_editor.close()


def painted_highlights(pane: ReaderPane) -> list[str]:
    """The text under each highlight mark the pane paints."""
    return [
        sel.cursor.selectedText()
        for sel in pane.extraSelections()
        if sel.format.background().color().alpha() == 255 and sel.cursor.hasSelection()
    ]


def stored(store: Store, article_id: str) -> list[tuple[str, str, str]]:
    return [(h.quote.exact, h.color, h.note) for h in store.highlights_for(article_id)]


def test_ctrl_1_highlights_the_selection_and_stores_it(desk, store, articles, qtbot):
    a, _b = articles
    select_words(desk.pane_a, "bridge was closed")
    qtbot.keyClick(desk.pane_a, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert stored(store, a.id) == [("bridge was closed", "yellow", "")]
    assert painted_highlights(desk.pane_a) == ["bridge was closed"]
    assert desk.pane_a.selected_span() is None  # the selection became the highlight
    assert [r.quote for r in desk.ctl.panel.rows()] == ["bridge was closed"]
    select_words(desk.pane_a, "sandbags")
    qtbot.keyClick(desk.pane_a, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert ("sandbags", "blue", "") in stored(store, a.id)


def test_context_menu_offers_colours_link_and_edit(desk, articles):
    select_words(desk.pane_a, "water level")
    menu = QMenu()
    desk.ctl.pane_events.fill_context_menu("a", menu, articles[0].text.index("water"))
    sub = next(act.menu() for act in menu.actions() if act.text() == "Highlight")
    assert [act.text() for act in sub.actions()] == ["Yellow", "Green", "Blue", "Pink", "Purple"]
    sub.actions()[3].trigger()
    assert stored(desk.ctl.store, articles[0].id) == [("water level", "pink", "")]
    menu2 = QMenu()
    desk.ctl.pane_events.fill_context_menu("a", menu2, articles[0].text.index("water") + 2)
    texts = [act.text() for act in menu2.actions()]
    assert "Edit note…" in texts and "Delete highlight" in texts


def _add(desk, side: str, words: str, color: str = "yellow") -> str:
    pane = desk.pane_a if side == "a" else desk.pane_b
    select_words(pane, words)
    hid = desk.ctl.highlight_selection(color)
    assert hid is not None
    return hid


def test_add_edit_colour_delete_undo_redo_round_trip_through_the_store(
    desk, store, articles, qtbot
):
    a, _b = articles
    hid = _add(desk, "a", "peak on Thursday")
    editor = desk.ctl.note_editor
    assert desk.ctl.edit(hid)
    qtbot.keyClicks(editor.text_edit, "Check the forecast")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.status_text() == "Saved"
    assert stored(store, a.id) == [("peak on Thursday", "yellow", "Check the forecast")]
    qtbot.mouseClick(editor.findChild(QWidget, "swatch_green"), Qt.MouseButton.LeftButton)
    assert stored(store, a.id) == [("peak on Thursday", "green", "Check the forecast")]
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert stored(store, a.id) == []
    assert painted_highlights(desk.pane_a) == []
    assert desk.ctl.panel.rows() == []

    states = [
        [("peak on Thursday", "green", "Check the forecast")],
        [("peak on Thursday", "yellow", "Check the forecast")],
        [("peak on Thursday", "yellow", "")],
        [],
    ]
    desk.pane_a.setFocus()
    for expected in states:  # Ctrl+Z four times: delete, colour, note, add undone
        qtbot.keyClick(desk.pane_a, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert stored(store, a.id) == expected
        assert painted_highlights(desk.pane_a) == (["peak on Thursday"] if expected else [])
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for expected in [*reversed(states[:-1]), []]:  # Ctrl+Shift+Z: add, note, colour, delete
        qtbot.keyClick(desk.pane_a, Qt.Key.Key_Z, redo)
        assert stored(store, a.id) == expected
    assert desk.ctl.panel.rows() == []


def test_clicking_a_highlight_opens_its_note_and_hover_shows_the_note(desk, store, qtbot):
    hid = _add(desk, "b", "flood to peak")
    store.update_highlight(hid, note="B says flood, A says water level")
    desk.ctl.set_articles(desk.pane_a.article(), desk.pane_b.article(), background=False)
    pane = desk.pane_b
    cur = pane.document().find("flood to peak")
    rect = pane.cursorRect(QTextCursor(pane.document()))
    cur.setPosition(cur.selectionStart() + 3)
    rect = pane.cursorRect(cur)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: desk.ctl.note_editor.current_id() == hid)
    assert desk.ctl.note_editor.text() == "B says flood, A says water level"
    assert desk.ctl.note_editor.isVisible()
    ev = QHelpEvent(QEvent.Type.ToolTip, rect.center(), pane.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(pane.viewport(), ev)
    assert "B says flood" in QToolTip.text()
    QToolTip.hideText()


def test_link_passages_makes_a_linked_pair_with_a_shared_note_and_a_gutter_band(
    desk, store, articles, qtbot
):
    a, b = articles
    select_words(desk.pane_a, "the bridge was closed to traffic")
    select_words(desk.pane_b, "The old bridge was closed")
    assert desk.ctl.link_action.isEnabled()
    desk.ctl.link_action.trigger()
    links = store.links_for([a.id, b.id])
    assert len(links) == 1
    ha, hb = store.get(links[0].a), store.get(links[0].b)
    assert (ha.quote.exact, hb.quote.exact) == (
        "the bridge was closed to traffic",
        "The old bridge was closed",
    )
    # the shared note is edited in the editor that opened on the pair
    editor = desk.ctl.note_editor
    assert editor.current_id() == "link:" + links[0].id and editor.highlight_id() == ha.id
    assert "The old bridge" in editor.link_label.text()
    qtbot.keyClicks(editor.text_edit, "Same bridge, same night")
    editor.request_save()
    assert store.get_link(links[0].id).note == "Same bridge, same night"
    bands = [lk for lk in desk.gutter.links() if lk.kind == "highlight"]
    assert [lk.key for lk in bands] == [("link", links[0].id)]
    assert "Same bridge" in bands[0].tooltip
    # the band is painted between the two passages
    img = desk.gutter.grab().toImage()
    ta, ba = pane_extent(desk.pane_a, desk.gutter)(ha.position.start, ha.position.end)
    tb, bb = pane_extent(desk.pane_b, desk.gutter)(hb.position.start, hb.position.end)
    mid = QPoint(desk.gutter.width() // 2, round((ta + ba + tb + bb) / 4))
    assert desk.gutter.link_at(mid).key == ("link", links[0].id)
    bg = img.pixelColor(QPoint(mid.x(), desk.gutter.height() - 5))

    def inked(center: QPoint) -> int:
        box = [(center.x() + dx, center.y() + dy) for dx in range(-4, 5) for dy in range(-4, 5)]
        return sum(img.pixelColor(x, y) != bg for x, y in box)

    assert inked(mid) > 10  # dashed outline / hatch of the band
    assert inked(QPoint(mid.x(), desk.gutter.height() - 15)) == 0
    # undo removes the link and both highlights; redo brings them back
    desk.undo_stack.undo()  # the note
    desk.undo_stack.undo()  # the link
    assert store.links_for([a.id, b.id]) == [] and store.highlights_for(a.id) == []
    assert [lk for lk in desk.gutter.links() if lk.kind == "highlight"] == []
    desk.undo_stack.redo()
    assert len(store.links_for([a.id, b.id])) == 1 and len(store.highlights_for(b.id)) == 1


def test_link_passages_on_a_full_disk_keeps_nothing_half_made(desk, store, articles):
    a, b = articles
    select_words(desk.pane_a, "the bridge was closed to traffic")
    select_words(desk.pane_b, "The old bridge was closed")
    # the write fails at the very end, after both new highlights went into the transaction
    conn = store._require_conn()
    conn.execute(
        "CREATE TEMP TRIGGER fail_link BEFORE INSERT ON links "
        "BEGIN SELECT RAISE(ABORT, 'disk is full (simulated)'); END"
    )
    try:
        assert desk.ctl.link_selections() is None
    finally:
        conn.execute("DROP TRIGGER temp.fail_link")
    assert desk.errors and "disk is full" in desk.errors[-1]
    # one action, one transaction: neither highlight nor link was kept, nothing is painted
    assert store.all_highlights(include_deleted=True) == []  # not even as deleted rows
    assert store.links_for([a.id, b.id]) == []
    assert desk.ctl.highlights("a") == [] == desk.ctl.highlights("b")
    assert not desk.undo_stack.canUndo()


def test_link_these_on_a_claim_links_its_two_sentences(desk, store, articles, qtbot):
    a, b = articles
    claim = ClaimPair(a.sentences[1], b.sentences[1], 0.8, None, ("peak", "thursday"), ())
    desk.ctl.set_claims([claim])
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    from diptych.core.model import ClaimsResult

    panel.set_claims(ClaimsResult((claim,), (), ()), a, b, None)
    panel.link_claim_requested.connect(desk.ctl.link_claim)
    panel.select_claim(0)
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    (lk,) = store.links_for([a.id])
    assert store.get(lk.a).quote.exact == FLOOD_A[1]
    assert store.get(lk.b).quote.exact == FLOOD_B[1]


@pytest.fixture
def full_disk(store, monkeypatch):
    proxy = FailingConnection(store._conn)
    proxy.failing = False
    monkeypatch.setattr(store, "_conn", proxy)
    return proxy


def test_disk_full_while_saving_a_note_keeps_the_text_and_says_why(
    desk, store, articles, full_disk, qtbot
):
    a, _b = articles
    hid = _add(desk, "a", "eastern bank")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    full_disk.failing = True
    qtbot.keyClicks(editor.text_edit, "Sandbags ran out by noon")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.text() == "Sandbags ran out by noon"
    assert "disk is full" in editor.status_text() and "still here" in editor.status_text()
    assert editor.status_label.isVisible()
    assert desk.ctl.has_unsaved()
    assert any("disk is full" in e for e in desk.errors)
    assert stored(store, a.id) == [("eastern bank", "yellow", "")]
    # opening the pair again (or another) keeps the unsaved text in the editor
    desk.ctl.set_articles(a, desk.pane_b.article(), background=False)
    assert editor.current_id() == hid and editor.text() == "Sandbags ran out by noon"
    assert desk.ctl.has_unsaved()
    full_disk.failing = False  # space freed: Save now works
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert stored(store, a.id) == [("eastern bank", "yellow", "Sandbags ran out by noon")]
    assert not desk.ctl.has_unsaved()


def test_disk_full_then_space_freed_the_retry_saves(desk, store, articles, full_disk, qtbot):
    a, _b = articles
    hid = _add(desk, "a", "eastern bank")
    other = _add(desk, "a", "Schools")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    full_disk.failing = True
    qtbot.keyClicks(editor.text_edit, "Sandbags ran out")
    editor.request_save()
    assert editor.text() == "Sandbags ran out" and desk.ctl.has_unsaved()
    assert not desk.ctl.edit(other)  # opening another note is refused while this one is unsaved
    assert editor.current_id() == hid and editor.text() == "Sandbags ran out"
    full_disk.failing = False
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not desk.ctl.has_unsaved() and editor.status_text() == "Saved"
    assert ("eastern bank", "yellow", "Sandbags ran out") in stored(store, a.id)


def test_closing_with_an_unsaved_note_saves_it(desk, store, articles, qtbot):
    a, _b = articles
    hid = _add(desk, "a", "roads are safe")
    desk.ctl.edit(hid)
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, "Ask the council")
    assert desk.ctl.has_unsaved()
    assert desk.ctl.confirm_close(desk)
    assert stored(store, a.id) == [("roads are safe", "yellow", "Ask the council")]


def test_closing_when_the_note_cannot_be_saved_asks_first(desk, store, articles, full_disk, qtbot):
    hid = _add(desk, "a", "roads are safe")
    desk.ctl.edit(hid)
    full_disk.failing = True
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, "Ask the council")
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text() + " " + box.informativeText()
        keep = next(b for b in box.buttons() if b.text() == "Keep editing")
        keep.click()

    QTimer.singleShot(0, answer)
    assert not desk.ctl.confirm_close(desk)
    assert "could not be saved" in seen["text"] and "disk is full" in seen["text"]
    assert desk.ctl.note_editor.text() == "Ask the council"


def test_a_failed_undo_leaves_the_stack_and_the_store_in_step(
    desk, store, articles, full_disk, qtbot
):
    a, _b = articles
    hid = _add(desk, "a", "Volunteers")
    desk.ctl.delete(hid)
    assert stored(store, a.id) == []
    full_disk.failing = True
    desk.undo_stack.undo()
    qtbot.waitUntil(lambda: desk.undo_stack.index() == 2)  # stepped back to "deleted"
    assert stored(store, a.id) == [] and painted_highlights(desk.pane_a) == []
    assert any("disk is full" in e for e in desk.errors)
    full_disk.failing = False
    desk.undo_stack.undo()
    assert stored(store, a.id) == [("Volunteers", "yellow", "")]


def test_a_failed_add_shows_the_error_and_paints_nothing(desk, store, articles, full_disk):
    full_disk.failing = True
    select_words(desk.pane_a, "Volunteers")
    assert desk.ctl.highlight_selection("yellow") is None
    assert painted_highlights(desk.pane_a) == [] and desk.undo_stack.count() == 0
    assert desk.errors and "disk is full" in desk.errors[-1]


def test_orphan_is_listed_apart_and_reattached_to_the_selection(desk, store, qtbot):
    old = flood_pair()[0]
    h = store.add_highlight(old, *_span_of(old.text, "sandbags along the eastern bank"), "pink")
    store.update_highlight(h.id, note="who organised this?")
    edited = [FLOOD_A[0], FLOOD_A[1], "Nobody knows what happened next.", FLOOD_A[3]]
    new = make_article(edited, "urn:test:flood-a", "Flood A")
    desk.pane_a.set_article(new)
    desk.ctl.set_articles(new, desk.pane_b.article(), background=False)
    panel = desk.ctl.panel
    assert panel.group_of(h.id).startswith("Orphaned")
    (row,) = [r for r in panel.rows() if r.id == h.id]
    assert row.status == "orphaned" and row.note == "who organised this?"
    button = panel.reattach_button(h.id)
    assert button is not None and button.text() == "Re-attach to selection"
    select_words(desk.pane_a, "what happened next")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    got = store.get(h.id)
    assert got.quote.exact == "what happened next" and got.note == "who organised this?"
    assert got.color == "pink" and got.fingerprint == new.fingerprint
    assert panel.group_of(h.id).startswith("A — ")
    assert painted_highlights(desk.pane_a) == ["what happened next"]
    desk.undo_stack.undo()
    assert panel.group_of(h.id).startswith("Orphaned")
    assert store.get(h.id).quote.exact == "sandbags along the eastern bank"
    assert painted_highlights(desk.pane_a) == []


def test_reattach_without_a_selection_explains_what_to_do(desk, store):
    old = flood_pair()[0]
    h = store.add_highlight(old, 4, 9, "yellow")
    new = make_article(["Completely different text now."], "urn:test:flood-a", "Flood A")
    desk.pane_a.set_article(new)
    desk.ctl.set_articles(new, desk.pane_b.article(), background=False)
    assert not desk.ctl.reattach(h.id)
    assert "Select the passage in pane A" in desk.errors[-1]


def _span_of(text: str, words: str) -> tuple[int, int]:
    i = text.index(words)
    return i, i + len(words)


def test_emoji_before_a_highlight_lands_on_the_same_words_in_pane_and_store(qtbot, store):
    paras = [
        "Crowds cheered 🎉👍🏽 and e\u0301lan 🇧🇴 filled the square.",
        "Then the 🚒 crews 🧯 arrived at the old mill by the river.",
    ]
    a = make_article(paras, "urn:test:emoji", "Emoji")
    b = flood_pair()[1]
    d = Desk(store, a, b)
    qtbot.addWidget(d)
    d.resize(900, 400)
    d.show()
    select_words(d.pane_a, "arrived at the old mill")
    hid = d.ctl.highlight_selection("green")
    h = store.get(hid)
    start = a.text.index("arrived at the old mill")
    assert (h.position.start, h.position.end) == (start, start + len("arrived at the old mill"))
    assert h.quote.exact == "arrived at the old mill"
    assert a.text[h.position.start : h.position.end] == "arrived at the old mill"
    assert painted_highlights(d.pane_a) == ["arrived at the old mill"]
    # reopening (fresh controller state) paints it on the same words again
    d.ctl.set_articles(a, b, background=False)
    assert painted_highlights(d.pane_a) == ["arrived at the old mill"]
    d.ctl.note_editor.close()


def test_highlights_panel_filters_by_colour_side_and_text(desk, store):
    _add(desk, "a", "bridge was closed", "yellow")
    _add(desk, "a", "Volunteers", "green")
    hb = _add(desk, "b", "concert planned", "green")
    desk.ctl.save_note(hb, "cancelled, not postponed?")
    panel = desk.ctl.panel
    assert len(panel.visible_ids()) == 3
    panel.set_filters(color="green")
    assert len(panel.visible_ids()) == 2
    panel.set_filters(color="green", side="b")
    assert panel.visible_ids() == [hb]
    panel.set_filters(text="POSTPONED")  # matches the note, any case
    assert panel.visible_ids() == [hb]
    panel.set_filters(text="bridge")
    assert len(panel.visible_ids()) == 1 and panel.count_label.text() == "1 of 3 highlights"


def test_highlights_load_in_the_background_on_open(qtbot, store, articles):
    a, b = articles
    store.add_highlight(a, 4, 9, "blue")
    d = Desk(store, a, b)
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.ctl.highlights_loaded, timeout=10_000):
        d.ctl.set_articles(a, b)  # background=True
    assert painted_highlights(d.pane_a) == [a.text[4:9]]
    d.ctl.note_editor.close()


def test_highlight_span_helper_is_consistent(articles):
    a, _b = articles
    assert Span(*_span_of(a.text, "river")).start == a.text.index("river")


def test_highlights_stay_painted_on_the_pane_after_zoom_and_theme_change(desk, store):
    from diptych.ui.theme import DARK

    _add(desk, "a", "water level", "blue")
    light = [s.format.background().color().name() for s in desk.pane_a.extraSelections()]
    desk.pane_a.zoom_in()
    desk.pane_a.set_theme(DARK)
    QApplication.processEvents()
    sels = [s for s in desk.pane_a.extraSelections() if s.cursor.hasSelection()]
    assert [s.cursor.selectedText() for s in sels] == ["water level"]
    assert all(s.cursor.document() is desk.pane_a.document() for s in sels)
    dark = [s.format.background().color().name() for s in sels]
    assert dark != light  # the dark page gets the dark variant of blue


def _link(desk, words_a: str, words_b: str) -> str:
    select_words(desk.pane_a, words_a)
    select_words(desk.pane_b, words_b)
    lid = desk.ctl.link_selections()
    assert lid is not None
    return lid


def test_deleting_one_end_of_a_link_drops_the_band_and_undo_restores_it(desk, store, articles):
    a, b = articles
    lid = _link(desk, "Schools will stay closed", "Schools remain shut")
    lk = store.get_link(lid)
    assert [x.key for x in desk.gutter.links()] == [("link", lid)]
    rows = {r.id: r for r in desk.ctl.panel.rows()}
    assert rows[lk.b].linked_quote == "Schools will stay closed"
    desk.ctl.delete(lk.a)
    assert desk.gutter.links() == [] and store.links_for([a.id, b.id]) == []
    assert {r.id: r for r in desk.ctl.panel.rows()}[lk.b].linked_quote == ""
    desk.undo_stack.undo()
    assert [x.key for x in desk.gutter.links()] == [("link", lid)]
    assert {r.id: r for r in desk.ctl.panel.rows()}[lk.b].linked_quote != ""


def test_clicking_a_link_band_opens_the_shared_note(desk, store, qtbot):
    lid = _link(desk, "water level would peak", "flood to peak")
    store.update_link(lid, note="peak timing agrees")
    desk.ctl.set_articles(desk.pane_a.article(), desk.pane_b.article(), background=False)
    assert desk.ctl.note_editor.current_id() is None
    pairs = []
    desk.ctl.pair_jump_requested.connect(lambda *args: pairs.append(args))
    desk.gutter.grab()
    band = desk.gutter.links()[0]
    ta, ba = pane_extent(desk.pane_a, desk.gutter)(band.a.start, band.a.end)
    tb, bb = pane_extent(desk.pane_b, desk.gutter)(band.b.start, band.b.end)
    mid = QPoint(desk.gutter.width() // 2, round((ta + ba + tb + bb) / 4))
    qtbot.mouseClick(desk.gutter, Qt.MouseButton.LeftButton, pos=mid)
    assert desk.ctl.note_editor.text() == "peak timing agrees"
    assert pairs == [(band.a.start, band.a.end, band.b.start, band.b.end)]


def test_a_note_is_saved_by_itself_shortly_after_typing_stops(desk, store, articles, qtbot):
    a, _b = articles
    hid = _add(desk, "a", "the roads")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    editor._autosave.setInterval(30)
    qtbot.keyClicks(editor.text_edit, "typed, never saved by hand")
    qtbot.waitUntil(lambda: not desk.ctl.has_unsaved(), timeout=5000)
    assert stored(store, a.id) == [("the roads", "yellow", "typed, never saved by hand")]
    assert editor.status_text() == "Saved"


def test_highlighting_again_where_a_highlight_was_deleted_makes_a_new_one(desk, store, articles):
    a, _b = articles
    first = _add(desk, "a", "sandbags")
    desk.ctl.delete(first)
    second = _add(desk, "a", "sandbags", "green")
    assert second != first
    assert stored(store, a.id) == [("sandbags", "green", "")]
    assert painted_highlights(desk.pane_a) == ["sandbags"]


def test_closing_the_note_popup_saves_or_stays_open_with_the_error(
    desk, store, articles, full_disk, qtbot
):
    a, _b = articles
    hid = _add(desk, "a", "the bridge")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    full_disk.failing = True
    qtbot.keyClicks(editor.text_edit, "closed at 6 pm")
    editor.close()
    assert editor.isVisible() and editor.text() == "closed at 6 pm"
    assert "disk is full" in editor.status_text()
    full_disk.failing = False
    editor.close()
    assert not editor.isVisible()
    assert stored(store, a.id) == [("the bridge", "yellow", "closed at 6 pm")]


def test_a_note_with_nul_is_stored_and_one_with_a_lone_surrogate_is_refused_clearly(desk, store):
    hid = _add(desk, "a", "Officials said")
    desk.ctl.edit(hid)
    assert desk.ctl.save_note(hid, "before\x00after")
    assert store.get(hid).note == "before\x00after"
    editor = desk.ctl.note_editor
    assert not desk.ctl.save_note(hid, "bad \ud800 text")
    assert "surrogate" in editor.status_text() and "surrogate" in desk.errors[-1]
    assert store.get(hid).note == "before\x00after"


# -- the note being typed survives steady typing, signals, logout and kill -9 (issue 10.3) ----


def test_steady_typing_is_saved_within_two_seconds_of_the_first_keystroke(desk, store, qtbot):
    import time

    from diptych.ui.highlights.note_editor import AUTOSAVE_MS, MAX_UNSAVED_MS

    assert MAX_UNSAVED_MS <= 2000 < 150 + AUTOSAVE_MS + 2000
    hid = _add(desk, "a", "the roads")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    words = iter("steady typing with no pause longer than a fifth of a second, on and on")
    typing = QTimer(desk)  # parented: never collected later from another thread
    typing.setInterval(150)  # never the 1.5 s pause the old autosave waited for

    def type_one() -> None:
        ch = next(words, None)
        if ch is None:
            typing.stop()
        else:
            qtbot.keyClicks(editor.text_edit, ch)

    first = time.monotonic()
    typing.timeout.connect(type_one)
    type_one()
    typing.start()
    qtbot.waitUntil(lambda: store.get(hid).note != "", timeout=8000)
    saved_after = time.monotonic() - first
    assert typing.isActive(), "saved only once typing stopped"
    assert store.get(hid).note and editor.text().startswith(store.get(hid).note)
    typing.stop()
    # several autosaves while typing are one undo step
    qtbot.waitUntil(lambda: not typing.isActive())
    editor.request_save()
    assert desk.undo_stack.undoText() == "Edit note"
    desk.undo_stack.undo()
    assert store.get(hid).note == ""
    assert saved_after < 8


def test_an_unsaved_note_is_kept_in_a_crash_draft_and_put_back_on_the_next_start(
    desk, store, articles, full_disk, qtbot, tmp_path
):
    a, b = articles
    hid = _add(desk, "a", "eastern bank")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    full_disk.failing = True  # the store cannot take it: only the draft has the text
    qtbot.keyClicks(editor.text_edit, "Sandbags ran out by noon")
    draft = desk.ctl.safekeeper.draft
    assert draft is not None and draft.path.parent == tmp_path
    qtbot.waitUntil(lambda: draft.read() is not None and draft.read().text.endswith("noon"))
    assert oct(draft.path.stat().st_mode & 0o777) == "0o600"
    full_disk.failing = False
    # the process dies here (no close, no save); the next start puts the text back
    d2 = Desk(store, a, b)
    qtbot.addWidget(d2)
    d2.show()
    ed2 = d2.ctl.note_editor
    assert ed2.current_id() == hid and ed2.text() == "Sandbags ran out by noon"
    assert d2.ctl.has_unsaved()  # shown as unsaved, then saved by the autosave
    qtbot.waitUntil(lambda: store.get(hid).note == "Sandbags ran out by noon", timeout=5000)
    assert draft.read() is None
    ed2.close()


def test_a_draft_typed_on_a_note_another_window_changed_since_asks_instead_of_overwriting(
    desk, store, articles, full_disk, qtbot
):
    """Window 1 dies with unsaved text; window 2 saves the same note meanwhile. The next
    start puts window 1's text back, but its save meets window 2's as a conflict: it asks
    (here: no answer), it never writes over it silently."""
    a, b = articles
    hid = _add(desk, "a", "eastern bank")
    assert desk.ctl.save_note(hid, "first")
    desk.ctl.edit(hid)
    full_disk.failing = True  # the store cannot take it: only the draft has the text
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, " and mine")
    draft = desk.ctl.safekeeper.draft
    qtbot.waitUntil(lambda: draft.read() is not None and draft.read().text == "first and mine")
    full_disk.failing = False
    desk.ctl.safekeeper.draft = None  # this window is dead: it writes no more drafts
    desk.ctl.note_editor.close()
    # another window saves the same note after the crash
    other = Store.open(store.path, backups=False)
    try:
        other.update_highlight(hid, note="first and theirs")
    finally:
        other.close()
    d2 = Desk(store, a, b)
    qtbot.addWidget(d2)
    d2.show()
    ed2 = d2.ctl.note_editor
    assert ed2.current_id() == hid and ed2.text() == "first and mine"
    ed2.request_save()  # the autosave's save, at once
    assert store.get(hid).note == "first and theirs"  # not overwritten
    assert ed2.text() == "first and mine" and d2.ctl.has_unsaved()
    assert "another window" in ed2.status_text()
    assert draft.read() is not None  # still kept for the next start
    d2.ctl.other_writers.ask = lambda c: "mine"  # asked again on the next save: keep mine
    ed2.request_save()
    assert store.get(hid).note == "first and mine" and not d2.ctl.has_unsaved()
    assert draft.read() is None
    ed2.close()


def test_a_draft_for_a_pair_not_open_is_not_saved_over_another_windows_note(
    desk, store, articles, qtbot
):
    hid = _add(desk, "a", "eastern bank")
    assert desk.ctl.save_note(hid, "first")
    version = store.get(hid).version
    desk.ctl.note_editor.close()
    store.update_highlight(hid, note="first and theirs")  # another writer, after the draft
    desk.ctl.safekeeper.draft.write(hid, "first and mine", "first", version)
    other_pair = (
        make_article(["Nothing about floods here at all."], "urn:test:other-a", "Other A"),
        make_article(["Nor in this one, truly."], "urn:test:other-b", "Other B"),
    )
    d2 = Desk(store, *other_pair)  # the draft's highlight is not in this pair: saved directly
    qtbot.addWidget(d2)
    assert store.get(hid).note == "first and theirs"
    assert desk.ctl.safekeeper.draft.read() is not None


def test_a_draft_whose_text_the_store_already_has_is_dropped(desk, store, qtbot):
    hid = _add(desk, "a", "eastern bank")
    assert desk.ctl.save_note(hid, "same text")
    desk.ctl.safekeeper.draft.write(hid, "same text", "")
    d2 = Desk(store, desk.pane_a.article(), desk.pane_b.article())
    qtbot.addWidget(d2)
    assert d2.ctl.note_editor.current_id() is None
    assert desk.ctl.safekeeper.draft.read() is None


def test_sigterm_runs_on_the_ui_thread_and_saves_the_note_being_typed(desk, store, qtbot):
    import os
    import signal

    from diptych.ui.highlights.safekeeping import install_quit_signals

    hid = _add(desk, "a", "the roads")
    desk.ctl.edit(hid)
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, "typed just before logout")
    got: list[int] = []

    def on_quit(signum: int) -> None:
        got.append(signum)
        desk.ctl.save_for_quit()

    handle = install_quit_signals(on_quit)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: got == [signal.SIGTERM], timeout=5000)
        assert store.get(hid).note == "typed just before logout"
        assert desk.ctl.confirm_close()  # no question left to ask
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: got == [signal.SIGTERM, signal.SIGINT], timeout=5000)
    finally:
        handle.uninstall()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_session_end_saves_the_note_being_typed(desk, store, qtbot):
    hid = _add(desk, "a", "the roads")
    desk.ctl.edit(hid)
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, "typed when the session ended")
    # the session manager's request cannot be faked here (emitting it needs a real
    # QSessionManager): check the connection is made, then run what it calls
    app = QApplication.instance()
    signature = SIGNAL("commitDataRequest(QSessionManager&)")
    before = app.receivers(signature)
    d2 = Desk(store, desk.pane_a.article(), desk.pane_b.article())
    qtbot.addWidget(d2)
    assert app.receivers(signature) == before + 1
    desk.ctl.safekeeper._on_commit_data()
    assert store.get(hid).note == "typed when the session ended"


# -- linking never hides a highlight's own note (issue 10.7) ----------------------------------


def test_linking_keeps_the_own_note_visible_editable_and_searchable(desk, store, qtbot):
    ha = _add(desk, "a", "water level would peak")
    assert desk.ctl.save_note(ha, "own note on A about levels")
    lid = _link(desk, "water level would peak", "flood to peak")
    lk = store.get_link(lid)
    assert lk.a == ha  # the highlight the selection was on is reused
    editor = desk.ctl.note_editor
    # after linking the editor is on the link's note; the own note is shown under it
    assert editor.current_id() == "link:" + lid
    assert "own note on A about levels" in editor.other_note_label.text()
    qtbot.keyClicks(editor.text_edit, "both say Thursday")
    editor.request_save()
    assert store.get_link(lid).note == "both say Thursday"
    assert store.get(ha).note == "own note on A about levels"
    # clicking the highlight opens its own note, with the link's note shown too
    desk.ctl.close_editor()
    desk.ctl.edit(ha)
    assert editor.current_id() == ha and editor.text() == "own note on A about levels"
    assert "both say Thursday" in editor.other_note_label.text()
    qtbot.keyClicks(editor.text_edit, ", rising")
    qtbot.mouseClick(editor.switch_button, Qt.MouseButton.LeftButton)  # saves, then switches
    assert store.get(ha).note == "own note on A about levels, rising"
    assert editor.current_id() == "link:" + lid and editor.text() == "both say Thursday"
    # the list shows both notes and the filter finds each
    row = {r.id: r for r in desk.ctl.panel.rows()}[ha]
    assert (row.note, row.link_note) == ("own note on A about levels, rising", "both say Thursday")
    panel = desk.ctl.panel
    panel.set_filters(text="ABOUT LEVELS")
    assert panel.visible_ids() == [ha]
    panel.set_filters(text="say thursday")
    assert set(panel.visible_ids()) == {lk.a, lk.b}
    # hovering shows both notes
    tip = desk.ctl.tooltip_at("a", desk.pane_a.article().text.index("water level") + 2)
    assert "both say Thursday" in tip and "own note on A" in tip


def test_link_passages_reuses_the_highlight_the_selection_is_in(desk, store, articles):
    _a, b = articles
    hb = _add(desk, "b", "The old bridge was closed after the river rose")
    lid = _link(desk, "the bridge was closed", "bridge was closed")  # inside hb
    assert store.get_link(lid).b == hb
    assert [h.id for h in store.highlights_for(b.id)] == [hb]  # no second, overlapping one


def test_an_overlapping_new_highlight_does_not_hide_the_older_one(desk):
    _add(desk, "a", "water level", "blue")
    _add(desk, "a", "said the water level would peak", "pink")
    assert sorted(painted_highlights(desk.pane_a)) == sorted(
        ["said the water level would peak", "water level"]
    )
    # the shorter one is painted last (on top), so both stay visible
    assert painted_highlights(desk.pane_a)[-1] == "water level"


# -- the note editor (issue 13 item 7) --------------------------------------------------------


def _click_words(qtbot, pane, words: str) -> None:
    cur = pane.document().find(words)
    cur.setPosition(cur.selectionStart() + 3)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.cursorRect(cur).center())


def test_clicking_a_highlight_opens_the_editor_with_keyboard_focus_in_the_text(
    desk, qtbot, monkeypatch
):
    first = _add(desk, "b", "flood to peak")
    second = _add(desk, "a", "Volunteers filled sandbags")
    editor = desk.ctl.note_editor
    # Under a window manager a new tool window is not given the keyboard unless it asks
    # (openbox kept it on the main window: typed keys scrolled the pane). The offscreen
    # platform activates every window it shows, so the request itself is recorded here.
    asked: list[str | None] = []
    original = editor.activateWindow
    monkeypatch.setattr(
        editor, "activateWindow", lambda: (asked.append(editor.current_id()), original())
    )
    _click_words(qtbot, desk.pane_b, "flood to peak")
    qtbot.waitUntil(lambda: editor.current_id() == first and editor.isVisible())
    assert asked == [first]
    desk.activateWindow()
    desk.pane_a.setFocus()
    _click_words(qtbot, desk.pane_a, "Volunteers filled sandbags")
    qtbot.waitUntil(lambda: editor.current_id() == second)
    assert asked == [first, second]
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is editor.windowHandle(), timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.text_edit, timeout=3000)
    qtbot.keyClicks(QApplication.focusWidget(), "typed straight away")
    assert editor.text() == "typed straight away"
    # the button that closes says that it saves, and does
    assert editor.close_button.text() == "Save and close"
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    assert desk.ctl.store.get(second).note == "typed straight away"


# -- polish (issue 13 item 10) ----------------------------------------------------------------


def test_the_delete_message_is_replaced_once_the_delete_is_undone(desk):
    messages: list[str] = []
    desk.ctl.status_message.connect(messages.append)
    hid = _add(desk, "a", "sandbags")
    assert desk.ctl.delete(hid)
    assert messages[-1] == "Highlight deleted (Ctrl+Z brings it back)"
    desk.undo_stack.undo()
    assert messages[-1] == "Undone: Delete highlight"
    desk.undo_stack.redo()
    assert messages[-1] == "Redone: Delete highlight"
    # opening another pair clears the stack without claiming an undo
    n = len(messages)
    desk.ctl.set_articles(desk.pane_a.article(), desk.pane_b.article(), background=False)
    assert not any(m.startswith(("Undone", "Redone")) for m in messages[n:])


def test_the_highlights_count_says_one_highlight(desk):
    _add(desk, "a", "sandbags")
    assert desk.ctl.panel.count_label.text() == "1 highlight"
    _add(desk, "a", "bridge was closed")
    assert desk.ctl.panel.count_label.text() == "2 highlights"


# -- two windows on one store (issue 10 item 2) ------------------------------------------------


@pytest.fixture
def two_desks(qtbot, tmp_path):
    """Two windows, each with its own Store connection on the same file."""
    with two_flood_desks(qtbot, tmp_path / "shared.sqlite3") as desks:
        yield desks


def test_another_windows_save_shows_here_and_a_stale_save_asks_instead_of_overwriting(
    two_desks, qtbot
):
    w1, w2 = two_desks
    hid = _add(w1, "a", "bridge was closed")
    assert w2.ctl.other_writers.poll()  # w1's add is seen by w2
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    # both open the note; w2 saves first
    w1.ctl.edit(hid)
    w2.ctl.edit(hid)
    assert w2.ctl.save_note(hid, "closed at 6 pm (from window 2)")
    # w1 has typed but not polled yet: its stale save is refused, and it asks
    asked = []
    w1.ctl.other_writers.ask = lambda c: asked.append(c) or "both"
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, "closed all night (from window 1)")
    w1.ctl.note_editor.request_save()
    assert len(asked) == 1 and asked[0].theirs.note == "closed at 6 pm (from window 2)"
    store = w1.ctl.store
    notes = sorted(h.note for h in store.highlights_for(w1.pane_a.article().id))
    assert notes == ["closed all night (from window 1)", "closed at 6 pm (from window 2)"]
    assert not w1.ctl.has_unsaved()
    qtbot.waitUntil(lambda: len(w1.ctl.panel.rows()) == 2)
    # w2 notices the other writer and shows both too
    assert w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: len(w2.ctl.panel.rows()) == 2)


@pytest.mark.parametrize("answer", ["mine", "theirs"])
def test_keep_mine_or_theirs_after_the_other_window_changed_the_note(two_desks, qtbot, answer):
    w1, w2 = two_desks
    hid = _add(w1, "a", "sandbags")
    w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    w1.ctl.edit(hid)
    assert w2.ctl.save_note(hid, "theirs")
    w1.ctl.other_writers.ask = lambda c: answer
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, "mine")
    w1.ctl.note_editor.request_save()
    assert w1.ctl.store.get(hid).note == answer
    assert w1.ctl.note_editor.text() == answer and not w1.ctl.has_unsaved()
    if answer == "theirs":  # what was typed here is not lost: it is on the clipboard
        assert QApplication.clipboard().text() == "mine"


def test_saving_into_a_highlight_deleted_elsewhere_asks_and_keep_mine_brings_it_back(
    two_desks, qtbot
):
    w1, w2 = two_desks
    hid = _add(w1, "a", "eastern bank")
    w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    w1.ctl.edit(hid)
    assert w2.ctl.delete(hid)
    asked = []
    w1.ctl.other_writers.ask = lambda c: asked.append(c.theirs_deleted) or "mine"
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, "still needed")
    w1.ctl.note_editor.request_save()
    assert asked == [True]
    h = w1.ctl.store.get(hid)
    assert h.note == "still needed"
    assert hid in [x.id for x in w1.ctl.store.highlights_for(w1.pane_a.article().id)]


def test_without_an_answer_nothing_is_overwritten_and_the_text_stays(two_desks, qtbot):
    w1, w2 = two_desks
    hid = _add(w1, "a", "the roads")
    w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    w1.ctl.edit(hid)
    assert w2.ctl.save_note(hid, "theirs")
    w1.ctl.other_writers.ask = lambda c: None  # "Decide later"
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, "mine")
    w1.ctl.note_editor.request_save()
    assert w1.ctl.store.get(hid).note == "theirs"
    assert w1.ctl.note_editor.text() == "mine" and w1.ctl.has_unsaved()
    assert "another window" in w1.ctl.note_editor.status_text()


# -- a store locked by another program (issue 10 item 15) --------------------------------------


def test_a_locked_store_keeps_the_window_running_and_says_it_is_waiting(desk, store, qtbot):
    from diptych.core.notes.store import WAITING_MESSAGE

    hid = _add(desk, "a", "the roads")
    desk.ctl.edit(hid)
    editor = desk.ctl.note_editor
    messages: list[str] = []
    desk.ctl.status_message.connect(messages.append)
    other = sqlite3.connect(store.path, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # another program saving, for a while
    ticks: list[bool] = []  # what the UI thread did while the save waited
    ticker = QTimer(desk)
    ticker.setInterval(100)
    ticker.timeout.connect(lambda: ticks.append(desk.ctl.calls.busy))
    ticker.start()

    def release() -> None:
        other.rollback()
        other.close()

    QTimer.singleShot(1500, release)  # runs only if the UI thread is not stuck in the save
    qtbot.keyClicks(editor.text_edit, "saved after the other one")
    assert desk.ctl.save_note(hid, editor.text())
    ticker.stop()
    assert store.get(hid).note == "saved after the other one"
    assert sum(ticks) >= 5  # timers ran (and painting could) while the write waited
    assert any(m.startswith(WAITING_MESSAGE) for m in messages)
    assert messages[-1] == "Note saved"


# -- notes in the margin (issue 13 item 11) ------------------------------------------------------


def test_a_marker_in_the_margin_shows_a_highlights_note_and_opens_it(desk, qtbot):
    plain = _add(desk, "a", "bridge was closed")
    noted = _add(desk, "a", "Volunteers filled sandbags")
    hostile = '<img src="file:///etc/hostname"> bring \u202eboots'
    assert desk.ctl.save_note(noted, hostile)
    strip = desk.ctl.margins["a"]
    assert strip.isVisible() and strip.width() >= 12
    (marker,) = strip.markers()  # only the highlight with a note has one
    assert marker.hid == noted and marker.hid != plain
    # beside its line: the marker's y is the highlight's line in the pane
    vp_y = desk.pane_a.viewport().geometry().y()
    start = desk.pane_a.article().text.index("Volunteers")
    assert abs(strip.y() + marker.y - (vp_y + desk.pane_a.y_of_offset(start))) <= 1
    # it is painted
    img = strip.grab().toImage()
    c = img.pixelColor(int(strip._x()) + 1, marker.y + 10)
    assert c.alpha() == 255 and c != img.pixelColor(0, 0)
    # hover: the note, as plain text
    pos = QPoint(int(strip._x()) + 6, marker.y + 7)
    QToolTip.hideText()
    QApplication.sendEvent(strip, QHelpEvent(QEvent.Type.ToolTip, pos, strip.mapToGlobal(pos)))
    tip = QToolTip.text()
    assert "&lt;img" in tip and "<img" not in tip and "\u202e" not in tip
    QToolTip.hideText()
    # click: the note opens
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=pos)
    assert desk.ctl.note_editor.current_id() == noted
    assert desk.ctl.note_editor.text() == hostile
    # emptying the note removes its marker
    assert desk.ctl.save_note(noted, "")
    assert strip.markers() == []


# -- tags in the window (issue 13 item 12) ----------------------------------------------------------


def test_tags_are_added_in_the_editor_completed_and_filter_the_list(desk, store, qtbot):
    h1 = _add(desk, "a", "bridge was closed", "yellow")
    h2 = _add(desk, "b", "flood to peak", "green")
    h3 = _add(desk, "b", "concert planned", "green")
    editor = desk.ctl.note_editor
    desk.ctl.edit(h1)
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "flooding, roads ,flooding")
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    assert store.get(h1).tags == ("flooding", "roads")
    # the next highlight's tag field completes from the tags in the store
    desk.ctl.edit(h2)
    assert editor.tags_edit.text() == ""
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "timing, FLO")
    comp = editor.tag_completer
    assert comp.currentIndex().data() == "flooding"  # matched on the tag after the comma
    assert comp.currentCompletion() == "timing, flooding"  # what choosing it makes
    editor.tags_edit.setText(comp.pathFromIndex(comp.currentIndex()))
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    assert store.get(h2).tags == ("flooding", "timing")
    # the Highlights tab filters by tag (and by colour with it)
    panel = desk.ctl.panel
    assert panel.tag_combo.isVisibleTo(panel)
    assert [panel.tag_combo.itemText(i) for i in range(panel.tag_combo.count())] == [
        "All tags",
        "#flooding",
        "#roads",
        "#timing",
    ]
    panel.set_filters(tag="flooding")
    assert sorted(panel.visible_ids()) == sorted([h1, h2])
    panel.set_filters(tag="flooding", color="green")
    assert panel.visible_ids() == [h2]
    panel.set_filters(text="#roads".lstrip("#"))
    assert panel.visible_ids() == [h1]
    panel.set_filters()
    assert h3 in panel.visible_ids()
    # a tag change is one undo step
    desk.undo_stack.undo()
    assert store.get(h2).tags == ()
    assert editor.tags_edit.text() == ""


def test_a_reload_while_typing_does_not_turn_a_stale_save_into_a_silent_overwrite(two_desks, qtbot):
    w1, w2 = two_desks
    hid = _add(w1, "a", "bridge was closed")
    w2.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w2.ctl.placed(hid) is not None)
    w1.ctl.edit(hid)
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, "typed here")  # not saved yet
    assert w2.ctl.save_note(hid, "saved there")
    assert w1.ctl.other_writers.poll()  # w1 re-reads: its list shows theirs...
    qtbot.waitUntil(lambda: not w1.ctl.is_loading())
    assert w1.ctl.note_editor.text() == "typed here" and w1.ctl.has_unsaved()  # ...kept
    asked = []
    w1.ctl.other_writers.ask = lambda c: asked.append(c.theirs.note) or None
    w1.ctl.note_editor.request_save()
    assert asked == ["saved there"]  # the save was made on the old version: it asks
    assert w1.ctl.store.get(hid).note == "saved there"
    # with nothing typed, a reload shows theirs and later saves build on it
    w1.ctl.note_editor.set_saved_text("typed here")
    assert w2.ctl.save_note(hid, "saved there again")
    assert w1.ctl.other_writers.poll()
    qtbot.waitUntil(lambda: w1.ctl.note_editor.text() == "saved there again")
    qtbot.keyClicks(w1.ctl.note_editor.text_edit, ", and here")
    w1.ctl.note_editor.request_save()
    assert w1.ctl.store.get(hid).note == "saved there again, and here"


def test_changing_tags_or_colour_while_a_note_is_open_is_not_a_conflict_with_oneself(
    desk, store, qtbot
):
    hid = _add(desk, "a", "the roads")
    editor = desk.ctl.note_editor
    desk.ctl.edit(hid)
    asked = []
    desk.ctl.other_writers.ask = lambda c: asked.append(c) or None
    editor.tags_edit.setFocus()
    qtbot.keyClicks(editor.tags_edit, "dates")
    qtbot.keyClick(editor.tags_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.findChild(QWidget, "swatch_green"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.text_edit, "check the date")
    editor.request_save()
    assert asked == []
    h = store.get(hid)
    assert (h.note, h.color, h.tags) == ("check the date", "green", ("dates",))
    assert not desk.ctl.has_unsaved()


def test_a_copy_of_the_file_keeps_the_originals_linked_highlight_through_another_writer(
    qtbot, tmp_path, articles
):
    """Tryout: opened from a copy, the original's highlight (and its link) showed once, then
    vanished when another writer's change made the window re-read the store."""
    path = tmp_path / "shared.sqlite3"
    original, b = articles
    first = Store.open(path, backups=False)
    w1 = Desk(first, original, b)
    qtbot.addWidget(w1)
    select_words(w1.pane_a, "the bridge was closed to traffic")
    select_words(w1.pane_b, "The old bridge was closed")
    w1.ctl.link_action.trigger()
    w1.ctl.note_editor.close()
    first.close()
    # the same text, opened from a copy at another path (its id is the copy's file URI)
    copy_file = tmp_path / "x" / "renamed.md"
    copy_file.parent.mkdir()
    copy_file.write_text("copy", encoding="utf-8")
    copy = make_article(FLOOD_A, copy_file.as_uri(), "Flood A")
    mine, other = Store.open(path, backups=False), Store.open(path, backups=False)
    try:
        w2 = Desk(mine, copy, b)
        qtbot.addWidget(w2)
        # the Desk loaded the pair as it was built, and the controller told the user then
        # (once per session: tests/ui/test_moved_articles.py checks the notice's text)
        assert (copy.id, original.id) in w2.ctl._told
        w2.ctl.set_articles(copy, b, background=False)
        assert painted_highlights(w2.pane_a) == ["the bridge was closed to traffic"]
        _add(w2, "a", "sandbags")
        # another writer (the CLI) adds one on the copy while the window is open
        i = copy.text.index("water level")
        other.add_highlight(copy, i, i + len("water level"))
        assert w2.ctl.other_writers.poll()
        qtbot.waitUntil(lambda: len(w2.ctl.panel.rows()) == 4)
        assert sorted(painted_highlights(w2.pane_a)) == sorted(
            ["the bridge was closed to traffic", "water level", "sandbags"]
        )
        (hb,) = w2.ctl.highlights("b")
        partner = w2.ctl.link_of(hb.h.id)
        assert partner is not None and w2.ctl.placed(partner.a) is not None
        w2.ctl.note_editor.close()
    finally:
        mine.close()
        other.close()


def test_typing_in_the_link_note_editor_does_not_move_its_buttons(desk, qtbot):
    """Tryout: the first keystroke showed an "Unsaved changes" row that pushed the buttons
    ~19 px down under the pointer; the row's place is kept."""
    select_words(desk.pane_a, "the bridge was closed to traffic")
    select_words(desk.pane_b, "The old bridge was closed")
    desk.ctl.link_action.trigger()
    editor = desk.ctl.note_editor
    qtbot.waitUntil(editor.isVisible)
    qtbot.wait(20)
    before = {
        b: b.mapTo(editor, b.rect().topLeft()) for b in (editor.save_button, editor.close_button)
    }
    height = editor.height()
    qtbot.keyClicks(editor.text_edit, "x")
    assert editor.status_text() == "Unsaved changes"
    qtbot.wait(20)
    for button, pos in before.items():
        assert button.mapTo(editor, button.rect().topLeft()) == pos, button.text()
    assert editor.height() == height


def test_a_bidi_override_in_a_note_is_shown_as_a_marker_and_kept(desk, store, qtbot):
    """Tryout: text typed after a U+202E appeared mirrored in the editor. It is shown as a
    visible marker in place; the note keeps the character (nothing is lost)."""
    hid = _add(desk, "a", "peak on Thursday")
    editor = desk.ctl.note_editor
    assert desk.ctl.edit(hid)
    qtbot.keyClicks(editor.text_edit, "abc")
    editor.text_edit.insertPlainText("\u202e")  # as typed or pasted
    qtbot.keyClicks(editor.text_edit, "def")
    shown = editor.text_edit.toPlainText()
    assert "\u202e" not in shown and shown == "abc\u27e6U+202E\u27e7def"
    assert editor.text() == "abc\u202edef"
    editor.request_save()
    assert store.get(hid).note == "abc\u202edef"
    # opened again from the store: shown the same way, nothing unsaved
    desk.ctl.close_editor()
    assert desk.ctl.edit(hid)
    assert editor.text_edit.toPlainText() == "abc\u27e6U+202E\u27e7def"
    assert not editor.has_unsaved()


def test_the_note_editors_labels_show_bidi_and_control_characters_inertly(qtbot, store):
    """Tryout: a highlight on article text with a U+202E showed the passage reversed in the
    note editor's quote ("edirrevo LTR"), and so did the linked passage and the other note;
    the highlights list already showed it as U+FFFD."""
    a = make_article(["Police said \u202eRTL override here\x07 and left.", "More."], "t:a", "A")
    b = make_article(["Troops came \u202eat dawn to the square.", "Other."], "t:b", "B")
    d = Desk(store, a, b)
    qtbot.addWidget(d)
    d.show()
    hid = _add(d, "a", "\u202eRTL override here")
    assert d.ctl.save_note(hid, "own \u202enote")
    _link(d, "\u202eRTL override", "\u202eat dawn")
    assert d.ctl.edit(hid)
    ed = d.ctl.note_editor
    labels = [ed.quote_label.text(), ed.link_label.text(), ed.other_note_label.text()]
    assert "RTL override" in labels[0] and "at dawn" in labels[1], labels
    assert d.ctl.edit(hid, link_note=True)  # the link's note: this passage's own note beside
    labels.append(ed.other_note_label.text())
    assert "note" in labels[-1], labels
    for text in labels:
        assert not any(c in text for c in "\u202e\x07"), repr(text)
    ed.close()


def test_a_very_long_or_hostile_tag_does_not_squeeze_the_filter_field(desk, store, qtbot):
    """Tryout: a 300-character tag made the tag filter as wide as the tag, and the text
    filter beside it shrank to a few pixels ("Fi…"); a U+202E in a tag acted in the list."""
    hid = _add(desk, "a", "bridge was closed")
    store.update_highlight(hid, tags=("t" * 300, "\u202eevil"))
    desk.ctl.reload()
    panel = desk.ctl.panel
    panel.resize(430, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.tag_combo.isVisibleTo(panel))
    qtbot.wait(200)
    qtbot.waitUntil(lambda: panel.search.width() >= 150)
    assert panel.tag_combo.geometry().right() <= panel.width()  # the row fits
    assert panel.minimumSizeHint().width() <= 300  # the side panel's narrowest still fits
    shown = [panel.tag_combo.itemText(i) for i in range(panel.tag_combo.count())]
    assert not any("\u202e" in t for t in shown), shown
    panel.set_filters(tag="\u202eevil")  # the filter still uses the tag itself
    assert panel.visible_ids() == [hid]


def test_a_long_tag_does_not_push_the_note_out_of_its_row():
    """Tryout: a 300-character tag filled the row's second line; the note was never seen."""
    from diptych.ui.highlights.panel import row_text
    from diptych.ui.highlights.state import HighlightRow

    row = HighlightRow("h", "a", "yellow", "quote", "the note itself", "anchored")
    row = HighlightRow(**{**row.__dict__, "tags": ("t" * 300, "short")})
    second = row_text(row).split("\n")[1]
    assert "the note itself" in second and "#short" in second
    assert len(second) < 140


def test_the_count_stays_at_the_bottom_of_an_empty_highlights_tab(qtbot):
    """Tryout: with no highlights the "0 highlights" line floated in the lower middle of the
    tab, with empty space under it."""
    from diptych.ui.highlights.panel import HighlightsPanel

    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    panel.resize(430, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_rows([])
    qtbot.waitUntil(lambda: panel.empty_label.isVisible())
    # the count line is one line tall at the bottom (it was a 300 px label, text centred)
    count = panel.count_label
    assert count.height() <= 2 * count.sizeHint().height(), count.geometry()
    assert panel.height() - count.geometry().bottom() < 40, count.geometry()
