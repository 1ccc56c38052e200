"""Counts read as words: "1 highlight", not "1 highlights" (issue 13, item 10), on the PDF's
cover, in the export dialog's result and in the claims count."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from diptych.core.wording import counted
from diptych.export.pdf import ExportHighlight, export_pdf
from helpers.articles import make_article
from helpers.export import pdftotext


def test_counted_uses_the_singular_for_one() -> None:
    assert counted(1, "highlight") == "1 highlight"
    assert counted(0, "highlight") == "0 highlights"
    assert counted(2, "claim") == "2 claims"
    assert counted(1239, "word") == "1,239 words"
    assert counted(3, "child", "children") == "3 children"


def test_the_cover_says_1_highlight(app: Any, tmp_path: Path) -> None:
    a = make_article([("title", "One mark"), ("paragraph", "The mayor closed the market.")])
    b = make_article([("paragraph", "The market was closed by the mayor.")], article_id="t:b")
    start = a.text.index("mayor")
    out = tmp_path / "one.pdf"
    export_pdf(out, a, b, highlights=[ExportHighlight("a", start, start + 5, id="h")])
    text = " ".join(pdftotext(out).split())
    assert "· 1 highlight" in text and "1 highlights" not in text
    assert "· 0 highlights" in text  # B has none


def test_the_export_dialog_result_says_1_highlight_and_1_page(qtbot: Any, tmp_path: Path) -> None:
    from diptych.ui.export_dialog import ExportDialog

    a = make_article([("title", "A"), ("paragraph", "One line.")])
    b = make_article([("paragraph", "Another line.")], article_id="t:b")
    dlg = ExportDialog(None, SimpleNamespace(a=a, b=b, topics=None, claims=None), folder=tmp_path)
    qtbot.addWidget(dlg)
    result = SimpleNamespace(path=tmp_path / "x.pdf", pages=1, highlights=1, orphans=1)
    dlg._on_thread_succeeded(result)
    text = dlg.status.text()
    assert "(1 page, 1 highlight; 1 orphaned highlight is in the appendix)" in text, text


def test_the_claims_count_says_1_claim(qtbot: Any) -> None:
    from diptych.core.model import ClaimPair, ClaimsResult, Span
    from diptych.ui.claims.panel import ClaimsPanel

    a = make_article([("paragraph", "The mayor closed the market on Monday.")])
    b = make_article([("paragraph", "On Monday the mayor closed the market.")], article_id="t:b")
    sa, sb = Span(0, len(a.text)), Span(0, len(b.text))
    claim = ClaimPair(a=sa, b=sb, score=0.8, topic=None, shared_terms=("mayor",), diff=())
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.set_claims(ClaimsResult(claims=(claim,), only_in_a=(), only_in_b=()), a, b, None)
    assert panel.count_label.text() == "1 claim"
