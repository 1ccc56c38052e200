"""File → Export notes as Markdown… / Export highlights as W3C JSON…, and Edit → Copy with
citation: the window's intents that write the open pair's highlights (core's exporters, run as
a ``Job``) or put a cited quote on the clipboard."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from diptych.core.model import Article, ArticleTopics

if TYPE_CHECKING:
    from diptych.core.notes.store import Store

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


def write_atomically(path: Path, text: str) -> Path:
    """``text`` to ``path`` (UTF-8) through a temporary file: never half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
