"""``</head>`` may be left out (HTML makes its end tag optional; browsers close the head at the
first tag or text that cannot be in it). The tryout opened such a page and was told "no readable
text in this file": the whole body was read as part of the head, and the head is dropped."""

from __future__ import annotations

from pathlib import Path

from diptych.core.reading.articles import load_article
from diptych.core.reading.html_blocks import read_html

PARA = "The council voted on Monday to rebuild the harbour wall before winter."


def test_the_body_after_an_unclosed_head_is_read() -> None:
    blocks, meta = read_html(f"<html><head><title>Wall</title><body><p>{PARA}</p></body></html>")
    assert PARA in [b.text for b in blocks]
    assert meta.get("title") == "Wall"


def test_a_tag_that_cannot_be_in_the_head_closes_it() -> None:
    blocks, _meta = read_html(f'<head><meta charset="utf-8"><title>Wall</title><p>{PARA}</p>')
    assert PARA in [b.text for b in blocks]


def test_text_outside_any_head_element_closes_it() -> None:
    blocks, _meta = read_html(f"<html><head><title>Wall</title>{PARA}")
    assert PARA in " ".join(b.text for b in blocks)


def test_what_belongs_in_the_head_stays_out_of_the_text() -> None:
    blocks, meta = read_html(
        "<head><title>Wall</title><style>p{color:red}</style><script>var x = 1;</script>"
        f'<noscript>Turn on scripts</noscript><meta name="author" content="Jo"><p>{PARA}</p>'
    )
    texts = [b.text for b in blocks]
    assert texts == [PARA], texts
    assert meta.get("byline") == "Jo"


def test_the_file_opens(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        f"<!doctype html><html><head><title>Wall</title>\n<body><h1>Wall</h1><p>{PARA}</p>"
        f"<p>{PARA.replace('Monday', 'Tuesday')}</p></body></html>",
        encoding="utf-8",
    )
    art = load_article(page)
    assert PARA in art.text
