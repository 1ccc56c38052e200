"""Untrusted text in tooltips and labels is shown literally, never as rich text (issue 10.10).

A note or an article sentence like ``<img src="file:///etc/hostname">`` must not make Qt load
the file (a FIFO would block the UI thread, /dev/zero exhaust memory), and control or bidi
characters must not act on the display. Each kind of tooltip is hovered with hostile text;
what Qt would show is laid out in a ``QTextDocument`` whose resource loading is recorded.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from diptych.core.model import ClaimPair, ClaimsResult
from diptych.ui.claims.panel import ClaimsPanel
from diptych.ui.link_gutter import pane_extent
from diptych.ui.topic_bar import TopicChip
from helpers.articles import make_article
from helpers.claims_list import claim_row, tip
from helpers.claims_list import text as row_text
from helpers.highlights import TOPICS
from helpers.highlights_desk import select_words, shown_flood_desk

IMG = '<img src="file:///etc/hostname">'
HOSTILE = (
    f'{IMG}<b>bold</b><a href="file:///dev/zero">z</a> file:///tmp/fifo '
    "\x1b[31mred\x07 \u202eevil\u202c \x85 \u2066iso\u2069 end"
)
ACTING = "\x1b\x07\u202e\u202c\x85\u2066\u2069"


class Recorder(QTextDocument):
    """A document that records every resource Qt asks it to load instead of loading it."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def loadResource(self, kind: int, url) -> object:
        self.loads.append(url.toString())
        return None


def rendered(shown: str) -> Recorder:
    """Lay ``shown`` out the way a tooltip / auto-format label would."""
    doc = Recorder()
    if GuiQt.mightBeRichText(shown):
        doc.setHtml(shown)
    else:
        doc.setPlainText(shown)
    doc.setTextWidth(600)
    doc.size()  # layout: images are sized (and loaded) here
    return doc


def assert_literal(shown: str) -> None:
    doc = rendered(shown)
    assert doc.loads == [], f"Qt would load {doc.loads} for {shown!r}"
    text = doc.toPlainText()
    assert IMG in text and "<b>bold</b>" in text  # the markup is shown as characters
    assert not any(c in text for c in ACTING), repr(text)


def test_the_recorder_sees_what_an_unescaped_tooltip_would_load(qapp):
    assert rendered(HOSTILE).loads == ["file:///etc/hostname"]  # the check can fail


@pytest.fixture
def desk(qtbot, store):
    d = shown_flood_desk(qtbot, store)
    yield d
    QToolTip.hideText()
    d.ctl.note_editor.close()


def _hover(widget, pos: QPoint) -> str:
    QToolTip.hideText()
    ev = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, ev)
    return QToolTip.text()


