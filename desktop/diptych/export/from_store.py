"""Turns the highlights store's contents for a pair into the exporter's plain inputs."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diptych.core.model import Article, Side
from diptych.export.model import ExportHighlight, ExportLink, OrphanHighlight

if TYPE_CHECKING:
    from diptych.core.notes.store import Store


@dataclass(frozen=True)
class StoreInputs:
    highlights: list[ExportHighlight]
    orphans: list[OrphanHighlight]
    links: list[ExportLink]


def default_author() -> str:
    """The name written as each annotation's author (/T): the login name, if known."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (containers without a passwd entry)
        return ""


def inputs_from_store(store: Store, a: Article, b: Article, *, author: str = "") -> StoreInputs:
    """Highlights of ``a`` and ``b`` re-anchored in their current text (orphans apart) and the
    links between them, from a ``diptych.core.notes.store.Store``."""
    highlights: list[ExportHighlight] = []
    orphans: list[OrphanHighlight] = []
    ids: set[str] = set()
    stored_under: set[str] = {a.id, b.id}
    sides: tuple[tuple[Side, Article], ...] = (("a", a), ("b", b))
    for side, article in sides:
        for r in store.resolve_all(article):
            h = r.highlight
            ids.add(h.id)
            stored_under.add(h.article_id)
            placed = ExportHighlight(
                side=side,
                start=r.start,
                end=r.end,
                color=h.color,
                note=h.note,
                author=author,
                created=h.created,
                modified=h.modified,
                id=h.id,
                tags=tuple(h.tags),
            )
            if r.status == "orphaned" or r.start < 0 or r.end <= r.start:
                orphans.append(placed.to_orphan(h.quote.exact))
            else:
                highlights.append(placed)
    # the articles the highlights are stored under: a copy's highlights (and their links)
    # stay with the original file
    links = [
        ExportLink(lk.a, lk.b, lk.note)
        for lk in store.links_for(sorted(stored_under))
        if lk.a in ids and lk.b in ids
    ]
    return StoreInputs(highlights, orphans, links)
