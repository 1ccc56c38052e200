"""File → Export annotated PDF…: the dialog that exports the open pair to an annotated PDF.

Usage from the main window (one line)::

    ExportDialog(self, self.analysis, self.store).exec()

``analysis`` is the pair's ``PairAnalysis`` (anything with ``a``, ``b``, ``topics`` and
``claims``; ``topics``/``claims`` may be None); ``store`` is the open highlights ``Store`` (or
None: no highlights). The user picks the layout (sequential / parallel), the page size (A4 /
Letter), what to include (cover, highlight annotations, claims, notes appendix, topics) and the
file. The export runs as a background ``Job`` (re-anchoring highlights and drawing pages never block
the window) with a progress bar and a Cancel button; a cancelled or failed export leaves no file
and keeps an existing one. At the end "Open PDF" opens the result in the system's viewer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from diptych.core.errors import DiptychError
from diptych.core.wording import counted
from diptych.ui import file_dialogs
from diptych.ui.jobs import Job, JobContext


def run_export(job: dict[str, Any], ctx: JobContext) -> Any:
    """Read the highlights from the store and write the PDF (runs as a ``Job``, off the UI
    thread); returns the ``ExportResult``, raises ``ExportCancelled`` when cancelled."""
    from diptych.export.from_store import inputs_from_store
    from diptych.export.pdf import ExportCancelled, export_pdf

    try:
        a, b = job["a"], job["b"]
        ctx.report(0.0, "Reading highlights")
        highlights: list[Any] = []
        orphans: list[Any] = []
        links: list[Any] = []
        if job["store"] is not None:
            inputs = inputs_from_store(job["store"], a, b, author=job["author"])
            highlights, orphans, links = inputs.highlights, inputs.orphans, inputs.links
        if ctx.cancelled:
            raise ExportCancelled("export cancelled")
        return export_pdf(
            job["out"],
            a,
            b,
            highlights=highlights,
            orphans=orphans,
            links=links,
            claims=job["claims"],
            topics=job["topics"],
            layout=job["layout"],
            page_size=job["page_size"],
            include=job["include"],
            title=job["title"],
            author=job["author"],
            progress=ctx.report,
            cancelled=lambda: ctx.cancelled,
            store_path=job["store"].path if job["store"] is not None else None,
        )
    except ExportCancelled:
        raise
    except DiptychError:
        raise
    except OSError as exc:
        raise DiptychError(f"cannot write the PDF: {exc.strerror or exc}") from exc
    except Exception as exc:  # a bug: shown to the user, traceback to the log
        logging.getLogger(__name__).exception("PDF export failed")
        raise DiptychError(f"unexpected error ({type(exc).__name__}: {exc})") from exc


def default_export_folder() -> Path:
    """The platform's documents folder when it exists, else the home folder (a fresh account
    often has no ``~/Documents``: proposing it made the first export fail)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


def _safe_name(title: str) -> str:
    name = re.sub(r"[^\w\- ]+", "", title, flags=re.UNICODE).strip()
    name = re.sub(r"\s+", " ", name)[:80].strip()
    return name or "diptych"


