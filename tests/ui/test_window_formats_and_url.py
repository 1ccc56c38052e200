"""The window opens a web page (File → Open URL…, from a server on 127.0.0.1), a PDF, an EPUB
and a DOCX side by side with other kinds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

from diptych.ui.main_window import MainWindow
from helpers.window import window_with_warnings

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
TIMEOUT = 60_000
PAGE = (
    "<html><head><title>Mill story | The Courier</title></head><body><article>"
    "<h1>Mill story</h1>"
    + "".join(
        f"<p>Paragraph {i} says that the river floods every spring near the old mill, and "
        f"that the council wants to rebuild the wall.</p>"
        for i in range(5)
    )
    + "</article></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_a: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/story"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    w = window_with_warnings(qtbot, tmp_path, monkeypatch)
    return w


def test_pdf_and_docx_then_epub_side_by_side(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_pair(FORMATS / "article.pdf", FORMATS / "article.docx")
    assert window.reader("a").plain_text().startswith("River wall approved")
    assert "rebuild the flood wall" in window.reader("b").plain_text()
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_side("b", FORMATS / "article.epub")
    assert window.reader("b").plain_text().startswith("The River Book")
    assert window.warnings == []


def test_open_url_puts_the_page_in_the_focused_pane(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_pair(FORMATS / "article.pdf", FORMATS / "article.docx")
    monkeypatch.setattr(QInputDialog, "exec", lambda d: (d.setTextValue(server), 1)[1])
    window.reader("b").setFocus()
    qtbot.waitUntil(lambda: window._focused_side == "b", timeout=3000)
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.acts.actions["open_url"].trigger()
    text = window.reader("b").plain_text()
    assert text.startswith("Mill story") and "Paragraph 4 says" in text
    assert window.article("b").id == server
    assert window.pair.source("b") == server  # remembered as the address, not a path
    assert window.warnings == []


def test_show_removed_text_greys_it_in_place_and_moves_no_offset(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    news = FORMATS.parent / "chrome" / "news-page.html"
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_pair(news, FORMATS / "article.docx")
    pane = window.reader("a")
    art = window.article("a")
    assert art.removed
    first_para = next(b for b in art.blocks if b.kind == "paragraph")
    y_before = pane.y_of_offset(first_para.start)
    window.acts.actions["show_removed"].trigger()
    assert pane.show_removed() and window.reader("b").show_removed()
    assert pane.plain_text() == art.text  # nothing entered the text: offsets hold
    qtbot.waitUntil(lambda: pane.y_of_offset(first_para.start) > y_before, timeout=5000)
    assert pane.offset_at_y(pane.y_of_offset(first_para.start)) == first_para.start
    end_of_text = pane.y_of_offset(len(art.text) - 1)
    assert end_of_text > 0
    pane.grab()  # paints the greyed text
    window.acts.actions["show_removed"].trigger()
    assert not pane.show_removed()
    qtbot.waitUntil(lambda: pane.y_of_offset(first_para.start) == y_before, timeout=5000)
