"""What the window knows about the highlights of the open pair, without Qt.

``HighlightState`` holds the two articles, each side's placed highlights (where each highlight
is in the current text), the links between highlights, and answers the questions the rest of
the package asks: which highlight is this, which link is it in, what does the list show. It
never writes to the store and never imports Qt, so it is built in the loading thread and
tested on its own (``tests/ui/test_highlight_state.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from diptych.core.model import Article, Highlight
from diptych.core.notes.store import Link

SIDES = ("a", "b")


@dataclass(slots=True)
class Placed:
    """A highlight and where it is in the current text of its side's article."""

    h: Highlight
    status: str  # anchored | reanchored | orphaned
    start: int
    end: int
    deleted: bool = False  # deleted in this session (kept so undo can bring it back)
    places: int = 0  # an orphan whose quote reads at this many places (ambiguous); else 0

    @property
    def found(self) -> bool:
        return not self.deleted and self.status != "orphaned" and self.end > self.start


@dataclass(frozen=True)
class HighlightRow:
    """What the Highlights tab shows of one highlight."""

    id: str
    side: str  # "a" | "b"
    color: str
    quote: str
    note: str  # the highlight's own note
    status: str  # "anchored" | "reanchored" | "orphaned"
    start: int = -1  # code point in the current text (-1 when orphaned); sorts the list
    linked_quote: str = ""  # the partner's quote when the highlight is linked
    link_note: str = ""  # the shared note of its link, when linked
    tags: tuple[str, ...] = ()
    places: int = 0  # an orphan whose quote reads at this many places (ambiguous); else 0

    @property
    def group(self) -> str:
        return "orphaned" if self.status == "orphaned" else self.side

    def matches(self, needle: str) -> bool:
        """``needle`` (case-folded) in the quote, the own note, the link's note or a tag."""
        return any(
            needle in t.casefold() for t in (self.quote, self.note, self.link_note, *self.tags)
        )


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing white space of a selection (a double-click often grabs it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def link_maps(links: Sequence[Link]) -> tuple[dict[str, Link], dict[str, str]]:
    """Links by id, and each highlight's link id (the first, when linked more than once)."""
    by_id = {lk.id: lk for lk in links}
    link_of: dict[str, str] = {}
    for lk in links:
        link_of.setdefault(lk.a, lk.id)
        link_of.setdefault(lk.b, lk.id)
    return by_id, link_of


Sides = dict[str, dict[str, Placed]]

LINK_PREFIX = "link:"


def link_key(link_id: str) -> str:
    """The note key of a link's shared note (a highlight's own note is keyed by its id)."""
    return LINK_PREFIX + link_id


def note_key(hid: str, link_id: str | None) -> str:
    return link_key(link_id) if link_id is not None else hid


def split_key(key: str) -> tuple[str, str | None]:
    """(highlight id, None) for an own note; ("", link id) for a link's note."""
    if key.startswith(LINK_PREFIX):
        return "", key[len(LINK_PREFIX) :]
    return key, None


def find_placed(placed: Sides, hid: str) -> tuple[str, Placed] | None:
    for side in SIDES:
        p = placed[side].get(hid)
        if p is not None and not p.deleted:
            return side, p
    return None


def row_of(
    hid: str, placed: Sides, links: dict[str, Link], link_of: dict[str, str]
) -> HighlightRow | None:
    """The Highlights-tab row of one highlight (pure: safe in the loading thread)."""
    found = find_placed(placed, hid)
    if found is None:
        return None
    side, p = found
    lid = link_of.get(hid)
    lk = links.get(lid) if lid else None
    partner = ""
    if lk is not None:
        other = find_placed(placed, lk.b if lk.a == hid else lk.a)
        partner = other[1].h.quote.exact if other else ""
    return HighlightRow(
        id=hid,
        side=side,
        color=p.h.color,
        quote=p.h.quote.exact,
        note=p.h.note,
        status=p.status,
        start=p.start,
        linked_quote=partner,
        link_note=lk.note if lk is not None else "",
        tags=tuple(p.h.tags),
        places=p.places,
    )


def rows_of(placed: Sides, links: dict[str, Link], link_of: dict[str, str]) -> list[HighlightRow]:
    seen: dict[str, None] = {}
    for side in SIDES:
        for hid, p in placed[side].items():
            if not p.deleted:
                seen.setdefault(hid)
    return [r for r in (row_of(hid, placed, links, link_of) for hid in seen) if r is not None]


def place_all(resolved: dict[str, Sequence[Any]]) -> Sides:
    """Placed highlights per side from the store's ``resolve_all`` results."""
    return {
        side: {
            r.highlight.id: Placed(
                r.highlight, r.status, r.start, r.end, places=getattr(r, "places", 0)
            )
            for r in resolved.get(side, [])
        }
        for side in SIDES
    }


@dataclass
class HighlightState:
    """The articles shown, their placed highlights and the links between them."""

    articles: dict[str, Article | None] = field(default_factory=lambda: {"a": None, "b": None})
    by_side: Sides = field(default_factory=lambda: {"a": {}, "b": {}})
    links_by_id: dict[str, Link] = field(default_factory=dict)
    link_id_of: dict[str, str] = field(default_factory=dict)  # highlight id -> link id

    # -- replacing ---------------------------------------------------------------------------
    def reset(self, a: Article | None, b: Article | None) -> None:
        self.articles = {"a": a, "b": b}
        self.by_side = {"a": {}, "b": {}}
        self.links_by_id, self.link_id_of = {}, {}

    def set_links(self, links: Sequence[Link]) -> None:
        self.links_by_id, self.link_id_of = link_maps(links)

    def article_ids(self) -> list[str]:
        """The opened articles' ids and those their highlights are stored under (a copy of
        a text shows the original's highlights, which stay with the original file): where
        the pair's links are found."""
        ids = {a.id for a in self.articles.values() if a is not None}
        ids.update(p.h.article_id for side in SIDES for p in self.by_side[side].values())
        return sorted(ids)

    # -- questions ---------------------------------------------------------------------------
    def placed(self, hid: str) -> tuple[str, Placed] | None:
        """The side and placement of a live (not deleted) highlight."""
        return find_placed(self.by_side, hid)

    def link_of(self, hid: str) -> Link | None:
        lid = self.link_id_of.get(hid)
        return self.links_by_id.get(lid) if lid else None

    def links(self) -> list[Link]:
        return list(self.links_by_id.values())

    def highlights(self, side: str) -> list[Placed]:
        """Highlights of one side, in text order (orphans last)."""
        live = [p for p in self.by_side[side].values() if not p.deleted]
        return sorted(live, key=lambda p: (not p.found, p.start, p.h.id))

    def found(self, side: str) -> list[Placed]:
        return [p for p in self.by_side[side].values() if p.found]

    def orphan_count(self) -> int:
        return sum(1 for s in SIDES for p in self.by_side[s].values() if not p.found)

    def ambiguous_count(self) -> int:
        """Orphans whose quote reads at several places (not placed: nothing says which)."""
        return sum(
            1 for s in SIDES for p in self.by_side[s].values() if not p.found and p.places > 1
        )

    def exact(self, side: str, start: int, end: int) -> Placed | None:
        """The highlight on exactly this passage, if any."""
        for p in self.by_side[side].values():
            if p.found and (p.start, p.end) == (start, end):
                return p
        return None

    def covering(self, side: str, start: int, end: int) -> Placed | None:
        """The highlight a selection is in, to reuse instead of making an overlapping one:
        one covering [start, end), or covered by it, or overlapping at least half of it; the
        largest overlap wins. None when there is none."""
        best: tuple[int, int] | None = None
        chosen: Placed | None = None
        for p in self.by_side[side].values():
            if not p.found:
                continue
            overlap = min(end, p.end) - max(start, p.start)
            if overlap <= 0:
                continue
            nested = (p.start <= start and p.end >= end) or (start <= p.start and end >= p.end)
            if not nested and overlap * 2 < end - start:
                continue
            key = (int(nested), overlap)
            if best is None or key > best:
                best, chosen = key, p
        return chosen

    def with_partners(self, ids: Iterable[str]) -> set[str]:
        out = set(ids)
        for hid in list(out):
            lk = self.link_of(hid)
            if lk is not None:
                out.update((lk.a, lk.b))
        return out

    def linked_pairs(self) -> Iterator[tuple[Link, Placed, Placed]]:
        """Each link whose two ends are both found, as (link, end in A, end in B)."""
        for lk in self.links_by_id.values():
            pa, pb = self.by_side["a"].get(lk.a), self.by_side["b"].get(lk.b)
            if pa is None or pb is None:  # linked the other way round, or to another article
                pa, pb = self.by_side["a"].get(lk.b), self.by_side["b"].get(lk.a)
            if pa is None or pb is None or not pa.found or not pb.found:
                continue
            yield lk, pa, pb

    def partner_quote(self, hid: str) -> str:
        lk = self.link_of(hid)
        if lk is None:
            return ""
        other = self.placed(lk.b if lk.a == hid else lk.a)
        return other[1].h.quote.exact if other else ""

    def row(self, hid: str) -> HighlightRow | None:
        return row_of(hid, self.by_side, self.links_by_id, self.link_id_of)

    def rows(self) -> list[HighlightRow]:
        """What the Highlights tab lists: every live highlight of the pair, once."""
        return rows_of(self.by_side, self.links_by_id, self.link_id_of)

    # -- changes after a store write ---------------------------------------------------------
    def set_deleted(self, ids: Iterable[str], deleted: bool) -> None:
        ids = set(ids)
        for side in SIDES:
            for hid in ids:
                p = self.by_side[side].get(hid)
                if p is not None:
                    p.deleted = deleted

    def replace_highlight(self, h: Highlight) -> None:
        for side in SIDES:
            p = self.by_side[side].get(h.id)
            if p is not None:
                p.h = h

    def place_new(self, h: Highlight, side: str, span: tuple[int, int]) -> None:
        """A highlight just made on ``span`` of ``side`` (and on the other side too when both
        panes show the same text)."""
        self.by_side[side][h.id] = Placed(h, "anchored", span[0], span[1])
        other = "b" if side == "a" else "a"
        oa = self.articles[other]
        if oa is not None and oa.id == h.article_id and oa.fingerprint == h.fingerprint:
            self.by_side[other][h.id] = self.by_side[side][h.id]

    def move(self, hid: str, side: str, placed: Placed) -> None:
        """``hid`` is now at ``placed`` on ``side`` (re-attached; maybe from the other side)."""
        for other in SIDES:
            if other != side:
                self.by_side[other].pop(hid, None)
        self.by_side[side][hid] = placed
