"""A highlight's tags are the reader's own words: the PDF's notes appendix lists them (for a
placed highlight, one with tags but no note, and an orphan), shown inertly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diptych.export.pdf import ExportHighlight, export_pdf
from helpers.export import pdftotext


def test_tags_are_listed_in_the_notes_appendix(app: Any, pair: Any, tmp_path: Path) -> None:
    a, _b = pair
    start = a.blocks[4].start
    noted = ExportHighlight("a", start, start + 30, note="see below", id="n", tags=("levee",))
    tag_only = ExportHighlight("a", start + 40, start + 60, id="t", tags=("roads", "sandbags"))
    orphan = ExportHighlight("b", 10**7, 10**7 + 5, id="o", tags=("gone\u202eenog",))
    out = tmp_path / "t.pdf"
    result = export_pdf(out, *pair, highlights=[noted, tag_only, orphan])
    assert result.orphans == 1
    appendix = pdftotext(out, "-f", str(result.page_numbers["appendix"]))
    assert "levee" in appendix
    assert "roads, sandbags" in appendix  # a highlight with tags and no note is listed too
    assert "gone\ufffdenog" in appendix  # a bidi control shown inertly
