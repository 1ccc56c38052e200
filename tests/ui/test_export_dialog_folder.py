"""The export dialog on a fresh account: a folder that exists, a folder made on request, and
messages that do not squash the option rows (issue 13, item 4)."""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QCheckBox

from diptych.ui import export_dialog
from diptych.ui.export_dialog import ExportDialog
from helpers.desk import long_article


def _analysis():
    return SimpleNamespace(
        a=long_article(3, "A", title="First"),
        b=long_article(3, "B", title="Second"),
        topics=None,
        claims=None,
    )


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A home folder with no Documents folder, as on a fresh account."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def test_proposes_home_when_the_documents_folder_does_not_exist(qtbot, fresh_home):
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert not Path(docs).exists()  # what Qt proposes is missing on this account
    dlg = ExportDialog(None, _analysis())
    qtbot.addWidget(dlg)
    assert Path(dlg.path_edit.text()).parent == fresh_home
    assert Path(dlg.path_edit.text()).name == "First vs Second.pdf"


def test_proposes_the_documents_folder_when_it_exists(qtbot, fresh_home):
    docs = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    docs.mkdir(parents=True)
    dlg = ExportDialog(None, _analysis())
    qtbot.addWidget(dlg)
    assert Path(dlg.path_edit.text()).parent == docs


def test_a_missing_folder_is_created_on_request_and_the_export_runs(qtbot, tmp_path):
    dlg = ExportDialog(None, _analysis(), folder=tmp_path)
    qtbot.addWidget(dlg)
    dlg.show()
    target = tmp_path / "new" / "nested" / "pair.pdf"
    dlg.path_edit.setText(str(target))
    dlg.export_button.click()
    assert not dlg.is_running()
    assert "does not exist" in dlg.status.text()
    assert dlg.create_folder_button.isVisible()
    assert not target.parent.exists()  # nothing made without asking
    QApplication.processEvents()
    for cb in dlg.findChildren(QCheckBox):  # the message and button did not squeeze the rows
        assert cb.height() >= cb.sizeHint().height(), cb.text()
    dlg.create_folder_button.click()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60_000)
    assert target.is_file()
    assert dlg.result_path == target
    assert not dlg.create_folder_button.isVisible()


def test_editing_the_path_withdraws_the_offer(qtbot, tmp_path):
    dlg = ExportDialog(None, _analysis(), folder=tmp_path)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.path_edit.setText(str(tmp_path / "missing" / "x.pdf"))
    dlg.export_button.click()
    assert dlg.create_folder_button.isVisible()
    dlg.path_edit.setText(str(tmp_path / "x.pdf"))
    assert not dlg.create_folder_button.isVisible()


def test_a_long_error_does_not_squash_the_checkbox_rows(qtbot, tmp_path, monkeypatch):
    dlg = ExportDialog(None, _analysis(), folder=tmp_path)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.resize(dlg.sizeHint())
    QApplication.processEvents()
    boxes = dlg.findChildren(QCheckBox)
    before = {cb.text(): cb.height() for cb in boxes}
    long_path = tmp_path / ("a-very-long-folder-name-" * 12) / "x.pdf"
    dlg.path_edit.setText(str(long_path))
    dlg.export_button.click()
    dlg._on_thread_failed("cannot write the PDF: " + "the disk said no. " * 20)
    QApplication.processEvents()
    assert dlg.status.isVisible()
    for cb in boxes:
        assert cb.height() >= cb.sizeHint().height(), cb.text()
        assert cb.height() >= before[cb.text()], cb.text()
    tops = sorted((cb.y(), cb.y() + cb.height()) for cb in boxes)
    for (_t0, b0), (t1, _b1) in itertools.pairwise(tops):
        assert b0 <= t1, "checkbox rows overlap"
    # the whole message is shown: the status label is as tall as its text needs
    assert dlg.status.height() >= dlg.status.heightForWidth(dlg.status.width())


def test_default_folder_is_home_without_documents(fresh_home):
    assert export_dialog.default_export_folder() == fresh_home


def test_a_fifo_as_the_target_is_refused_saying_so_once(qtbot, tmp_path):
    """Tryout: "… is a FIFO, not a PDF file; nothing was written. No file was written." """
    import os

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    dlg = ExportDialog(None, _analysis(), folder=tmp_path)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.path_edit.setText(str(fifo))
    dlg.export_button.click()
    qtbot.waitUntil(lambda: not dlg.is_running(), timeout=60_000)
    text = dlg.status.text()
    assert "FIFO" in text, text
    assert text.lower().count("written") == 1, text
    assert fifo.is_fifo()
