"""The third-party readers really import, and a failing one is reported, never silent."""

from __future__ import annotations

import importlib
import logging
import sys

import pytest

from diptych.core.reading import readers
from diptych.core.reading.articles import article_from_text

PAGE = (
    "<html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1>"
    + "".join(
        f"<p>Paragraph {i} says, in plain sentences, what the storm did to the harbour and the "
        f"town along the river, and what the council will do next.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)


@pytest.fixture(autouse=True)
def _fresh_imports():  # type: ignore[no-untyped-def]
    readers.forget()
    yield
    readers.forget()


@pytest.mark.parametrize("reader", readers.READERS, ids=lambda r: r.name)
def test_every_optional_reader_imports(reader: readers.Reader) -> None:
    importlib.import_module(reader.module)  # fails here if a dependency is missing
    assert readers.load(reader.name) is not None


def test_trafilatura_and_readability_really_extract() -> None:
    traf = readers.load("trafilatura")
    assert traf is not None
    assert "Paragraph 3 says" in (traf.extract(PAGE) or "")
    readability = readers.load("readability-lxml")
    assert readability is not None
    assert "Paragraph 3 says" in readability.Document(PAGE).summary()


def test_status_lists_every_reader_with_its_version() -> None:
    status = dict(readers.reader_status())
    assert set(status) == {r.name for r in readers.READERS}
    assert not any(v.startswith("missing") for v in status.values())


def test_failing_import_is_an_error_in_the_log_and_in_version(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from diptych.cli import main

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import raises ImportError
    with caplog.at_level(logging.ERROR, logger="diptych.readers"):
        art = article_from_text(PAGE, "html")
    assert "Paragraph 5 says" in art.text  # our own walk still reads the page
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "trafilatura cannot be imported" in errors[0].getMessage()
    readers.forget()
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("diptych ")
    assert "trafilatura: missing (ModuleNotFoundError" in out
    assert "readability-lxml: 0." in out


@pytest.mark.parametrize(
    ("reader", "file", "said"),
    [("pypdfium2", "article.pdf", "PDF files need pypdfium2"),
     ("mammoth", "article.docx", "Word (DOCX) files need mammoth")],
)  # fmt: skip
def test_a_missing_document_reader_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    reader: str,
    file: str,
    said: str,
) -> None:
    from pathlib import Path

    from diptych.core.errors import ArticleError
    from diptych.core.reading.articles import load_article

    readers.forget()
    monkeypatch.setitem(sys.modules, reader, None)  # import raises ImportError
    path = Path(__file__).resolve().parents[1] / "data" / "formats" / file
    with (
        caplog.at_level(logging.ERROR, logger="diptych.readers"),
        pytest.raises(ArticleError) as err,
    ):
        load_article(path)
    readers.forget()
    assert said in str(err.value) and "cannot be imported" in str(err.value)
    assert any(f"{reader} cannot be imported" in r.getMessage() for r in caplog.records)
