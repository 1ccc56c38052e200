"""The Highlights tab of the side panel: every highlight of the pair, filterable, orphans apart.

It shows plain rows (``HighlightRow``) grouped "A — title", "B — title" and "Orphaned"; filters
by colour, side and text (quote or note). The list is a lazy model (only the rows on screen are
drawn), so a pair with 10,000 highlights lists at once and an edit updates one row. Orphans (whose passage could not be found in the
current text) get a "Re-attach to selection" button. ``HighlightController`` fills it
(``set_rows``) and listens to it. ``HighlightRow`` is defined in ``state.py``.

Wiring (the controller does it in ``HighlightController.attach_panel(panel)``)::

    panel.highlight_activated.connect(...)   # str id: a row was clicked / Enter pressed
    panel.reattach_requested.connect(...)    # str id: re-attach this orphan to the selection
    panel.delete_requested.connect(...)      # str id: Delete key on a row
    panel.claim_from_link_requested.connect(...)  # str id: its link is the same claim
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import HIGHLIGHT_COLORS, swatch_icon
from diptych.ui.highlights.state import HighlightRow
from diptych.ui.safe_text import plain_tip, visible

ID_ROLE = Qt.ItemDataRole.UserRole
GROUPS = ("a", "b", "orphaned")
MAX_ROW_BUTTONS = 200  # "Re-attach" buttons drawn in rows; past that, the button below the list


def row_text(r: HighlightRow) -> str:
    mark = "  ⇄ " if r.linked_quote else "  "
    moved = "(moved) " if r.status == "reanchored" else ""
    text = f"{r.side.upper()}{mark}{moved}“{shorten(r.quote, 90)}”"
    # every row is two lines (uniform rows keep long lists cheap): the notes, if any, below
    # each tag cut short: a long one would push the note out of sight
    notes = [shorten(" ".join(f"#{shorten(t, 24)}" for t in r.tags), 60)] if r.tags else []
    if r.note:
        notes.append(shorten(r.note, 90))
    if r.link_note:
        notes.append("⇄ " + shorten(r.link_note, 90))
    return text + "\n      " + "  ·  ".join(notes)


def row_tooltip(r: HighlightRow) -> str:
    lines = [shorten(r.quote, 400)]
    if r.note:
        lines.append(f"Note: {shorten(r.note, 400)}")
    if r.link_note:
        lines.append(f"Link note: {shorten(r.link_note, 400)}")
    if r.tags:
        lines.append("Tags: " + ", ".join(r.tags))
    if r.linked_quote:
        lines.append(f"Linked with: {shorten(r.linked_quote, 200)}")
    if r.status == "reanchored":
        lines.append("The article changed; this highlight was found again nearby.")
    if r.status == "orphaned" and r.places > 1:
        lines.append(
            f"This passage reads at {r.places} places in the article and nothing says which "
            "one is meant: re-attach it to choose."
        )
    elif r.status == "orphaned":
        lines.append("The article changed and this passage was not found.")
    return "\n".join(lines)


class HighlightsModel(QAbstractTableModel):
    """A flat table: a header row per non-empty group (A, B, orphaned) followed by its
    highlights, filtered. Data is made on demand, so a long list costs only what is on screen
    (a tree view would walk every row in Python on each change)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: dict[str, HighlightRow] = {}
        self._shown: dict[str, list[HighlightRow]] = {g: [] for g in GROUPS}
        self._flat: list[HighlightRow | str] = []  # a group key (header) or a row
        self._pos: dict[str, int] = {}  # highlight id -> flat row
        self._titles = {"a": "A", "b": "B", "orphaned": "Orphaned"}
        self._filter: tuple[str | None, str | None, str] = (None, None, "")
        self._tag: str | None = None
        self._icons: dict[str, QIcon] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # data in
    def set_titles(self, title_a: str, title_b: str) -> None:
        self._titles["a"] = f"A — {title_a or 'A'}"
        self._titles["b"] = f"B — {title_b or 'B'}"
        self._titles["orphaned"] = (
            "Orphaned: passage not found in the current text, or found at several places"
        )
        if self._flat:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._flat) - 1, 0))

    def set_rows(self, rows: Iterable[HighlightRow]) -> None:
        self._rows = {r.id: r for r in rows}
        self._refilter()

    def update_rows(self, changed: Iterable[HighlightRow], removed: Iterable[str] = ()) -> None:
        for hid in removed:
            self._rows.pop(hid, None)
        for r in changed:
            self._rows[r.id] = r
        self._refilter()

    def set_filter(
        self, color: str | None, side: str | None, text: str, tag: str | None = None
    ) -> None:
        self._filter = (color, side, text.strip().casefold())
        self._tag = tag
        self._refilter()

    def tags(self) -> list[str]:
        """Every tag on a listed highlight, sorted."""
        return sorted({t for r in self._rows.values() for t in r.tags})

    def _refilter(self) -> None:
        color, side, needle = self._filter
        shown: dict[str, list[HighlightRow]] = {g: [] for g in GROUPS}
        for r in self._rows.values():
            if color is not None and r.color != color:
                continue
            if side is not None and r.side != side:
                continue
            if self._tag is not None and self._tag not in r.tags:
                continue
            if needle and not r.matches(needle):
                continue
            shown[r.group].append(r)
        flat: list[HighlightRow | str] = []
        for g in GROUPS:
            lst = shown[g]
            lst.sort(key=lambda r: (r.side, r.start, r.id))
            if lst:
                flat.append(g)
                flat.extend(lst)
        self.beginResetModel()
        self._shown = shown
        self._flat = flat
        self._pos = {x.id: i for i, x in enumerate(flat) if not isinstance(x, str)}
        self.endResetModel()

    # queries
    def all_rows(self) -> list[HighlightRow]:
        return list(self._rows.values())

    def shown(self, group: str) -> list[HighlightRow]:
        return self._shown[group]

    def header_rows(self) -> list[int]:
        out, row = [], 0
        for g in GROUPS:
            if self._shown[g]:
                out.append(row)
                row += 1 + len(self._shown[g])
        return out

    def row_of(self, index: QModelIndex) -> HighlightRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self._flat):
            return None
        x = self._flat[index.row()]
        return None if isinstance(x, str) else x

    def index_of(self, hid: str, column: int = 0) -> QModelIndex:
        row = self._pos.get(hid)
        return self.index(row, column) if row is not None else QModelIndex()

    def group_title_of(self, hid: str) -> str:
        r = self._rows.get(hid)
        return self._titles[r.group] if r is not None and hid in self._pos else ""

    # the model interface
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._flat)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._flat[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._flat):
            return None
        x = self._flat[index.row()]
        if isinstance(x, str):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                # a title's bidi override would turn the count around: shown as U+FFFD
                return f"{visible(self._titles[x])}  ({len(self._shown[x])})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        if role == ID_ROLE:
            return x.id
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return visible(row_text(x))  # a note's U+202E would show the rest reversed
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(x.color)
            if icon is None:
                icon = self._icons[x.color] = swatch_icon(x.color)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row_tooltip(x))
        return None


