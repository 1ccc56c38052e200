"""Load time of a typical article in every format, and of a 300-page PDF (run on demand,
prints numbers; not a test).

    PYTHONPATH=desktop .venv/bin/python tests/benchmarks/bench_formats.py

Typical articles: the test files in tests/data/formats (PDF printed by Qt, DOCX, EPUB), the
chrome test pages (Markdown, text, HTML), and, when ../shared is there, the benchmark's web
pages of 60-100 kB. Each is loaded 5 times and the median is printed; the target is 0.3 s.
The 300-page PDF is article.pdf's pages repeated (pypdf), loaded once with a progress count;
and, as a report's pages hold more text than those small A5 pages, a dense A4 PDF (the seed
article printed by Qt, about 100 kB of text) and its pages repeated to 300.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "desktop"))

from diptych.core.reading.articles import load_article  # noqa: E402

DATA = ROOT / "tests" / "data"
WEB = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"


def _repeated(src: Path, out: Path, pages: int) -> Path:
    """``out``: ``src``'s pages repeated until it has ``pages`` of them (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(src))
    w = PdfWriter()
    for i in range(pages):
        w.add_page(reader.pages[i % len(reader.pages)])
    with open(out, "wb") as fh:
        w.write(fh)
    return out


def median_load(path: Path, n: int = 5) -> tuple[float, float]:
    """The median wall time and the median CPU time of loading ``path`` (the machine may be
    shared: CPU time is what this process spent)."""
    times, cpus = [], []
    for _ in range(n):
        c0, t0 = time.process_time(), time.perf_counter()
        load_article(path)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpus)


def main() -> int:
    import logging

    logging.disable(logging.CRITICAL)
    files = [
        DATA / "chrome" / "blog-post.md",
        DATA / "chrome" / "council-page.txt",
        DATA / "chrome" / "news-page.html",
        DATA / "formats" / "article.pdf",
        DATA / "formats" / "article.docx",
        DATA / "formats" / "article.epub",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if WEB.is_dir():
            pages = sorted(WEB.glob("*.html.gz"))
            sized = [p for p in pages if 60_000 <= len(gzip.decompress(p.read_bytes())) <= 100_000]
            for p in sized[:5]:
                out = Path(tmp) / p.name.removesuffix(".gz")
                out.write_bytes(gzip.decompress(p.read_bytes()))
                files.append(out)
        load_article(files[0])  # imports
        print(f"{'file':<48} {'kB':>6} {'median s':>9} {'CPU s':>7}")
        worst = 0.0
        for f in files:
            t, cpu = median_load(f)
            worst = max(worst, t)
            print(f"{f.name[:48]:<48} {f.stat().st_size / 1000:6.0f} {t:9.3f} {cpu:7.3f}")
        print(f"worst typical article: {worst:.3f} s (target 0.3 s)")

        big = _repeated(DATA / "formats" / "article.pdf", Path(tmp) / "300.pdf", 300)
        pages_done = []
        c0, t0 = time.process_time(), time.perf_counter()
        art = load_article(big, progress=lambda d, _t: pages_done.append(d))
        cpu, dt = time.process_time() - c0, time.perf_counter() - t0
        print(
            f"300-page PDF: {dt:.2f} s ({cpu:.2f} s CPU; {len(pages_done)} progress calls, "
            f"{len(art.text) / 1000:.0f} k characters; target 10 s)"
        )

        # a report's pages hold four times the text of article.pdf's small A5 pages: the seed
        # article printed by Qt on A4, its pages repeated to 300
        dense = Path(tmp) / "dense.pdf"
        _print_a4(dense)
        dense300 = _repeated(dense, Path(tmp) / "dense300.pdf", 300)
        from pypdf import PdfReader

        t_dense, cpu_dense = median_load(dense, 3)
        c0, t0 = time.process_time(), time.perf_counter()
        art = load_article(dense300)
        cpu, dt = time.process_time() - c0, time.perf_counter() - t0
        print(
            f"dense A4 PDF of {len(PdfReader(str(dense)).pages)} pages ({dense.stat().st_size / 1000:.0f} kB, "
            f"{len(load_article(dense).text) / 1000:.0f} k characters): {t_dense:.3f} s ({cpu_dense:.3f} s CPU)"
        )
        print(
            f"dense 300-page A4 PDF: {dt:.2f} s ({cpu:.2f} s CPU; "
            f"{len(art.text) / 1000:.0f} k characters; target 10 s)"
        )
    return 0


def _print_a4(path: Path) -> None:
    """The seed article (Markdown) printed by Qt on A4, repeated to about 100 kB of text."""
    from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # prints a PDF: no screen needed
    app = QGuiApplication.instance() or QGuiApplication(["bench"])
    _ = app
    seed = (ROOT / "seeds" / "wsws-2019-11-13-the-us-backed-coup-in-bolivia.md").read_text(
        encoding="utf-8"
    )
    doc = QTextDocument()
    doc.setMarkdown("\n\n".join([seed] * 12))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    doc.print_(writer)
    del writer


if __name__ == "__main__":
    raise SystemExit(main())