class ExportDialog(QDialog):
    """Options, progress and result of one annotated-PDF export of the open pair."""

    def __init__(
        self,
        parent: QWidget | None,
        analysis: Any,
        store: Any = None,
        *,
        title: str | None = None,
        folder: str | Path | None = None,
        opener: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotated PDF")
        self.setModal(True)
        self._analysis = analysis
        self._store = store
        self._title = title
        self._opener = opener or (lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))))
        self._thread: Job | None = None
        self.result_path: Path | None = None
        self._build(folder)

    # -- widgets ------------------------------------------------------------------------
    def _build(self, folder: str | Path | None) -> None:
        # offered when the chosen folder does not exist: create it, then export
        self.create_folder_button = QPushButton("Create the folder and export")
        self.create_folder_button.setObjectName("create_folder_button")
        self.create_folder_button.clicked.connect(self._on_create_folder_clicked)
        self.create_folder_button.hide()
        form = QFormLayout()
        self.sequential = QRadioButton("Sequential: cover, A, B, appendix")
        self.parallel = QRadioButton("Parallel: facing columns aligned by topic (landscape)")
        self.sequential.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.sequential)
        group.addButton(self.parallel)
        box = QVBoxLayout()
        box.addWidget(self.sequential)
        box.addWidget(self.parallel)
        form.addRow("Layout:", box)

        self.page_size = QComboBox()
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("US Letter", "letter")
        form.addRow("Page size:", self.page_size)

        self.include_cover = QCheckBox("Cover page")
        self.include_highlights = QCheckBox("Highlights (as PDF annotations with their notes)")
        self.include_claims = QCheckBox("Overlapping claims (margin numbers and appendix)")
        self.include_notes = QCheckBox("Notes and orphaned highlights (appendix)")
        self.include_topics = QCheckBox("Topics (margin bars, rows, bookmarks)")
        inc = QVBoxLayout()
        for cb in (
            self.include_cover,
            self.include_highlights,
            self.include_claims,
            self.include_notes,
            self.include_topics,
        ):
            cb.setChecked(True)
            # a row keeps its height: a long message grows the dialog instead (_fit_height)
            cb.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            inc.addWidget(cb)
        # options that need something the pair does not have stay off
        self._available = {
            self.include_highlights: self._store is not None,
            self.include_claims: getattr(self._analysis, "claims", None) is not None,
            self.include_topics: getattr(self._analysis, "topics", None) is not None,
        }
        for cb, available in self._available.items():
            if not available:
                cb.setChecked(False)
                cb.setEnabled(False)
        self.include_highlights.setToolTip(
            "" if self._store is not None else "No highlights store is open"
        )
        form.addRow("Include:", inc)

        self.path_edit = QLineEdit(str(self._default_path(folder)))
        self.path_edit.setMinimumWidth(380)
        self.path_edit.setCursorPosition(0)  # the folder shows, not only the file name
        self.path_edit.textChanged.connect(lambda _t: self.create_folder_button.hide())
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow("Save as:", row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setObjectName("export_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button = self.buttons.addButton(
            "Open PDF", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

        layout = QVBoxLayout(self)
        # never smaller than the rows need (see _fit_height for long messages)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.create_folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.sequential.toggled.connect(self._on_layout_toggled)

    def _pair_title(self) -> str:
        if self._title:
            return self._title
        a, b = self._analysis.a, self._analysis.b
        return f"{a.title or 'A'} vs {b.title or 'B'}"

    def _default_path(self, folder: str | Path | None) -> Path:
        return Path(folder or default_export_folder()) / f"{_safe_name(self._pair_title())}.pdf"

    def layout_name(self) -> str:
        return "parallel" if self.parallel.isChecked() else "sequential"

    # -- slots --------------------------------------------------------------------------
    def _on_layout_toggled(self, _checked: bool) -> None:
        path = Path(self.path_edit.text())
        stem = re.sub(r" \((sequential|parallel)\)$", "", path.stem)
        suffix = " (parallel)" if self.parallel.isChecked() else ""
        self.path_edit.setText(str(path.with_name(f"{stem}{suffix}.pdf")))

    def _on_browse_clicked(self) -> None:
        name = file_dialogs.save_file_name(
            self, "Export annotated PDF", self.path_edit.text(), "PDF files (*.pdf)"
        )
        if name:
            if not name.lower().endswith(".pdf"):
                name += ".pdf"
            self.path_edit.setText(name)

    def start_export(self) -> None:
        """Start the export with the chosen options (in a worker thread)."""
        if self._thread is not None:
            return
        from diptych.export.fonts import ensure_fonts
        from diptych.export.from_store import default_author
        from diptych.export.pdf import Include

        text = self.path_edit.text().strip()
        if not text:
            self._show_error("Choose a file to save the PDF to.")
            return
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
            self.path_edit.setText(str(out))
        try:
            folder_ok, folder_exists = out.parent.is_dir(), out.parent.exists()
        except OSError as exc:  # e.g. a name too long for the file system
            self._show_error(f"Cannot save there: {exc.strerror or exc}. Choose another place.")
            return
        if not folder_ok:
            self.progress.setValue(0)
            if folder_exists:
                self._show_error(f"{out.parent} is not a folder. Choose another place.")
            else:
                self.create_folder_button.show()
                self._show_error(f"The folder {out.parent} does not exist.")
            return
        self.create_folder_button.hide()
        ensure_fonts()  # register shipped fonts from the GUI thread
        job = {
            "a": self._analysis.a,
            "b": self._analysis.b,
            "claims": getattr(self._analysis, "claims", None),
            "topics": getattr(self._analysis, "topics", None),
            "store": self._store if self.include_highlights.isChecked() else None,
            "out": out,
            "layout": self.layout_name(),
            "page_size": self.page_size.currentData(),
            "include": Include(
                cover=self.include_cover.isChecked(),
                highlights=self.include_highlights.isChecked(),
                claims=self.include_claims.isChecked(),
                notes=self.include_notes.isChecked(),
                topics=self.include_topics.isChecked(),
            ),
            "title": self._pair_title(),
            "author": default_author(),
        }
        self.result_path = None
        self.open_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self._set_options_enabled(False)
        self.progress.setValue(0)
        self.status.setText("Starting…")
        from diptych.export.pdf import ExportCancelled

        thread = Job(
            lambda ctx: run_export(job, ctx),
            parent=self,
            cancel_on=(ExportCancelled,),
            name="export",
        )
        thread.progressed.connect(lambda args: self._on_thread_progressed(*args))
        thread.succeeded.connect(self._on_thread_succeeded)
        thread.failed.connect(lambda exc, _tb: self._on_thread_failed(str(exc)))
        thread.cancelled.connect(self._on_thread_cancelled)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        thread.start()

    def is_running(self) -> bool:
        return self._thread is not None

    def _set_options_enabled(self, enabled: bool) -> None:
        for w in (
            self.sequential,
            self.parallel,
            self.page_size,
            self.include_cover,
            self.include_notes,
            self.path_edit,
        ):
            w.setEnabled(enabled)
        for cb, available in self._available.items():
            cb.setEnabled(enabled and available)

    def _on_thread_progressed(self, fraction: float, message: str) -> None:
        self.status.setStyleSheet("")
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _on_thread_succeeded(self, result: Any) -> None:
        self.result_path = Path(result.path)
        self.progress.setValue(1000)
        orphans = (
            f"; {counted(result.orphans, 'orphaned highlight')} "
            f"{'is' if result.orphans == 1 else 'are'} in the appendix"
            if result.orphans
            else ""
        )
        self.status.setText(
            f"Saved {result.path} ({counted(result.pages, 'page')}, "
            f"{counted(result.highlights, 'highlight')}{orphans})."
        )
        self._fit_height()
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)
        self.cancel_button.setText("Close")

    def _on_thread_failed(self, message: str) -> None:
        # the message may already say so ("…, not a PDF file; nothing was written")
        said = "nothing was written" in message or "left as it is" in message
        self._show_error(f"Export failed: {message}." + ("" if said else " No file was written."))

    def _on_thread_cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText("Export cancelled. No file was written.")

    def _on_thread_finished(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.deleteLater()
        self.export_button.setEnabled(True)
        self._set_options_enabled(True)
        if self.result_path is None:
            self.cancel_button.setText("Close")

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #c92a2a;")
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow the dialog to fit a long message: a word-wrapped label's height depends on its
        width, which Qt's minimum-size constraint does not ask, so the message took its
        height from the option rows and squeezed them to slivers."""
        lay = self.layout()
        if lay is None:
            return
        lay.activate()
        needed = lay.totalHeightForWidth(self.width()) if lay.hasHeightForWidth() else -1
        needed = max(needed, lay.totalSizeHint().height(), lay.totalMinimumSize().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _on_create_folder_clicked(self) -> None:
        folder = Path(self.path_edit.text().strip()).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._show_error(f"Could not create the folder {folder}: {exc.strerror or exc}.")
            return
        self.create_folder_button.hide()
        self.start_export()

    def _on_open_clicked(self) -> None:
        if self.result_path is not None and self._opener(self.result_path) is False:
            # no PDF viewer (or no desktop to ask for one): say so instead of doing nothing
            self.status.setTextFormat(Qt.TextFormat.PlainText)  # the path is the user's
            self.status.setStyleSheet("")
            self.status.setText(
                f"No program here opens PDF files. The PDF is saved at {self.result_path}."
            )

    def _on_cancel_clicked(self) -> None:
        if self._thread is not None:
            self._thread.cancel()
            self.status.setText("Cancelling…")
            return
        self.reject()

    def reject(self) -> None:
        """Escape / Close: cancel a running export and wait for it before closing."""
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self._thread is not None:
            self._thread.cancel()
            self._thread.wait()
        super().closeEvent(event)
