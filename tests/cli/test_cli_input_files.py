"""Files the reader names as input (a topic set, W3C annotations to import) are read only when
they are regular files: a FIFO blocked the command until something wrote to it, and a device
(``/dev/zero``) was read for ever. Found by trying the CLI as an attacker would."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest

from diptych.cli import main

TOPICS = '[[topic]]\nname = "council"\ncolor = "#1f77b4"\ncues = ["council"]\n'
W3C = '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": []}'


@contextlib.contextmanager
def fifo_fed_with(path: Path, text: str):
    """A FIFO at ``path`` with a writer standing by (so that a command reading it ends
    instead of blocking the test); the writer is let go at the end."""
    os.mkfifo(path)

    def feed() -> None:
        with contextlib.suppress(OSError), open(path, "w", encoding="utf-8") as fh:
            fh.write(text)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(5)


def one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("diptych: ") and err.count("\n") == 1, err
    return err


def test_a_topic_set_that_is_a_fifo_is_refused(capsys, tmp_path):
    with fifo_fed_with(tmp_path / "topics.toml", TOPICS) as fifo:
        err = one_line_error(capsys, ["topics", "--topics", str(fifo)])
    assert "regular file" in err, err


def test_annotations_to_import_from_a_fifo_are_refused(capsys, tmp_path):
    db = str(tmp_path / "db.sqlite3")
    with fifo_fed_with(tmp_path / "notes.jsonld", W3C) as fifo:
        err = one_line_error(capsys, ["highlights", "import", str(fifo), "--db", db])
    assert "regular file" in err, err


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_as_topic_set_or_annotations_is_refused(capsys, tmp_path):
    # /dev/null ends at once; /dev/zero, refused the same way, would never end
    err = one_line_error(capsys, ["topics", "--topics", "/dev/null"])
    assert "regular file" in err, err
    db = str(tmp_path / "db.sqlite3")
    err = one_line_error(capsys, ["highlights", "import", "/dev/null", "--db", db])
    assert "regular file" in err, err
