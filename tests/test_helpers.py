"""The test helper ``make_article`` builds what the loader would: the same text, block kinds,
levels and fingerprint for the same Markdown, so no test checks a shape the app never sees."""

from __future__ import annotations

from pathlib import Path

from diptych.core.model import InlineStyle
from diptych.core.reading.articles import load_article
from helpers.articles import make_article

MARKDOWN = """# The harbour reopens

By A. Writer

The port opened on Monday. Ships queued overnight.

## What the council said

- Fees stay as they were
- Dredging starts in May

A last paragraph.
"""

BLOCKS = [
    ("title", "The harbour reopens"),
    ("byline", "By A. Writer"),
    ("paragraph", "The port opened on Monday. Ships queued overnight."),
    ("heading", "What the council said"),
    ("list_item", "Fees stay as they were"),
    ("list_item", "Dredging starts in May"),
    ("paragraph", "A last paragraph."),
]


def test_make_article_gives_the_loaders_text_blocks_levels_and_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "harbour.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    loaded = load_article(path)
    made = make_article(BLOCKS)
    assert made.text == loaded.text
    assert made.blocks == loaded.blocks  # kinds, offsets and levels (title 1, heading 2, ...)
    assert made.fingerprint == loaded.fingerprint
    assert made.title == loaded.title


def test_make_article_takes_one_text_paragraphs_styles_and_one_sentence_a_block() -> None:
    one = make_article("First line. Still first.\nSecond line.", "urn:t", "T")
    assert [b.kind for b in one.blocks] == ["paragraph", "paragraph"]
    assert [one.span_text(s) for s in one.sentences] == [
        "First line.",
        "Still first.",
        "Second line.",
    ]
    assert (one.id, one.title) == ("urn:t", "T")
    same = make_article(["First line. Still first.", "Second line."], "urn:t", "T")
    assert same == one
    whole = make_article(["A. B."], split_sentences=False)
    assert [whole.span_text(s) for s in whole.sentences] == ["A. B."]
    styled = make_article(
        [("paragraph", "Read the report now.")],
        styles=[("link", "the report", "https://example.org/r"), InlineStyle("bold", 0, 4)],
        byline="Someone",
    )
    assert styled.styles[0] == InlineStyle("link", 5, 15, "https://example.org/r")
    assert styled.styles[1] == InlineStyle("bold", 0, 4)
    assert styled.meta.byline == "Someone"
    assert make_article([("heading", "Deep", 3)]).blocks[0].level == 3
