"""A Markdown file's structure is shown as written: an ordered list's numbers (nested too, and
the outer list's "2." after a nested one), code's indentation, a superscript as "^" (in the
pane and in the text the engine reads alike)."""

from __future__ import annotations

from PySide6.QtGui import QTextListFormat

from diptych.core.reading.articles import article_from_text
from diptych.ui.article_document import DocumentStyle, build_document, document_plain_text
from diptych.ui.theme import LIGHT

INTRO = "The recipe below has steps that each say what to do, in the order you should do them.\n\n"
STEPS = (
    "1. Heat the oven to two hundred degrees before anything else.\n"
    "   1. Check the thermometer on the door of the oven.\n"
    "   2. Wait ten more minutes if it reads lower than that.\n"
    "2. Put the bread in the middle of the oven and close it.\n\n"
    "- A bullet says what to buy for the bread in the first place.\n"
)
CODE = (
    "```python\n"
    "def bake(minutes):\n"
    "    if minutes > 0:\n"
    "\treturn minutes\n"
    "```\n\n"
    "The same function, indented instead of fenced, follows in the next block of code.\n\n"
    "    def bake(minutes):\n"
    "        return minutes\n\n"
    "The end of the recipe is a paragraph that says to enjoy the bread while it is warm.\n"
)


def _items(md: str) -> list[tuple[str, str]]:
    """(number shown, or "bullet"; first word) of each list item in the pane."""
    doc = build_document(article_from_text(md, "markdown"), DocumentStyle(LIGHT))
    out = []
    b = doc.begin()
    while b.isValid():
        lst = b.textList()
        if lst is not None:
            numbered = lst.format().style() == QTextListFormat.Style.ListDecimal
            out.append((lst.itemText(b) if numbered else "bullet", b.text().split()[0]))
        b = b.next()
    return out


def test_ordered_lists_show_their_numbers_nested_too(qapp) -> None:
    assert _items(INTRO + STEPS) == [
        ("1.", "Heat"),
        ("1.", "Check"),
        ("2.", "Wait"),
        ("2.", "Put"),
        ("bullet", "A"),
    ]
    art = article_from_text(INTRO + STEPS, "markdown")
    assert [b.number for b in art.blocks if b.kind == "list_item"] == [1, 1, 2, 2, 0]
    assert "1." not in art.text  # the number is the list's, not a word of the text


def test_code_keeps_its_indentation(qapp) -> None:
    art = article_from_text(INTRO + CODE, "markdown")
    lines = art.text.split("\n")
    assert lines[1:4] == ["def bake(minutes):", "    if minutes > 0:", "    return minutes"]
    assert "def bake(minutes):\n    return minutes\nThe end" in art.text
    doc = build_document(art, DocumentStyle(LIGHT))
    assert document_plain_text(doc) == art.text  # the pane shows the same indentation


def test_superscript_reads_with_a_caret(qapp) -> None:
    art = article_from_text(
        INTRO + "The area grows as x<sup>2</sup> and falls as e<sup>-x</sup> at the end.\n",
        "markdown",
    )
    assert "as x^2 and falls as e^(-x) at" in art.text
    doc = build_document(art, DocumentStyle(LIGHT))
    assert "x^2" in document_plain_text(doc)
