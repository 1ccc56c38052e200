"""What the highlights package needs from a reading pane (``ReaderPane`` provides it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QPoint, SignalInstance
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QWidget

from diptych.core.model import Article


class HighlightPane(Protocol):
    """A pane showing one article. Offsets are code points in ``article().text``."""

    # signals (instances on the pane)
    context_menu_requested: SignalInstance  # (QMenu, offset): add entries before it shows
    selection_changed: SignalInstance  # (start, end)
    focus_entered: SignalInstance  # ()
    scrolled: SignalInstance  # ()
    layout_changed: SignalInstance  # (): a new document (zoom, theme, another article)
    destroyed: SignalInstance  # QObject's

    def article(self) -> Article | None: ...
    def selected_span(self) -> tuple[int, int] | None: ...
    def clear_selection(self) -> None: ...
    def set_highlight_spans(self, spans: Sequence[tuple[int, int, QColor, Any]]) -> None: ...
    def highlight_at(self, offset: int) -> Any | None: ...
    def offset_at_point(self, point: QPoint) -> int: ...
    def y_of_offset(self, offset: int) -> int: ...
    def visible_range(self) -> tuple[int, int]: ...
    def theme(self) -> Any: ...  # ``.dark`` tells which highlight colours to paint
    def document(self) -> QTextDocument: ...
    def viewport(self) -> QWidget: ...  # hover and click are read through an event filter
    def window(self) -> QWidget: ...
