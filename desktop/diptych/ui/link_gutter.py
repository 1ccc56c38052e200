"""The strip between the two reading panes: one band per linked pair of passages.

Modelled on Meld's linkmap, but it only draws the list it is given: the window hands it
``GutterLink`` values (a span in A, a span in B, a colour, a score or note, a key) and two
callables that say where a span of each article currently sits, vertically, in the gutter's own
coordinates. Bands are drawn for links whose ends are visible or that cross the view; bands may
cross each other. Claims are filled bands; linked highlights are dashed outlines with a light
hatch so the two kinds are told apart at a glance.

Wiring (in ``MainWindow._connect_signals()``)::

    gutter = LinkGutter()
    gutter.set_extent_functions(pane_extent(pane_a, gutter), pane_extent(pane_b, gutter))
    # (any (start, end) -> (top, bottom) callables will do; text_edit_extent for a QTextEdit)
    gutter.set_links(claim_links(analysis.claims.claims, topic_set), group="claims")
    controller.gutter_links_changed.connect(lambda l: gutter.set_links(l, group="highlights"))
    for pane in (pane_a, pane_b):       # repaint on either pane's scroll / relayout (zoom)
        pane.scrolled.connect(gutter.update)
        pane.layout_changed.connect(gutter.update)
    gutter.link_clicked.connect(on_link_clicked)  # key: ("claim", index) or ("link", link_id)

``link_clicked(object)`` carries the ``key`` of the clicked band; ``link_menu_requested(key,
global_pos)`` a right-click on one (the highlight controller shows a link's menu there);
``set_selected(key)`` draws that band emphasised (e.g. the claim selected in the claims panel).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from diptych.core.model import ClaimPair, Span, TopicSet
from diptych.core.utf16 import Utf16Map
from diptych.ui.safe_text import plain_tip

# (start, end) code points of one article -> (top, bottom) in gutter coordinates
ExtentFn = Callable[[int, int], tuple[float, float]]
# () -> (first, end) code points of one article in view (what its ExtentFn calls in view)
RangeFn = Callable[[], tuple[int, int]]

LinkKind = Literal["claim", "highlight"]

# bands with both ends off the view drawn at most, the best scored (the selected one always):
# a few dozen read as hints of where partners are; hundreds (two long articles in different
# orders: 1,600 of 2,057 strong claims at one place in a 3 MB pair) are one grey wash that took
# 0.4 s to paint, on every scroll step
MAX_PASSING_BANDS = 40


_T = TypeVar("_T")


def _passes_through(ends: tuple[float, float, float, float], height: float) -> bool:
    """Neither end of a band (its tops and bottoms in gutter coordinates) is in view."""
    return all(y < 0 or y > height for y in ends)


def _best_scored(items: list[_T], link_of: Callable[[_T], GutterLink]) -> list[_T]:
    """The ``MAX_PASSING_BANDS`` items whose links score best, in their order."""
    if len(items) <= MAX_PASSING_BANDS:
        return items
    best = sorted(range(len(items)), key=lambda i: -(link_of(items[i]).score or 0.0))
    return [items[i] for i in sorted(best[:MAX_PASSING_BANDS])]


@dataclass(frozen=True)
class GutterLink:
    """One band: a span of A joined to a span of B."""

    a: Span
    b: Span
    color: str  # "#rrggbb"
    key: Hashable  # emitted by link_clicked; ("claim", i) or ("link", id) by convention
    score: float | None = None  # shown in the tooltip when set
    kind: LinkKind = "claim"
    tooltip: str = ""  # extra tooltip text (e.g. the shared note of linked highlights)


def claim_links(claims: Sequence[ClaimPair], topic_set: TopicSet | None) -> list[GutterLink]:
    """Gutter bands for the strong claim pairs (``ClaimPair.tier``), coloured by topic;
    key = ("claim", index in ``claims``). "Possible" claims get no band."""
    return [_claim_link(i, c, topic_set) for i, c in enumerate(claims) if c.tier == "strong"]


def _claim_link(i: int, c: ClaimPair, topic_set: TopicSet | None) -> GutterLink:
    """The band of the claim at index ``i`` (of ``claim_links`` and ``ClaimLinks.links``)."""
    color = topic_set.color_of(c.topic) if topic_set is not None else "#888888"
    tip = f"Topic: {c.topic}" if c.topic else ""
    return GutterLink(c.a, c.b, color, ("claim", i), c.score, "claim", tip)


class ClaimLinks:
    """``claim_links`` for the claims the window shows, kept: asked again for the same claims
    (the claims panel's filters changed) it is the same list; for claims a verdict re-ranked,
    the band of a claim still at its index (the same claim object) is reused and the others
    made again. ``links(claims, topic_set)`` always equals ``claim_links(claims, topic_set)``
    (tests/ui/test_verdicts_incremental_window.py)."""

    def __init__(self) -> None:
        self._claims: Sequence[ClaimPair] = ()
        self._topic_set: TopicSet | None = None
        self._links: list[GutterLink] = []
        self._by_index: dict[int, GutterLink] = {}

    def links(self, claims: Sequence[ClaimPair], topic_set: TopicSet | None) -> list[GutterLink]:
        if claims is self._claims and topic_set is self._topic_set:
            return self._links
        old = self._claims if topic_set is self._topic_set else ()
        prev = self._by_index
        out: list[GutterLink] = []
        by_index: dict[int, GutterLink] = {}
        for i, c in enumerate(claims):
            if c.tier != "strong":
                continue
            link = prev.get(i) if i < len(old) and old[i] is c else None
            if link is None:
                link = _claim_link(i, c, topic_set)
            out.append(link)
            by_index[i] = link
        self._claims, self._topic_set, self._links, self._by_index = (
            claims,
            topic_set,
            out,
            by_index,
        )
        return out

    def of(self, indices: set[int]) -> list[GutterLink]:
        """The bands, of those ``links`` last gave, of the claims at ``indices``, in order."""
        return [link for i, link in self._by_index.items() if i in indices]


def text_edit_extent(
    edit: QTextEdit | QPlainTextEdit,
    text: str | Utf16Map | Callable[[int], int],
    target: QWidget,
) -> ExtentFn:
    """An ``ExtentFn`` reading a text edit's layout: where a code-point span of its document is,
    vertically, in ``target``'s coordinates (the gutter). ``text`` is the document's plain text
    (``Article.text``), its ``Utf16Map``, or a code point -> UTF-16 function (``pane.to_utf16``
    of a ReaderPane, so the map follows the pane's article)."""
    if callable(text):
        to_u16 = text
    else:
        umap = text if isinstance(text, Utf16Map) else Utf16Map(text)
        to_u16 = umap.to_utf16

    # document-y extents per span, valid while the document and its layout are unchanged
    # (scrolling only shifts them): a gutter repaint on scroll is then a few lookups
    cache: dict[tuple[int, int], tuple[float, float]] = {}
    state: list[object] = [None]

    def extent(start: int, end: int) -> tuple[float, float]:
        doc = edit.document()
        layout = doc.documentLayout()
        now = (id(doc), doc.revision(), layout.documentSize().toTuple(), edit.viewport().width())
        if now != state[0]:
            cache.clear()
            state[0] = now
        scroll = edit.verticalScrollBar().value()
        ys = cache.get((start, end))
        if ys is None:
            last = max(0, doc.characterCount() - 1)
            cur = QTextCursor(doc)
            cur.setPosition(min(to_u16(start), last))
            top = edit.cursorRect(cur).top()
            # the last character of the span, not the position after it (which may be on the
            # next line when the span ends at a line break)
            cur.setPosition(min(to_u16(max(start, end - 1)), last))
            bottom = edit.cursorRect(cur).bottom() + 1
            ys = (float(top + scroll), float(max(bottom, top + 2) + scroll))
            cache[(start, end)] = ys
        vp = edit.viewport()
        dy = vp.mapToGlobal(QPoint(0, 0)).y() - target.mapToGlobal(QPoint(0, 0)).y() - scroll
        return ys[0] + dy, ys[1] + dy

    return extent


def pane_extent(pane: QTextEdit, target: QWidget) -> ExtentFn:
    """``text_edit_extent`` for a ReaderPane (anything with ``to_utf16``), following whatever
    article the pane shows."""
    return text_edit_extent(pane, lambda cp: pane.to_utf16(cp), target)  # type: ignore[attr-defined]


class LinkGutter(QWidget):
    """Draws bezier bands from passages in pane A (left edge) to passages in pane B (right)."""

    link_clicked = Signal(object)  # the GutterLink.key of the clicked band
    link_hovered = Signal(object)  # key under the mouse, or None when it leaves all bands
    link_menu_requested = Signal(object, QPoint)  # right-click on a band: its key, global pos

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: list[GutterLink] = []
        self._groups: dict[str, list[GutterLink]] = {}
        self._extent_a: ExtentFn | None = None
        self._extent_b: ExtentFn | None = None
        self._range_a: RangeFn | None = None
        self._range_b: RangeFn | None = None
        self._selected: Hashable | None = None
        self._hover: Hashable | None = None
        # painted bands, bottom to top: (path, link); rebuilt on every paint
        self._painted: list[tuple[QPainterPath, GutterLink]] = []
        self._faint: set[int] = set()  # id() of painted links that only cross the view
        self.setMouseTracking(True)
        self.setMinimumWidth(24)
        self.setToolTip("")  # tooltips come from event(); this keeps Qt asking

    # -- data --------------------------------------------------------------------------------
    def set_extent_functions(self, extent_a: ExtentFn | None, extent_b: ExtentFn | None) -> None:
        """Where spans of A and of B are, vertically, in gutter coordinates."""
        self._extent_a, self._extent_b = extent_a, extent_b
        self.update()

    def set_visible_range_functions(self, range_a: RangeFn | None, range_b: RangeFn | None) -> None:
        """What each pane shows, in code points (``ReaderPane.visible_range``): a band with
        both ends before (or both after) it is then left out without asking where its ends
        are, and of the bands passing through only those drawn are placed. Without them every
        band is placed on every paint (2,057 bands of a 3 MB pair: 40 ms per scroll step)."""
        self._range_a, self._range_b = range_a, range_b
        self.update()

    def set_links(self, links: Sequence[GutterLink], group: str = "claims") -> None:
        """Replace the bands of one group ("claims", "highlights", ...); other groups stay."""
        self._groups[group] = list(links)
        self._links = [lk for g in self._groups.values() for lk in g]
        self.update()

    def links(self) -> list[GutterLink]:
        return list(self._links)

    def drawn_links(self) -> list[GutterLink]:
        """The bands of the last paint, bottom to top."""
        return [link for _path, link in self._painted]

    def set_selected(self, key: Hashable | None) -> None:
        """Emphasise the band with this key (None: no band)."""
        if key != self._selected:
            self._selected = key
            self.update()

    def selected(self) -> Hashable | None:
        return self._selected

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        size.setWidth(64)
        return size

    # -- geometry ----------------------------------------------------------------------------
    def band_ends(self, link: GutterLink) -> tuple[float, float, float, float] | None:
        """(a_top, a_bottom, b_top, b_bottom) as drawn, or None when the band is off view.

        An end beyond the top or bottom edge is drawn just past that edge, so the band leaves
        the view in the direction of its partner instead of becoming a near-vertical stripe.
        """
        if self._extent_a is None or self._extent_b is None:
            return None
        a_top, a_bot = self._extent_a(link.a.start, link.a.end)
        b_top, b_bot = self._extent_b(link.b.start, link.b.end)
        h = float(self.height())
        # skip only when both ends are above the view, or both below it; a band from above to
        # below crosses the view and is drawn
        if (a_bot < 0 and b_bot < 0) or (a_top > h and b_top > h):
            return None
        a_top, a_bot = _clamp_end(a_top, a_bot, h)
        b_top, b_bot = _clamp_end(b_top, b_bot, h)
        return a_top, a_bot, b_top, b_bot

    def is_crossing(self, link: GutterLink) -> bool:
        """True when neither end is in view (the band only passes through): drawn faintly."""
        ends = self.band_ends(link)
        if ends is None:
            return False
        return _passes_through(ends, float(self.height()))

    def band_path(self, link: GutterLink) -> QPainterPath | None:
        """The band's outline in gutter coordinates, or None when it is entirely off view."""
        ends = self.band_ends(link)
        return None if ends is None else self._path(ends)

    def _path(self, ends: tuple[float, float, float, float]) -> QPainterPath:
        a_top, a_bot, b_top, b_bot = ends
        w = float(self.width())
        c1, c2 = w * 0.45, w * 0.55  # control points: Meld-like S curves
        path = QPainterPath(QPointF(0.0, a_top))
        path.cubicTo(QPointF(c1, a_top), QPointF(c2, b_top), QPointF(w, b_top))
        path.lineTo(QPointF(w, b_bot))
        path.cubicTo(QPointF(c2, b_bot), QPointF(c1, a_bot), QPointF(0.0, a_bot))
        path.closeSubpath()
        return path

    def link_at(self, pos: QPoint | QPointF) -> GutterLink | None:
        """The topmost band under ``pos`` (as last painted), or None."""
        p = QPointF(pos)
        bands = self._painted or self._layout()
        for path, link in reversed(bands):
            if path.contains(p):
                return link
        # thin bands: accept a click within 2 px of the outline
        for path, link in reversed(bands):
            if path.boundingRect().adjusted(0, -2, 0, 2).contains(p) and _near(path, p):
                return link
        return None

    def tooltip_text(self, link: GutterLink) -> str:
        lines = []
        if link.kind == "claim":
            lines.append("Claim" + (f" — score {link.score:.2f}" if link.score is not None else ""))
        else:
            lines.append("Linked passages")
        if link.tooltip:
            lines.append(link.tooltip)
        return "\n".join(lines)

    def _layout(self) -> list[tuple[QPainterPath, GutterLink]]:
        # draw order: bands merely passing through first, then claims, then linked
        # highlights, the selected band on top (hit-testing goes top down); of the bands
        # passing through, the MAX_PASSING_BANDS best scored
        h = float(self.height())
        items = []
        passing: list[tuple[GutterLink, tuple[float, float, float, float]]] = []
        for link in self._candidates():
            ends = self.band_ends(link)  # once per band: it asks both panes where the ends are
            if ends is None:
                continue
            crossing = _passes_through(ends, h)
            selected = link.key == self._selected
            if crossing and not selected:
                passing.append((link, ends))
                continue
            rank = selected * 8 + (link.kind == "highlight") * 4 + (not crossing) * 2
            items.append((rank, link, ends))
        passing = _best_scored(passing, lambda p: p[0])
        items += [((link.kind == "highlight") * 4, link, ends) for link, ends in passing]
        items.sort(key=lambda t: t[0])
        self._faint = {id(link) for rank, link, _e in items if rank % 4 < 2 and rank < 8}
        return [(self._path(ends), link) for _r, link, ends in items]

    def _candidates(self) -> list[GutterLink]:
        """The links that may be drawn: all of them, or, when the panes' visible ranges are
        known, those with an end in view, and of those passing through (an end before the
        view, the other after it) the selected one and the MAX_PASSING_BANDS best scored."""
        if self._range_a is None or self._range_b is None:
            return self._links
        a_lo, a_hi = self._range_a()
        b_lo, b_hi = self._range_b()
        out: list[GutterLink] = []
        passing: list[GutterLink] = []
        for link in self._links:
            a_side = -1 if link.a.end <= a_lo else 1 if link.a.start >= a_hi else 0
            b_side = -1 if link.b.end <= b_lo else 1 if link.b.start >= b_hi else 0
            if a_side == 0 or b_side == 0 or link.key == self._selected:
                out.append(link)
            elif a_side != b_side:
                passing.append(link)
            # else: both ends before the view, or both after it: out of sight
        return out + _best_scored(passing, lambda link: link)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.window())
        self._painted = self._layout()
        for path, link in self._painted:
            color = QColor(link.color)
            if not color.isValid():
                color = QColor("#888888")
            emphasised = link.key == self._selected or link.key == self._hover
            faint = id(link) in self._faint and not emphasised
            # antialiasing costs most on the long bands that only pass through: a faint wash
            # needs no smooth edge
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, not faint)
            if faint:
                # passes through the view with both ends off screen: a hint, not a band
                fill = QColor(color)
                fill.setAlphaF(0.16)
                painter.setBrush(QBrush(fill))
                painter.setPen(Qt.PenStyle.NoPen)
            elif link.kind == "claim":
                fill = QColor(color)
                fill.setAlphaF(0.75 if emphasised else 0.42)
                painter.setBrush(QBrush(fill))
                # an outline only on the emphasised band: stroking every band with
                # antialiasing doubles the cost of a repaint on scroll
                if emphasised:
                    painter.setPen(QPen(QColor(color).darker(130), 1.6))
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
            else:
                fill = QColor(color)
                fill.setAlphaF(1.0 if emphasised else 0.7)
                painter.setBrush(QBrush(fill, Qt.BrushStyle.BDiagPattern))
                pen = QPen(QColor(color).darker(140), 2.0 if emphasised else 1.4)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
            painter.drawPath(path)
        # a hairline at each edge so the gutter reads as a separator even without links
        painter.setPen(QPen(pal.mid().color(), 1))
        painter.drawLine(0, 0, 0, self.height())
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        painter.end()

    # -- interaction -------------------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = e  # type: ignore[assignment]
            link = self.link_at(help_event.pos())
            if link is None:
                QToolTip.hideText()
                e.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), plain_tip(self.tooltip_text(link)), self)
            return True
        return super().event(e)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        link = self.link_at(event.position())
        key = link.key if link is not None else None
        if key != self._hover:
            self._hover = key
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.ArrowCursor
            )
            self.link_hovered.emit(key)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.link_hovered.emit(None)
            self.update()
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        link = self.link_at(event.pos())
        if link is None:
            super().contextMenuEvent(event)
            return
        self.link_menu_requested.emit(link.key, event.globalPos())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            link = self.link_at(event.position())
            if link is not None:
                self.set_selected(link.key)
                self.link_clicked.emit(link.key)
                event.accept()
                return
        super().mouseReleaseEvent(event)


def _clamp_end(top: float, bottom: float, height: float) -> tuple[float, float]:
    """An end off the view is moved to just past the edge it is beyond (keeping up to 12 px
    of its thickness) so the band heads off in the right direction."""
    thick = max(2.0, min(bottom - top, 12.0))
    if bottom < 0:
        return -2.0 - thick, -2.0
    if top > height:
        return height + 2.0, height + 2.0 + thick
    return top, bottom


def _near(path: QPainterPath, p: QPointF, tol: float = 2.0) -> bool:
    probe = QPainterPath()
    probe.addEllipse(QRectF(p.x() - tol, p.y() - tol, 2 * tol, 2 * tol))
    return path.intersects(probe)
