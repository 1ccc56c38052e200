"""A Markdown file's structure is shown as written: a superscript as "^" (in the pane and in
the text the engine reads alike)."""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text
from diptych.ui.article_document import DocumentStyle, build_document, document_plain_text
from diptych.ui.theme import LIGHT

INTRO = "The recipe below has steps that each say what to do, in the order you should do them.\n\n"


def test_superscript_reads_with_a_caret(qapp) -> None:
    art = article_from_text(
        INTRO + "The area grows as x<sup>2</sup> and falls as e<sup>-x</sup> at the end.\n",
        "markdown",
    )
    assert "as x^2 and falls as e^(-x) at" in art.text
    doc = build_document(art, DocumentStyle(LIGHT))
    assert "x^2" in document_plain_text(doc)
