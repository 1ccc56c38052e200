"""The claims list's models and delegates: ``ClaimsModel`` (headings and the claims under
them; a row's data is asked of the panel when the view shows it) and ``OnlyInModel`` (the
sentences only one article says), with the delegates that give every row one height."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from diptych.core.model import Article, ClaimPair, Span
from diptych.ui.claims.text import shorten
from diptych.ui.safe_text import plain_tip, visible

NO_TOPIC = "(no topic)"
# group keys of the two tiers (not topic names: those are plain text, these start with NUL)
STRONG_GROUP = "\x00strong"
POSSIBLE_GROUP = "\x00possible"
REJECTED_GROUP = "\x00rejected"
_CLAIM_ROLE = Qt.ItemDataRole.UserRole  # claim index on claim rows; None on topic headers
_SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end) on only-in lists
_ONLY_LINES = 2  # lines of text per row in the only-in lists


# what the score column says, and what it does not (the tier is decided apart: a strong claim
# may score below a possible one)
SCORE_TIP = (
    "Score: how likely the two passages state the same thing, as a model trained on "
    "sentence paraphrases reads them (0 to 1; each list is best first by it). Strong or "
    "possible is decided apart, by several independent signals, so a strong claim may score "
    "below a possible one."
)


def listed_score(c: ClaimPair) -> float:
    """The score the minimum-score filter reads: the engine's probability, but 1 for a claim
    the reader marked "same claim" (their verdict, not a guess the filter may hide)."""
    return 1.0 if c.verdict == "same" else c.score


class _RuledDelegate(QStyledItemDelegate):
    """Paints items as usual plus a hairline under each row, and 4 px more height; a heading
    is as tall as a claim's two lines, so that every row has one height (the list's rows are
    uniform: Qt then never measures thousands of rows to scroll to one)."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        r = option.rect
        painter.drawLine(r.left(), r.bottom(), r.right(), r.bottom())
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        if index.data(_CLAIM_ROLE) is None:  # a heading: one line where a claim has two
            size.setHeight(size.height() + QFontMetrics(option.font).lineSpacing())
        size.setHeight(size.height() + 4)
        return size


