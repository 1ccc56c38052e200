"""Fetching articles from the web, against a local HTTP server on 127.0.0.1 only: redirect
limits and loops, other schemes, a 50 MB body, a slow server, a non-HTML type, a 404, cookies
and User-Agent, canonical URL as identity, and a page that changed."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from diptych.core.errors import ArticleError
from diptych.core.reading import web
from diptych.core.reading.articles import load_article

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"

PARAS = "".join(
    f"<p>Paragraph {i} of the story says, in plain sentences, what the council decided about "
    f"the river wall and why people along the bank care.</p>"
    for i in range(6)
)


def page(version: int = 1, canonical: str = "/story") -> bytes:
    return (
        f"<html><head><title>River wall approved | The Courier</title>"
        f'<link rel="canonical" href="{canonical}"></head><body><article>'
        f"<h1>River wall approved</h1><p>Version {version} of the page, as it was fetched.</p>"
        f"{PARAS}</article></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}  # noqa: RUF012
    seen_headers: list[dict[str, str]] = []  # noqa: RUF012

    def log_message(self, *_a: object) -> None:
        pass

    def send(
        self, status: int, body: bytes = b"", ctype: str = "text/html", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        Handler.seen_headers.append(dict(self.headers))
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path == "/page":
            self.send(200, page())
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send(302, Location="/page" if n == 0 else f"/hop/{n - 1}")
        elif path == "/loop-a":
            self.send(301, Location="/loop-b")
        elif path == "/loop-b":
            self.send(301, Location="/loop-a")
        elif path == "/to-file":
            self.send(302, Location="file:///etc/passwd")
        elif path == "/bad-location":
            self.send(302, Location="http://[::1/x")
        elif path == "/bad-canonical":
            self.send(200, page(canonical="http://[zz/x"))
        elif path == "/encrypted-pdf":
            self.send(200, (FORMATS / "encrypted.pdf").read_bytes(), ctype="application/pdf")
        elif path == "/untyped-broken-pdf":
            self.send_response(200)
            self.send_header("Content-Length", "17")
            self.end_headers()
            self.wfile.write(b"%PDF-1.4 nonsense")
        elif path == "/goes-away":  # the page, then the site down, then the page gone
            n = Handler.hits[path]
            if n == 1:
                self.send(200, page(canonical="/goes-away"))
            else:
                self.send(503 if n == 2 else 404, b"<p>no</p>")
        elif path == "/claims-other-site":
            self.send(200, page(canonical="https://news.example/story"))
        elif path == "/slow-headers":  # a header line every 0.3 s, for ever
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for i in range(200):
                    self.wfile.write(b"X-Slow-%d: y\r\n" % i)
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/cookie":
            self.send(302, Location="/page", Set_Cookie="session=secret; Path=/")
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n", ctype="image/png")
        elif path == "/missing":
            self.send(404, b"<p>not here</p>")
        elif path == "/changing":
            self.send(200, page(Handler.hits[path], canonical="/changing"))
        elif path in ("/big", "/big-unannounced"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if path == "/big":
                self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            try:
                for _ in range(50 * 16):
                    self.wfile.write(b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>a little more</p>\n")
                    self.wfile.flush()
                    time.sleep(0.25)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "snapshots"
    monkeypatch.setenv("DIPTYCH_SNAPSHOTS", str(d))
    return d


def test_page_is_fetched_kept_as_snapshot_and_identified_by_canonical_url(
    server: str, snapshots: Path
) -> None:
    art = load_article(f"{server}/page")
    assert art.id == f"{server}/story" and art.meta.url == art.id
    assert art.meta.title == "River wall approved"
    assert "Paragraph 5 of the story" in art.text
    pages = list(snapshots.glob("*/page.html"))
    assert len(pages) == 1 and art.meta.source_path == str(pages[0].resolve())
    assert (pages[0].parent / "meta.json").read_text().count(f"{server}/story") == 1


def test_honest_user_agent_and_no_cookies_kept(server: str) -> None:
    Handler.seen_headers.clear()
    load_article(f"{server}/cookie")
    assert all(h.get("User-Agent", "").startswith("Diptych/") for h in Handler.seen_headers)
    assert not any("Cookie" in h for h in Handler.seen_headers)


def test_five_redirects_are_followed_six_are_not(server: str) -> None:
    assert "Paragraph 0" in load_article(f"{server}/hop/4").text  # 5 redirects
    with pytest.raises(ArticleError, match="more than 5 redirects"):
        load_article(f"{server}/hop/5")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop-a", "redirects in a loop"),
        ("/to-file", "only http and https are followed"),
        ("/image", "is image/png, not a web page"),
        ("/missing", "HTTP 404 Not Found"),
        ("/big", "is too large (50.0 MiB)"),
        ("/big-unannounced", "is too large; Diptych reads pages of up to 10 MiB"),
    ],
)
def test_bad_answers_are_one_clear_line(server: str, path: str, message: str) -> None:
    with pytest.raises(ArticleError) as exc:
        load_article(server + path)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_slow_server_is_stopped_at_the_deadline(server: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(ArticleError, match="took longer than 1 s"):
        web.fetch(f"{server}/slow", timeout=1.0)
    assert time.monotonic() - t0 < 5


def test_cancel_stops_the_download(server: str) -> None:
    with pytest.raises(ArticleError, match="cancelled"):
        web.fetch(f"{server}/big-unannounced", cancel=lambda: True)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(ArticleError, match="only http and https"):
        web.fetch(url)


def test_page_that_changed_reloads_under_the_same_identity(server: str) -> None:
    first = load_article(f"{server}/changing")
    second = load_article(f"{server}/changing")
    assert first.id == second.id == f"{server}/changing"
    assert "Version 1 of the page" in first.text and "Version 2 of the page" in second.text
    assert first.meta.source_path == second.meta.source_path  # the snapshot was replaced


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/bad-location", "redirects to an address that is not valid"),
        ("/encrypted-pdf", "is an encrypted PDF"),
        ("/untyped-broken-pdf", "is not a readable PDF"),
    ],
)
def test_a_served_page_that_cannot_be_read_is_named_by_its_url(
    server: str, path: str, message: str, snapshots: Path
) -> None:
    """The message names the address the reader gave, never the snapshot file it was kept
    in, and a malformed redirect target is a clear line, not a traceback."""
    with pytest.raises(ArticleError) as exc:
        load_article(server + path)
    text = str(exc.value)
    assert text.startswith(f"{server}{path}: ") and message in text, text
    assert str(snapshots) not in text and "\n" not in text


def test_a_malformed_canonical_link_is_ignored(server: str) -> None:
    art = load_article(f"{server}/bad-canonical")
    assert art.id == f"{server}/bad-canonical" and "Paragraph 5 of the story" in art.text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "is not a valid web address"),
        ("http://", "has no host name"),
        ("https:///path/only", "has no host name"),
    ],
)
def test_a_malformed_address_is_one_clear_line(url: str, message: str) -> None:
    with pytest.raises(ArticleError) as exc:
        load_article(url)
    assert message in str(exc.value) and str(exc.value).startswith(url)


def test_an_address_with_spaces_around_it_is_fetched_as_the_window_sees_it(server: str) -> None:
    """``is_url`` (the window, the CLI's pair) takes " http://…" for an address; loading it
    must fetch it, not look for a file of that name."""
    url = f"  {server}/page "
    assert web.is_url(url)
    assert "Paragraph 5 of the story" in load_article(url).text


def test_a_page_that_cannot_be_fetched_again_is_read_from_its_kept_copy_saying_so(
    server: str,
) -> None:
    first = load_article(f"{server}/goes-away")
    assert first.meta.kept_copy == ""
    for status in ("HTTP 503", "HTTP 404"):
        again = load_article(f"{server}/goes-away")
        assert again.text == first.text and again.id == first.id
        note = again.meta.kept_copy
        assert note.startswith(f"{server}/goes-away: ") and status in note, note
        assert re.search(r"; showing the copy kept on 20\d\d-\d\d-\d\d \d\d:\d\d UTC$", note), note


def test_a_cancelled_fetch_never_falls_back_to_the_kept_copy(server: str) -> None:
    load_article(f"{server}/page")
    with pytest.raises(web.FetchCancelled):
        load_article(f"{server}/page", cancel=lambda: True)


def test_a_page_never_fetched_has_no_kept_copy(server: str) -> None:
    with pytest.raises(ArticleError, match="HTTP 404"):
        load_article(f"{server}/missing")
    assert web.kept_copy(f"{server}/missing") is None


def test_network_failures_are_said_in_plain_words() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ArticleError) as exc:
        web.fetch(f"http://127.0.0.1:{port}/x")
    assert str(exc.value) == (
        f"http://127.0.0.1:{port}/x: cannot be fetched (cannot connect: connection refused)"
    )


def test_a_canonical_link_to_another_site_is_not_believed(server: str) -> None:
    """A page naming another site's article as its canonical URL would take that article's
    identity (its highlights) and replace its kept copy."""
    art = load_article(f"{server}/claims-other-site")
    assert art.id == f"{server}/claims-other-site"
    assert web.kept_copy("https://news.example/story") is None
    host = server.replace("127.0.0.1", "localhost")  # another name of the same host: believed
    assert web.canonical_url(web.Fetched(f"{host}/a", "text/html", page())) == f"{host}/story"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("www.example.org", "example.org", True),
        ("m.news.example.org", "www.example.org", True),
        ("www.bbc.co.uk", "news.bbc.co.uk", True),
        ("evil.co.uk", "bbc.co.uk", False),
        ("example.org", "example.com", False),
        ("example.org.evil.net", "example.org", False),
        ("www.abc.net.au", "abc.net.au", True),
        # one site per user under a shared host (the Public Suffix List's private section): a
        # page on one user's site naming another user's article as its canonical URL would
        # take that article's highlights and kept copy
        ("attacker.github.io", "victim.github.io", False),
        ("a.blogspot.com", "b.blogspot.com", False),
        ("evil.netlify.app", "news.netlify.app", False),
        # addresses are compared whole, never by their last two numbers
        ("10.1.3.4", "10.2.3.4", False),
        ("127.0.0.1", "127.0.0.1", True),
    ],
)
def test_same_site(a: str, b: str, same: bool) -> None:
    assert web._same_site(a, b) is same


def test_a_server_that_keeps_sending_header_lines_is_stopped_at_the_deadline(
    server: str,
) -> None:
    """Each line comes well within the read timeout, so only the whole exchange's deadline
    stops it (it used to wait for ever)."""
    with pytest.raises(ArticleError, match="took longer than 1 s"):
        web.fetch(f"{server}/slow-headers", timeout=1.0)


def test_cancel_stops_a_server_that_keeps_sending_header_lines(server: str) -> None:
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(web.FetchCancelled):
        web.fetch(f"{server}/slow-headers", cancel=cancel)


@pytest.mark.parametrize(
    ("host", "label"),
    [
        ("news.bbc.co.uk", "bbc"),
        ("www.sportsnet.ca", "sportsnet"),
        ("victim.github.io", "victim"),
        ("www.abc.net.au", "abc"),
        ("127.0.0.1", ""),
    ],
)
def test_the_label_a_site_is_named_by(host: str, label: str) -> None:
    assert web.site_label(host) == label
