"""Page geometry and pagination: whole lines flowed into columns, pages recorded as draw lists.

Nothing is drawn here. A ``PagePlan`` holds, per page, which lines of which laid-out document go
where and which shapes (bands, bars, labels) to paint, so annotation rectangles and link targets
are known before the first page is drawn. A line is never split across pages; a heading is
never the last line of a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from diptych.export.textdoc import LaidOutText

# Page sizes in PDF points (Qt writes integer MediaBoxes: A4 is 595 x 842).
PAGE_POINTS: dict[str, tuple[float, float]] = {"a4": (595.0, 842.0), "letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Geometry:
    """Where things go on a page, in device units; ``scale`` converts device units to points."""

    width: float
    height: float
    scale: float  # points per device unit
    top: float  # top of the text area
    bottom: float  # bottom of the text area
    left: float  # left edge of the (first) column
    column_width: float
    gutter: float  # space between columns (parallel)
    head_y: float  # baseline area of the running head
    foot_y: float  # baseline area of the page number

    @property
    def right_column_x(self) -> float:
        return self.left + self.column_width + self.gutter

    @property
    def text_right(self) -> float:
        return self.width - self.left

    def pt(self, units: float) -> float:
        """Device units for ``units`` points."""
        return units / self.scale


def geometry(page_size: str, *, landscape: bool, resolution: int) -> Geometry:
    w_pt, h_pt = PAGE_POINTS[page_size]
    if landscape:
        w_pt, h_pt = h_pt, w_pt
    k = resolution / 72.0
    if landscape:
        margin, gutter, top, bottom = 46.0, 34.0, 58.0, 50.0
        col = (w_pt - 2 * margin - gutter) / 2
    else:
        margin, gutter, top, bottom = 68.0, 0.0, 66.0, 62.0
        col = w_pt - 2 * margin
    return Geometry(
        width=w_pt * k,
        height=h_pt * k,
        scale=1.0 / k,
        top=top * k,
        bottom=(h_pt - bottom) * k,
        left=margin * k,
        column_width=col * k,
        gutter=gutter * k,
        head_y=30.0 * k,
        foot_y=(h_pt - 40.0) * k,
    )


@dataclass
class Shape:
    """A painted decoration: a filled rect, a text label, or a dot."""

    kind: Literal["rect", "text", "glyphs", "dot"]  # glyphs: text drawn as outlines
    x: float
    y: float
    w: float = 0.0
    h: float = 0.0
    color: str = "#000000"
    text: str = ""
    size: float = 8.0  # points, for text
    bold: bool = False
    align: Literal["left", "right", "center"] = "left"


@dataclass
class Page:
    """One page: its kind, running heads, placed lines and shapes."""

    kind: str
    head_left: str = ""
    head_right: str = ""
    lines: list[tuple[str, int, float, float]] = field(default_factory=list)  # key, line, dx, dy
    shapes: list[Shape] = field(default_factory=list)


Placement = tuple[int, float, float]  # page index, dx, dy (document → page device units)


class PagePlan:
    """Pages being planned, and where every line of every document went."""

    def __init__(self, geo: Geometry) -> None:
        self.geo = geo
        self.pages: list[Page] = []
        self.docs: dict[str, LaidOutText] = {}
        self.place: dict[str, list[Placement | None]] = {}

    def add_doc(self, key: str, laid: LaidOutText) -> None:
        self.docs[key] = laid
        self.place[key] = [None] * len(laid.lines)

    def new_page(self, kind: str, head_left: str = "", head_right: str = "") -> int:
        self.pages.append(Page(kind, head_left, head_right))
        return len(self.pages) - 1

    def flow(
        self,
        key: str,
        indices: Sequence[int],
        *,
        x: float,
        start: tuple[int, float],
        next_frame: Callable[[int, float], tuple[int, float]],
    ) -> tuple[int, float]:
        """Place lines ``indices`` of document ``key`` in a column at ``x`` from ``start``
        (page, y); returns where the column ends. ``next_frame(page, x)`` gives the (page, x)
        of the column that follows a full one (the same column on the next page, or the next
        column of a multi-column page)."""
        geo = self.geo
        lines = self.docs[key].lines
        place = self.place[key]
        page, y = start
        prev_bottom: float | None = None
        n = len(indices)
        i = 0
        eps = geo.pt(0.5)
        while i < n:
            j = i
            while j + 1 < n and lines[indices[j]].keep_with_next:
                j += 1
            first, last = lines[indices[i]], lines[indices[j]]
            height = last.bottom - first.top
            if height > geo.bottom - geo.top:  # a group taller than a page: place line by line
                j, last, height = i, first, first.height
            gap = 0.0 if prev_bottom is None else max(0.0, first.top - prev_bottom)
            if y + gap + height > geo.bottom + eps and y > geo.top + eps:
                page, x = next_frame(page, x)
                y, gap = geo.top, 0.0
            if y <= geo.top + eps:
                gap = 0.0
            dy = y + gap - first.top
            target = self.pages[page].lines
            for k in range(i, j + 1):
                li = indices[k]
                place[li] = (page, x, dy)
                target.append((key, li, x, dy))
            y = last.bottom + dy
            prev_bottom = last.bottom
            i = j + 1
        return page, y

    def placed_rects(
        self, key: str, start: int, end: int
    ) -> list[tuple[int, float, float, float, float]]:
        """(page, x0, top, x1, bottom) in page device units for each line of [start, end)."""
        laid = self.docs[key]
        out = []
        for li, x0, x1 in laid.segments(start, end):
            p = self.place[key][li]
            if p is None:
                continue
            page, dx, dy = p
            dl = laid.lines[li]
            out.append((page, x0 + dx, dl.top + dy, x1 + dx, dl.bottom + dy))
        return out

    def block_rects(self, key: str, block: int) -> list[tuple[int, float, float, float, float]]:
        """(page, x0, top, x1, bottom) of each placed line of a block (full line width)."""
        laid = self.docs[key]
        out = []
        for li in laid.line_range(block, block):
            p = self.place[key][li]
            if p is None:
                continue
            page, dx, dy = p
            x0, x1 = laid.line_x_extent(li)
            dl = laid.lines[li]
            out.append((page, x0 + dx, dl.top + dy, x1 + dx, dl.bottom + dy))
        return out

    def location(self, key: str, offset: int) -> tuple[int, float]:
        """(page, y in device units) of the line holding code-point ``offset`` of ``key``."""
        laid = self.docs[key]
        li = laid.line_of_offset(offset)
        p = self.place[key][li]
        if p is None:
            return 0, self.geo.top
        return p[0], laid.lines[li].top + p[2]

    def block_location(self, key: str, block: int) -> tuple[int, float]:
        laid = self.docs[key]
        rng = laid.line_range(block, block)
        if not len(rng):
            return 0, self.geo.top
        p = self.place[key][rng.start]
        if p is None:
            return 0, self.geo.top
        return p[0], laid.lines[rng.start].top + p[2]


def margin_bars(
    rects: Sequence[tuple[int, float, float, float, float]],
) -> list[tuple[int, float, float]]:
    """Merge line rects into one vertical (page, top, bottom) run per page."""
    runs: dict[int, list[float]] = {}
    for page, _x0, top, _x1, bottom in rects:
        if page in runs:
            runs[page][0] = min(runs[page][0], top)
            runs[page][1] = max(runs[page][1], bottom)
        else:
            runs[page] = [top, bottom]
    return [(p, t, b) for p, (t, b) in sorted(runs.items())]