class OnlyInModel(QAbstractListModel):
    """The sentences of one article that have no partner, as a list model.

    Rows are made when the view asks for them (a long article has thousands of such
    sentences: building widget items for all of them froze the window for a fifth of a
    second). Display text is the sentence shortened, the tooltip a longer version, and
    ``_SPAN_ROLE`` its (start, end) in code points.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._spans: tuple[Span, ...] = ()
        self._article: Article | None = None

    def set_spans(self, spans: Sequence[Span], article: Article | None) -> None:
        self.beginResetModel()
        self._spans = tuple(spans)
        self._article = article
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or self._article is None or index.row() >= len(self._spans):
            return None
        span = self._spans[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:  # controls and overrides as U+FFFD
            return visible(shorten(self._article.span_text(span), 160))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(shorten(self._article.span_text(span), 600))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == _SPAN_ROLE:
            return (span.start, span.end)
        return None


class _FixedRowsDelegate(QStyledItemDelegate):
    """Rows of ``_ONLY_LINES`` wrapped lines (the last one elided): every row has the same
    height, so the view never measures thousands of rows."""

    GAP = 4  # pixels between rows

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        fm = QFontMetrics(option.font)
        return QSize(size.width(), fm.lineSpacing() * _ONLY_LINES + self.GAP)

    def paint(self, painter, option, index) -> None:
        # the style elides the last line that fits, but would still draw the top of the
        # next one into the row: paint into exactly the lines' height
        opt = QStyleOptionViewItem(option)
        opt.rect = option.rect.adjusted(0, 0, 0, -(self.GAP - 1))
        super().paint(painter, opt, index)


_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled  # not selectable: a heading
_CLAIM_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class ClaimsModel(QAbstractItemModel):
    """The claims list as a model: the group headings ("Strong claims (N)", a topic's name when
    grouped by topic, "Possible claims", "Rejected") as top-level rows, the claims listed under
    each as their children, two columns (the two fragments, the score).

    ``set_rows`` replaces what is listed (a model reset: a filter, a verdict, the grouping);
    nothing is made per claim up front: a row's texts, colours and tooltips are asked of the
    panel when the view shows that row (a long pair has thousands of claims: making a widget
    item for each froze the window for half a second at each verdict or filter). A verdict
    changes a few rows in place instead (``remove_row``, ``insert_row``, ``remove_heading``,
    ``insert_heading``, ``renumber``: see ``ClaimsPanel._update_claims``). Top-level indices
    carry internal id 0, a claim's its heading's id: a number given to the heading when it is
    listed, kept while it is (not its row: a heading listed or removed above it would have
    moved its claims' rows, the current one and the selection, under another heading)."""

    def __init__(self, panel) -> None:  # the ClaimsPanel (panel.py imports this module)
        super().__init__(panel)
        self._panel = panel
        self._groups: list[str] = []  # heading keys, top to bottom
        self._rows: list[list[int]] = []  # claim indices under each heading
        self._titles: list[str] = []  # each heading's title as shown (fitted to the width)
        self._where: dict[int, tuple[int, int]] = {}  # claim index -> (heading row, row)
        self._ids: list[int] = []  # each heading's id (its claims' internal id), top to bottom
        self._row_of: dict[int, int] = {}  # heading id -> its row
        self._next_id = 1
        self._bold = QFont()

    def set_rows(self, groups: Sequence[tuple[str, list[int]]], bold: QFont) -> None:
        self.beginResetModel()
        self._groups = [g for g, _ in groups]
        self._rows = [rows for _, rows in groups]
        self._titles = [""] * len(self._groups)
        self._ids = list(range(1, len(self._groups) + 1))
        self._next_id = len(self._groups) + 1
        self._row_of = {h: g for g, h in enumerate(self._ids)}
        self._bold = bold
        self.endResetModel()
        self.reindex()

    def reindex(self) -> None:
        """Each claim's row looked up again (after rows were inserted, removed, renumbered)."""
        self._where = {i: (g, r) for g, rows in enumerate(self._rows) for r, i in enumerate(rows)}

    def remove_row(self, group: int, row: int) -> None:
        """The claim at ``row`` under heading ``group`` no longer listed (``reindex`` after)."""
        self.beginRemoveRows(self.heading(group), row, row)
        del self._rows[group][row]
        self.endRemoveRows()

    def insert_row(self, group: int, row: int, claim: int) -> None:
        """Claim ``claim`` listed at ``row`` under heading ``group`` (``reindex`` after)."""
        self.beginInsertRows(self.heading(group), row, row)
        self._rows[group].insert(row, claim)
        self.endInsertRows()

    def remove_heading(self, group: int) -> None:
        """Heading ``group`` and its claims no longer listed."""
        self.beginRemoveRows(QModelIndex(), group, group)
        for items in (self._groups, self._rows, self._titles, self._ids):
            del items[group]
        self._row_of = {h: g for g, h in enumerate(self._ids)}
        self.endRemoveRows()

    def insert_heading(self, group: int, key: str) -> None:
        """Heading ``key`` listed at row ``group``, with no claims under it yet."""
        self.beginInsertRows(QModelIndex(), group, group)
        self._groups.insert(group, key)
        self._rows.insert(group, [])
        self._titles.insert(group, "")
        self._ids.insert(group, self._next_id)
        self._next_id += 1
        self._row_of = {h: g for g, h in enumerate(self._ids)}
        self.endInsertRows()

    def renumber(self, new_index: Sequence[int]) -> None:
        """Claim ``i`` listed is claim ``new_index[i]`` now (the same rows: nothing shown
        changes; ``reindex`` after)."""
        self._rows = [[new_index[i] for i in rows] for rows in self._rows]

    def groups(self) -> list[tuple[str, int]]:
        """(key, number of claims listed) of each heading, top to bottom."""
        return [(g, len(rows)) for g, rows in zip(self._groups, self._rows, strict=True)]

    def set_title(self, row: int, title: str) -> None:
        if self._titles[row] != title:
            self._titles[row] = title
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def repaint_all(self) -> None:
        """Every row asked for again (their colours come from the panel's palette)."""
        for row in range(len(self._groups)):
            heading = self.index(row, 0)
            self.dataChanged.emit(heading, self.index(row, 1))
            n = len(self._rows[row])
            if n:
                self.dataChanged.emit(self.index(0, 0, heading), self.index(n - 1, 1, heading))

    def listed(self) -> list[int]:
        """The claim indices listed, top to bottom."""
        return [i for rows in self._rows for i in rows]

    def index_of(self, claim: int, column: int = 0) -> QModelIndex:
        """Claim ``claim``'s row (invalid when it is not listed)."""
        at = self._where.get(claim)
        return QModelIndex() if at is None else self.createIndex(at[1], column, self._ids[at[0]])

    def heading(self, row: int) -> QModelIndex:
        return self.createIndex(row, 0, 0)

    # -- QAbstractItemModel -----------------------------------------------------------------
    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        # asked of every row at each layout of the view: as few steps as may be
        if parent.isValid():
            g = parent.row()
            if (
                parent.internalId() == 0
                and g < len(self._rows)
                and 0 <= row < len(self._rows[g])
                and 0 <= column < 2
            ):
                return self.createIndex(row, column, self._ids[g])
            return QModelIndex()
        if 0 <= row < len(self._groups) and 0 <= column < 2:
            return self.createIndex(row, column, 0)
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        g = self._row_of.get(index.internalId())
        return QModelIndex() if g is None else self.createIndex(g, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._rows[parent.row()]) if parent.row() < len(self._rows) else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("A says / B says", "Score")[section] if section in (0, 1) else None
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == 1
        ):
            return plain_tip(SCORE_TIP)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # asked of every row at each layout of the view: constants
        if not index.isValid():
            return _NO_FLAGS
        return _HEADING_FLAGS if index.internalId() == 0 else _CLAIM_FLAGS

    def claim_at(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        g = self._row_of.get(index.internalId(), -1) if index.isValid() else -1
        if g < 0:
            return None
        rows = self._rows[g]
        return rows[index.row()] if index.row() < len(rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            row = index.row()
            if row >= len(self._groups):
                return None
            return self._panel._heading_data(
                self._groups[row],
                len(self._rows[row]),
                self._titles[row],
                index.column(),
                role,
                self._bold,
            )
        if role == _CLAIM_ROLE:
            return self.claim_at(index)
        claim = self.claim_at(index)
        return None if claim is None else self._panel._claim_data(claim, index.column(), role)
