"""Tryout: a 30,000-paragraph article exported to PDF came out with its first 13,853
paragraphs and nothing after them, and the export said it was done (736 pages). Qt lays out one
text document only down to a fixed height (QFIXED_MAX device units, about 600 A4 pages at the
writer's 1200 dpi); the blocks beyond it get no lines, and nothing was drawn for them. A text
that does not fit is refused in one line, naming where it stops, and nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPdfWriter

from diptych.core.errors import DiptychError
from diptych.export.textdoc import TextStyle, lay_out_article
from helpers.articles import make_article


def _writer(tmp_path: Path) -> QPdfWriter:
    w = QPdfWriter(str(tmp_path / "probe.pdf"))
    w.setResolution(1200)
    return w


def test_a_text_taller_than_qt_lays_out_is_refused(app: Any, tmp_path: Path) -> None:
    # very large type reaches the height in a few thousand lines (a long book does so in
    # ordinary type)
    paras = [f"Paragraph {k} of the long book." for k in range(1500)]
    art = make_article("\n".join(paras), "urn:test:long", "Long book")
    with pytest.raises(DiptychError, match="too long") as e:
        lay_out_article(art, device=_writer(tmp_path), width=60000, style=TextStyle(body=400.0))
    assert "Paragraph" in str(e.value)  # where the text stops being laid out


def test_a_text_that_fits_is_laid_out_whole(app: Any, tmp_path: Path) -> None:
    paras = [f"Paragraph {k} of the book." for k in range(300)]
    art = make_article("\n".join(paras), "urn:test:short", "Short book")
    laid = lay_out_article(art, device=_writer(tmp_path), width=60000, style=TextStyle())
    assert {ln.block for ln in laid.lines} == set(range(len(art.blocks)))
