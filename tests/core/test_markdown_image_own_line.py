"""Tryout: a Markdown image on a line of its own (``![Photo of the wall](wall.jpg)``, the usual
way to put one in) lost its alt text without a word, while an image inside a sentence has it
listed as removed text where it stood. The paragraph of the image alone is empty, and an empty
block's image marks were dropped with it."""

from __future__ import annotations

from pathlib import Path

from diptych.core.reading.articles import load_article

BODY = "The council voted on Monday to rebuild the harbour wall before winter."


def test_an_image_on_its_own_line_keeps_its_alt_text(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(
        f"# Wall\n\n{BODY}\n\n![Photo of the wall](wall.jpg)\n\nMore words after it.\n",
        encoding="utf-8",
    )
    art = load_article(f)
    removed = [(r.kind, r.text, r.at) for r in art.removed]
    at = art.text.index("More words")
    assert removed == [("image", "Photo of the wall", at)]


def test_an_image_first_in_the_file_is_kept_too(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(f"![Banner](b.png)\n\n# Wall\n\n{BODY}\n", encoding="utf-8")
    art = load_article(f)
    assert [(r.kind, r.text) for r in art.removed] == [("image", "Banner")]
