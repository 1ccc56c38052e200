"""The values the store hands out (links, resolved highlights, article records) and the small
checks and clocks every part of it shares."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from diptych.core.errors import StoreError
from diptych.core.model import AnchorStatus, Highlight

DB_FILENAME = "highlights.sqlite3"
COLORS = ("yellow", "green", "blue", "pink", "purple")
"""The five highlight colours the app offers (any non-empty name up to 64 characters is stored)."""


@dataclass(frozen=True)
class Link:
    """Two highlights (usually one in each article of a pair) linked, with a shared note."""

    id: str
    a: str  # highlight id
    b: str  # highlight id
    note: str = ""
    created: str = ""
    modified: str = ""
    version: int = 0  # the store's row version when read (see conflicts.py)


@dataclass(frozen=True)
class ResolvedHighlight:
    """A highlight and where it is in the current text of its article.

    ``status`` is ``"anchored"`` (text unchanged), ``"reanchored"`` (found again after an edit;
    ``score`` 0..1) or ``"orphaned"`` (not found: ``start == end == -1``; keep showing it in a
    list and offer "re-attach").
    """

    highlight: Highlight
    status: AnchorStatus
    start: int
    end: int
    score: float
    places: int = 0  # an orphan whose quote reads at this many places (ambiguous); else 0

    @property
    def id(self) -> str:
        return self.highlight.id


@dataclass(frozen=True)
class ArticleRecord:
    """An article the store has seen: its newest snapshot's fingerprint and title."""

    id: str
    fingerprint: str
    title: str


def now_iso() -> str:
    """The current UTC time as ISO 8601 with milliseconds and a Z (what ``created`` holds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def stamp() -> str:
    """The current UTC time for file names (``20260101T000000Z``)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def default_db_path() -> Path:
    """Where the highlights live unless ``--db`` says otherwise."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("diptych", appauthor=False)) / DB_FILENAME


def check_text(what: str, value: str) -> None:
    """Refuse a string SQLite cannot store as UTF-8 (an unpaired surrogate), clearly."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        ch = value[exc.start]
        raise StoreError(
            f"{what} holds an invalid character (unpaired surrogate U+{ord(ch):04X} at "
            f"position {exc.start}) and was not saved; remove it and save again"
        ) from None


def check_color(color: str) -> None:
    if not color or len(color) > 64:
        raise StoreError(f"bad highlight colour {color!r}")
    check_text("the colour", color)


_WORD = re.compile(r"\w+")
CONTENT_KEY_WORDS = 80
"""How many words from the start of an article make its content identity."""


def content_key(text: str) -> str:
    """An article's identity by content: a hash of its first ``CONTENT_KEY_WORDS`` words
    (case-folded, punctuation and spacing ignored), so the same text found at another path,
    or converted from Markdown to HTML, is recognised. "" for a text too short to tell."""
    words = _WORD.findall(text[:8000].casefold())[:CONTENT_KEY_WORDS]
    if len(words) < 12:
        return ""
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    return f"w{CONTENT_KEY_WORDS}:{digest[:32]}"
