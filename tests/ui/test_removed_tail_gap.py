"""View → Show removed text: a long removed tail (a user's own Markdown cut short after its
first paragraph) is drawn right under the last line, not a screen further down: the gap was a
share of the removed text's height (0.15 of it), so a long tail left a blank stretch that read
as nothing there."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text
from diptych.ui.reader_pane import ReaderPane

TEXT = (
    "# Notes\n\nThe first paragraph is prose, long enough to be the article, and it says a few "
    "things in full sentences about the subject.\n\n"
    "- [Home](/)\n- [News](/news)\n- [Sport](/sport)\n- [Weather](/weather)\n\n"
    + "\n\n".join(f"- [Link {i}](/l{i})" for i in range(60))
)


def test_a_long_removed_tail_starts_right_under_the_last_line(qtbot) -> None:
    art = article_from_text(TEXT, "markdown")
    tail = [r for r in art.removed if r.at >= len(art.text)]
    assert len(tail) > 40  # the links after the prose are left out, at the end
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(500, 600)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(art)
    qtbot.waitUntil(pane.layout_complete)
    pane.set_show_removed(True)
    qtbot.waitUntil(pane.layout_complete)
    doc = pane.document()
    last = doc.lastBlock()
    doc.documentLayout().blockBoundingRect(last)
    bottom = last.layout().position().y() + last.layout().boundingRect().height()
    areas = pane.removed_areas()
    assert areas
    area, text = areas[-1]
    assert "[furniture] Link 59" in text
    line = pane.fontMetrics().height()
    assert bottom <= area.top() <= bottom + line, (bottom, area.top(), area.height())
