"""How the window fits its screen and keeps the panes readable.

``fit_to_screen``: the first window (1480×900) shrunk to the screen's available area and
centred, so a 1280×1024 or 1366×768 screen shows all of it.

``SidePanelFit``: a window too narrow for two panes of ``MIN_PANE_WIDTH`` (about 45
characters a line at the default text size; wider in proportion for larger text, zoomed or set
in Reading comfort), the gutter and the side panel hides the panel and says so; widened
again, a panel hidden for room comes back, also after a restart. F9 (the dock's toggle) is the reader's choice:
shown by hand in a narrow window it stays until the window is wide again (a restart in the
narrow window included), and takes a narrow
width (``NARROW_PANEL_WIDTH``, what is left after two readable panes, at least
``MIN_PANEL_WIDTH``) so the panes keep their measure; its edge can still be dragged. When the
window narrows further the panel shrinks with it, and gives way (hidden for room, saying so)
once even ``MIN_PANEL_WIDTH`` would leave panes under ``MIN_PANE_WIDTH``. Wide again, the panel
gets its usual width back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

FIRST_SIZE = QSize(1480, 900)  # the first window, when the screen has room for it
MIN_PANE_WIDTH = 320  # narrower panes give up the side panel (about 45 characters a line)
SIDE_PANEL_WIDTH = 430
MIN_PANEL_WIDTH = 300  # the side panel's narrowest (its buttons still fit)
NARROW_PANEL_WIDTH = 340  # the side panel shown by hand (F9) in a narrow window, at most
GUTTER_WIDTH = 56
NARROW_BELOW = 2 * MIN_PANE_WIDTH + GUTTER_WIDTH + SIDE_PANEL_WIDTH


def fit_to_screen(wanted: QSize, available: QRect, frame: QSize | None = None) -> QRect:
    """The first window's geometry: ``wanted`` (less the window frame ``frame``) shrunk to the
    screen's available area, centred in it."""
    frame = frame if frame is not None else QSize(0, 0)
    w = min(wanted.width(), available.width() - frame.width())
    h = min(wanted.height(), available.height() - frame.height())
    x = available.x() + (available.width() - frame.width() - w) // 2
    y = available.y() + (available.height() - frame.height() - h) // 2
    return QRect(x, y, max(w, 200), max(h, 200))


HIDDEN_MESSAGE = "The side panel is hidden to keep the text readable (F9 shows it)"


class SidePanelFit(QObject):
    """Hides the side panel of a narrow window, and brings it back (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        dock: QDockWidget,
        message: Callable[[str, int], None],
        text_scale: Callable[[], float] = lambda: 1.0,
    ) -> None:
        super().__init__(window)
        self._window = window
        # the panes' text size against the default (zoom times the reading-comfort size): a
        # pane's readable width grows with it
        self._text_scale = text_scale
        self._dock = dock
        self._message = message
        self._auto_hidden = False  # hidden by a narrow window (not by the user)
        self._forced = False  # shown by the user while the window is narrow
        self._narrowed = False  # given the narrow width by _fit_forced_panel
        self._last_width = window.width()
        dock.toggleViewAction().triggered.connect(self._on_toggled)
        dock.visibilityChanged.connect(self._on_visibility)

    def hidden_for_room(self) -> bool:
        """The panel is hidden by a narrow window (not by the reader): kept across a restart."""
        return self._auto_hidden and self._dock.isHidden()

    def shown_by_hand(self) -> bool:
        """The reader showed the panel (F9) in a narrow window: kept across a restart."""
        return self._forced and not self._dock.isHidden()

    def restore(self, hidden_for_room: bool, shown_by_hand: bool = False) -> None:
        """After the saved window state is restored: a panel that was hidden for room (and
        is hidden now) comes back when the window is wide enough, and one the reader showed
        in a narrow window stays shown (with its narrow width), as before the restart."""
        self._auto_hidden = hidden_for_room and self._dock.isHidden()
        self._forced = shown_by_hand and not self._dock.isHidden() and self._narrow()
        self.window_resized()
        if self._forced and not self._dock.isFloating():
            QTimer.singleShot(0, self._fit_forced_panel)

    def min_pane_width(self) -> int:
        """The narrowest pane that still sets about 45 characters a line of its text."""
        return round(MIN_PANE_WIDTH * max(1.0, self._text_scale()))

    def _narrow(self) -> bool:
        return self._window.width() < 2 * self.min_pane_width() + GUTTER_WIDTH + SIDE_PANEL_WIDTH

    def window_resized(self) -> None:
        """The window or the panes' text changed size: the panel gives way or comes back."""
        narrow = self._narrow()
        dock = self._dock
        width = self._window.width()
        narrowed, self._last_width = width < self._last_width, width
        if narrow and narrowed and self._forced and dock.isVisible() and not dock.isFloating():
            # shown by hand, the window narrower still: the panel shrinks, or gives way when
            # even its narrowest would leave the panes a few words a line
            if width - 2 * self.min_pane_width() - GUTTER_WIDTH >= MIN_PANEL_WIDTH:
                QTimer.singleShot(0, self._fit_forced_panel)
            else:
                self._forced = False
        if not narrow:
            self._forced = False
        # isHidden, not isVisible: a window built narrow (before it is shown) counts too
        if narrow and not dock.isHidden() and not self._forced and not dock.isFloating():
            self._auto_hidden = True
            dock.hide()
            self._message(HIDDEN_MESSAGE, 6000)
        elif not narrow and self._auto_hidden:
            self._auto_hidden = False
            dock.show()
        if not narrow:
            self._widen_if_narrowed()

    def _widen_if_narrowed(self) -> None:
        """Wide again: the panel narrowed for room gets its width back, now or (hidden now)
        when it is shown again; it came back at its narrow width in a wide window."""
        dock = self._dock
        if self._narrowed and dock.isVisible() and not dock.isFloating():
            self._narrowed = False
            QTimer.singleShot(0, self._widen_panel)

    def narrow_panel_width(self) -> int:
        """The side panel's width when shown by hand in a narrow window."""
        room = self._window.width() - 2 * self.min_pane_width() - GUTTER_WIDTH
        return max(MIN_PANEL_WIDTH, min(NARROW_PANEL_WIDTH, room))

    def _on_visibility(self, visible: bool) -> None:
        """The panel is shown again: the message saying it is hidden is no longer true."""
        bar = self._window.statusBar() if isinstance(self._window, QMainWindow) else None
        if visible and bar is not None and bar.currentMessage() == HIDDEN_MESSAGE:
            bar.clearMessage()

    def _on_toggled(self, shown: bool) -> None:
        self._auto_hidden = False
        self._forced = shown and self._narrow()
        if self._forced and not self._dock.isFloating():
            # after the dock is laid out: resizeDocks needs it visible in its area
            QTimer.singleShot(0, self._fit_forced_panel)
        elif shown:
            self._widen_if_narrowed()

    def _fit_forced_panel(self) -> None:
        if self._dock.isVisible() and not self._dock.isFloating():
            width = self.narrow_panel_width()
            self._window.resizeDocks([self._dock], [width], Qt.Orientation.Horizontal)
            self._narrowed = True

    def _widen_panel(self) -> None:
        if self._dock.isVisible() and not self._dock.isFloating():
            self._window.resizeDocks([self._dock], [SIDE_PANEL_WIDTH], Qt.Orientation.Horizontal)
