"""Painting highlights: the marks in each pane and the gutter bands between linked passages.

A pane gets every found highlight of its side as a coloured span. Past ``RENDER_ALL_LIMIT``
highlights on one side only those within ``RENDER_MARGIN_CHARS`` of the viewport are painted,
and the window is moved as the pane scrolls. A new document in a pane (zoom, theme, another
article) loses its marks, so they are painted again on ``layout_changed``.
"""

from __future__ import annotations

from collections.abc import Mapping

from diptych.core.model import Span
from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import background, color_spec
from diptych.ui.highlights.pane import HighlightPane
from diptych.ui.highlights.state import HighlightState
from diptych.ui.link_gutter import GutterLink

# above this many highlights on one side, only those near the viewport are painted
RENDER_ALL_LIMIT = 1500
RENDER_MARGIN_CHARS = 30_000


class HighlightPainter:
    """Keeps each pane's highlight marks in step with ``state``."""

    def __init__(self, state: HighlightState, panes: Mapping[str, HighlightPane]) -> None:
        self.state = state
        self.panes = panes
        self._window: dict[str, tuple[int, int] | None] = {"a": None, "b": None}
        self._doc: dict[str, object] = {}

    def render(self, side: str, *, force: bool = False) -> None:
        """Paint ``side``'s highlights (only when ``force``, or when a window is painted)."""
        pane = self.panes[side]
        if self.state.articles[side] is None:
            pane.set_highlight_spans([])
            return
        placed = self.state.found(side)
        window: tuple[int, int] | None = None
        if len(placed) > RENDER_ALL_LIMIT:
            lo, hi = pane.visible_range()
            window = (lo - RENDER_MARGIN_CHARS, hi + RENDER_MARGIN_CHARS)
            placed = [p for p in placed if p.end > window[0] and p.start < window[1]]
        elif not force and self._window[side] is None:
            return
        self._window[side] = window
        self._doc[side] = pane.document()
        dark = bool(getattr(pane.theme(), "dark", False)) if hasattr(pane, "theme") else False
        # longer highlights first: a highlight overlapping another never hides it whole (the
        # shorter one is painted over the longer, as ``highlight_at`` picks the innermost)
        placed.sort(key=lambda p: (-(p.end - p.start), p.start))
        pane.set_highlight_spans(
            [(p.start, p.end, background(p.h.color, dark=dark), p.h.id) for p in placed]
        )

    def on_layout_changed(self, side: str) -> None:
        # a new document (zoom, theme, another article): marks made on the old one are gone
        if self._doc.get(side) is not self.panes[side].document():
            self.render(side, force=True)

    def on_scrolled(self, side: str) -> None:
        win = self._window[side]
        if win is None:
            return  # everything is painted already
        lo, hi = self.panes[side].visible_range()
        if lo < win[0] + RENDER_MARGIN_CHARS // 3 or hi > win[1] - RENDER_MARGIN_CHARS // 3:
            self.render(side, force=True)


def gutter_links(state: HighlightState) -> list[GutterLink]:
    """Bands for linked highlights whose two ends are both on screen-able text."""
    out = []
    for lk, pa, pb in state.linked_pairs():
        tip = lk.note or "(no note)"
        out.append(
            GutterLink(
                Span(pa.start, pa.end),
                Span(pb.start, pb.end),
                color_spec(pa.h.color).swatch,
                ("link", lk.id),
                None,
                "highlight",
                shorten(tip, 300),
            )
        )
    return out
