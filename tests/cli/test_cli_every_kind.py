"""Every subcommand that takes articles, with a web page, a PDF, an EPUB and a DOCX on either
side (the page served from 127.0.0.1): no traceback, the right titles, the text there; a page
that cannot be fetched again is read from its kept copy, said on stderr; a malformed address
is one line."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers.cli import run_cli

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
PAGE = (
    b"<html><head><title>Flood wall vote splits Millbrook | The Valley Courier</title></head>"
    b"<body><nav><a href='/'>Home</a></nav><article><h1>Flood wall vote splits Millbrook</h1>"
    b"<p>The town council of Millbrook voted on Monday night to rebuild the concrete flood wall "
    b"along the Ash River, after a spring flood overtopped it and damaged many homes.</p>"
    b"<p>The project will cost an estimated forty-eight million dollars, most of it from a state "
    b"resilience fund. Construction is expected to begin next summer and to last two years.</p>"
    b"<p>Opponents argued that raising the wall would only push water downstream to the "
    b"neighbouring town of Eastford.</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    down = False

    def log_message(self, *_a: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != "/river" or _Handler.down:
            self.send_response(503 if _Handler.down else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/river"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return dict(
        os.environ,
        PYTHONIOENCODING="utf-8",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        DIPTYCH_SNAPSHOTS=str(home / "snapshots"),
    )


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, timeout=180)


TITLES = {
    "url": "Flood wall vote splits Millbrook",
    "pdf": "River wall approved",
    "epub": "The River Book",
    "docx": "River wall approved",
}


def _source(kind: str, url: str) -> str:
    return url if kind == "url" else str(FORMATS / f"article.{kind}")


@pytest.mark.parametrize(("ka", "kb"), [("url", "pdf"), ("epub", "docx"), ("docx", "url")])
def test_every_pair_subcommand_reads_each_kind_on_either_side(
    url: str, env: dict[str, str], tmp_path: Path, ka: str, kb: str
) -> None:
    a, b = _source(ka, url), _source(kb, url)
    db = str(tmp_path / "h.sqlite3")
    out = run(env, "claims", "--json", a, b)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    claims = json.loads(out.stdout)
    assert claims["claims"], "the same flood-wall sentences are in every kind"
    out = run(env, "topics", "--json", a, b)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    out = run(env, "claims", a, b)
    assert f"A: {TITLES[ka]}\nB: {TITLES[kb]}" in out.stdout
    quote = "Construction is expected to begin next summer"
    for side in (a, b):
        out = run(env, "highlights", "add", "--db", db, "--quote", quote, "--occurrence", "1", side)
        assert out.returncode == 0, out.stderr
    out = run(env, "highlights", "list", "--db", db, "--json", a, b)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert len(listed) == 2 and {h["status"] for h in listed} == {"anchored"}, listed
    out = run(env, "highlights", "export", "--db", db, "--format", "markdown", a, b)
    assert out.returncode == 0 and f"## {TITLES[ka]}" in out.stdout, out.stdout
    pdf = tmp_path / "pair.pdf"
    out = run(env, "export-pdf", "--db", db, "-o", str(pdf), a, b)
    assert out.returncode == 0 and pdf.stat().st_size > 0, out.stderr
    assert "2 highlights as 2 annotations" in out.stdout, out.stdout


def test_a_page_gone_is_read_from_its_kept_copy_and_said_on_stderr(
    url: str, env: dict[str, str]
) -> None:
    first = run(env, "article", "--json", url)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    _Handler.down = True
    try:
        again = run(env, "article", "--json", url)
        pair = run(env, "claims", url, str(FORMATS / "article.pdf"))
    finally:
        _Handler.down = False
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["text"] == json.loads(first.stdout)["text"]
    (line,) = again.stderr.splitlines()
    assert line.startswith(f"diptych: {url}: the server answered HTTP 503")
    assert "showing the copy kept on 20" in line
    assert pair.returncode == 0 and "showing the copy kept on 20" in pair.stderr


@pytest.mark.parametrize("bad", ["http://[::1", "http://", "http://127.0.0.1:99999/x"])
@pytest.mark.parametrize("cmd", [["claims"], ["highlights", "list"], ["export-pdf", "-o", "x.pdf"]])
def test_a_malformed_address_is_one_line_in_every_subcommand(
    env: dict[str, str], bad: str, cmd: list[str]
) -> None:
    out = run(env, *cmd, bad, str(FORMATS / "article.docx"))
    assert out.returncode != 0 and "Traceback" not in out.stderr, out.stderr
    (line,) = out.stderr.splitlines()
    assert line.startswith(f"diptych: {bad}: ")
