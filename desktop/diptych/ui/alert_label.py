"""A label for messages that matter (a notice, a note that could not be saved): bold, in the
alert colour of the theme now shown.

The colour is set in the label's palette and picked again whenever the palette changes (a
theme switch), never in a style sheet: a style sheet's fixed colour is the light theme's dark
red on the dark window too (2.5:1, where body text needs 4.5:1). Plain text only.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from diptych.ui.theme import DARK, LIGHT


def alert_color_on(background: QColor) -> QColor:
    """The theme's alert colour for text on ``background`` (the dark theme's on a dark one)."""
    return QColor(DARK.alert if background.lightness() < 128 else LIGHT.alert)


class AlertLabel(QLabel):
    """A plain-text label in the alert colour while ``alert`` is on (see the module
    docstring); otherwise an ordinary label in the palette's text colour."""

    def __init__(self, parent: QWidget | None = None, *, alert: bool = True) -> None:
        super().__init__("", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._alert = False
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
