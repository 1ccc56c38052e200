"""A title with bidi controls (U+202E, U+2067) drawn anywhere in the PDF is shown with U+FFFD,
never obeyed: cover, article headings, running heads, outline, appendix and metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from diptych.core.model import ArticleTopics, Topic, TopicSection, TopicSet
from diptych.export.pdf import OrphanHighlight, export_pdf
from helpers.articles import make_article
from helpers.export import pdftotext, squeeze

CONTROLS = (
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
)


def _outline_titles(items: Any) -> list[str]:
    out: list[str] = []
    for it in items:
        out.extend(_outline_titles(it) if isinstance(it, list) else [str(it.title)])
    return out


@pytest.mark.parametrize("layout", ["sequential", "parallel"])
def test_a_hostile_title_is_shown_not_obeyed_everywhere_the_pdf_draws_it(
    app: Any, tmp_path: Path, layout: str
) -> None:
    """Tester: "Bold coup \\u202egnp.live" showed as "Bold coup evil.png" on the cover's
    "A · …" line and in every running head while the pair title already showed U+FFFD."""
    body = " ".join(["Workers marched on the capital and the ministers fled."] * 30)
    a = make_article(
        [
            ("title", "Bold coup \u202egnp.live"),
            ("byline", "By \u202ekcab \u2067x"),
            ("heading", "The \u202etsrif heading"),
            ("paragraph", body),
        ],
        article_id="t:a",
    )
    b = make_article([("title", "Other side"), ("paragraph", body)], article_id="t:b")
    tset = TopicSet("t", (Topic("Wages \u202esegaw", "#e8590c", ("wages",)),))
    sections = {
        side: (TopicSection("Wages \u202esegaw", 0, len(art.text), 0, len(art.blocks) - 1),)
        for side, art in (("a", a), ("b", b))
    }
    topics = ArticleTopics(tset, sections["a"], sections["b"])
    orphan = OrphanHighlight("a", "a \u202eotuqz quote", note="n")
    out = tmp_path / f"{layout}.pdf"
    export_pdf(out, a, b, layout=layout, topics=topics, orphans=[orphan])  # type: ignore[arg-type]
    text = pdftotext(out)
    for control in CONTROLS:
        assert control not in text
    flat = squeeze(text)
    for reversed_ in ("evil.png", "back", "first", "wages", "zquto"):
        assert reversed_ not in flat, reversed_
    assert "A·Boldcoup\ufffdgnp.live" in flat  # running head (and cover line)
    assert "Wages\ufffdsegaw" in flat
    reader = PdfReader(out)
    titles = _outline_titles(reader.outline)
    assert any("\ufffdgnp.live" in t for t in titles)
    for t in titles:
        assert not any(c in t for c in CONTROLS), t
    meta = reader.metadata
    assert meta is not None
    for value in (meta.title, meta.subject, meta.get("/Keywords")):
        assert not any(c in str(value) for c in CONTROLS), value
