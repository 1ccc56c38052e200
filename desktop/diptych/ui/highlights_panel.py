"""The Highlights tab of the side panel: every highlight of the pair, filterable, orphans apart.

It shows plain rows (``HighlightRow``) grouped "A — title", "B — title" and "Orphaned"; filters
by colour, side and text (quote or note). Orphans (whose passage could not be found in the
current text) get a "Re-attach to selection" button. ``HighlightController`` fills it
(``set_rows``) and listens to it.

Wiring (the controller does it in ``HighlightController.attach_panel(panel)``)::

    panel.highlight_activated.connect(...)   # str id: a row was clicked / Enter pressed
    panel.reattach_requested.connect(...)    # str id: re-attach this orphan to the selection
    panel.delete_requested.connect(...)      # str id: Delete key on a row
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diptych.ui.claims_panel import shorten
from diptych.ui.highlight_colors import HIGHLIGHT_COLORS, swatch_icon

_ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class HighlightRow:
    """What the list shows of one highlight."""

    id: str
    side: str  # "a" | "b"
    color: str
    quote: str
    note: str
    status: str  # "anchored" | "reanchored" | "orphaned"
    start: int = -1  # code point in the current text (-1 when orphaned); sorts the list
    linked_quote: str = ""  # the partner's quote when the highlight is linked


class HighlightsPanel(QWidget):
    """All highlights of the pair, grouped by side, orphans in their own group."""

    highlight_activated = Signal(str)
    reattach_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HighlightRow] = []
        self._titles = {"a": "A", "b": "B"}
        self._items: dict[str, QTreeWidgetItem] = {}

        self.color_combo = QComboBox()
        self.color_combo.addItem("All colours", None)
        for c in HIGHLIGHT_COLORS:
            self.color_combo.addItem(swatch_icon(c.name), c.label, c.name)
        self.side_combo = QComboBox()
        self.side_combo.addItem("Both sides", None)
        self.side_combo.addItem("A only", "a")
        self.side_combo.addItem("B only", "b")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by text or note…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.color_combo)
        filters.addWidget(self.side_combo)
        filters.addWidget(self.search, 1)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel("No highlights yet: select text in a pane and press Ctrl+1.")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.count_label)

        self.color_combo.currentIndexChanged.connect(self._apply_filters)
        self.side_combo.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.tree.itemClicked.connect(self._on_item_activated)
        self.tree.itemActivated.connect(self._on_item_activated)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_key)
        self._rebuild()

    # -- data --------------------------------------------------------------------------------
    def set_titles(self, title_a: str, title_b: str) -> None:
        self._titles = {"a": title_a or "A", "b": title_b or "B"}
        self._rebuild()

    def set_rows(self, rows: Sequence[HighlightRow]) -> None:
        """Show these highlights (replaces the list; filters and the current row are kept)."""
        self._rows = list(rows)
        self._rebuild()

    def rows(self) -> list[HighlightRow]:
        return list(self._rows)

    def select(self, hid: str) -> None:
        """Make ``hid`` the current row without emitting anything."""
        item = self._items.get(hid)
        if item is not None:
            with QSignalBlocker(self.tree):
                self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def visible_ids(self) -> list[str]:
        """Ids of the rows shown, top to bottom."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group.isHidden():
                continue
            for c in range(group.childCount()):
                item = group.child(c)
                if not item.isHidden():
                    out.append(item.data(0, _ID_ROLE))
        return out

    def group_of(self, hid: str) -> str:
        """The visible name of the group a highlight is listed in (for tests and logs)."""
        item = self._items[hid]
        return item.parent().text(0)

    def reattach_button(self, hid: str) -> QPushButton | None:
        item = self._items.get(hid)
        if item is None:
            return None
        w = self.tree.itemWidget(item, 1)
        return w if isinstance(w, QPushButton) else None

    def set_filters(
        self, *, color: str | None = None, side: str | None = None, text: str = ""
    ) -> None:
        self.color_combo.setCurrentIndex(max(0, self.color_combo.findData(color)) if color else 0)
        self.side_combo.setCurrentIndex(max(0, self.side_combo.findData(side)) if side else 0)
        self.search.setText(text)

    # -- building ----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        current = self.tree.currentItem()
        current_id = current.data(0, _ID_ROLE) if current is not None else None
        self._items.clear()
        with QSignalBlocker(self.tree):
            self.tree.clear()
            bold = self.tree.font()
            bold.setBold(True)
            groups: dict[str, QTreeWidgetItem] = {}
            for key, name in (
                ("a", f"A — {self._titles['a']}"),
                ("b", f"B — {self._titles['b']}"),
                ("orphaned", "Orphaned: passage not found in the current text"),
            ):
                g = QTreeWidgetItem([name, ""])
                g.setFlags(Qt.ItemFlag.ItemIsEnabled)
                g.setFont(0, bold)
                g.setData(0, _ID_ROLE, None)
                self.tree.addTopLevelItem(g)
                g.setFirstColumnSpanned(True)
                groups[key] = g
            ordered = sorted(self._rows, key=lambda r: (r.side, r.start, r.id))
            for r in ordered:
                group = groups["orphaned" if r.status == "orphaned" else r.side]
                item = QTreeWidgetItem(group, [self._row_text(r), ""])
                item.setData(0, _ID_ROLE, r.id)
                item.setIcon(0, swatch_icon(r.color))
                item.setToolTip(0, self._row_tooltip(r))
                self._items[r.id] = item
            self.tree.expandAll()
            for r in ordered:
                if r.status == "orphaned":
                    self._add_reattach_button(r)
            if current_id in self._items:
                self.tree.setCurrentItem(self._items[current_id])
        self._apply_filters()

    def _add_reattach_button(self, r: HighlightRow) -> None:
        button = QPushButton("Re-attach to selection")
        button.setToolTip(
            f"Select the passage in pane {r.side.upper()} where this highlight belongs, "
            "then click here"
        )
        button.clicked.connect(lambda _=False, hid=r.id: self.reattach_requested.emit(hid))
        self.tree.setItemWidget(self._items[r.id], 1, button)

    @staticmethod
    def _row_text(r: HighlightRow) -> str:
        mark = "  ⇄ " if r.linked_quote else "  "
        moved = "(moved) " if r.status == "reanchored" else ""
        first = f"{r.side.upper()}{mark}{moved}“{shorten(r.quote, 80)}”"
        return first + (f"\n     {shorten(r.note, 80)}" if r.note else "")

    @staticmethod
    def _row_tooltip(r: HighlightRow) -> str:
        lines = [shorten(r.quote, 400)]
        if r.note:
            lines.append(f"Note: {shorten(r.note, 400)}")
        if r.linked_quote:
            lines.append(f"Linked with: {shorten(r.linked_quote, 200)}")
        if r.status == "reanchored":
            lines.append("The article changed; this highlight was found again nearby.")
        if r.status == "orphaned":
            lines.append("The article changed and this passage was not found.")
        return "\n".join(lines)

    # -- filters -----------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        color = self.color_combo.currentData()
        side = self.side_combo.currentData()
        needle = self.search.text().strip().casefold()
        by_id = {r.id: r for r in self._rows}
        shown = 0
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            visible = 0
            for c in range(group.childCount()):
                item = group.child(c)
                r = by_id[item.data(0, _ID_ROLE)]
                ok = (
                    (color is None or r.color == color)
                    and (side is None or r.side == side)
                    and (not needle or needle in r.quote.casefold() or needle in r.note.casefold())
                )
                item.setHidden(not ok)
                visible += ok
            group.setHidden(visible == 0)
            shown += visible
        total = len(self._rows)
        self.empty_label.setVisible(total == 0)
        self.tree.setVisible(total > 0)
        orphans = sum(r.status == "orphaned" for r in self._rows)
        text = f"{total} highlights" if shown == total else f"{shown} of {total} highlights"
        if orphans:
            text += f" · {orphans} orphaned"
        self.count_label.setText(text)

    # -- events ------------------------------------------------------------------------------
    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hid = item.data(0, _ID_ROLE)
        if hid is not None:
            self.highlight_activated.emit(hid)

    def _on_delete_key(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, _ID_ROLE) is not None:
            self.delete_requested.emit(item.data(0, _ID_ROLE))
