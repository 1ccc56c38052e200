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

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from diptych import __version__
from diptych.core.errors import DiptychError
from diptych.core.model import Article, ArticleTopics, ClaimPair, ClaimsResult
from diptych.export import annotations as annots
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
    if out.is_dir():
        raise DiptychError(f"{out} is a folder; give a file name ending in .pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise DiptychError(f"cannot write {out}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise DiptychError(f"cannot write {out}: folder {folder} is not writable")
    ensure_gui_app()
    claim_list: tuple[ClaimPair, ...]
    if claims is None:
        claim_list = ()
    elif isinstance(claims, ClaimsResult):
        claim_list = claims.claims
    else:
        claim_list = tuple(claims)
    inc = include or Include()
    pair_title = title or f"{a.title or 'Article A'} / {b.title or 'Article B'}"

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
    with AtomicFile(out) as fh:
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


class AtomicFile:
    """A file that appears at ``out`` complete or not at all.

    On Linux the bytes go to an unnamed file (``O_TMPFILE``) in the destination folder, so even
    a crash or ``kill -9`` mid-write leaves nothing behind; ``publish()`` links it under a
    temporary name and renames that over ``out`` (atomic; an existing file is replaced only
    then). Elsewhere a hidden named temporary file is used and removed on any failure.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folder = out.parent if str(out.parent) else Path(".")
        self._named: Path | None = None
        self._published = False
        try:
            fd = os.open(self.folder, os.O_TMPFILE | os.O_WRONLY, 0o644)
        except (AttributeError, OSError):
            try:
                fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=self.folder)
            except OSError as exc:
                raise DiptychError(f"cannot write in {self.folder}: {exc.strerror or exc}") from exc
            self._named = Path(name)
        self.fh = os.fdopen(fd, "wb")

    def publish(self) -> None:
        """Flush to disk and give the file its final name in one atomic step."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            mode = self.out.stat().st_mode & 0o777 if self.out.exists() else 0o644
            if self._named is None:
                self._named = self._name_anonymous()
            os.chmod(self._named, mode)
            os.replace(self._named, self.out)
            self._named = None
            self._published = True
            _fsync_dir(self.folder)
        except OSError as exc:
            raise DiptychError(f"cannot write {self.out}: {exc.strerror or exc}") from exc

    def _name_anonymous(self) -> Path:
        """Give the unnamed (O_TMPFILE) file a hidden temporary name beside ``out``."""
        name = self.folder / f".{self.out.name}.{os.getpid()}.{id(self):x}.part"
        fd = self.fh.fileno()
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            at_fdcwd, at_symlink_follow = -100, 0x400
            rc = libc.linkat(
                at_fdcwd,
                f"/proc/self/fd/{fd}".encode(),
                at_fdcwd,
                os.fsencode(name),
                at_symlink_follow,
            )
            if rc == 0:
                return name
        except (OSError, AttributeError):
            pass
        # No linkat through /proc: copy the bytes to a named temporary file.
        tmp_fd, tmp_name = tempfile.mkstemp(
            prefix=f".{self.out.name}.", suffix=".part", dir=self.folder
        )
        try:
            with os.fdopen(tmp_fd, "wb") as dst, open(f"/proc/self/fd/{fd}", "rb") as src:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        except OSError:
            os.unlink(tmp_name)
            raise
        return Path(tmp_name)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()
        if self._named is not None:
            with contextlib.suppress(OSError):
                self._named.unlink()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