def test_hovering_a_highlight_with_a_hostile_note(desk, store):
    select_words(desk.pane_b, "flood to peak")
    hid = desk.ctl.highlight_selection("yellow")
    assert desk.ctl.save_note(hid, HOSTILE)
    pane = desk.pane_b
    cur = pane.document().find("flood to peak")
    cur.setPosition(cur.selectionStart() + 3)
    shown = _hover(pane.viewport(), pane.cursorRect(QTextCursor(cur)).center())
    assert shown
    assert_literal(shown)
    # the Highlights tab row: its tooltip, and the row's text
    panel = desk.ctl.panel
    idx = panel.model.index_of(hid)
    assert_literal(panel.model.data(idx, Qt.ItemDataRole.ToolTipRole))
    panel.show()
    panel.tree.scrollTo(idx)
    shown = _hover(panel.tree.viewport(), panel.tree.visualRect(idx).center())
    assert_literal(shown)
    # the note editor's labels
    desk.ctl.edit(hid)
    ed = desk.ctl.note_editor
    for label in ed.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_hovering_a_link_band_with_a_hostile_note(desk, store, qtbot):
    select_words(desk.pane_a, "water level would peak")
    select_words(desk.pane_b, "flood to peak")
    lid = desk.ctl.link_selections(note=HOSTILE)
    assert lid is not None
    desk.gutter.grab()
    band = next(lk for lk in desk.gutter.links() if lk.key == ("link", lid))
    ta, ba = pane_extent(desk.pane_a, desk.gutter)(band.a.start, band.a.end)
    tb, bb = pane_extent(desk.pane_b, desk.gutter)(band.b.start, band.b.end)
    mid = QPoint(desk.gutter.width() // 2, round((ta + ba + tb + bb) / 4))
    shown = _hover(desk.gutter, mid)
    assert "Linked passages" in shown
    assert_literal(shown)


def test_claims_rows_only_in_rows_and_topic_chips_with_hostile_article_text(qtbot):
    a = make_article([f"Prices rose \u202e{HOSTILE}.", f"Only here {HOSTILE}."], "urn:h:a", "A")
    b = make_article([f"Prices climbed {HOSTILE}.", "Other."], "urn:h:b", "B")
    claims = ClaimsResult(
        claims=(ClaimPair(a.sentences[0], b.sentences[0], 0.9, "Economy", ("price",), ()),),
        only_in_a=(a.sentences[1],),
        only_in_b=(b.sentences[1],),
    )
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(480, 600)
    panel.set_claims(claims, a, b, TOPICS)
    panel.show()
    qtbot.waitExposed(panel)
    item = claim_row(panel, 0, 0)
    assert_literal(tip(item))
    # the rows themselves: an override would turn the rest of the row around
    assert not any(c in row_text(item) for c in ACTING), repr(row_text(item))
    panel.tabs.setCurrentIndex(1)
    idx = panel.only_a.model().index(0, 0)
    row = panel.only_a.model().data(idx, Qt.ItemDataRole.DisplayRole)
    assert "\ufffd" in row and not any(c in row for c in ACTING), repr(row)
    assert_literal(panel.only_a.model().data(idx, Qt.ItemDataRole.ToolTipRole))
    shown = _hover(panel.only_a.viewport(), panel.only_a.visualRect(idx).center())
    assert_literal(shown)
    chip = TopicChip(HOSTILE, "#d62728", 1, 2)
    qtbot.addWidget(chip)
    assert_literal(chip.toolTip())
    QToolTip.hideText()


def test_a_topic_chip_shows_a_hostile_or_long_name_inertly_on_one_line(qtbot):
    """Tryout: a topic renamed to "… \u202epolice" showed its chip as "… 2 B · 1 A …ecilop":
    the override reversed the name and the counts after it; a long name made a chip wider
    than the window."""
    chip = TopicChip(HOSTILE + "\nsecond line " + "x" * 300, "#d62728", 1, 2)
    qtbot.addWidget(chip)
    text = chip.text()
    assert not any(c in text for c in ACTING + "\n"), repr(text)
    assert text.endswith("A 1 · B 2")
    assert len(text) < 80, text
    assert chip.topic.endswith("x" * 300)  # the topic itself is unchanged


@pytest.mark.parametrize("ask", ["text", "confirm"])
def test_the_topic_dialogs_show_a_hostile_topic_name_literally(qtbot, ask):
    """Tryout: renaming or deleting a topic named ``<img src="file:///…">`` asked with a
    QInputDialog / QMessageBox whose label guesses rich text: Qt would load that file."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    from diptych.ui import topic_editor

    seen: list[tuple[Qt.TextFormat, str]] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, look)
            return
        for label in box.findChildren(QLabel):
            if IMG in label.text():
                seen.append((label.textFormat(), label.text()))
        assert isinstance(box, QDialog)
        box.reject()

    QTimer.singleShot(0, look)
    if ask == "text":
        topic_editor._ask_text(None, "Rename topic", f"New name for {HOSTILE}:", "x")
    else:
        topic_editor._confirm(None, "Delete topic", f"Delete the topic {HOSTILE}?")
    assert seen, "the name is not shown"
    for fmt, text in seen:
        assert fmt == Qt.TextFormat.PlainText
        assert not any(c in text for c in ACTING), repr(text)


def test_rich_text_for_dialogs_and_tips_shows_controls_and_overrides_inertly(qtbot):
    """Tryout: ``as_rich`` (dialog texts, the recent pairs' and the notice's tooltips, the
    "Reopen with encoding" label) escaped HTML but let a U+202E in a file name reverse what
    followed it."""
    from diptych.ui.safe_text import as_rich

    name = "invoice\u202efdp.md"
    shown = as_rich(f"Read {name} as:\n{HOSTILE}")
    assert_literal(shown)
    doc = QTextDocument()
    doc.setHtml(shown)
    assert "invoice\ufffdfdp.md" in doc.toPlainText()
    assert "\n" in doc.toPlainText()  # line breaks are kept
