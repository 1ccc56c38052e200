"""File → Export annotated PDF…: options, worker thread, progress, cancel, open the result."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from diptych.core.notes.store import Store
from diptych.ui.export_dialog import ExportDialog
from helpers.export import pdfannots, squeeze


def _analysis(pair: Any, topics: Any, claims: Any) -> Any:
    return SimpleNamespace(a=pair[0], b=pair[1], topics=topics, claims=claims)


def test_dialog_exports_store_highlights_in_a_worker_and_offers_to_open_the_pdf(
    qtbot: Any, pair: Any, topics: Any, claims: Any, tmp_path: Path
) -> None:
    a = pair[0]
    store = Store.open(tmp_path / "db.sqlite3")
    h = store.add_highlight(a, a.blocks[3].start, a.blocks[3].start + 55, note="from the store")
    opened: list[Path] = []
    dlg = ExportDialog(
        None, _analysis(pair, topics, claims), store, folder=tmp_path, opener=opened.append
    )
    qtbot.addWidget(dlg)
    dlg.parallel.setChecked(True)
    dlg.page_size.setCurrentIndex(1)  # Letter
    assert dlg.path_edit.text().endswith("(parallel).pdf")
    values: list[int] = []
    dlg.progress.valueChanged.connect(values.append)
    dlg.start_export()
    assert dlg.is_running()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60000)
    out = Path(dlg.path_edit.text())
    assert dlg.result_path == out and out.is_file()
    assert values and values[-1] == 1000 and len(set(values)) > 3  # the bar moved
    (annot,) = pdfannots(out)
    assert annot["contents"] == "from the store"
    assert squeeze(annot["text"]) == squeeze(a.text[h.position.start : h.position.end])
    assert dlg.open_button.isEnabled()
    dlg.open_button.click()
    assert opened == [out]
    store.close()


def test_dialog_cancel_stops_the_export_and_leaves_no_file(
    qtbot: Any, pair: Any, tmp_path: Path
) -> None:
    dlg = ExportDialog(
        None, SimpleNamespace(a=pair[0], b=pair[1], topics=None, claims=None), None, folder=tmp_path
    )
    qtbot.addWidget(dlg)
    assert not dlg.include_claims.isEnabled() and not dlg.include_highlights.isEnabled()
    dlg.progress.valueChanged.connect(lambda v: dlg.cancel_button.click() if v > 0 else None)
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60000)
    assert dlg.result_path is None
    assert "cancelled" in dlg.status.text()
    assert list(tmp_path.iterdir()) == []
    assert not dlg.open_button.isEnabled()


def test_dialog_reports_an_unwritable_destination(qtbot: Any, pair: Any, tmp_path: Path) -> None:
    dlg = ExportDialog(
        None, SimpleNamespace(a=pair[0], b=pair[1], topics=None, claims=None), None, folder=tmp_path
    )
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "missing-folder" / "x.pdf"))
    dlg.start_export()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60000)
    assert "does not exist" in dlg.status.text()
    assert dlg.export_button.isEnabled()
