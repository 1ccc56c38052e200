"""The window's file dialogs tell a file's type by its name, never by reading it: Qt's own
dialog read the first bytes of every file whose name does not tell, on the window's thread,
and a root user browsing /proc hung the window for good on /proc/kmsg."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider

from diptych.ui import file_dialogs


def test_a_files_type_is_told_without_reading_it(qapp, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # reading it would block: no writer
    plain = tmp_path / "README"
    plain.write_text("plain words\n", encoding="utf-8")
    icons = file_dialogs.PlainFileIcons()
    assert icons.type(QFileInfo(str(plain))) == "File"  # Qt's: "Plain text document"
    assert QFileIconProvider().type(QFileInfo(str(plain))) != "File"
    assert icons.type(QFileInfo(str(fifo))) == "File"
    assert icons.type(QFileInfo(str(tmp_path))) == "Folder"
    assert icons.type(QFileInfo(str(tmp_path / "notes.md"))) == "MD file"
    assert not icons.icon(QFileInfo(str(plain))).isNull()


def test_every_dialog_of_the_window_uses_it(qapp, monkeypatch) -> None:
    made: list[QFileDialog] = []

    def exec_(self: QFileDialog) -> int:
        made.append(self)
        return 0  # cancelled

    monkeypatch.setattr(QFileDialog, "exec", exec_)
    assert file_dialogs.open_file_names(None, "Open", "", "All (*)") == []
    assert file_dialogs.open_file_name(None, "Open", "", "All (*)") == ""
    assert file_dialogs.save_file_name(None, "Save", "", "All (*)") == ""
    assert len(made) == 3
    assert all(isinstance(d.iconProvider(), file_dialogs.PlainFileIcons) for d in made)
    assert made[2].acceptMode() == QFileDialog.AcceptMode.AcceptSave
