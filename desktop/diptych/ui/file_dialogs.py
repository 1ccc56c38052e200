"""The window's file dialogs (open a pair, an article; save an export, a topic set), built so
that browsing a folder never reads a file's contents on the window's thread.

Qt's own file dialog (the one used where no desktop portal or platform dialog is) shows each
file's type, which ``QFileIconProvider`` finds by reading the file's first bytes when its name
does not tell: in ``/proc`` a root user's dialog read ``/proc/kmsg``, which blocks until the
kernel logs something, and the window hung for good (seen in a tryout, confirmed with gdb). The
dialogs here use an icon provider that tells a folder from a file by its name and kind only.
Where the platform's own dialog is used, Qt hands it the same options and it is unaffected."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class PlainFileIcons(QFileIconProvider):
    """A folder's, a drive's or a file's icon and type name, from what the file system says of
    it (never its contents)."""

    def icon(self, what: QFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return super().icon(QFileIconProvider.IconType.Drive)
            kind = what.isDir() and QFileIconProvider.IconType.Folder
            return super().icon(kind or QFileIconProvider.IconType.File)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return "Drive"
        if info.isDir():
            return "Folder"
        if info.isSymLink():
            return "Link"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


@cache
def _icons() -> PlainFileIcons:
    return PlainFileIcons()


def _dialog(parent: QWidget | None, caption: str, directory: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setIconProvider(_icons())
    return dialog


def _chosen(dialog: QFileDialog) -> str:
    """The one file the reader chose in ``dialog`` ("" if they cancel)."""
    return next(iter(dialog.selectedFiles()), "") if dialog.exec() else ""


def open_file_names(
    parent: QWidget | None, caption: str, directory: str, filters: str
) -> list[str]:
    """Files to open (none if the reader cancels)."""
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def open_file_name(parent: QWidget | None, caption: str, directory: str, filters: str) -> str:
    """A file to open ("" if the reader cancels)."""
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def save_file_name(parent: QWidget | None, caption: str, directory: str, filters: str) -> str:
    """A file to write ("" if the reader cancels); ``directory`` may name the file proposed.
    Qt's dialog asks before a file is written over, as its static function did."""
    dialog = _dialog(parent, caption, directory, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _chosen(dialog)
