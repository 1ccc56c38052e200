"""Tryout: a note line indented by four spaces or a tab (a pasted snippet, an indented quote)
after a blank line became a code block in the Markdown notes, where the escapes that keep
user text as text are shown as they are: "indented \\<b\\>four\\</b\\> \\*x\\*". The indentation
is written so that it cannot start a code block, and the note reads as typed."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import markdown
import pytest

from diptych.core.notes.interchange import export_markdown
from diptych.core.notes.store import Store
from helpers.articles import make_article

A = make_article(
    "Storms arrive earlier each spring. Farmers plant later than their parents did.",
    "https://example.org/a",
    "Article A",
)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "h.sqlite3") as s:
        yield s


def _as_read(md_line: str) -> str:
    """A line of Markdown text as CommonMark reads it: backslash escapes and character
    references given back (Python-Markdown, used for the block structure, does not take
    "\\<" as an escape)."""
    return html_lib.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md_line))


@pytest.mark.parametrize(
    "line",
    ["    indented <b>four</b> spaces *x*", "\tTabbed <i>line</i> *y*", "  \t  - mixed `z`"],
)
def test_an_indented_note_line_is_text_not_code(store: Store, line: str) -> None:
    store.add_highlight(A, 0, 6, note=f"First line\n\n{line}\n\nlast")
    md = export_markdown(store, [A])
    rendered = markdown.markdown(md)
    assert "<code>" not in rendered and "<pre>" not in rendered, md
    assert line in [_as_read(ln) for ln in md.split("\n")], md


def test_a_little_indentation_is_left_as_it_was(store: Store) -> None:
    store.add_highlight(A, 0, 6, note="one\n  two spaces")
    md = export_markdown(store, [A])
    assert "\n  two spaces" in md
