"""What the reading panes tell the highlights: selection and focus (which actions are on),
scrolling and new layouts (repaint), the context menu, hovering (the note as a tooltip) and a
plain click on a highlight (open its note).

``PaneEvents`` listens to both panes and calls the controller's public methods; it holds no
highlight state of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolTip

from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import HIGHLIGHT_COLORS, swatch_icon
from diptych.ui.highlights.painting import HighlightPainter
from diptych.ui.highlights.pane import HighlightPane
from diptych.ui.highlights.state import HighlightState
from diptych.ui.safe_text import plain_tip


class HighlightIntents(Protocol):
    """What the pane events ask of the highlights (``HighlightController`` provides it); typed
    here so that this module does not import the controller that owns it."""

    painter: HighlightPainter
    state: HighlightState
    highlight_actions: list[QAction]
    link_action: QAction

    def update_actions(self) -> None: ...
    def set_active_side(self, side: str, *, update: bool = True) -> None: ...
    def selection(self, side: str) -> tuple[int, int] | None: ...
    def highlight_selection(
        self, color: str | None = None, side: str | None = None
    ) -> str | None: ...
    def set_color(self, hid: str, color: str) -> bool: ...
    def delete(self, hid: str) -> bool: ...
    def activate(self, hid: str) -> None: ...
    def activate_from_click(self, hid: str) -> None: ...
    def request_claim_from_link(self, hid: str) -> None: ...


class PaneEvents(QObject):
    """Connects the panes' signals and viewport events to ``HighlightController``."""

    @property
    def ctl(self) -> HighlightIntents:
        # the parent, not an attribute: a Python reference cycle with the controller would
        # leave both to the garbage collector, which may run on a worker thread and delete
        # Qt objects there
        return cast("HighlightIntents", self.parent())

    def __init__(self, owner: QObject, panes: Mapping[str, HighlightPane]) -> None:
        """``owner`` is the controller: the parent of these events, and their ``ctl``."""
        super().__init__(owner)
        ctl = self.ctl
        self.panes = panes
        self._viewports: dict[int, str] = {}  # id(viewport) -> side, for the event filter
        self._closing = False
        painter = ctl.painter
        for side, pane in panes.items():
            pane.context_menu_requested.connect(
                lambda menu, offset, s=side: self.fill_context_menu(s, menu, offset)
            )
            pane.selection_changed.connect(lambda s0, e0, s=side: self._on_selection(s, s0, e0))
            pane.focus_entered.connect(lambda s=side: ctl.set_active_side(s))
            pane.scrolled.connect(lambda s=side: painter.on_scrolled(s))
            pane.layout_changed.connect(lambda s=side: painter.on_layout_changed(s))
            pane.viewport().installEventFilter(self)
            pane.viewport().setMouseTracking(True)
            self._viewports[id(pane.viewport())] = side
            pane.destroyed.connect(self._on_pane_destroyed)

    def _on_selection(self, side: str, start: int, end: int) -> None:
        if end > start:
            self.ctl.set_active_side(side, update=False)
        self.ctl.update_actions()

    def fill_context_menu(self, side: str, menu: QMenu, offset: int) -> None:
        """Add the highlight entries to a pane's context menu opened at ``offset``."""
        ctl = self.ctl
        menu.addSeparator()
        sub = menu.addMenu("Highlight")
        sub.setEnabled(ctl.selection(side) is not None)
        for act, c in zip(ctl.highlight_actions, HIGHLIGHT_COLORS, strict=True):
            a = sub.addAction(swatch_icon(c.name), c.label)
            a.setShortcut(act.shortcut())
            a.triggered.connect(lambda _=False, name=c.name: ctl.highlight_selection(name, side))
        menu.addAction(ctl.link_action)
        hid = self.panes[side].highlight_at(offset)
        if hid is not None:
            menu.addSeparator()
            menu.addAction("Edit note…").triggered.connect(lambda: ctl.activate(hid))
            colors = menu.addMenu("Change colour")
            for c in HIGHLIGHT_COLORS:
                colors.addAction(swatch_icon(c.name), c.label).triggered.connect(
                    lambda _=False, name=c.name: ctl.set_color(hid, name)
                )
            menu.addAction("Delete highlight").triggered.connect(lambda: ctl.delete(hid))
            if ctl.state.link_of(hid) is not None:
                menu.addAction("Linked passages are the same claim").triggered.connect(
                    lambda: ctl.request_claim_from_link(hid)
                )

    def tooltip_at(self, side: str, offset: int) -> str | None:
        """What hovering ``offset`` in a pane shows: the highlight's (or link's) note."""
        hid = self.panes[side].highlight_at(offset)
        if hid is None:
            return None
        found = self.ctl.state.placed(hid)
        if found is None:
            return None
        p = found[1]
        lk = self.ctl.state.link_of(hid)
        parts = []
        if lk is not None:
            parts.append("Linked passage")
            if lk.note:
                parts.append(shorten(lk.note, 600))
        if p.h.note and (lk is None or p.h.note != lk.note):
            parts.append(shorten(p.h.note, 600))
        if not parts:
            parts.append("Highlight (click to add a note)")
        return "\n".join(parts)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        side = self._viewports.get(id(obj))
        if side is None or self._closing:
            return False
        pane = self.panes[side]
        et = event.type()
        if et == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(side, pane.offset_at_point(event.pos()))
            if not text:
                return False  # not on a highlight: the pane's own tooltips (links) apply
            QToolTip.showText(event.globalPos(), plain_tip(text), pane.viewport())
            return True
        if (
            et == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and pane.selected_span() is None
        ):
            # a plain click (no text selected) on a highlight opens its note
            hid = pane.highlight_at(pane.offset_at_point(event.position().toPoint()))
            if hid is not None:
                QTimer.singleShot(0, lambda h=hid: self.ctl.activate_from_click(h))
        return False

    def _on_pane_destroyed(self, *_args: object) -> None:
        self._closing = True  # the window is going away: stop reading the panes
