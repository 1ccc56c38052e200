"""The window's side of Open URL, against a server on 127.0.0.1: progress while a page is
fetched and File → Stop reading, and File → Reload from the web (the same article identity,
the new text, a notice saying what changed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

from diptych.ui.main_window import MainWindow
from helpers.window import window_with_warnings

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
TIMEOUT = 60_000


def _page(version: int) -> bytes:
    paras = "".join(
        f"<p>Paragraph {i} says that the river floods every spring near the old mill, and "
        f"that the council wants to rebuild the wall.</p>"
        for i in range(5)
    )
    return (
        "<html><head><title>Mill story | The Courier</title>"
        '<link rel="canonical" href="/mill-story"></head><body><article>'
        f"<h1>Mill story</h1><p>Version {version} of the story, as the paper printed it then.</p>"
        f"{paras}</article></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    hits = 0
    down = False  # the site is down: 503 for every page

    def log_message(self, *_a: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 * 1024))
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * (1024 - 7) + b"</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if _Handler.down:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        _Handler.hits += 1
        body = _page(1 if _Handler.hits == 1 else 2)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = 0
    _Handler.down = False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    w = window_with_warnings(qtbot, tmp_path, monkeypatch)
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_pair(FORMATS / "article.pdf", FORMATS / "article.docx")
    return w


def _open_url(qtbot, window, monkeypatch, url: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QInputDialog, "exec", lambda d: (d.setTextValue(url), 1)[1])
    window.reader("b").setFocus()
    qtbot.waitUntil(lambda: window._focused_side == "b", timeout=3000)
    window.acts.actions["open_url"].trigger()


def test_fetching_shows_its_progress_and_stop_keeps_the_pane(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    before = window.article("b")
    said: list[str] = []
    window.pair.progress.connect(said.append)
    _open_url(qtbot, window, monkeypatch, f"{server}/slow")
    host = server.split("://", 1)[1]
    qtbot.waitUntil(
        lambda: any(f"Fetching {host}/slow: " in t and "of 205 kB" in t for t in said),
        timeout=TIMEOUT,
    )
    assert window.pair.is_reading()
    shown = window.status.message_label.text()
    assert shown.startswith(f"Fetching {host}/slow: ") and "File → Stop reading" in shown
    with qtbot.waitSignal(window.pair.stopped, timeout=5000) as stopped:
        window.acts.actions["stop_reading"].trigger()
    assert stopped.args == [("b",)]
    qtbot.waitUntil(lambda: not window.pair.loader.is_busy(), timeout=TIMEOUT)
    assert window.article("b") is before  # the pane keeps what it showed
    assert window.warnings == []  # stopping is no error
    assert not window.pair.stop_reading()  # nothing left to stop


def test_reload_from_the_web_keeps_the_identity_and_says_what_changed(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        _open_url(qtbot, window, monkeypatch, f"{server}/story")
    first = window.article("b")
    assert "Version 1 of the story" in first.text
    with (
        qtbot.waitSignal(window.pair.reloaded, timeout=TIMEOUT) as reloaded,
        qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT),
    ):
        window.acts.actions["reload_web"].trigger()
    second = window.article("b")
    assert "Version 2 of the story" in second.text
    assert second.id == first.id == f"{server}/mill-story"
    assert window.pair.source("b") == f"{server}/story"
    assert reloaded.args == ["b", "1 paragraph changed"]
    assert window.warnings == []


def test_reload_of_a_file_pane_says_it_has_no_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reader("a").setFocus()
    qtbot.waitUntil(lambda: window._focused_side == "a", timeout=3000)
    assert window.pair.reload("a") == 0
    window.acts.actions["reload_web"].trigger()
    assert not window.pair.is_reading()


def test_a_highlight_on_a_web_page_follows_it_through_a_reload(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        _open_url(qtbot, window, monkeypatch, f"{server}/story")
    qtbot.waitUntil(lambda: window.store is not None, timeout=30_000)
    first = window.article("b")
    quote = "Paragraph 3 says that the river floods"
    start = first.text.index(quote)
    h = window.store.add_highlight(first, start, start + len(quote), "pink")
    ctl = window.highlight_controller
    ctl.set_articles(window.article("a"), first)
    qtbot.waitUntil(lambda: bool(ctl.highlights("b")), timeout=10_000)
    with qtbot.waitSignal(window.pair.reloaded, timeout=TIMEOUT):
        window.pair.reload("b")
    second = window.article("b")
    assert second is not first and "Version 2 of the story" in second.text
    qtbot.waitUntil(
        lambda: any(p.h.id == h.id and p.found for p in ctl.highlights("b")), timeout=10_000
    )
    (placed,) = [p for p in ctl.highlights("b") if p.h.id == h.id]
    assert second.text[placed.start : placed.end] == quote


def test_a_page_that_cannot_be_fetched_again_shows_its_kept_copy_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        _open_url(qtbot, window, monkeypatch, f"{server}/story")
    first = window.article("b")
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        window.open_pair(FORMATS / "article.pdf", FORMATS / "article.epub")
    _Handler.down = True  # offline, the site down: the reader opens the page again
    with (
        qtbot.waitSignal(window.pair.kept_copy, timeout=TIMEOUT) as kept,
        qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT),
    ):
        _open_url(qtbot, window, monkeypatch, f"{server}/story")
    shown = window.article("b")
    assert shown.text == first.text and shown.id == first.id
    assert kept.args[0] == "b" and "HTTP 503" in kept.args[1]
    notice = window.status.notice_label.text()
    assert notice.startswith(f"B: {server}/story: the server answered HTTP 503")
    assert "showing the copy kept on 20" in notice
    assert window.warnings == []
    # the notice goes after a minute; the pane's header says it for as long as it is shown
    header = window.pane_view("b").header
    assert "kept copy: not fetched now" in header.text()
    assert "HTTP 503" in header.toolTip() and "showing the copy kept on 20" in header.toolTip()


def test_a_reload_that_cannot_fetch_says_so_and_keeps_the_page(  # type: ignore[no-untyped-def]
    qtbot, window, server, monkeypatch
) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=TIMEOUT):
        _open_url(qtbot, window, monkeypatch, f"{server}/story")
    first = window.article("b")
    reloaded: list[object] = []
    window.pair.reloaded.connect(lambda *a: reloaded.append(a))
    _Handler.down = True
    with qtbot.waitSignal(window.pair.failed, timeout=TIMEOUT) as failed:
        window.pair.reload("b")
    side, message, next_step = failed.args
    assert (side, next_step) == ("b", "kept") and "HTTP 503" in message
    assert reloaded == []  # not "the page has not changed": it was not fetched
    assert window.article("b").text == first.text
    ((title, text),) = window.warnings
    assert title == "Could not open the page" and "HTTP 503" in text
