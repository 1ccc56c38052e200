"""The Outline tab's rows and the find bar's note tooltip show a hostile title, heading, topic
name or note literally: Qt treats a tooltip that looks like HTML as rich text, so
``<img src="file:///etc/hostname">`` in a heading made Qt load that file on hover."""

from __future__ import annotations

from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from diptych.core.model import TopicSection
from diptych.ui.find_bar import FindBar
from diptych.ui.reader_pane import ReaderPane
from diptych.ui.window.outline import OutlinePanel
from helpers.articles import make_article

IMG = '<img src="file:///etc/hostname">'
ACTING = "\u202e\x1b\x07"


class Recorder(QTextDocument):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def loadResource(self, kind: int, url) -> object:
        self.loads.append(url.toString())
        return None


def assert_literal(tip: str) -> None:
    doc = Recorder()
    if GuiQt.mightBeRichText(tip):
        doc.setHtml(tip)
    else:
        doc.setPlainText(tip)
    doc.setTextWidth(600)
    doc.size()
    assert doc.loads == [], f"Qt would load {doc.loads} for {tip!r}"
    assert IMG in doc.toPlainText(), tip
    assert not any(c in doc.toPlainText() for c in ACTING), repr(tip)


def test_the_outline_rows_show_hostile_titles_headings_and_topics_literally(qtbot, qapp):
    title = f"{IMG} \u202eevil"
    art = make_article(
        [("title", title), ("heading", f"{IMG} heading\x07"), ("paragraph", "Some words here.")],
        title=title,
        article_id="test:a",
    )
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_articles(art, art)
    heading = art.blocks[1]
    panel.set_sections([TopicSection(f"{IMG}topic", heading.start, heading.end, 1, 1)], [], None)
    tips = []
    root = panel.topLevelItem(0)
    stack = [root]
    while stack:
        item = stack.pop()
        tips.append(item.toolTip(0))
        stack.extend(item.child(i) for i in range(item.childCount()))
    hostile = [t for t in tips if "img" in t]
    assert len(hostile) >= 3  # the title, the heading, the topic section
    for tip in hostile:
        assert_literal(tip)


def test_the_find_bar_shows_a_hostile_note_literally(qtbot):
    art = make_article(
        [("title", "Article"), ("paragraph", "The river floods the fields.")], article_id="t:a"
    )
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(420, 300)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(art)
    bar = FindBar(pane)
    qtbot.addWidget(bar)
    note = f"floodmark {IMG} \u202eevil"
    bar.set_notes_source(lambda: [("a", 4, 9, note)])
    bar.open_bar("floodmark")
    qtbot.waitUntil(lambda: bar.count_label.text() != "", timeout=2000)
    assert bar.count_label.toolTip()
    assert_literal(bar.count_label.toolTip())


def test_the_highlights_tab_shows_bidi_overrides_in_notes_and_titles_as_marks(qtbot):
    """A note 'evil \\u202egnp.live <img…>' showed reversed in its row (and a title's override
    turned the group header's count around): shown as U+FFFD, as in tooltips."""
    from PySide6.QtCore import Qt

    from diptych.ui.highlights.panel import HighlightsPanel
    from diptych.ui.highlights.state import HighlightRow

    panel = HighlightsPanel()
    qtbot.addWidget(panel)
    panel.set_titles("Coup \u202egnp.live", "Other")
    row = HighlightRow(
        "h1", "a", "yellow", "quote \u2066x", f"evil \u202egnp.live {IMG}", "anchored", 0,
        link_note="link \u202eevil", tags=("t\u202eag",),
    )  # fmt: skip
    panel.set_rows([row])
    model = panel.model
    shown = [
        str(model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole))
        for r in range(model.rowCount())
    ]
    assert len(shown) == 2 and "gnp.live" in shown[0] and "gnp.live" in shown[1]
    for text in shown:
        assert not any(c in text for c in "\u202e\u2066"), repr(text)
