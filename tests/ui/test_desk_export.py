"""File → Export annotated PDF… exports the open pair with the store's highlights."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfannots import process_file
from PySide6.QtCore import QSettings

from diptych.ui import export_dialog
from diptych.ui.main_window import MainWindow


def _pdf_annotations(path: Path) -> list[tuple[str, str]]:
    with path.open("rb") as f:
        doc = process_file(f)
    return [(" ".join((a.gettext() or "").split()), a.contents or "") for a in doc.iter_annots()]


def test_export_action_writes_the_open_pair_with_its_highlights(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, db=str(tmp_path / "h.sqlite3"))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.analysis_shown, timeout=60_000):
        w.open_seed_pair()
    qtbot.waitUntil(lambda: w.store is not None, timeout=30_000)
    a = w.analysis().a
    start = a.text.index("US President Donald Trump")
    w.store.add_highlight(a, start, start + len("US President Donald Trump"), note="Trump, in A")

    out = tmp_path / "pair.pdf"
    seen: list[export_dialog.ExportDialog] = []

    def run_instead_of_exec(dlg: export_dialog.ExportDialog) -> int:
        seen.append(dlg)
        dlg.path_edit.setText(str(out))
        dlg.start_export()
        qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60_000)
        return 1

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run_instead_of_exec)
    assert w.acts["export_pdf"] in w.menuBar().actions()[0].menu().actions()
    w.acts["export_pdf"].trigger()
    assert seen, "the export dialog did not open"
    assert out.is_file()
    assert ("US President Donald Trump", "Trump, in A") in _pdf_annotations(out)
