"""Long articles are laid out in small steps by the pane's LayoutPacer, with the same result."""

from __future__ import annotations

import pytest

from diptych.ui import reader_pane
from diptych.ui.reader_pane import ReaderPane
from helpers.desk import long_article


def _shown(qtbot, article) -> ReaderPane:
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(520, 420)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(article)
    return pane


@pytest.fixture
def article():
    return long_article(400, "paced")  # about 100,000 characters


def test_a_long_article_is_laid_out_to_the_end_by_the_pacer(qtbot, article, monkeypatch):
    monkeypatch.setattr(reader_pane, "PACE_MIN_CHARS", 20_000)
    pane = _shown(qtbot, article)
    doc = pane.document()
    assert pane.pacer.is_pacing()
    # only the top is laid out at first: the rest comes in steps, not at once
    assert 0 < pane.pacer.first_unlaid_block() < doc.blockCount()
    qtbot.waitUntil(pane.layout_complete, timeout=20_000)
    assert pane.pacer.first_unlaid_block() == doc.blockCount()
    qtbot.waitUntil(lambda: not pane.pacer.is_pacing(), timeout=2_000)
    # every block has lines, one under the other
    y = -1.0
    block = doc.firstBlock()
    while block.isValid():
        assert block.layout().lineCount() > 0
        top = block.layout().position().y()
        assert top > y
        y = top
        block = block.next()
    # the reader can scroll to the last paragraph
    last = len(article.text) - 5
    pane.scroll_offset_to(last)
    lo, hi = pane.visible_range()
    assert lo <= last <= hi
    assert "Paragraph 399 of paced ends here." in article.text[lo:hi]


def test_paced_layout_equals_qt_layout(qtbot, article, monkeypatch):
    monkeypatch.setattr(reader_pane, "PACE_MIN_CHARS", 20_000)
    paced = _shown(qtbot, article)
    qtbot.waitUntil(paced.layout_complete, timeout=20_000)
    assert paced.pacer.turns > 0
    monkeypatch.setattr(reader_pane, "PACE_MIN_CHARS", 10**9)
    plain = _shown(qtbot, article)
    qtbot.waitUntil(plain.layout_complete, timeout=20_000)
    assert plain.pacer.turns == 0
    size = paced.document().documentLayout().documentSize()
    assert size == plain.document().documentLayout().documentSize()
    assert size.height() > 10 * paced.viewport().height()
    for offset in (0, len(article.text) // 3, len(article.text) - 10):
        assert paced.doc_y_of_position(offset) == plain.doc_y_of_position(offset)
    # and the scroll range follows (once Qt has announced the final size)
    qtbot.waitUntil(lambda: paced.scroll_maximum() == plain.scroll_maximum(), timeout=2_000)


def test_a_resize_is_laid_out_again_in_steps(qtbot, article, monkeypatch):
    monkeypatch.setattr(reader_pane, "PACE_MIN_CHARS", 20_000)
    pane = _shown(qtbot, article)
    qtbot.waitUntil(pane.layout_complete, timeout=20_000)
    qtbot.waitUntil(lambda: not pane.pacer.is_pacing(), timeout=2_000)
    turns = pane.pacer.turns
    pane.resize(900, 420)  # a new width: Qt starts its lazy layout over
    qtbot.waitUntil(lambda: pane.pacer.turns > turns, timeout=5_000)
    qtbot.waitUntil(pane.layout_complete, timeout=20_000)
    assert pane.pacer.first_unlaid_block() == pane.document().blockCount()
