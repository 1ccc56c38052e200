"""Tryout: in a Markdown file, raw HTML an author wrote lost text without a word: an
``<img alt="…">`` (HTML used for an image's size) lost its alt text, which a Markdown image
``![alt](src)`` keeps in the removed text, and a ``<textarea>``, ``<select>`` or ``<button>``
lost its text, which on a web page is listed as a control. Both are listed now."""

from __future__ import annotations

from pathlib import Path

from diptych.core.reading.articles import load_article

BODY = "The council voted on Monday to rebuild the harbour wall before winter."


def _removed(tmp_path: Path, md: str) -> list[tuple[str, str]]:
    f = tmp_path / "a.md"
    f.write_text(md, encoding="utf-8")
    art = load_article(f)
    assert BODY in art.text
    return [(r.kind, r.text) for r in art.removed]


def test_an_html_image_in_markdown_keeps_its_alt_text_as_a_markdown_image_does(
    tmp_path: Path,
) -> None:
    md = f'# Wall\n\n{BODY}\n\n<img src="chart.png" width="300" alt="Chart of the  votes">\n\n'
    md += "More words after it.\n"
    assert ("image", "Chart of the votes") in _removed(tmp_path, md)


def test_form_controls_in_markdown_are_listed_not_dropped(tmp_path: Path) -> None:
    md = (
        f"# Wall\n\n{BODY}\n\n<div>\n<textarea>Notes the author left</textarea>\n"
        "<button>Vote now</button>\n</div>\n\nMore words after it.\n"
    )
    texts = " ".join(t for _k, t in _removed(tmp_path, md))
    assert "Notes the author left" in texts and "Vote now" in texts


def test_an_image_on_a_web_page_is_not_listed(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(
        f'<html><body><article><h1>Wall</h1><p>{BODY}</p><img src="x.png" alt="Site logo">'
        f"<p>{BODY.replace('Monday', 'Tuesday')}</p></article></body></html>",
        encoding="utf-8",
    )
    art = load_article(f)
    assert all(r.kind != "image" for r in art.removed)
