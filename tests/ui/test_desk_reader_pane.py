"""The reading pane: text identical to Article.text, code-point positions, links, zoom, drops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QTextDocument
from PySide6.QtWidgets import QMessageBox

from diptych.core.model import InlineStyle
from diptych.ui.reader_pane import ReaderPane, is_safe_link
from helpers.articles import make_article
from helpers.desk import long_article


def _pane(qtbot, article, size=(640, 480)) -> ReaderPane:
    pane = ReaderPane("a")
    qtbot.addWidget(pane)
    pane.resize(*size)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_article(article)
    return pane


def test_displayed_text_equals_article_text_with_nbsp_emoji_lists_and_styles(qtbot):
    art = make_article(
        [
            ("title", "Café 😀 au lait"),
            ("byline", "By A\u00a0Writer"),
            ("paragraph", "Plain, bold and italic text with a link. Second sentence!"),
            ("list_item", "first item"),
            ("list_item", "second item 👍🏽"),
            ("quote", "A quoted e\u0301 line."),
        ],
        styles=[
            InlineStyle("bold", 28, 32),
            InlineStyle("italic", 37, 43),
            InlineStyle("link", 58, 62, "https://example.org/x"),
        ],
    )
    pane = _pane(qtbot, art)
    assert pane.plain_text() == art.text
    assert pane.document().blockCount() == len(art.blocks)


def test_line_breaks_inside_a_block_do_not_shift_later_offsets(qtbot):
    # "\r\n" would become one block break in Qt and shorten the text by one character
    art = make_article([("paragraph", "one\r\ntwo\u2029three"), ("paragraph", "Target here.")])
    pane = _pane(qtbot, art)
    assert len(pane.plain_text()) == len(art.text)
    start = art.text.index("Target")
    pane.select_span(start, start + 6)
    assert pane.textCursor().selectedText() == "Target"


def test_sentence_after_emoji_and_combining_marks_is_found_at_its_code_point_offsets(qtbot):
    filler = "Intro 😀👍🏽🇧🇴 with e\u0301 and n\u0303 marks. " * 30
    art = make_article(
        [("title", "Émoji 🎉 test"), ("paragraph", filler), ("paragraph", "The target sentence.")]
    )
    start = art.text.index("The target sentence.")
    end = start + len("The target sentence.")
    pane = _pane(qtbot, art, size=(480, 300))
    pane.select_span(start, end)
    assert pane.textCursor().selectedText() == "The target sentence."
    assert pane.selected_span() == (start, end)
    pane.scroll_offset_to(start)
    line_start, line_end = pane.line_range_at_y(pane.sync_line_y())
    assert line_start <= start < line_end
    assert pane.text_at_y(pane.sync_line_y()).startswith("The target")
    assert pane.offset_at_y(pane.y_of_offset(start) + 1) in range(start, end)


def test_text_position_and_height_map_back_and_forth_monotonically(qtbot):
    art = long_article(30, "A")
    pane = _pane(qtbot, art)
    doc_h = pane.document().size().height()
    last = -1.0
    for i in range(0, int(doc_h), 37):
        pos = pane.position_at_doc_y(i)
        assert pos >= last
        last = pos
        if 0 < pos < len(art.text):
            assert abs(pane.doc_y_of_position(pos) - i) < 0.75
    assert pane.position_at_doc_y(doc_h + 100) == len(art.text)


def test_visible_range_covers_the_text_in_view(qtbot):
    art = long_article(30, "A")
    pane = _pane(qtbot, art)
    target = art.text.index("Paragraph 12 of A")
    pane.scroll_offset_to(target, at_fraction=0.0)
    lo, hi = pane.visible_range()
    assert lo <= target < hi
    assert "Paragraph 12 of A" in art.text[lo:hi]


def _click_offset(qtbot, pane: ReaderPane, offset: int) -> None:
    cur = pane.textCursor()
    cur.setPosition(pane.to_utf16(offset) + 1)
    rect = pane.cursorRect(cur)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _linked_article(url: str):
    text = "Read the report here for details."
    start = text.index("report")
    return make_article(
        [("paragraph", text)], styles=[InlineStyle("link", start, start + 6, url)]
    ), start


def test_web_link_opens_only_after_the_user_sees_and_accepts_the_target(qtbot, monkeypatch):
    art, start = _linked_article("https://example.org/report")
    shown, opened = [], []
    monkeypatch.setattr(
        QMessageBox,
        "exec",
        lambda box: shown.append(box.informativeText()) or QMessageBox.StandardButton.Open,
    )
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    pane = _pane(qtbot, art)
    _click_offset(qtbot, pane, start + 2)
    assert len(shown) == 1 and "https://example.org/report" in shown[0]
    assert opened == ["https://example.org/report"]
    # the pane itself never navigated
    assert pane.plain_text() == art.text


def test_declining_a_link_opens_nothing(qtbot, monkeypatch):
    art, start = _linked_article("https://example.org/report")
    opened = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pane = _pane(qtbot, art)
    _click_offset(qtbot, pane, start + 2)
    assert opened == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi"])
def test_javascript_file_and_data_links_are_never_opened(qtbot, monkeypatch, url):
    art, start = _linked_article(url)
    told, opened = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened.append(u) or True)
    pane = _pane(qtbot, art)
    _click_offset(qtbot, pane, start + 2)
    assert opened == []
    assert told and url.split(":")[0] in told[0]


def test_only_web_and_mail_links_count_as_safe():
    assert is_safe_link("mailto:someone@example.org")
    assert is_safe_link("https://example.org/")
    assert not is_safe_link("ftp://example.org/x")
    assert not is_safe_link("file:///etc/passwd")


def test_pane_loads_no_resources_local_or_remote(qtbot):
    pane = _pane(qtbot, make_article([("paragraph", "text")]))
    for url in ("file:///etc/passwd", "https://example.org/x.png", "x.png"):
        assert (
            pane.loadResource(int(QTextDocument.ResourceType.ImageResource.value), QUrl(url))
            is None
        )
    pane.setSource(QUrl("file:///etc/passwd"))
    assert pane.plain_text() == "text"


def test_zoom_enlarges_the_text_and_keeps_the_reading_position(qtbot):
    art = long_article(40, "A")
    pane = _pane(qtbot, art)
    target = art.text.index("Paragraph 20 of A opens")
    pane.scroll_offset_to(target, at_fraction=0.0)
    before_h = pane.document().size().height()
    top_before = pane.offset_at_y(0)
    pane.zoom_in()
    pane.zoom_in()
    assert pane.document().size().height() > before_h * 1.1
    assert abs(pane.offset_at_y(0) - top_before) < 120
    assert pane.plain_text() == art.text
    pane.zoom_reset()
    assert abs(pane.document().size().height() - before_h) < 2


def test_dropping_a_file_on_the_pane_asks_to_open_it(qtbot, tmp_path):
    pane = _pane(qtbot, make_article([("paragraph", "text")]))
    f = tmp_path / "new.md"
    f.write_text("# New\n\nBody.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    ev = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(pane.file_dropped) as blocker:
        pane.dropEvent(ev)
    assert blocker.args == [str(f)]


def test_highlight_layer_reports_the_highlight_under_an_offset(qtbot):
    from PySide6.QtGui import QColor

    art = make_article([("paragraph", "alpha beta gamma delta")])
    pane = _pane(qtbot, art)
    pane.set_highlight_spans([(0, 10, QColor("yellow"), "h1"), (6, 10, QColor("green"), "h2")])
    assert pane.highlight_at(7) == "h2"
    assert pane.highlight_at(2) == "h1"
    assert pane.highlight_at(15) is None
    assert pane.layer_size("highlights") == 2
    _ = QPoint  # keep import used for readers extending these tests


def test_a_hostile_link_target_is_shown_as_text_not_rendered(qtbot, monkeypatch):
    url = "https://example.org/<img src=file:///etc/passwd>"
    art, start = _linked_article(url)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    pane = _pane(qtbot, art)
    _click_offset(qtbot, pane, start + 2)
    assert shown and "<img" not in shown[0].replace("&lt;img", "")


def test_a_giant_paragraph_is_split_for_qt_but_offsets_stay_aligned(qtbot):
    words = " ".join(f"word{i}" for i in range(20_000))  # one ~180,000-character paragraph
    art = make_article([("title", "Giant"), ("paragraph", words + " The end marker.")])
    pane = _pane(qtbot, art)
    assert pane.document().blockCount() > len(art.blocks)  # laid out in pieces
    shown = pane.plain_text()
    assert len(shown) == len(art.text)
    assert shown.replace("\n", " ") == art.text.replace("\n", " ")
    start = art.text.index("word15000")
    pane.select_span(start, start + 9)
    assert pane.textCursor().selectedText() == "word15000"
    end_marker = art.text.index("The end marker.")
    pane.scroll_offset_to(end_marker)
    lo, hi = pane.visible_range()
    assert lo <= end_marker < hi
