"""The export's vocabulary: layouts, page sizes, resolution, what to include, the highlights it
places or lists, its result and its cancel.

Plain values with no Qt and no store: ``pdf`` (the front door), ``render`` (the drawing) and
``from_store`` (the store's side) all import from here, and nothing here imports them, so the
package has no import cycle.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from diptych.core.controls import ACTING_CLASS
from diptych.core.model import Side

Layout = Literal["sequential", "parallel"]
LAYOUTS = ("sequential", "parallel")
PAGE_SIZES = ("a4", "letter")
RESOLUTION = 1200  # device units per inch for layout and drawing (exact glyph positions)

Progress = Callable[[float, str], None]

# What must not act in the PDF's text, annotations or metadata: C0 controls but tab and
# newline, DEL, C1 controls, and the bidirectional controls that reorder what follows (U+202E
# turns "abcdef" into "abcfed"). Shown as U+FFFD, as the Markdown export does; direction marks
# stay, as in the panes (right-to-left text needs them)
_HIDDEN = re.compile(ACTING_CLASS)


def shown(text: str) -> str:
    """User-written ``text`` (a note, a tag, a title) with control and bidi characters
    replaced by U+FFFD, so the PDF shows that they are there instead of obeying them."""
    return _HIDDEN.sub("\ufffd", text)


class ExportCancelled(Exception):
    """The export was cancelled; no file was written."""


@dataclass(frozen=True)
class OrphanHighlight:
    """A highlight whose words are no longer found: listed in the appendix, never placed."""

    side: Side
    quote: str
    color: str = "yellow"
    note: str = ""
    author: str = ""
    created: str = ""
    modified: str = ""
    id: str = ""
    linked_to: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportHighlight:
    """A highlight resolved to a range of one article's current text (code points)."""

    side: Side
    start: int
    end: int
    color: str = "yellow"
    note: str = ""
    author: str = ""
    created: str = ""  # ISO 8601
    modified: str = ""
    id: str = ""
    linked_to: tuple[str, ...] = ()  # ids of linked highlights (either article)
    tags: tuple[str, ...] = ()

    def to_orphan(self, quote: str) -> OrphanHighlight:
        """The same highlight listed as an orphan with ``quote`` (its range is not placed)."""
        return OrphanHighlight(
            side=self.side,
            quote=quote,
            color=self.color,
            note=self.note,
            author=self.author,
            created=self.created,
            modified=self.modified,
            id=self.id,
            linked_to=self.linked_to,
            tags=self.tags,
        )


@dataclass(frozen=True)
class ExportLink:
    """Two linked highlights (by id) and the link's own note; both notes will mention it."""

    a: str
    b: str
    note: str = ""


@dataclass(frozen=True)
class Include:
    """What goes into the PDF."""

    cover: bool = True
    highlights: bool = True  # highlight annotations
    claims: bool = True  # claim markers and the claims appendix
    notes: bool = True  # notes (and orphans) appendix
    topics: bool = True  # topic bars/rows and topic bookmarks


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    annotations: int  # /Highlight annotations written (one per page per highlight)
    highlights: int  # highlights placed
    orphans: int  # highlights listed in the appendix only
    seconds: float = 0.0
    page_numbers: dict[str, int] = field(default_factory=dict)  # first page of a/b/appendix
