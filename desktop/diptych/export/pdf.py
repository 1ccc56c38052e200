"""Annotated PDF export of an article pair: sequential or parallel edition, real annotations.

``export_pdf(out, a, b, highlights=..., orphans=..., claims=..., topics=..., layout=...)`` lays
both articles out with Qt (``QTextDocument`` built from the Article's blocks, our own pagination:
whole lines only, headings kept with what follows, running heads and page numbers drawn by us),
draws them with ``QPdfWriter`` + ``QPainter`` (fonts embedded, ligatures off, Qt's hyperlink
annotations kept), then adds with pypdf one ``/Highlight`` annotation per page a highlight
touches, internal links, an outline (article → topic sections) and metadata.

Layouts:
- ``sequential``: cover (pair title, both articles' metadata, export date), article A, article B,
  appendix (overlapping claims with score and topic, notes, orphaned highlights), every appendix
  entry linked to its place; topic sections marked by a bar in the left margin, claims numbered
  in the right margin (each number links to the partner sentence);
- ``parallel``: landscape, A left, B right; both columns restart together at each topic row
  (topic sections aligned in reading order, so the same topic faces itself), claim numbers in the
  outer margins of both columns.

The file is written under a temporary name next to ``out`` and renamed at the end: a failure or
a cancel never leaves a partial file and never replaces an existing one. Inputs are plain values
(``ExportHighlight``, ``OrphanHighlight``... defined in ``diptych.export.model`` and re-exported
here), so this module does not depend on the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from diptych import __version__
from diptych.core.errors import DiptychError
from diptych.core.model import Article, ArticleTopics, ClaimPair, ClaimsResult
from diptych.export import annotations as annots
from diptych.export.destination import AtomicFile, check_destination, protected_files
from diptych.export.model import (
    LAYOUTS,
    PAGE_SIZES,
    RESOLUTION,
    ExportCancelled,
    ExportHighlight,
    ExportLink,
    ExportResult,
    Include,
    Layout,
    OrphanHighlight,
    Progress,
    shown,
)

__all__ = [
    "LAYOUTS",
    "PAGE_SIZES",
    "RESOLUTION",
    "ExportCancelled",
    "ExportHighlight",
    "ExportLink",
    "ExportResult",
    "Include",
    "Layout",
    "OrphanHighlight",
    "Progress",
    "export_pdf",
]


def export_pdf(
    out_path: str | Path,
    a: Article,
    b: Article,
    *,
    highlights: Sequence[ExportHighlight] = (),
    orphans: Sequence[OrphanHighlight] = (),
    links: Sequence[ExportLink] = (),
    claims: ClaimsResult | Sequence[ClaimPair] | None = None,
    topics: ArticleTopics | None = None,
    layout: str = "sequential",
    page_size: str = "a4",
    include: Include | None = None,
    title: str | None = None,
    author: str = "",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    store_path: str | Path | None = None,
) -> ExportResult:
    """Write the annotated PDF of ``a`` and ``b`` to ``out_path`` (atomically).

    Raises ``DiptychError`` for a bad layout/page size or an unwritable destination, and
    ``ExportCancelled`` when ``cancelled()`` turns true; in both cases (and on any other error)
    no file is left behind and an existing ``out_path`` is untouched. Needs a QGuiApplication
    (created offscreen when there is none); may run in a worker thread.
    """
    import time

    from diptych.export.qtapp import ensure_gui_app
    from diptych.export.render import Renderer

    t0 = time.perf_counter()
    if layout not in LAYOUTS:
        raise DiptychError(f"unknown layout {layout!r} (use sequential or parallel)")
    if page_size not in PAGE_SIZES:
        raise DiptychError(f"unknown page size {page_size!r} (use a4 or letter)")
    out = Path(out_path).expanduser()
    # never over an article it is made from, nor over the highlights database (``store_path``)
    dest = check_destination(
        out, what="PDF file", keep=protected_files([a, b], store_path=store_path)
    )
    ensure_gui_app()
    claim_list: tuple[ClaimPair, ...]
    if claims is None:
        claim_list = ()
    elif isinstance(claims, ClaimsResult):
        claim_list = claims.claims
    else:
        claim_list = tuple(claims)
    inc = include or Include()
    pair_title = shown(title or f"{a.title or 'Article A'} / {b.title or 'Article B'}")
    author = shown(author)
    # what the reader wrote is shown as written, never obeyed (a U+202E in a note would
    # mirror the rest of it): in the drawn text as in the annotations and metadata
    highlights = [
        replace(h, note=shown(h.note), author=shown(h.author), tags=tuple(map(shown, h.tags)))
        for h in highlights
    ]
    orphans = [
        replace(o, note=shown(o.note), author=shown(o.author), tags=tuple(map(shown, o.tags)))
        for o in orphans
    ]
    links = [replace(lk, note=shown(lk.note)) for lk in links]

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(max(0.0, min(1.0, fraction)), message)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled("export cancelled")

    renderer = Renderer(
        a,
        b,
        highlights=highlights if inc.highlights else (),
        orphans=orphans if inc.notes else (),
        links=links,
        claims=claim_list if inc.claims else (),
        topics=topics if inc.topics else None,
        layout=layout,
        page_size=page_size,
        include=inc,
        pair_title=pair_title,
        author=author,
        exported_at=datetime.now(UTC),
        report=report,
        check=check,
    )
    try:
        qt_pdf, plan_info = renderer.render()  # pages drawn by Qt, in memory
    finally:
        renderer.close()
    check()
    report(0.9, "Adding annotations")
    with AtomicFile(dest) as fh:
        try:
            pages = annots.annotate(
                qt_pdf,
                fh.fh,
                highlights=plan_info.annotations,
                links=plan_info.links,
                outline=plan_info.outline,
                info=annots.DocumentInfo(
                    title=pair_title,
                    subject=plan_info.subject,
                    author=author,
                    creator=f"Diptych {__version__}",
                    keywords=plan_info.keywords,
                ),
            )
        except OSError as exc:  # a full disk, a quota: the old file stays as it was
            raise fh.failed(exc) from None
        check()
        fh.publish()
    report(1.0, "Done")
    return ExportResult(
        path=out,
        pages=pages,
        annotations=len(plan_info.annotations),
        highlights=plan_info.placed,
        orphans=plan_info.orphaned,
        seconds=time.perf_counter() - t0,
        page_numbers=plan_info.page_numbers,
    )
