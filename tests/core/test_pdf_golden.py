"""The PDF reader's output on the test PDFs, recorded: every page's lines (text and geometry),
the article's text, its blocks and what was left out (page numbers, running heads, footnote
marks). A change meant to make reading faster must leave all of it as it was.

After a change that is meant to alter the output, record it again (and read the diff):

    PYTHONPATH=desktop .venv/bin/python tests/core/test_pdf_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
GOLDEN = FORMATS / "pdf-golden.json"
NAMES = ["article.pdf", "two-columns.pdf", "footnotes.pdf"]


def _reading(name: str) -> dict[str, Any]:
    import pypdfium2 as pdfium

    from diptych.core.reading.articles import load_article
    from diptych.core.reading.documents import _columns, _page_lines

    pdf = pdfium.PdfDocument(str(FORMATS / name))
    try:
        pages = []
        for page in pdf:
            lines = _columns(_page_lines(page), page.get_width())
            pages.append(
                [
                    [ln.text, *(round(v, 2) for v in (ln.x0, ln.x1, ln.top, ln.bottom, ln.size))]
                    for ln in lines
                ]
            )
    finally:
        pdf.close()
    art = load_article(FORMATS / name)
    return {
        "pages": pages,
        "text": art.text,
        "blocks": [[b.kind, b.start, b.end] for b in art.blocks],
        "removed": [[r.kind, r.text, r.at] for r in art.removed],
    }


@pytest.mark.parametrize("name", NAMES)
def test_pdf_reading_is_as_recorded(name: str) -> None:
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    now = json.loads(json.dumps(_reading(name)))  # tuples as lists, as recorded
    assert now["pages"] == recorded["pages"]
    assert now["text"] == recorded["text"]
    assert now["blocks"] == recorded["blocks"]
    assert now["removed"] == recorded["removed"]


if __name__ == "__main__":
    out = {name: _reading(name) for name in NAMES}
    GOLDEN.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {GOLDEN}")
