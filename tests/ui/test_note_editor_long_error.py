"""The note editor's "Not saved" message is read whole, however long its reason (tryout: in
the 360 x 260 editor a save refused on a locked store in a deep folder was cut after its
fourth line, the path and what to do lost under the buttons)."""

from __future__ import annotations

from diptych.ui.highlights.note_editor import STATUS_MOST_LINES, NoteEditor

FOLDER = "/home/someone/" + "/".join(["a-rather-long-folder-name"] * 6)
REASON = f"could not save to {FOLDER}/highlights.sqlite3: another program (perhaps another Diptych) keeps it locked"


def _editor(qtbot) -> NoteEditor:
    ed = NoteEditor()
    qtbot.addWidget(ed)
    ed.resize(360, 260)
    ed.edit("h1", quote="Some quoted words " * 8, note="mine", color="yellow", side="a")
    ed.show()
    qtbot.waitExposed(ed)
    return ed


def _whole(ed: NoteEditor) -> bool:
    label = ed.status_label
    return label.height() >= label.heightForWidth(label.width())


def test_a_long_not_saved_message_is_shown_whole(qtbot):
    ed = _editor(qtbot)
    ed.show_error(REASON)
    label, area = ed.status_label, ed.status_area
    assert label.text().endswith("try Save again.") and FOLDER in label.text()
    lines = label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()
    assert 4 < lines <= STATUS_MOST_LINES  # the tryout's message: longer than what was shown
    qtbot.waitUntil(lambda: _whole(ed), timeout=2000)
    qtbot.waitUntil(lambda: area.viewport().height() >= label.height(), timeout=2000)  # at once
    assert ed.save_button.isVisible() and ed.save_button.geometry().bottom() < ed.height()
    # narrower: wrapped again, still whole
    ed.resize(300, ed.height())
    qtbot.waitUntil(lambda: _whole(ed), timeout=2000)


def test_a_message_longer_than_the_editor_scrolls(qtbot):
    ed = _editor(qtbot)
    ed.show_error(" ".join([REASON] * 6))
    label, area = ed.status_label, ed.status_area
    qtbot.waitUntil(lambda: _whole(ed), timeout=2000)
    bar = area.verticalScrollBar()
    # some lines in view, the rest a scroll away; the editor did not grow off the screen
    assert area.viewport().height() < label.height() <= area.viewport().height() + bar.maximum()
    assert ed.height() < 600
    # once the message is short again, the row is short again
    ed.show_waiting("Saving…")
    qtbot.waitUntil(lambda: area.height() < 3 * label.fontMetrics().lineSpacing(), timeout=2000)
