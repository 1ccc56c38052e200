"""The main window's small dialogs: choosing files, an encoding, the About box, warnings.

Each function asks and returns what the user chose (or None); the window acts on it. Qt's
dialog classes are imported when a dialog opens (quicker start-up).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from diptych import __version__
from diptych.core.wording import counted, lost_highlights
from diptych.ui.safe_text import as_rich, visible

if TYPE_CHECKING:
    from diptych.core.notes.store import LostArticle

ARTICLE_FILTER = (
    "Articles (*.md *.markdown *.txt *.text *.html *.htm *.pdf *.epub *.docx);;All files (*)"
)
URL_FIELD_WIDTH = 480  # the Open URL dialog's narrowest: a real address is readable in it
ENCODINGS = (
    "utf-8",
    "windows-1252",
    "iso-8859-1",
    "iso-8859-15",
    "utf-16",
    "mac-roman",
    "windows-1250",
    "windows-1251",
    "koi8-r",
    "shift_jis",
    "gb18030",
    "big5",
)


def ask_url(parent: QWidget, side: str) -> str | None:
    """An http(s) address for article ``side``, or None; an address typed without its
    scheme ("example.org/story") gets https:// (http:// for this machine: "localhost:8000"),
    anything else is said and asked again. The field is wide enough to read a real address (at least ``URL_FIELD_WIDTH``, or
    60 % of the window)."""
    from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit

    from diptych.core.reading.web import is_url

    text = ""
    while True:
        dialog = QInputDialog(parent)
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setWindowTitle(f"Open URL as article {side.upper()}")
        dialog.setLabelText("Web page address (http or https):")
        dialog.setTextValue(text)
        field = dialog.findChild(QLineEdit)
        if field is not None:  # Qt builds it for the text input mode
            field.setMinimumWidth(max(URL_FIELD_WIDTH, int(parent.window().width() * 0.6)))
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
            text = dialog.textValue().strip()
        finally:
            dialog.deleteLater()
        if not ok or not text:
            return None
        if re.fullmatch(
            r"(?i)(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost)(?::\d{1,5})?(?:[/?#]\S*)?", text
        ):
            # "example.org/story", typed as in a browser; this machine's own server
            # ("localhost:8000", "127.0.0.1:8765/page") is plain http, as browsers take it
            local = re.match(r"(?i)(?:localhost|127(?:\.\d{1,3}){3})(?:[:/?#]|$)", text)
            text = ("http://" if local else "https://") + text
        if is_url(text):
            return text
        warn(parent, "Open URL", "Only http:// and https:// addresses can be opened.")


def choose_pair(parent: QWidget, start_dir: str) -> tuple[str, str] | None:
    """Two files (A, then B): picked together, or B asked for when only one was picked."""
    from diptych.ui import file_dialogs

    files = file_dialogs.open_file_names(
        parent, "Open two articles (A, then B)", start_dir, ARTICLE_FILTER
    )
    if not files:
        return None
    if len(files) == 1:
        second = file_dialogs.open_file_name(
            parent, "Open article B", str(Path(files[0]).parent), ARTICLE_FILTER
        )
        if not second:
            return None
        files.append(second)
    return files[0], files[1]


def choose_article(parent: QWidget, side: str, start_dir: str) -> str | None:
    from diptych.ui import file_dialogs

    path = file_dialogs.open_file_name(
        parent, f"Open article {side.upper()}", start_dir, ARTICLE_FILTER
    )
    return path or None


def choose_encoding(parent: QWidget, path: str, current: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    items = list(ENCODINGS)
    if current and current not in items:
        items.insert(0, current)
    enc, ok = QInputDialog.getItem(
        parent,
        "Reopen with encoding",
        as_rich(f"Read {Path(path).name} as:"),
        items,
        items.index(current) if current in items else 0,
        True,
    )
    return enc if ok and enc else None


def show_about(parent: QWidget) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        parent,
        "About Diptych",
        f"<b>Diptych {__version__}</b><p>Read two articles side by side: shared topics, "
        "overlapping claims, highlights and annotated PDFs.</p>",
    )


def warn(parent: QWidget, title: str, text: str) -> None:
    """A modal warning (skipped under ``DIPTYCH_NO_DIALOGS``); ``text`` is plain text."""
    if os.environ.get("DIPTYCH_NO_DIALOGS"):
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, as_rich(text))


def lost_highlights_text(lost: Sequence[LostArticle]) -> str:
    """What the Highlights of missing files box says (plain text)."""
    if not lost:
        return "Every file with highlights is where it was."
    lines = [
        f"{lost_highlights(sum(x.count for x in lost), len(lost))} (renamed, moved or deleted):",
        "",
    ]
    for x in sorted(lost, key=lambda x: x.path):
        title = f"“{visible(x.title)}”, " if x.title else ""
        lines.append(f"• {title}{visible(x.path)}: {counted(x.count, 'highlight')}")
    lines += [
        "",
        "Open the file from its new place (or a copy of it) and its highlights come with it. "
        "They are kept in the store meanwhile (the command diptych highlights list --all "
        "lists them).",
    ]
    return "\n".join(lines)


def show_lost_highlights(parent: QWidget, lost: Sequence[LostArticle]) -> QWidget:
    """The Highlights of missing files box (not modal; returned so it can be looked at)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("lost_highlights_box")
    box.setWindowTitle("Highlights of missing files")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(lost_highlights_text(lost))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def backup_time_label(backup: Path) -> str:
    """When a backup was made, in local time ("2026-11-22 14:03"): from the UTC stamp in its
    name (``<store>-YYYYMMDDTHHMMSSZ.sqlite3``), else from the file's modification time."""
    from datetime import UTC, datetime  # here: imported by the window before its first paint

    m = re.search(r"-(\d{8}T\d{6})Z", backup.name)
    try:
        if m:
            when = datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        else:
            when = datetime.fromtimestamp(backup.stat().st_mtime, tz=UTC)
    except (ValueError, OSError):
        return backup.name
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
