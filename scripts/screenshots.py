"""Regenerate the README screenshots of the reading desk and the PDF pages on the seed pair.

    .venv/bin/python scripts/screenshots.py [OUT_DIR [PDF_DIR]]
        (default: docs/screenshots and docs/pdf)

Writes desk-light.png, desk-dark.png (a strong claim selected in each, 1600x940),
desk-topic.png (after a topic chip click), desk-narrow.png (a 1000x700 window with the side
panel shown by F9 at its narrow width), and in PDF_DIR sequential.png and parallel.png (a page
of each layout of the exported seed pair with five highlights; needs ``pdftoppm``). Runs
headless (QT_QPA_PLATFORM=offscreen unless set) with settings and the highlights store in a
temporary directory, so it never touches the user's own state.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = tempfile.mkdtemp(prefix="diptych-shots-")
for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[var] = str(Path(_tmp) / var.lower())

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from diptych.ui.app import create_application  # noqa: E402
from diptych.ui.main_window import MainWindow  # noqa: E402

WIDTH, HEIGHT = 1600, 940


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_for_analysis(window: MainWindow, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    window.analysis_shown.connect(lambda _a: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    if window.analysis() is None:
        loop.exec()
    if window.analysis() is None:
        raise SystemExit("the analysis did not finish")


def _pick_claim(window: MainWindow) -> int:
    """A strong claim a little way into both articles (more telling than the title); the
    Claims tab lists strong claims first, so the selected row is near the top."""
    claims = window.analysis().claims.claims
    a_len = len(window.article("a").text)
    for tier in ("strong", None):
        for i, c in enumerate(claims):
            if (tier is None or c.tier == tier) and c.a.start > a_len * 0.15 and len(c.a) > 60:
                return i
    return 0


def shoot(
    out_dir: Path,
    mode: str,
    name: str,
    *,
    topic: bool = False,
    size: tuple[int, int] = (WIDTH, HEIGHT),
    side_panel: bool = False,
) -> Path:
    settings = QSettings(str(Path(_tmp) / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(*size)
    window.restore_geometry()
    window.set_theme_mode(mode)
    window.show()
    window.open_seed_pair()
    _wait_for_analysis(window)
    _wait(300)
    if side_panel and not window.side_dock.isVisible():
        window.side_dock.toggleViewAction().trigger()  # as F9 does
        _wait(300)
    if topic:
        names = [t.name for t in window.analysis().topics.topic_set.topics]
        window.topic_bar.click_topic(names[min(2, len(names) - 1)])
    else:
        window.claims_panel.select_claim(_pick_claim(window))
    _wait(500)  # let the flash reach its steady mark
    out = out_dir / f"{name}.png"
    window.grab().save(str(out))
    window.close()
    window.deleteLater()
    _wait(50)
    return out


# highlights on the PDF pages: (side, sentence start, colour)
PDF_HIGHLIGHTS = (
    ("a", "Bolivia, South America's most impoverished nation", "yellow"),
    ("a", "Thousands of workers and youth have responded", "green"),
    ("a", "The toll of dead and wounded", "blue"),
    ("a", "If that was their objective", "pink"),
    ("a", "Bolivia's vast energy and mineral reserves", "purple"),
    ("a", "Both were granted rights", "yellow"),
    ("b", "It is urgently necessary for the Bolivian proletariat", "purple"),
)
PDF_PAGES = {"sequential": 2, "parallel": 4}  # the page of each layout shown in the README


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(". ", start), text.find(".\n", start)) if i >= 0]
    return (min(ends) + 1) if ends else len(text)


def pdf_pages(out_dir: Path) -> list[Path]:
    """A page of each layout of the exported seed pair (highlights, claims, topics)."""
    from diptych.core.compare.pair import analyze_pair, load_pair
    from diptych.core.resources import seed_pair
    from diptych.export.pdf import ExportHighlight, export_pdf

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): PDF pages not made")
        return []
    analysis = analyze_pair(*load_pair())
    highlights = []
    for n, (side, quote, color) in enumerate(PDF_HIGHLIGHTS):
        text = (analysis.a if side == "a" else analysis.b).text
        start = text.find(quote)
        if start < 0:
            raise SystemExit(f"the seed article {side.upper()} no longer says {quote!r}")
        highlights.append(
            ExportHighlight(side, start, _sentence_end(text, start), color=color, id=f"h{n}")
        )
    out = []
    for layout, page in PDF_PAGES.items():
        pdf = Path(_tmp) / f"{layout}.pdf"
        export_pdf(
            pdf,
            analysis.a,
            analysis.b,
            highlights=highlights,
            claims=analysis.claims,
            topics=analysis.topics,
            layout=layout,
            title=seed_pair().name,
        )
        stem = out_dir / layout
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(stem)],
            check=True,
        )  # fmt: skip
        out.append(stem.with_suffix(".png"))
    return out


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    pdf_dir = Path(argv[2]) if len(argv) > 2 else ROOT / "docs" / "pdf"
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    app = create_application()
    shots = [
        shoot(out_dir, "light", "desk-light"),
        shoot(out_dir, "dark", "desk-dark"),
        shoot(out_dir, "light", "desk-topic", topic=True),
        shoot(out_dir, "light", "desk-narrow", size=(1000, 700), side_panel=True),
        *pdf_pages(pdf_dir),
    ]
    for s in shots:
        print(s)
    QApplication.processEvents()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
