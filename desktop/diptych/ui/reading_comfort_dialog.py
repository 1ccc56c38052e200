"""View → Reading comfort…: the dialog that sets font, size, line width and spacing live.

See ``reading_comfort.py`` for the value and where it is remembered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from diptych.ui.reading_comfort import (
    DEFAULT_COMFORT,
    LINE_HEIGHT_RANGE,
    MEASURE_RANGE,
    SIZE_RANGE,
    ReadingComfort,
)
from diptych.ui.theme import serif_font


class ReadingComfortDialog(QDialog):
    """Font family and size, line width and line spacing, applied as they are changed."""

    comfort_changed = Signal(object)  # ReadingComfort

    def __init__(self, comfort: ReadingComfort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reading_comfort_dialog")
        self.setWindowTitle("Reading comfort")
        self._original = comfort.clamped()
        self._current = self._original
        form = QFormLayout()
        self.family_box = QFontComboBox(self)
        self.family_box.setAccessibleName("Font")
        self.family_box.setEditable(False)
        self.size_box = QDoubleSpinBox(self)
        self.size_box.setAccessibleName("Font size")
        self.size_box.setRange(*SIZE_RANGE)
        self.size_box.setDecimals(1)
        self.size_box.setSingleStep(0.5)
        self.size_box.setSuffix(" pt")
        self.measure_box = QSpinBox(self)
        self.measure_box.setAccessibleName("Line width")
        self.measure_box.setRange(*MEASURE_RANGE)
        self.measure_box.setSingleStep(5)
        self.measure_box.setSuffix(" characters")
        self.spacing_box = QSpinBox(self)
        self.spacing_box.setAccessibleName("Line spacing")
        self.spacing_box.setRange(*LINE_HEIGHT_RANGE)
        self.spacing_box.setSingleStep(10)
        self.spacing_box.setSuffix(" %")
        form.addRow("&Font:", self.family_box)
        form.addRow("&Size:", self.size_box)
        form.addRow("Line &width:", self.measure_box)
        form.addRow("Line s&pacing:", self.spacing_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        reset = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        reset.setText("&Reset")
        reset.clicked.connect(lambda: self.set_comfort(DEFAULT_COMFORT))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self._show(self._original)
        self.family_box.currentFontChanged.connect(self._on_edited)
        self.size_box.valueChanged.connect(self._on_edited)
        self.measure_box.valueChanged.connect(self._on_edited)
        self.spacing_box.valueChanged.connect(self._on_edited)

    def comfort(self) -> ReadingComfort:
        return self._current

    def set_comfort(self, comfort: ReadingComfort) -> None:
        """Show ``comfort`` in the fields and apply it."""
        comfort = comfort.clamped()
        self._show(comfort)
        self.comfort_changed.emit(comfort)

    def _show(self, comfort: ReadingComfort) -> None:
        for w in (self.family_box, self.size_box, self.measure_box, self.spacing_box):
            w.blockSignals(True)
        self.family_box.setCurrentFont(
            QFont(comfort.family) if comfort.family else serif_font(comfort.point_size)
        )
        self.size_box.setValue(comfort.point_size)
        self.measure_box.setValue(comfort.measure)
        self.spacing_box.setValue(comfort.line_height)
        for w in (self.family_box, self.size_box, self.measure_box, self.spacing_box):
            w.blockSignals(False)
        self._current = comfort

    def _on_edited(self, *_args: Any) -> None:
        family = self.family_box.currentFont().family()
        if family == serif_font(self.size_box.value()).family():
            family = ""  # the bundled choice: keep its fallbacks
        new = ReadingComfort(
            family=family,
            point_size=self.size_box.value(),
            measure=self.measure_box.value(),
            line_height=self.spacing_box.value(),
        ).clamped()
        if new != self._current:
            self._current = new
            self.comfort_changed.emit(new)

    def reject(self) -> None:
        """Cancel: the look from before the dialog opened."""
        if self._current != self._original:
            self._current = self._original
            self.comfort_changed.emit(self._original)
        super().reject()
