"""Notes visible in the margin: a marker beside each highlight that has a note (its own or
its link's), in the pane's left margin (the space the reading measure leaves). Hovering a
marker shows the note as plain text; clicking it opens the note (Hypothesis, Zotero).

One ``NoteMarkers`` strip per pane, a child of the pane laid over its left viewport margin,
so it never covers text; it repaints when the pane scrolls, lays out again or the
highlights change.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import color_spec
from diptych.ui.highlights.pane import HighlightPane
from diptych.ui.highlights.state import HighlightState
from diptych.ui.safe_text import plain_tip

MARKER_W = 12
MARKER_H = 14


class MarginHost(Protocol):
    state: HighlightState

    def activate(self, hid: str) -> None: ...


@dataclass(frozen=True)
class Marker:
    hid: str
    y: int  # in the strip
    color: str
    notes: tuple[str, ...]

    def rect(self, x: float) -> QRectF:
        return QRectF(x, self.y, MARKER_W, MARKER_H)


class NoteMarkers(QWidget):
    """The note markers beside one pane (see the module docstring)."""

    marker_clicked = Signal(str)  # highlight id

    def __init__(self, host: MarginHost, side: str, pane: HighlightPane) -> None:
        super().__init__(pane)  # type: ignore[arg-type]
        self._host = weakref.ref(host)  # weak: no reference cycle with the controller
        self.side = side
        self.pane = pane
        self.setObjectName(f"note_markers_{side}")
        self.setAccessibleName(f"Notes in the margin of pane {side.upper()}")
        self.setMouseTracking(True)
        self._markers: list[Marker] = []
        pane.scrolled.connect(self.refresh)
        pane.layout_changed.connect(self.refresh)
        self._pane_widget = cast(QWidget, pane)
        self._pane_widget.installEventFilter(self)  # follow the pane's size and margins
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._pane_widget and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.refresh()
        return False

    def markers(self) -> list[Marker]:
        return list(self._markers)

    def _x(self) -> float:
        return max(0.0, (self.width() - MARKER_W) / 2)

    def refresh(self) -> None:
        """Place the strip over the left margin and find the markers in view."""
        host = self._host()
        pane = self.pane
        vp: QWidget = pane.viewport()
        geo = vp.geometry()  # in the pane
        width = max(0, geo.x() - 2)
        self.setGeometry(2, geo.y(), width, geo.height())
        self.setVisible(width >= MARKER_W)
        markers: list[Marker] = []
        if host is not None and pane.article() is not None and width >= MARKER_W:
            lo, hi = pane.visible_range()
            last_y = -MARKER_H
            for p in host.state.found(self.side):
                if p.end < lo or p.start > hi:
                    continue
                lk = host.state.link_of(p.h.id)
                notes = tuple(n for n in (p.h.note, lk.note if lk else "") if n)
                if not notes:
                    continue
                y = pane.y_of_offset(p.start)
                if y < -MARKER_H or y > geo.height():
                    continue
                markers.append(Marker(p.h.id, y, p.h.color, notes))
            markers.sort(key=lambda m: m.y)
            # markers on the same line would overlap: nudge each below the one before
            placed = []
            for m in markers:
                y = max(m.y, last_y + MARKER_H + 1)
                placed.append(Marker(m.hid, y, m.color, m.notes))
                last_y = y
            markers = placed
        self._markers = markers
        self.update()

    def marker_at(self, pos: QPoint) -> Marker | None:
        x = self._x()
        for m in self._markers:
            if m.rect(x).adjusted(-3, -2, 3, 2).contains(pos.x(), pos.y()):
                return m
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._markers:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = self._x()
        for m in self._markers:
            r = m.rect(x)
            fill = QColor(color_spec(m.color).swatch)
            painter.setPen(QPen(fill.darker(150), 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(r, 2, 2)
            # three text lines: it reads as "a note"
            painter.setPen(QPen(QColor("#ffffff"), 1.2))
            for i in range(3):
                yy = r.top() + 4 + i * 3
                painter.drawLine(int(r.left() + 3), int(yy), int(r.right() - 3), int(yy))
        painter.end()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            m = self.marker_at(e.pos())
            if m is None:
                QToolTip.hideText()
                e.ignore()
            else:
                QToolTip.showText(e.globalPos(), self.tooltip_text(m), self)
            return True
        return super().event(e)

    @staticmethod
    def tooltip_text(m: Marker) -> str:
        """The marker's notes, as a plain-text tooltip (escaped, controls made visible)."""
        return plain_tip("\n\n".join(shorten(n, 600) for n in m.notes))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        on = self.marker_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        m = self.marker_at(event.position().toPoint())
        host = self._host()
        if m is not None and host is not None:
            self.marker_clicked.emit(m.hid)
            host.activate(m.hid)