class HighlightsPanel(QWidget):
    """All highlights of the pair, grouped by side, orphans in their own group."""

    highlight_activated = Signal(str)
    reattach_requested = Signal(str)
    delete_requested = Signal(str)
    claim_from_link_requested = Signal(str)  # a linked row's "Linked passages are the same claim"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HighlightsModel(self)

        self.color_combo = QComboBox()
        self.color_combo.addItem("All colours", None)
        for c in HIGHLIGHT_COLORS:
            self.color_combo.addItem(swatch_icon(c.name), c.label, c.name)
        self.side_combo = QComboBox()
        self.side_combo.addItem("Both sides", None)
        self.side_combo.addItem("A only", "a")
        self.side_combo.addItem("B only", "b")
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tag_filter")
        self.tag_combo.setToolTip("Show the highlights with one tag")
        self.tag_combo.setAccessibleName("Tag filter")
        self.tag_combo.addItem("All tags", None)
        # about 5 characters at least, not as wide as the longest tag (a narrow panel fits)
        self.tag_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_combo.setMinimumContentsLength(5)
        self.tag_combo.setVisible(False)  # until some highlight has a tag
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by text, note or tag…")
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.color_combo)
        filters.addWidget(self.side_combo)
        filters.addWidget(self.tag_combo, 1)
        filters.addStretch(0)

        self.tree = QTableView()  # a flat table: lazy for long lists, see HighlightsModel
        self.tree.setModel(self.model)
        self.tree.horizontalHeader().hide()
        self.tree.verticalHeader().hide()
        self.tree.setShowGrid(False)
        self.tree.setWordWrap(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAlternatingRowColors(True)
        vh = self.tree.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        hh = self.tree.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        hh.resizeSection(1, self.fontMetrics().horizontalAdvance("Re-attach to selection") + 24)
        self.empty_label = QLabel("No highlights yet: select text in a pane and press Ctrl+1.")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label = QLabel()
        self.reattach_current = QPushButton("Re-attach to selection")
        self.reattach_current.setToolTip(
            "Select where the orphaned highlight belongs in its pane, then click here"
        )
        self.reattach_current.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.reattach_current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        # the text filter on a row of its own: the combos beside it (a long tag, a narrow
        # panel) would leave it a few pixels
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label, 1)  # in the tree's place: the count stays at the bottom
        layout.addLayout(bottom)

        self.color_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.side_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.search.textChanged.connect(self._on_filters_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.clicked.connect(self._on_index_activated)
        self.tree.activated.connect(self._on_index_activated)
        self.model.modelReset.connect(self._after_reset)
        self.reattach_current.clicked.connect(self._on_reattach_current)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_key)
        self._current_id: str | None = None
        self._after_reset()

    # -- data --------------------------------------------------------------------------------
    def set_titles(self, title_a: str, title_b: str) -> None:
        self.model.set_titles(title_a, title_b)

    def set_rows(self, rows: Sequence[HighlightRow]) -> None:
        """Show these highlights (replaces the list; filters and the current row are kept)."""
        self.model.set_rows(rows)

    def update_rows(self, changed: Iterable[HighlightRow], removed: Iterable[str] = ()) -> None:
        """Add or replace some rows and drop others (one edit: cheap on long lists)."""
        self.model.update_rows(changed, removed)

    def rows(self) -> list[HighlightRow]:
        return self.model.all_rows()

    def select(self, hid: str) -> None:
        """Make ``hid`` the current row without emitting anything."""
        idx = self.model.index_of(hid)
        if idx.isValid():
            self._current_id = hid
            with QSignalBlocker(self.tree.selectionModel()):
                self.tree.selectionModel().setCurrentIndex(
                    idx,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            self.tree.scrollTo(idx)
            self._update_reattach_current()

    def current_id(self) -> str | None:
        r = self.model.row_of(self.tree.currentIndex())
        return r.id if r is not None else None

    def visible_ids(self) -> list[str]:
        """Ids of the rows shown, top to bottom."""
        return [r.id for g in GROUPS for r in self.model.shown(g)]

    def group_of(self, hid: str) -> str:
        """The visible name of the group a highlight is listed in (for tests and logs)."""
        return self.model.group_title_of(hid)

    def reattach_button(self, hid: str) -> QPushButton | None:
        idx = self.model.index_of(hid, 1)
        w = self.tree.indexWidget(idx) if idx.isValid() else None
        return w if isinstance(w, QPushButton) else None

    def set_filters(
        self,
        *,
        color: str | None = None,
        side: str | None = None,
        text: str = "",
        tag: str | None = None,
    ) -> None:
        self._update_tag_choices()
        with QSignalBlocker(self.tag_combo):
            self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(tag)) if tag else 0)
        with QSignalBlocker(self.color_combo), QSignalBlocker(self.side_combo):
            self.color_combo.setCurrentIndex(
                max(0, self.color_combo.findData(color)) if color else 0
            )
            self.side_combo.setCurrentIndex(max(0, self.side_combo.findData(side)) if side else 0)
        with QSignalBlocker(self.search):
            self.search.setText(text)
        self._on_filters_changed()

    # -- after a change ----------------------------------------------------------------------
    def _on_filters_changed(self) -> None:
        self.model.set_filter(
            self.color_combo.currentData(),
            self.side_combo.currentData(),
            self.search.text(),
            self.tag_combo.currentData(),
        )

    def _update_tag_choices(self) -> None:
        """The tag filter lists the tags of the listed highlights (kept while one is chosen)."""
        current = self.tag_combo.currentData()
        tags = self.model.tags()
        if current is not None and current not in tags:
            tags = sorted([*tags, current])
        have = [self.tag_combo.itemData(i) for i in range(1, self.tag_combo.count())]
        if have != tags:
            with QSignalBlocker(self.tag_combo):
                self.tag_combo.clear()
                self.tag_combo.addItem("All tags", None)
                for t in tags:
                    self.tag_combo.addItem(f"#{visible(t)}", t)  # a U+202E shown inert
                self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(current)))
        self.tag_combo.setVisible(bool(tags))

    def _after_reset(self) -> None:
        self._update_tag_choices()
        self.tree.clearSpans()
        for row in self.model.header_rows():
            self.tree.setSpan(row, 0, 1, 2)
        orphans = self.model.shown("orphaned")
        self.tree.setColumnHidden(1, not orphans)
        for r in orphans[:MAX_ROW_BUTTONS]:
            self.tree.setIndexWidget(self.model.index_of(r.id, 1), self._reattach_button_for(r))
        if self._current_id is not None:
            idx = self.model.index_of(self._current_id)
            if idx.isValid():
                with QSignalBlocker(self.tree.selectionModel()):
                    self.tree.selectionModel().setCurrentIndex(
                        idx,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
        total = len(self.model.all_rows())
        shown = sum(len(self.model.shown(g)) for g in GROUPS)
        self.empty_label.setVisible(total == 0)
        self.tree.setVisible(total > 0)
        n_orphans = sum(1 for r in self.model.all_rows() if r.status == "orphaned")
        noun = "highlight" if total == 1 else "highlights"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        if n_orphans:
            text += f" · {n_orphans} orphaned"
        self.count_label.setText(text)
        self._update_reattach_current()

    def _reattach_button_for(self, r: HighlightRow) -> QPushButton:
        button = QPushButton("Re-attach to selection")
        button.setToolTip(
            f"Select the passage in pane {r.side.upper()} where this highlight belongs, "
            "then click here"
        )
        hid = r.id
        button.clicked.connect(lambda _=False: self.reattach_requested.emit(hid))
        return button

    def _update_reattach_current(self) -> None:
        r = self.model.row_of(self.tree.currentIndex())
        # rows carry their own button; this one serves orphans past MAX_ROW_BUTTONS
        self.reattach_current.setVisible(len(self.model.shown("orphaned")) > MAX_ROW_BUTTONS)
        self.reattach_current.setEnabled(r is not None and r.status == "orphaned")

    # -- events ------------------------------------------------------------------------------
    def _on_index_activated(self, index: QModelIndex) -> None:
        r = self.model.row_of(index)
        if r is not None:
            self._current_id = r.id
            self._update_reattach_current()
            self.highlight_activated.emit(r.id)

    def context_menu_for(self, index: QModelIndex) -> QMenu | None:
        """The menu of a row (None when it has no entries): a linked highlight's link can
        become the reader's claim."""
        r = self.model.row_of(index)
        if r is None or not r.linked_quote:
            return None
        menu = QMenu(self)
        hid = r.id
        menu.addAction("Linked passages are the same claim").triggered.connect(
            lambda: self.claim_from_link_requested.emit(hid)
        )
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu_for(self.tree.indexAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _on_reattach_current(self) -> None:
        r = self.model.row_of(self.tree.currentIndex())
        if r is not None and r.status == "orphaned":
            self.reattach_requested.emit(r.id)

    def _on_delete_key(self) -> None:
        r = self.model.row_of(self.tree.currentIndex())
        if r is not None:
            self.delete_requested.emit(r.id)
