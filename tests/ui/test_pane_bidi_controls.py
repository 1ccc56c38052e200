"""Bidirectional controls inside an article's text are shown inertly in the pane.

An unclosed U+202E (RIGHT-TO-LEFT OVERRIDE) makes Qt draw the rest of its paragraph
mirrored: "send it to account ‮4321" reads as "1234" on screen while the text (what is
highlighted, searched, exported) says 4321. The pane shows each reordering control as U+FFFD,
one character for one, so every offset stays the article's own.
"""

from __future__ import annotations

from diptych.core.reading.articles import article_from_text
from diptych.ui.article_document import DocumentStyle, build_document, document_plain_text
from diptych.ui.theme import LIGHT

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _shown(text: str) -> tuple[str, str]:
    article = article_from_text(text, "markdown")
    doc = build_document(article, DocumentStyle(LIGHT))
    return article.text, document_plain_text(doc)


def test_overrides_embeddings_and_isolates_are_shown_as_replacement_characters(qapp):
    body = "Pay the deposit to account \u202e4321\u202c today. " + " ".join(
        f"x{c}y" for c in CONTROLS
    )
    text, shown = _shown(f"# Title\n\n{body}\n")
    assert len(shown) == len(text)  # one for one: highlights and finds keep their offsets
    for c in CONTROLS:
        assert c in text  # the article keeps what its author wrote...
        assert c not in shown  # ...and the pane does not let it reorder what follows
    assert "account \ufffd4321\ufffd today" in shown


def test_marks_and_right_to_left_text_are_left_as_written(qapp):
    # letters of right-to-left scripts and the direction marks (which reorder no letter) stay
    body = "Hebrew \u05e9\u05dc\u05d5\u05dd and Arabic \u0645\u0631\u062d\u0628\u0627\u200f here."
    text, shown = _shown(f"# Title\n\n{body}\n")
    assert shown == text
