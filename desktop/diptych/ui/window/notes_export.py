"""File → Export notes as Markdown… / Export highlights as W3C JSON…, and Edit → Copy with
citation: the window's intents that write the open pair's highlights (core's exporters, run as
a ``Job``) or put a cited quote on the clipboard."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from diptych.core.errors import DiptychError
from diptych.core.model import Article, ArticleTopics

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from diptych.core.notes.store import Store
    from diptych.ui.jobs import Job
    from diptych.ui.reader_pane import ReaderPane
    from diptych.ui.window.pair_session import PairSession


class NotesHost(Protocol):
    """What the notes export needs of the window (``MainWindow`` provides it); typed here so
    that this part does not import the window that assembles it."""

    @property
    def pair(self) -> PairSession: ...
    @property
    def store(self) -> Store | None: ...
    def show_message(self, text: str, ms: int = 0) -> None: ...
    def show_notice(self, text: str, ms: int = 20000) -> None: ...
    def start_dir(self) -> str: ...
    def export_folder(self) -> str: ...
    def remember_export_folder(self, path: Path) -> None: ...
    def reader(self, side: str) -> ReaderPane: ...


NotesFormat = Literal["markdown", "w3c"]
SUFFIX: dict[NotesFormat, str] = {"markdown": ".md", "w3c": ".jsonld"}
FILTER: dict[NotesFormat, str] = {
    "markdown": "Markdown (*.md);;All files (*)",
    "w3c": "W3C Web Annotations (*.jsonld *.json);;All files (*)",
}


def default_name(a: Article, b: Article, kind: NotesFormat) -> str:
    def short(art: Article) -> str:
        name = re.sub(r"[^\w\- ]+", "", art.title or "article", flags=re.UNICODE).strip()
        return re.sub(r"\s+", " ", name)[:40].strip() or "article"

    return f"{short(a)} - {short(b)} notes{SUFFIX[kind]}"


def notes_text(
    store: Store, a: Article, b: Article, topics: ArticleTopics | None, kind: NotesFormat
) -> str:
    """The pair's highlights, notes and links as Markdown notes or W3C JSON-LD."""
    from diptych.core.notes.interchange import export_markdown, export_w3c

    if kind == "markdown":
        title = f"Highlights: {a.title or a.id} | {b.title or b.id}"
        return export_markdown(store, [a, b], topics=topics, title=title)
    return json.dumps(export_w3c(store, [a, b]), indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str, keep: Any = ()) -> Path:
    """``text`` to ``path`` (UTF-8) all at once (never half a file), as the CLI writes it:
    a FIFO, a device, a folder or a read-only file is refused and left as it is
    (``DiptychError``), a new file gets the mode the umask allows."""
    from diptych.export.destination import write_atomically as write_checked

    return write_checked(path, text.encode("utf-8"), keep=keep)


def export_notes(parent: QWidget, window: NotesHost, kind: NotesFormat) -> Job | None:
    """File → Export notes as Markdown / highlights as W3C JSON: asks for a file (a dialog
    over ``parent``), writes it in the background (a ``Job``); the status bar says where it
    went, the notice why not."""
    from diptych.ui import file_dialogs
    from diptych.ui.jobs import Job, JobContext

    pair = window.pair
    a, b, store = pair.article("a"), pair.article("b"), window.store
    if a is None or b is None:
        window.show_message("Nothing to export yet: the pair is still loading.", 5000)
        return None
    if store is None:
        window.show_notice("Highlights are off, so there are no notes to export.")
        return None
    what = "Export notes as Markdown" if kind == "markdown" else "Export highlights as W3C JSON"
    start = Path(window.export_folder()) / default_name(a, b, kind)
    chosen = file_dialogs.save_file_name(parent, what, str(start), FILTER[kind])
    if not chosen:
        return None
    path = Path(chosen).expanduser()
    if not path.suffix:
        path = path.with_suffix(SUFFIX[kind])
    analysis = pair.analysis()
    topics = analysis.topics if analysis is not None else None

    def write(_ctx: JobContext) -> Path:
        from diptych.export.destination import protected_files

        keep = protected_files([a, b], store_path=store.path)
        return write_atomically(path, notes_text(store, a, b, topics, kind), keep)

    job = Job(write, parent=parent, name=f"export-{kind}")

    def saved(p: Path) -> None:
        window.remember_export_folder(p)
        window.show_message(f"Saved {p}", 8000)

    job.succeeded.connect(saved)

    def failed(exc: BaseException, _tb: object) -> None:
        if isinstance(exc, DiptychError):  # one line that names the file and says why
            window.show_notice(f"Could not write the notes: {exc}")
        else:
            window.show_notice(f"Could not write {path}: {getattr(exc, 'strerror', None) or exc}")

    job.failed.connect(failed)
    return job.start()


def copy_with_citation(window: NotesHost, side: str) -> str:
    """Edit → Copy with citation: ``side``'s selection, quoted, with its title, author,
    outlet, date and URL, as plain text on the clipboard (returned too; "" if none)."""
    from PySide6.QtGui import QGuiApplication

    from diptych.core.notes.citation import cite

    art, span = window.pair.article(side), window.reader(side).selected_span()
    if art is None or span is None or span[0] == span[1]:
        window.show_message("Select a passage first, then Copy with citation.", 4000)
        return ""
    text = cite(art, span[0], span[1])
    QGuiApplication.clipboard().setText(text)
    window.show_message("Copied the passage with its citation", 3000)
    return text
