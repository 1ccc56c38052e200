"""Tryout: a tag holding a U+202E (from an import, the CLI, or pasted) showed reordered in the
note editor's tag field: "rtl\u202egat" read "rtltag", while the note above it shows such a
character as a visible marker. The tag field shows it the same way and keeps the character."""

from __future__ import annotations

from helpers.highlights_desk import select_words

MARKED = "rtl\u27e6U+202E\u27e7gat"


def _highlight(desk) -> str:
    select_words(desk.pane_a, "roads are safe")
    hid = desk.ctl.highlight_selection("yellow")
    assert hid is not None
    return hid


def test_a_bidi_override_in_a_tag_is_shown_as_a_marker_and_kept(desk, store, qtbot):
    hid = _highlight(desk)
    assert desk.ctl.set_tags(hid, ("rtl\u202egat", "plain"))
    editor = desk.ctl.note_editor
    assert desk.ctl.edit(hid)
    shown = editor.tags_edit.text()
    assert "\u202e" not in shown and MARKED in shown
    assert editor.tags() == ("plain", "rtl\u202egat")
    assert not editor.has_unsent_tags()
    # another tag typed after it: saved with the character itself, not the marker
    editor.tags_edit.setFocus()
    editor.tags_edit.end(False)
    qtbot.keyClicks(editor.tags_edit, ", more")
    editor.request_save()
    assert store.get(hid).tags == ("more", "plain", "rtl\u202egat")


def test_a_crash_draft_keeps_the_tag_itself(desk, store, qtbot):
    hid = _highlight(desk)
    assert desk.ctl.set_tags(hid, ("rtl\u202egat",))
    editor = desk.ctl.note_editor
    assert desk.ctl.edit(hid)
    editor.tags_edit.setFocus()
    editor.tags_edit.end(False)
    qtbot.keyClicks(editor.tags_edit, ", typed")  # no Enter: unsent, kept in the draft
    keeper = desk.ctl.safekeeper
    if keeper.draft is None:
        return
    keeper.write_draft()
    d = keeper.draft.read()
    assert d is not None and d.tags is not None
    assert "\u27e6" not in d.tags and "rtl\u202egat" in d.tags
