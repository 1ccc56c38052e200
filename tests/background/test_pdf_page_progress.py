"""A long PDF reports its pages as it is read, in a child process or in the worker thread (the
window shows them in the status bar)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from diptych.background import pair_job
from diptych.background.child_process import BackgroundProcess
from diptych.background.pair_job import PairRequest, run_request

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


def _many_pages(n: int, path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(str(FORMATS / "article.pdf"))  # printed by Qt (make_formats.py)
    w = PdfWriter()
    for i in range(n):
        w.add_page(src.pages[i % len(src.pages)])
    with open(path, "wb") as fh:
        w.write(fh)


@pytest.mark.parametrize("where", ["child", "worker"])
def test_300_page_pdf_reports_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    pdf = tmp_path / "report.pdf"
    _many_pages(300, pdf)
    # pypdf shares the pages' fonts: the file is smaller than a real report of 300 pages,
    # so the size above which files are read in a child is set for each case
    monkeypatch.setattr(pair_job, "PROCESS_MIN_BYTES", 1 if where == "child" else 1 << 40)
    said: list[str] = []
    got: dict[str, Any] = {}

    def report(kind: str, args: tuple[Any, ...]) -> None:
        if kind == "progress":
            said.append(args[0])
        got.setdefault(kind, args)

    req = PairRequest(a=(str(pdf), None), b=(str(FORMATS / "article.docx"), None))
    run_request(req, report, process=BackgroundProcess())
    assert "failed" not in got and "crashed" not in got
    pages = [t for t in said if t.startswith("Reading report.pdf: page ")]
    assert pages[-1] == "Reading report.pdf: page 300 of 300…"
    assert len(pages) == 300
    assert got["articles"][0].text.count("This is paragraph 1 of the article.") >= 100
