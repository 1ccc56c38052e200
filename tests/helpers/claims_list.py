"""The claims panel's list as the reader sees it, for tests: headings, claim rows, and what
the model says of them (texts, tooltips, colours)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette

from diptych.ui.claims_panel import ClaimsPanel


def headings(panel: ClaimsPanel) -> list[QModelIndex]:
    """The group headings listed, top to bottom."""
    model = panel.model
    return [model.index(g, 0) for g in range(model.rowCount())]


def claim_row(panel: ClaimsPanel, group: int, row: int) -> QModelIndex:
    """The ``row``-th claim listed under heading ``group``."""
    return panel.model.index(row, 0, panel.model.index(group, 0))


def text(index: QModelIndex, column: int = 0) -> str:
    return str(index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole))


def tip(index: QModelIndex, column: int = 0) -> str:
    return str(index.siblingAtColumn(column).data(Qt.ItemDataRole.ToolTipRole))


def foreground(panel: ClaimsPanel, index: QModelIndex, column: int = 0) -> QColor:
    """The colour a row's text is painted in (the list's text colour unless the model says)."""
    value = index.siblingAtColumn(column).data(Qt.ItemDataRole.ForegroundRole)
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, QColor):
        return value
    return panel.tree.palette().color(QPalette.ColorRole.Text)


def background(index: QModelIndex, column: int = 0) -> QColor | None:
    value = index.siblingAtColumn(column).data(Qt.ItemDataRole.BackgroundRole)
    return value.color() if isinstance(value, QBrush) else value


def shown_rows(panel: ClaimsPanel) -> list[str]:
    """Texts of the rows a reader can see, top to bottom (headings and claims)."""
    out = []
    index = panel.model.index(0, 0)
    while index.isValid():
        out.append(text(index))
        index = panel.tree.indexBelow(index)
    return out
