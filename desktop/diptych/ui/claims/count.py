"""The claims panel's count line ("31 claims · 1 rejected"): one line beside the Add pair and
Link these buttons, in the longest of its wordings that fits (``CountLine``)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class CountLine(QLabel):
    """A one-line plain-text label given its text in several wordings, longest first
    (``set_wordings``): it shows the first that fits its width, the last one elided when none
    does; ``text()`` and the tooltip are the whole first one. Its minimum width is small, so
    the buttons beside it keep theirs (wrapped, the count took two lines at 1000×700; cut, it
    read "31 claims · 1 rejecte"). Painted in the palette's text colour (either theme)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self._shorter: tuple[str, ...] = ()

    def set_wordings(self, text: str, *shorter: str) -> None:
        """Say ``text``, or the first of ``shorter`` that fits when it does not."""
        self._shorter = shorter
        super().setText(text)
        self.setToolTip(text)
        self.update()

    def setText(self, text: str) -> None:  # one wording (elided when it does not fit)
        self.set_wordings(text)

    def _room(self) -> int:
        return self.contentsRect().width() - 2 * self.margin()

    def shown_text(self) -> str:
        """The wording shown at the label's width now."""
        metrics, room = self.fontMetrics(), self._room()
        wordings = (self.text(), *self._shorter)
        for wording in wordings:
            if metrics.horizontalAdvance(wording) <= room:
                return wording
        return metrics.elidedText(wordings[-1], Qt.TextElideMode.ElideRight, max(0, room))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("M…") * 3), hint.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
