"""A label for messages that matter (a notice, a note that could not be saved): bold, in the
alert colour of the theme now shown.

The colour is set in the label's palette and picked again whenever the palette changes (a
theme switch), never in a style sheet: a style sheet's fixed colour is the light theme's dark
red on the dark window too (2.5:1, where body text needs 4.5:1). Plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from diptych.ui.theme import DARK, LIGHT


def alert_color_on(background: QColor) -> QColor:
    """The theme's alert colour for text on ``background`` (the dark theme's on a dark one)."""
    return QColor(DARK.alert if background.lightness() < 128 else LIGHT.alert)


class AlertLabel(QLabel):
    """A plain-text label in the alert colour while ``alert`` is on (see the module
    docstring); otherwise an ordinary label in the palette's text colour."""

    def __init__(
        self, parent: QWidget | None = None, *, alert: bool = True, elide: bool = False
    ) -> None:
        super().__init__("", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._alert = False
        # elide: one line that may be given less than its text's width (a status bar shared
        # with other messages) and ends in "…" then, never cut mid-letter; text() stays whole
        self._elide = elide
        self.set_alert(alert)

    def is_alert(self) -> bool:
        return self._alert

    def set_alert(self, on: bool) -> None:
        if on == self._alert and self.font().weight() == self._weight():
            return
        self._alert = on
        font = self.font()
        font.setWeight(self._weight())
        self.setFont(font)
        if not on:
            self.setPalette(QPalette())  # nothing of its own: the parent's colours again
        self._follow_palette()

    def _weight(self) -> QFont.Weight:
        return QFont.Weight.DemiBold if self._alert else QFont.Weight.Normal

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._elide and self.text():
            return QSize(
                min(hint.width(), self.fontMetrics().horizontalAdvance("M…") * 3), hint.height()
            )
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:
        text = self.text()
        room = self.contentsRect().width() - 2 * self.margin()
        if not self._elide or self.fontMetrics().horizontalAdvance(text) <= room:
            super().paintEvent(event)
            return
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            QPalette.ColorRole.WindowText,
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()

    def _follow_palette(self) -> None:
        if not self._alert:
            return
        p = self.palette()
        want = alert_color_on(p.color(QPalette.ColorRole.Window))
        if p.color(QPalette.ColorRole.WindowText) != want:
            p.setColor(QPalette.ColorRole.WindowText, want)
            self.setPalette(p)  # a PaletteChange: the same colour then, nothing more to do
