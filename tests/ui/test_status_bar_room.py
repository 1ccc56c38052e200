"""The status bar at 1000x700: a notice that stays a while, a passing message, the standing
message and the claim counts each get their own room; none is drawn over or cut by another."""

from __future__ import annotations

from helpers.window import shown_window

COUNTS = "31 shared claims (6 strong) · only in A 15 · only in B 69"
NOTICE = (
    "A: 1 highlight(s) came from /home/reader/articles/wsws-2019-11-13-the-us-backed-coup-in-"
    "bolivia.md, a copy of this text: they are shown here too (and stay with that file)."
)
PASSING = "Highlight deleted (Ctrl+Z brings it back)"


def _laid_out(qtbot, w) -> None:
    qtbot.wait(50)
    w.statusBar().layout().activate()


def _no_overlap(w) -> None:
    bar, notice, counts = w.statusBar(), w.notice_label, w.status.counts_label
    assert notice.geometry().left() >= 0
    assert notice.geometry().right() < counts.geometry().left()
    assert counts.geometry().right() <= bar.width()
    # the counts are read whole
    assert counts.width() >= counts.fontMetrics().horizontalAdvance(COUNTS)
    # none is squeezed below its least width (a label given less is cut mid-letter, where
    # the notice and the standing message end in "…")
    for label in (w.status.message_label, notice, counts):
        if label.isVisible():
            assert label.width() >= label.minimumSizeHint().width(), label.objectName()


def test_a_passing_message_is_readable_beside_a_long_notice(qtbot, settings):
    w = shown_window(qtbot, settings, size=(1000, 700))
    w.statusBar().clearMessage()  # "The side panel is hidden..." at this size: see below
    w.status.set_counts(COUNTS)
    w.show_notice(NOTICE)
    _laid_out(qtbot, w)
    _no_overlap(w)
    notice = w.notice_label
    alone = notice.width()
    assert alone > 150  # the notice is shown, elided, its whole text kept
    assert notice.text() == NOTICE and NOTICE in notice.toolTip()

    w.show_message(PASSING, 6000)
    _laid_out(qtbot, w)
    _no_overlap(w)
    bar = w.statusBar()
    assert bar.currentMessage() == PASSING
    # QStatusBar draws a passing message left of its first permanent widget (the notice)
    room = notice.geometry().left() - 8
    assert bar.fontMetrics().horizontalAdvance(PASSING) <= room
    assert notice.isVisible() and notice.width() >= 80  # still there, shorter

    bar.clearMessage()
    _laid_out(qtbot, w)
    _no_overlap(w)
    assert notice.width() == alone  # the message passed: the notice has its room again


def test_the_standing_message_and_a_notice_share_the_bar(qtbot, settings):
    w = shown_window(qtbot, settings, size=(1000, 700))
    w.statusBar().clearMessage()
    w.status.set_counts(COUNTS)
    w.show_message("31 shared claims (6 strong), 6 topics")
    w.show_notice(NOTICE)
    _laid_out(qtbot, w)
    _no_overlap(w)
    message = w.status.message_label
    assert message.geometry().right() < w.notice_label.geometry().left()
    assert message.geometry().left() >= 0
    # the standing message is read whole beside the notice (it is short)
    assert message.width() >= message.fontMetrics().horizontalAdvance(message.text())


def test_status_texts_show_bidi_and_control_characters_as_marks(qtbot, settings):
    """A notice or message names files and titles: a U+202E in one would turn the rest of
    the line around."""
    w = shown_window(qtbot, settings, size=(1480, 900))
    w.show_notice("A: 1 highlight(s) came from /tmp/evil\u202egnp.md, a copy")
    w.show_message("Opened \u202eevil\x1b[2J title")
    w.show_message("Saved \u2066x\u2069", 6000)
    for text in (w.notice_label.text(), w.notice_label.toolTip(), w.statusBar().currentMessage()):
        assert not any(c in text for c in "\u202e\u2066\u2069\x1b"), repr(text)
    assert "/tmp/evil\ufffdgnp.md" in w.notice_label.text()
    w.statusBar().clearMessage()
    assert "\u202e" not in w.status.message_label.text()
