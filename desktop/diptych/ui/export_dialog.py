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
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from diptych.core.errors import DiptychError
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
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.sequential.toggled.connect(self._on_layout_toggled)

    def _pair_title(self) -> str:
        if self._title:
            return self._title
        a, b = self._analysis.a, self._analysis.b
        return f"{a.title or 'A'} vs {b.title or 'B'}"

    def _default_path(self, folder: str | Path | None) -> Path:
        if folder is None:
            docs = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = docs or str(Path.home())
        return Path(folder) / f"{_safe_name(self._pair_title())}.pdf"

    def layout_name(self) -> str:
        return "parallel" if self.parallel.isChecked() else "sequential"

    # -- slots --------------------------------------------------------------------------
    def _on_layout_toggled(self, _checked: bool) -> None:
        path = Path(self.path_edit.text())
        stem = re.sub(r" \((sequential|parallel)\)$", "", path.stem)
        suffix = " (parallel)" if self.parallel.isChecked() else ""
        self.path_edit.setText(str(path.with_name(f"{stem}{suffix}.pdf")))

    def _on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
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
            f"; {result.orphans} orphaned highlights are in the appendix" if result.orphans else ""
        )
        self.status.setText(
            f"Saved {result.path} ({result.pages} pages, {result.highlights} highlights{orphans})."
        )
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)
        self.cancel_button.setText("Close")

    def _on_thread_failed(self, message: str) -> None:
        self._show_error(f"Export failed: {message}. No file was written.")

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
