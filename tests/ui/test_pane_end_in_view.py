"""Scrolled to the end, a pane still shows its last line, on the sync line: the room left below
the text was two thirds of the *screen*'s height, so in a window shorter than the screen the
end of an article scrolled out of view and both panes showed nothing at all."""

from __future__ import annotations

from diptych.ui.reader_pane import SYNC_FRACTION, ReaderPane
from helpers.articles import make_article

TEXT = "\n\n".join(
    f"Paragraph {i}: a fire broke out in a grain warehouse at the harbour." for i in range(8)
)


def test_the_last_line_stays_in_view_at_the_end(qtbot):
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(560, 300)  # far shorter than any screen
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(make_article(TEXT, "https://example.org/fire", "Fire"))
    qtbot.waitUntil(pane.layout_complete)
    end = len(TEXT) - 1
    for _ in range(3):  # wheel, End, drag: all stop at the scroll bar's end
        pane.set_scroll_value(pane.scroll_maximum())
        qtbot.wait(1)
    last_top = pane.doc_y_of_position(end) - pane.scroll_value()
    sync = pane.sync_line_y()
    assert 0 <= last_top <= sync + 2, (last_top, sync)  # on the sync line, not above the view
    # and every line can still reach the sync line (synced scrolling needs it)
    pane.scroll_offset_to(end)
    assert abs(pane.doc_y_of_position(end) - pane.scroll_value() - sync) <= 2
    # taller again, the end still sits on the sync line
    pane.resize(560, 700)
    qtbot.wait(1)
    pane.set_scroll_value(pane.scroll_maximum())
    last_top = pane.doc_y_of_position(end) - pane.scroll_value()
    assert 0 <= last_top <= pane.viewport().height() * SYNC_FRACTION + 2


def test_a_long_article_laid_out_in_steps_ends_in_view(qtbot):
    from helpers.desk import long_article

    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(560, 300)
    pane.show()
    qtbot.waitExposed(pane)
    article = long_article(600, "a")
    pane.set_article(article)
    qtbot.waitUntil(pane.layout_complete, timeout=20_000)
    qtbot.wait(50)
    pane.set_scroll_value(pane.scroll_maximum())
    last_top = pane.doc_y_of_position(len(article.text) - 1) - pane.scroll_value()
    assert 0 <= last_top <= pane.sync_line_y() + 2, last_top
