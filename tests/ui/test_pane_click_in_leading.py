"""A press or a drag on the lower part of a line (the leading the reading line spacing adds
below it) lands on the word under the pointer: Qt's hit test finds no line there and put the
cursor at the line's end, so a third of each line's height selected nothing when dragged
along and a click or double-click took the next line's first word."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from diptych.ui.reader_pane import ReaderPane
from helpers.articles import make_article

TEXT = (
    "A long paragraph about the harbour and the grain warehouse that burned, told at length, "
    "so that it runs over several lines in the pane, with more words after these ones, and "
    "then some more, until the paragraph ends here."
)


def _pane(qtbot) -> ReaderPane:
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(420, 400)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(make_article(TEXT, "https://example.org/fire", "Fire"))
    qtbot.waitUntil(pane.layout_complete)
    return pane


def _second_line(pane: ReaderPane) -> tuple[int, int, int, int]:
    """(line start, line end, viewport y in the leading below the line, line top)."""
    block = pane.document().findBlock(TEXT.index("harbour"))
    layout = block.layout()
    assert layout.lineCount() >= 3
    line, below = layout.lineAt(1), layout.lineAt(2)
    top = layout.position().y() + line.y()
    gap_y = layout.position().y() + below.y() - 2  # just above the next line, below this one
    assert gap_y > top + line.height()  # the spacing leaves leading below the glyphs' box
    start = block.position() + line.textStart()
    y = round(gap_y) - pane.verticalScrollBar().value()
    return start, start + line.textLength(), y, round(top)


def test_a_point_in_the_leading_is_on_the_line_above(qtbot):
    pane = _pane(qtbot)
    start, end, y, _top = _second_line(pane)
    mid = pane.viewport().width() // 2
    offset = pane.offset_at_point(QPoint(mid, y))
    assert start < offset < end - 3, (start, offset, end)


def test_dragging_along_the_leading_selects_the_words(qtbot):
    pane = _pane(qtbot)
    start, end, y, _top = _second_line(pane)
    vp = pane.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(20, y))
    qtbot.mouseMove(vp, QPoint(120, y))
    qtbot.mouseMove(vp, QPoint(vp.width() - 60, y))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(vp.width() - 60, y))
    cur: QTextCursor = pane.textCursor()
    assert cur.hasSelection()
    assert start <= cur.selectionStart() < cur.selectionEnd() <= end
    assert cur.selectionEnd() - cur.selectionStart() > 10
