"""The Claims tab of the side panel: what both articles say, and what only one of them says.

Size (~800 lines, over the ~600 this project aims at): the three lists (claims, only in A,
only in B), their filters and the detail view share the panel's claim indices and selection;
the reader's verdicts are handled apart (``ui/claim_verdicts``).

The panel shows plain data (a ``ClaimsResult``, both ``Article``s and the ``TopicSet``): the
strong claims first, best first, then the possible ones under their own heading, greyed
(``ClaimPair.tier``); "Group by topic" groups the strong claims by topic instead (off by
default). Claims are filterable by topic and minimum score; each row shows the shared fragment
of both sentences (``core_a`` / ``core_b``) and the score, with "≠" when a figure, date or name
differs; a detail view with the word-level diff of the fragments (words only A says struck
through in red, words only B says in green) and what differs; tabs listing the sentences only
in A / only in B. Up/Down move from claim to claim (skipping the headers) and every move emits
``claim_selected``. A heading folds on a double click (its title then starts with "▸"); a
click on it leaves the chosen claim chosen. A filter, a theme switch or a shorter list keeps
the chosen claim where the reader sees it.

The reader's verdict: "Same claim" (``verdict_requested(i, "same")``: the claim becomes strong,
shown with ✓), "Not the same" (``verdict_requested(i, "different")``: the claim leaves the lists
for a "Rejected" heading at the end; a pair the reader added is removed), "Undo verdict" (``verdict_undo_requested(i)``), and "Add
pair" (``add_pair_requested``: the window makes a claim of the sentences selected in the two
panes). The panel only asks; the window's ``ClaimVerdicts`` keeps verdicts in the store.
Alt+S, Alt+N, Alt+U and Alt+D (the buttons' underlined letters) work from the list, which
keeps the focus (the buttons take it only from Tab). After a verdict the window selects the
next claim; a verdict button pressed again within ``VERDICT_HOLD_MS`` of that (a double click,
Alt+N twice) does not judge it (``verdicts_held()``); a claim the reader chooses is judged at
once.

Wiring (in ``MainWindow._connect_signals()``)::

    panel = ClaimsPanel()
    panel.set_claims(analysis.claims, analysis.a, analysis.b, analysis.topics.topic_set)
    panel.claim_selected.connect(window.show_claim)        # int: index in ClaimsResult.claims
    panel.jump_requested.connect(window.jump_to)           # (side "a"|"b", start, end) code points
    panel.link_claim_requested.connect(controller.link_claim)   # int: claim index
    gutter.link_clicked.connect(                            # gutter band -> select here
        lambda key: panel.select_claim(key[1]) if key[0] == "claim" else None)
    panel.claim_selected.connect(lambda i: gutter.set_selected(("claim", i)))

``select_claim(index)`` selects a row programmatically (and emits ``claim_selected`` unless
``emit=False``); ``visible_claims()`` lists the indices that pass the filters, in display order,
and ``filters_changed`` says when they may have changed (the window's gutter draws those).
The claims list (``tree``) is a ``QTreeView`` over a ``ClaimsModel`` (headings as top-level
rows, claims under them): a verdict, a filter or the grouping lists the claims' indices again
(a model reset) and a row's texts are made when it is first shown (a 3 MB pair has 11,262
claims: a widget item for each took 0.5-0.9 s at every verdict); ``row_index(i)`` is claim
``i``'s row. The only-in lists (``only_a``, ``only_b``) are ``QListView``s over
``OnlyInModel``s: rows are made when shown, with one fixed height, so thousands of sentences
cost nothing up front.
"""

from __future__ import annotations

import html
import math
import re
from bisect import bisect_left, insort
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSlider,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from diptych.core.compare.terms import is_shouting, term_in, word_spans
from diptych.core.model import (
    UNRELATED_NOTE,
    Article,
    ClaimPair,
    ClaimsResult,
    DiffOp,
    Span,
    TopicSet,
)
from diptych.core.wording import counted, differs_said, doubts_listed, doubts_said
from diptych.ui.safe_text import one_line, plain_tip, visible
from diptych.ui.topic_bar import chip_name

NO_TOPIC = "(no topic)"
# group keys of the two tiers (not topic names: those are plain text, these start with NUL)
STRONG_GROUP = "\x00strong"
POSSIBLE_GROUP = "\x00possible"
REJECTED_GROUP = "\x00rejected"
_CLAIM_ROLE = Qt.ItemDataRole.UserRole  # claim index on claim rows; None on topic headers
_SPAN_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, end) on only-in lists
_ONLY_LINES = 2  # lines of text per row in the only-in lists
_CELL_PADDING = 8  # pixels either side of a cell's text (the style's margin, and some air)
# after a verdict the list moves on to the next claim: a second press of a verdict button
# this soon after that (a double click, Alt+N twice, a bounce) is not a verdict on that claim
VERDICT_HOLD_MS = 400
# the minimum-score slider's shortest on one row with the other filters (0..1 in steps of
# 0.05: about 5 px a step); squeezed there it was once 30 px, a nudge rather than a control
SLIDER_MIN_WIDTH = 100
# before a folded heading's title, and what its tooltip adds
FOLDED_MARK = "▸ "
FOLDED_TIP = "\nFolded: double-click to show its claims"
DETAIL_PLACEHOLDER = "Select a claim to see what each article says."
# while the claims of a pair are being found (``show_pending``)
PENDING_TEXT = "Finding shared claims…"
# one line (a placeholder does not wrap); the status line counts the seconds
PENDING_DETAIL = "Finding the claims both articles make… long articles take a while."


def shorten(text: str, limit: int = 110) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _inert(text: str) -> str:
    """Untrusted ``text`` for the detail view's HTML: escaped, controls and bidi overrides as
    U+FFFD (``visible``)."""
    return html.escape(visible(text))


# a topic heading's tint: at most this share of its colour over the base, and at most this
# share of the way from the base to the selection colour (see ClaimsPanel._tint)
TINT_MOST = 0.25
TINT_ROOM = 0.35


def _rgb_distance(a: QColor, b: QColor) -> float:
    return math.dist((a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue()))


def _mixed(base: QColor, color: QColor, share: float) -> QColor:
    """``share`` (0..1) of ``color`` over ``base``."""
    return QColor(
        *(
            round(x * (1 - share) + y * share)
            for x, y in (
                (base.red(), color.red()),
                (base.green(), color.green()),
                (base.blue(), color.blue()),
            )
        )
    )


def color_icon(color: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(QColor(color))
    return QIcon(pm)


def _wordless(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _separators_as_shared(diff: Sequence[DiffOp]) -> list[DiffOp]:
    """``diff`` with each replacement of spacing or punctuation by spacing or punctuation
    ("bourgeois nationalist" / "bourgeois-nationalist") shown once, as shared: a struck space
    beside an underlined hyphen reads as "--", and no wording differs there. The form kept is
    the one that is not only white space (B's when both are)."""
    out: list[DiffOp] = []
    i = 0
    while i < len(diff):
        op, text = diff[i]
        if op != 0 and i + 1 < len(diff):
            op2, text2 = diff[i + 1]
            if op2 == -op and text and text2 and _wordless(text) and _wordless(text2):
                a_text, b_text = (text, text2) if op < 0 else (text2, text)
                out.append((0, b_text if b_text.strip() or not a_text.strip() else a_text))
                i += 2
                continue
        out.append((op, text))
        i += 1
    return out


_MOVED_TIP = "both say it, in another form or place"
_DIFF_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w]+")


def _side_term(diff: Sequence[DiffOp], side: int) -> Callable[[str], str | None]:
    """How a word of one side (-1: A, 1: B) becomes a term: as ``term_of``, but in a fragment
    written in capitals throughout "PRESIDENT" is the word "president" (``term_in``)."""
    text = "".join(t for op, t in diff if op in (0, side))
    shouting = is_shouting([text[s:e] for s, e in word_spans(text)])
    return lambda w: term_in(w, shouting)


def _edited_terms(diff: Sequence[DiffOp], side: int, term: Callable[[str], str | None]) -> set[str]:
    """The content terms of the words one side's edits hold (-1: A's, 1: B's)."""
    return {
        t for op, text in diff if op == side for w in _DIFF_WORD.findall(text) if (t := term(w))
    }


def diff_html(diff: Sequence[DiffOp], *, dark: bool = False) -> str:
    """HTML for a word-level diff: A-only words struck and red, B-only words green, shared
    words plain, and a word both sides say in another form or place (struck on one side,
    underlined on the other in the diff, which aligns words in order: "South America's most
    impoverished" / "most impoverished ... in South America") in plain italics on both. Text is
    escaped. Ops carry their own spacing; only where an A-only run is directly followed by its
    B-only replacement (or vice versa) is a space put between them."""
    a_color, b_color = ("#ff8a80", "#8fd694") if dark else ("#b3261e", "#1b7f2a")
    shown = _separators_as_shared(diff)
    term = {op: _side_term(shown, op) for op in (-1, 1)}
    moved = _edited_terms(shown, -1, term[-1]) & _edited_terms(shown, 1, term[1])

    def styled(op: int, text: str) -> str:
        esc = html.escape(visible(text))  # an override would turn the rest of it around
        if op < 0:
            return f'<s style="color:{a_color}" title="only in A">{esc}</s>'
        return f'<u style="color:{b_color}; font-weight:600">{esc}</u>'

    parts: list[str] = []
    prev, prev_op = "", 0
    for op, text in shown:
        if not text:
            continue
        replacement = prev_op != 0 and op != 0 and op != prev_op
        if replacement and prev and not prev[-1].isspace() and not text[0].isspace():
            parts.append(" ")
        if op == 0:
            parts.append(html.escape(visible(text)))
        else:
            run = ""  # words of this edit not said elsewhere by the other side
            after_moved = False
            for w in _DIFF_WORD.findall(text):
                if term[op](w) in moved:
                    if run:  # spacing between two such words is no change of its own
                        between = after_moved and _wordless(run)
                        parts.append(html.escape(visible(run)) if between else styled(op, run))
                        run = ""
                    parts.append(f'<i title="{_MOVED_TIP}">{html.escape(visible(w))}</i>')
                    after_moved = True
                else:
                    run += w
            if run:
                parts.append(styled(op, run))
        prev, prev_op = text, op
    return "".join(parts)


# at most this many claims changed (and as many gone) for the claims list to change in place
# (``ClaimsPanel._update_claims``): a verdict changes one or two, Ctrl+Z as many; more (the
# topics edited, another analysis) and the list is made again
UPDATE_LIMIT = 64


def _claims_changed(
    old: Sequence[ClaimPair], new: Sequence[ClaimPair], limit: int
) -> tuple[list[int], list[int]] | None:
    """How ``new`` differs from ``old``: for each claim of ``new`` its index in ``old`` when
    it is the very same claim (the same object: ``VerdictApplier`` keeps every claim no
    verdict touched), else -1; and the indices in ``old`` of the claims not kept. None when
    more than ``limit`` claims changed or went, or the claims kept are not in the same order."""
    at = {id(c): i for i, c in enumerate(old)}
    if len(at) != len(old):
        return None  # a claim listed twice: not told apart by identity
    new_to_old = [at.get(id(c), -1) for c in new]
    kept = [i for i in new_to_old if i >= 0]
    if len(new) - len(kept) > limit or len(old) - len(kept) > limit:
        return None
    if not all(map(int.__lt__, kept, kept[1:])):
        return None
    gone = sorted(set(range(len(old))).difference(kept))
    return new_to_old, gone


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

    def __init__(self, panel: ClaimsPanel) -> None:
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


class _ClaimTree(QTreeView):
    """A tree whose keyboard cursor moves between claim rows only, never onto topic headers;
    ``resized`` says its width changed (the headers' titles are fitted to it); ``chosen_again``
    says the current claim row was clicked, or Enter pressed on it (the panes may have been
    scrolled away from it since it was chosen: the panel shows it again)."""

    resized = Signal()
    chosen_again = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        current = self.currentIndex()
        super().resizeEvent(event)
        self.resized.emit()
        # made shorter (the window, the splitter under the list), the chosen claim stays in
        # view when it was (it was left below the list's bottom, out of sight)
        shrunk = event.oldSize().height() - event.size().height()
        if current.isValid() and shrunk > 0:
            rect = self.visualRect(current)
            view = self.viewport().rect()
            was_in_view = rect.isValid() and rect.top() >= 0
            was_in_view = was_in_view and rect.bottom() <= view.bottom() + shrunk
            if was_in_view and not view.contains(rect):
                self.scrollTo(current)

    def _select_row(self, index: QModelIndex) -> None:
        self.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _heading_at(self, event: QMouseEvent) -> QModelIndex | None:
        """The heading under ``event`` (None: no heading there)."""
        at = self.indexAt(event.position().toPoint())
        if not at.isValid() or at.parent().isValid():
            return None
        return at.siblingAtColumn(0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._heading_at(event) is not None:
            # a heading is no claim: the claim chosen stays chosen (made current, a heading
            # blanked the detail while the panes and the gutter still showed the claim)
            event.accept()
            return
        before = self.currentIndex().siblingAtColumn(0)
        super().mousePressEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and before.isValid()
            and self.indexAt(event.position().toPoint()).siblingAtColumn(0) == before
            and self.currentIndex().siblingAtColumn(0) == before
            and before.data(_CLAIM_ROLE) is not None
        ):
            self.chosen_again.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        heading = self._heading_at(event)
        if heading is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self.setExpanded(heading, not self.isExpanded(heading))  # folded, or open again
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and current.isValid()
            and current.data(_CLAIM_ROLE) is not None
        ):
            self._select_row(current)
            self.chosen_again.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # coming in by Tab, the view makes the first row current without selecting it: the
        # panes and the detail showed that claim while the list showed none chosen
        current = self.currentIndex()
        if current.isValid() and current.data(_CLAIM_ROLE) is not None:
            self._select_row(current)

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        # the first claim under a heading comes with its heading (Home chose the first strong
        # claim with "Strong claims (N)" just out of view, as if the list had no top)
        heading = index.parent()
        if index.row() == 0 and heading.isValid() and hint == self.ScrollHint.EnsureVisible:
            super().scrollTo(heading, hint)
        super().scrollTo(index, hint)

    def moveCursor(self, action, modifiers):
        start = self.currentIndex()
        idx = super().moveCursor(action, modifiers)
        if not idx.isValid() or idx.data(_CLAIM_ROLE) is not None:
            return idx
        # landed on a topic header: step on to the nearest claim, upwards when moving up
        act = self.CursorAction
        up = action in (act.MoveUp, act.MovePrevious, act.MoveEnd)
        found = self._claim_from(idx, up)
        if found.isValid():
            return found
        if start.isValid() and start.data(_CLAIM_ROLE) is not None:
            return start
        return self._claim_from(idx, not up)

    def _claim_from(self, idx: QModelIndex, up: bool) -> QModelIndex:
        while idx.isValid() and idx.data(_CLAIM_ROLE) is None:
            idx = self.indexAbove(idx) if up else self.indexBelow(idx)
        return idx


# the claims tabs' labels, longest first: the first that fits the panel's width is shown
_TAB_WORDINGS = (
    ("Claims ({})", "Only in A ({})", "Only in B ({})"),
    ("Claims ({})", "Only A ({})", "Only B ({})"),
    ("Claims {}", "A {}", "B {}"),
    ("{}", "A {}", "B {}"),
)


class ClaimsPanel(QWidget):
    """Overlapping claims grouped by topic, with filters, a word diff and only-in-A/B lists."""

    claim_selected = Signal(int)  # index into ClaimsResult.claims
    link_claim_requested = Signal(int)  # "Link these": make the claim a linked highlight pair
    jump_requested = Signal(str, int, int)  # side ("a"/"b"), start, end (code points)
    verdict_requested = Signal(int, str)  # claim index, "same" | "different"
    verdict_undo_requested = Signal(int)  # claim index
    add_pair_requested = Signal()  # make a claim of the sentences selected in both panes
    filters_changed = Signal()  # the claims listed changed (topic, minimum score, new claims)
    selection_hidden = Signal()  # a filter hid the selected claim: it is selected no more

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._claims: tuple[ClaimPair, ...] = ()
        self._pending = False  # the claims are being found (show_pending)
        self._a: Article | None = None
        self._b: Article | None = None
        self._topic_set: TopicSet | None = None
        # every claim's index in display order (strong first, best first) and its heading
        self._group_keys: list[str] = []
        # under each heading its claims' indices in display order, and each claim's score
        # and topic (what the filters look at)
        self._by_group: dict[str, list[int]] = {}
        self._scores: list[float] = []
        self._topics: list[str] = []
        self._headings: list[str] = []  # heading keys top to bottom, before the filters
        # the headings the reader folded (a double click), by key: kept while the list is
        # made again with the same articles (a verdict, Ctrl+Z, a filter, the grouping)
        self._folded: set[str] = set()
        # a row's texts, made when the view first shows it (keyed on the claim's spans: the
        # same for a claim whose index changed with a verdict)
        self._texts: dict[tuple[Span, Span, Span, Span], str] = {}
        self._icons: dict[str, QIcon] = {}
        self._quiet = False  # the current row set by the panel itself: no claim_selected
        # the current row was kept while the list changed in place (``_update_claims``):
        # selecting it again emits ``claim_selected`` (Qt says nothing of the same row)
        self._kept_current = False
        # how many claims have each score text, and each topic (kept up to date by a verdict)
        self._score_texts: dict[str, int] = {}
        self._topic_counts: dict[str, int] = {}
        # the claim the last verdict was asked on; whether the list was made again since
        # (with the verdict); the claim the list then moved to (held: the verdict buttons do
        # not judge it until VERDICT_HOLD_MS after it was shown)
        self._judged: tuple[Span, Span] | None = None
        self._rebuilt = False
        self._held: tuple[Span, Span] | None = None
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(VERDICT_HOLD_MS)
        self._hold.timeout.connect(self._end_hold)

        # filters
        self.topic_combo = QComboBox()
        self.topic_combo.setToolTip("Show the claims of one topic")
        self.score_slider = QSlider(Qt.Orientation.Horizontal)
        self.score_slider.setRange(0, 100)
        self.score_slider.setSingleStep(5)
        self.score_slider.setPageStep(10)
        self.score_slider.setToolTip("Minimum score")
        self.score_label = QLabel()
        self.score_label.setMinimumWidth(self.score_label.fontMetrics().horizontalAdvance("≥ 0.00"))
        self.min_score_label = QLabel("Min score")
        self.group_check = QCheckBox("Group by topic")
        self.group_check.setToolTip(
            "Group the strong claims by topic (otherwise they are listed best first)"
        )
        # one row when the panel is wide enough, two in a narrow panel (see _arrange_filters)
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        self._filters = filters
        self._filters_wide: bool | None = None
        self._arrange_filters(True)

        # the claims tree: a view over the claims model (rows made when shown)
        self.tree = _ClaimTree()
        self.model = ClaimsModel(self)
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        # one height for every row (headings as tall as claims, see _RuledDelegate): with
        # rows of their own heights, scrolling to a claim far down measured every row above
        # it (11,262 claims of a 3 MB pair: 0.8 s for a click in the gutter, End, a verdict)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        # two-line rows: a rule under each claim keeps them apart
        self.tree.setItemDelegate(_RuledDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the score column as wide as its widest text, set when the list is made: fitted to
        # its contents by Qt, it measured a thousand rows at each layout of a long list
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)

        # detail: the word-level diff of the current claim
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.setPlaceholderText(DETAIL_PLACEHOLDER)
        self.link_button = QPushButton("Link these")
        self.link_button.setToolTip("Turn this claim into a linked pair of highlights")
        self.link_button.setEnabled(False)
        self.same_button = QPushButton("✓ &Same claim")
        self.same_button.setToolTip("Both say the same thing: keep this claim (strong)")
        self.reject_button = QPushButton("&Not the same")
        self.reject_button.setToolTip("They say different things: hide it under Rejected")
        self.undo_button = QPushButton("&Undo verdict")
        self.undo_button.setToolTip("Forget your verdict on this claim")
        self.add_pair_button = QPushButton("A&dd pair")
        self.add_pair_button.setToolTip(
            "Select a sentence in each pane, then add them as a claim of your own"
        )
        for btn in (self.same_button, self.reject_button, self.undo_button, self.link_button):
            btn.setEnabled(False)
        # Alt+S, Alt+N, Alt+U, Alt+D (the underlined letters) judge the selected claim from
        # the list and leave the focus there, on the claim selected next; a click does not
        # take the focus either (Tab still reaches the buttons)
        for btn in (self.same_button, self.reject_button, self.undo_button, self.add_pair_button):
            btn.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.count_label = QLabel()
        # on two lines when the panel is narrow: cut short by the buttons beside it, the
        # count read "31 claims · 1 rejecte"
        self.count_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.add_pair_button)
        buttons.addWidget(self.link_button)
        verdicts = QHBoxLayout()
        verdicts.setContentsMargins(0, 0, 0, 0)
        verdicts.addWidget(self.same_button)
        verdicts.addWidget(self.reject_button)
        verdicts.addWidget(self.undo_button)
        verdicts.addStretch(1)

        detail_box = QWidget()
        dl = QVBoxLayout(detail_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail, 1)
        dl.addLayout(verdicts)
        dl.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        # said when the two articles look unrelated (few claims, and why)
        self.unrelated_label = QLabel(UNRELATED_NOTE)
        self.unrelated_label.setObjectName("unrelated_note")
        self.unrelated_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unrelated_label.setWordWrap(True)
        self.unrelated_label.setStyleSheet("QLabel#unrelated_note { font-style: italic; }")
        self.unrelated_label.hide()

        claims_tab = QWidget()
        cl = QVBoxLayout(claims_tab)
        cl.setContentsMargins(4, 4, 4, 4)
        cl.addLayout(filters)
        cl.addWidget(self.unrelated_label)
        cl.addWidget(split, 1)

        self.only_a = QListView()
        self.only_b = QListView()
        self.only_a_model = OnlyInModel(self)
        self.only_b_model = OnlyInModel(self)
        for lst, model in ((self.only_a, self.only_a_model), (self.only_b, self.only_b_model)):
            lst.setModel(model)
            lst.setUniformItemSizes(True)
            lst.setItemDelegate(_FixedRowsDelegate(lst))
            lst.setWordWrap(True)
            lst.setAlternatingRowColors(True)
            lst.setTextElideMode(Qt.TextElideMode.ElideRight)
            lst.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.tabs = QTabWidget()
        self._tab_counts: list[int | None] = [None, None, None]  # claims shown, only in A, B
        # in a narrow side panel the three tabs share the width (texts elided) instead of the
        # last one hiding behind scroll arrows
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.addTab(claims_tab, "Claims")
        for lst, side in ((self.only_a, "A"), (self.only_b, "B")):
            lst.setSpacing(2)
            page = QWidget()
            pl = QVBoxLayout(page)
            pl.setContentsMargins(4, 4, 4, 4)
            hint = QLabel(
                f"Sentences of {side} with no partner in the other article. "
                f"Click one to show it in pane {side}."
            )
            hint.setWordWrap(True)
            pl.addWidget(hint)
            pl.addWidget(lst, 1)
            self.tabs.addTab(page, f"Only in {side}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.topic_combo.currentIndexChanged.connect(self._apply_filters)
        self.group_check.toggled.connect(self._on_grouping_toggled)
        self.score_slider.valueChanged.connect(self._on_score_slider_changed)
        self.score_slider.sliderReleased.connect(self._fit_filters)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree.resized.connect(self._fit_group_titles)
        self.tree.expanded.connect(lambda heading: self._on_folded(heading, False))
        self.tree.collapsed.connect(lambda heading: self._on_folded(heading, True))
        self.tree.chosen_again.connect(self._on_chosen_again)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.same_button.clicked.connect(lambda: self._ask_verdict("same"))
        self.reject_button.clicked.connect(lambda: self._ask_verdict("different"))
        self.undo_button.clicked.connect(self._ask_undo)
        self.add_pair_button.clicked.connect(self.add_pair_requested)
        self.only_a.activated.connect(lambda idx: self._on_only_item(idx, "a"))
        self.only_a.clicked.connect(lambda idx: self._on_only_item(idx, "a"))
        self.only_b.activated.connect(lambda idx: self._on_only_item(idx, "b"))
        self.only_b.clicked.connect(lambda idx: self._on_only_item(idx, "b"))
        self._update_score_label()

    def key_buttons(self) -> tuple[QPushButton, ...]:
        """The buttons with an Alt key that works from the claims list (Help → Keyboard
        shortcuts lists them)."""
        return (self.same_button, self.reject_button, self.undo_button, self.add_pair_button)

    def _filter_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.topic_combo,
            self.min_score_label,
            self.score_slider,
            self.score_label,
            self.group_check,
        )

    def _arrange_filters(self, wide: bool) -> None:
        """The filters on one row (wide), or on two (narrow: topic and grouping, then the
        minimum score), so none is cut off in a narrow side panel."""
        if wide == self._filters_wide:
            return
        self._filters_wide = wide
        grid = self._filters
        for w in self._filter_widgets():
            grid.removeWidget(w)
        if wide:
            grid.addWidget(self.topic_combo, 0, 0)
            grid.addWidget(self.min_score_label, 0, 1)
            grid.addWidget(self.score_slider, 0, 2)
            grid.addWidget(self.score_label, 0, 3)
            grid.addWidget(self.group_check, 0, 4)
            stretch = (0, 0, 1, 0, 0)  # the topic filter at its own width, the slider the rest
        else:
            grid.addWidget(self.topic_combo, 0, 0, 1, 3)
            grid.addWidget(self.group_check, 0, 3)
            grid.addWidget(self.min_score_label, 1, 0)
            grid.addWidget(self.score_slider, 1, 1, 1, 2)
            grid.addWidget(self.score_label, 1, 3)
            stretch = (0, 1, 1, 0, 0)
        for col, factor in enumerate(stretch):
            grid.setColumnStretch(col, factor)

    def _combo_text_width(self) -> int:
        """The topic filter's width for the entry it shows (not the longest), with its arrow."""
        combo = self.topic_combo
        return combo.fontMetrics().horizontalAdvance(combo.currentText()) + 40

    def _filters_fit_one_row(self) -> bool:
        labels = (self.min_score_label, self.score_label, self.group_check)
        need = self._combo_text_width() + SLIDER_MIN_WIDTH
        need += sum(w.sizeHint().width() for w in labels)
        need += 4 * max(0, self._filters.horizontalSpacing()) + 12  # spacing, tab margins
        return self.width() >= need

    def _fit_filters(self) -> None:
        """The filters on one row or two, for the panel's width and the topic filter's text;
        on one row the topic filter keeps the width of its text (its own size hint is the one
        it had when first shown, before the pair's topics came) and the slider the rest."""
        if self.score_slider.isSliderDown():
            return  # not under a dragged slider: fitted again when it is let go
        wide = self._filters_fit_one_row()
        self._arrange_filters(wide)
        # no minimum for the slider: the panel may still be made narrower (then the filters
        # take two rows), and on one row it has what is left, SLIDER_MIN_WIDTH at least
        self.topic_combo.setMinimumWidth(self._combo_text_width() if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_filters()
        self._fit_tab_labels()

    def _fit_tab_labels(self) -> None:
        """The tabs' labels with their counts, in the longest wording that fits the width
        (the full label in each tooltip): names shortened, counts never elided."""
        counts = self._tab_counts
        if None in counts:
            return
        bar = self.tabs.tabBar()
        metrics = bar.fontMetrics()
        # what a tab adds around its text (padding, frame), from the labels it has now
        pads = [
            max(0, bar.tabSizeHint(i).width() - metrics.horizontalAdvance(bar.tabText(i)))
            for i in range(3)
        ]
        room = self.tabs.width()
        for wording in _TAB_WORDINGS:
            texts = [w.format(n) for w, n in zip(wording, counts, strict=True)]
            need = sum(
                metrics.horizontalAdvance(t) + pad for t, pad in zip(texts, pads, strict=True)
            )
            if need <= room:
                break
        for i, (text, full) in enumerate(zip(texts, _TAB_WORDINGS[0], strict=True)):
            if bar.tabText(i) != text:
                self.tabs.setTabText(i, text)
            self.tabs.setTabToolTip(i, full.format(counts[i]))

    # -- data --------------------------------------------------------------------------------
    def set_claims(
        self, claims: ClaimsResult, a: Article, b: Article, topic_set: TopicSet | None
    ) -> None:
        """Show the claims of a pair (replaces what was shown; filters are kept).

        The same pair's claims again with a few of them changed (a verdict, its undo, a pair
        added: ``VerdictApplier`` keeps every other claim as it was, the same object) change
        only those rows (``_update_claims``); anything else makes the list again."""
        if (
            a is self._a
            and b is self._b
            and topic_set is self._topic_set
            and not self._pending
            and self._update_claims(claims)
        ):
            return
        self._claims = tuple(claims.claims)
        if a is not self._a or b is not self._b:
            self._texts.clear()  # the rows' texts are the articles' words
            self._folded.clear()  # another pair: its headings open
        self._icons.clear()  # the topics' colours may have changed
        self._a, self._b, self._topic_set = a, b, topic_set
        self.detail.setPlaceholderText(DETAIL_PLACEHOLDER)
        self._pending = False
        self._rebuilt = self._judged is not None  # the claim shown next is where it moved to
        self.unrelated_label.setVisible(not claims.related)
        self._rebuild_topic_combo()
        self._rebuild_tree()
        self.only_a_model.set_spans(claims.only_in_a, a)
        self.only_b_model.set_spans(claims.only_in_b, b)
        self._tab_counts[1:] = [len(claims.only_in_a), len(claims.only_in_b)]
        self._apply_filters()

    def show_pending(self, a: Article, b: Article) -> None:
        """The pair's claims are being found: nothing listed, and saying so ("0 claims" and
        "Claims (0)" read as a finding while two long articles took half a minute)."""
        self.set_claims(ClaimsResult(claims=(), only_in_a=(), only_in_b=()), a, b, None)
        self.count_label.setText(PENDING_TEXT)
        self._pending = True
        self._tab_counts = [None, None, None]
        for i, name in enumerate(("Claims", "Only in A", "Only in B")):
            self.tabs.setTabText(i, name)
            self.tabs.setTabToolTip(i, "")
        self.detail.setPlaceholderText(PENDING_DETAIL)
        self.topic_combo.setItemText(0, "All topics")

    def is_pending(self) -> bool:
        """``show_pending`` said the claims are being found, and none came since."""
        return self._pending

    def claims(self) -> tuple[ClaimPair, ...]:
        return self._claims

    def set_topic_filter(self, topic: str | None) -> None:
        """Show only ``topic``'s claims (None: all topics)."""
        i = self.topic_combo.findData(topic) if topic is not None else 0
        self.topic_combo.setCurrentIndex(max(0, i))

    def set_min_score(self, score: float) -> None:
        self.score_slider.setValue(round(max(0.0, min(1.0, score)) * 100))

    def min_score(self) -> float:
        return self.score_slider.value() / 100.0

    def set_grouped_by_topic(self, grouped: bool) -> None:
        self.group_check.setChecked(grouped)

    def grouped_by_topic(self) -> bool:
        return self.group_check.isChecked()

    def _on_grouping_toggled(self, _on: bool) -> None:
        self._rebuild_keeping_selection()

    def _rebuild_keeping_selection(self) -> None:
        current = self.current_claim()
        self._rebuild_tree()
        self._apply_filters()
        if current is not None:
            self.select_claim(current, emit=False)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark theme): the rows are painted again in it (the model
        asks the panel's palette for its greys and topic tints when a row is painted) and the
        detail is written again in its colours; the list stays as it was (folded headings,
        scroll, selection: made again, it opened every heading and went back to its top)."""
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and self._claims:
            self.model.repaint_all()
            current = self.current_claim()
            if current is not None:
                self._show_detail(current)

    def visible_claims(self) -> list[int]:
        """Indices of the claims that pass the filters, top to bottom as displayed."""
        return self.model.listed()

    def number_of(self, index: int) -> int | None:
        """Claim ``index``'s number as the reader sees it: its place (from 1) among the
        listed claims, top to bottom (None when it is not listed, or rejected)."""
        if index >= len(self._claims) or self._claims[index].verdict == "different":
            return None
        listed = [i for i in self.visible_claims() if self._claims[i].verdict != "different"]
        return listed.index(index) + 1 if index in listed else None

    def current_claim(self) -> int | None:
        current = self.tree.currentIndex()
        return self.model.claim_at(current) if current.isValid() else None

    def row_index(self, claim: int, column: int = 0) -> QModelIndex:
        """Claim ``claim``'s row in the list (invalid when the filters do not list it)."""
        return self.model.index_of(claim, column)

    def _set_current(self, index: QModelIndex, *, emit: bool) -> None:
        """Make ``index`` (a claim's row, or invalid: none) the current and selected row;
        ``emit`` False: without ``claim_selected``."""
        quiet, self._quiet = self._quiet, not emit
        kept, self._kept_current = self._kept_current, False
        try:
            if index.isValid():
                if emit and kept and index == self.tree.currentIndex():
                    # kept current while the list changed in place (a verdict): chosen now
                    # as if the list had been made again (where no row was current), the
                    # detail shown and ``claim_selected`` emitted (Qt says nothing: the
                    # current row is the same)
                    self._on_tree_current_changed(index, index)
                    return
                self.tree.setCurrentIndex(index)
            else:
                self.tree.selectionModel().clear()
        finally:
            self._quiet = quiet

    def view_position(self) -> int:
        """How far the claims list is scrolled (for ``restore_view_position``)."""
        return self.tree.verticalScrollBar().value()

    def restore_view_position(self, position: int) -> None:
        """Scroll the claims list back to ``position`` (after the list was made again)."""
        self.tree.executeDelayedItemsLayout()  # the scroll range of the rows just listed
        self.tree.verticalScrollBar().setValue(position)

    def select_claim(self, index: int, *, emit: bool = True, show_tab: bool = True) -> bool:
        """Make claim ``index`` the current row (showing it even if filtered out). Returns
        False when there is no such claim. ``show_tab`` False: the Claims tab is not brought
        forward (the same claim selected again, e.g. after a swap)."""
        if not 0 <= index < len(self._claims):
            return False
        row = self.model.index_of(index)
        if not row.isValid():
            # the user asked for this claim (e.g. from the gutter): widen the filters
            self.set_topic_filter(None)
            self.set_min_score(min(self.min_score(), self._claims[index].score))
            row = self.model.index_of(index)
            if not row.isValid():
                return False
        if show_tab:
            self.tabs.setCurrentIndex(0)
        was_in_view = self._in_view(row)
        if emit:
            self._set_current(row, emit=True)
        else:
            self._set_current(row, emit=False)
            self._show_detail(index)
        self.tree.scrollTo(row)
        if not was_in_view:
            self._show_heading_of(row)
        return True

    def _in_view(self, row: QModelIndex) -> bool:
        """``row`` is wholly inside the list's viewport."""
        rect = self.tree.visualRect(row)
        return rect.isValid() and self.tree.viewport().rect().contains(rect)

    def _show_heading_of(self, row: QModelIndex) -> None:
        """The list was scrolled to ``row``: scroll on to its group's heading too when both
        fit (an added pair, first under "Strong claims", was shown with the heading just out
        of view; the first row's heading is the top of the list)."""
        group = row.parent()
        if not group.isValid():
            return
        top = self.tree.visualRect(group).top()
        if top < 0 and self.tree.visualRect(row).bottom() - top < self.tree.viewport().height():
            self.tree.scrollTo(group, QAbstractItemView.ScrollHint.PositionAtTop)

    # -- building ----------------------------------------------------------------------------
    def _topic_order(self) -> list[str]:
        names = [t.name for t in self._topic_set.topics] if self._topic_set else []
        present = {c.topic or NO_TOPIC for c in self._claims}
        order = [n for n in names if n in present]
        order += sorted(present - set(order) - {NO_TOPIC})
        if NO_TOPIC in present:
            order.append(NO_TOPIC)
        return order

    def _color(self, topic: str) -> str:
        if self._topic_set is None or topic == NO_TOPIC:
            return "#888888"
        return self._topic_set.color_of(topic)

    def _tint(self, name: str) -> QColor | None:
        """A topic header's background: a wash of its colour over the list's base (the header
        text takes the palette's text colour, so the two must agree), kept nearer the base
        than the selection colour is: the pale blue of a blue topic, lightened, was the light
        theme's selection colour, and its heading looked like the chosen claim. The panel's
        own palette: on a theme switch it changes before its children's."""
        if name in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP):
            return None
        palette = self.palette()
        base, selection = palette.base().color(), palette.highlight().color()
        color = QColor(self._color(name))
        # at most TINT_ROOM of the way from the base to the selection colour: the tint is
        # then at least (1 - TINT_ROOM) / TINT_ROOM times as far from the one as the other
        room = TINT_ROOM * _rgb_distance(selection, base)
        share = min(TINT_MOST, room / max(1.0, _rgb_distance(color, base)))
        return _mixed(base, color, share)

    def _heading_data(
        self, name: str, n: int, title: str, column: int, role: int, bold: QFont
    ) -> object:
        """What the model says of the heading of group ``name`` (``n`` claims listed under
        it, ``title`` as fitted to the width) in ``column`` for ``role``."""
        topic = name not in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP)
        if role == Qt.ItemDataRole.DisplayRole:
            return (title or self._group_title(name, n)) if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            folded = title.startswith(FOLDED_MARK)
            return plain_tip(self._group_title(name, n) + (FOLDED_TIP if folded else ""))
        if role == Qt.ItemDataRole.FontRole and column == 0:
            return bold
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and topic:
            icon = self._icons.get(name)
            if icon is None:
                icon = self._icons[name] = color_icon(self._color(name))
            return icon
        if role == Qt.ItemDataRole.BackgroundRole and topic:
            return self._tint(name)
        if role == Qt.ItemDataRole.ForegroundRole:
            if topic:
                return self.palette().text()
            if name != STRONG_GROUP and column == 0:
                return self._grey()
        return None

    def _claim_data(self, i: int, column: int, role: int) -> object:
        """What the model says of claim ``i``'s row in ``column`` for ``role``."""
        c = self._claims[i]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cached_row_text(c) if column == 0 else self._score_text(c)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._row_tooltip(c) if column == 0 else self._score_tip(c)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._grey() if c.tier != "strong" else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None

    def _cached_row_text(self, c: ClaimPair) -> str:
        key = (c.a, c.b, c.core_a, c.core_b)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._row_text(c)
        return text

    @staticmethod
    def _score_text(c: ClaimPair) -> str:
        mark = " ≠" if c.differs else ""
        check = "✓ " if c.verdict == "same" else ""
        # a pair the reader added has no score of the engine's: say whose it is
        score = "yours" if c.added else f"{c.score:.2f}"
        return f"{check}{score}{mark}"

    @staticmethod
    def _score_tip(c: ClaimPair) -> str:
        return (
            (
                "You added this pair: it has no score of the engine's"
                if c.added
                else f"Score {c.score:.3f}"
            )
            + ("; a figure, date or name differs" if c.differs else "")
            + ("; you marked it the same claim" if c.verdict == "same" and not c.added else "")
        )

    def _grey(self) -> QColor:
        """The colour of what is listed but not relied on (possible claims)."""
        return self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

    def _rebuild_topic_combo(self) -> None:
        previous = self.topic_combo.currentData()
        counts: dict[str, int] = {}
        for c in self._claims:
            counts[c.topic or NO_TOPIC] = counts.get(c.topic or NO_TOPIC, 0) + 1
        with QSignalBlocker(self.topic_combo):
            self.topic_combo.clear()
            self.topic_combo.addItem(f"All topics ({len(self._claims)})", None)
            for name in self._topic_order():
                # named as on its chip: a long name cut (the list opened as wide as the
                # screen for a 2,000-letter one), all of it in the entry's tooltip
                self.topic_combo.addItem(
                    color_icon(self._color(name)), f"{chip_name(name)} ({counts[name]})", name
                )
                self.topic_combo.setItemData(
                    self.topic_combo.count() - 1,
                    plain_tip(one_line(name)),
                    Qt.ItemDataRole.ToolTipRole,
                )
            i = self.topic_combo.findData(previous) if previous is not None else 0
            self.topic_combo.setCurrentIndex(max(0, i))

    def _count_topic_combo(self, floor: float) -> None:
        """The topic filter's counts: the claims each entry would list at the current minimum
        score (not all claims, which read as "All topics (31)" beside 7 listed)."""
        counts: dict[str | None, int] = {None: 0}
        for c in self._claims:
            if c.score >= floor and c.verdict != "different":  # rejected ones are listed apart
                counts[None] += 1
                key = c.topic or NO_TOPIC
                counts[key] = counts.get(key, 0) + 1
        for i in range(self.topic_combo.count()):
            name = self.topic_combo.itemData(i)
            label = "All topics" if name is None else chip_name(name)  # the reader's: inert
            self.topic_combo.setItemText(i, f"{label} ({counts.get(name, 0)})")

    def _group_order(self) -> list[str]:
        """Group keys top to bottom: the strong claims (one group, or one per topic when
        grouped by topic), then the possible ones."""
        groups = set(self._group_keys)
        if self.group_check.isChecked():
            order = [n for n in self._topic_order() if n in groups]
        else:
            order = [STRONG_GROUP] if STRONG_GROUP in groups else []
        return order + [g for g in (POSSIBLE_GROUP, REJECTED_GROUP) if g in groups]

    @staticmethod
    def _group_of(c: ClaimPair, grouped: bool) -> str:
        if c.verdict == "different":
            return REJECTED_GROUP
        if c.tier != "strong":
            return POSSIBLE_GROUP
        return (c.topic or NO_TOPIC) if grouped else STRONG_GROUP

    @staticmethod
    def _group_title(key: str, n: int, *, short: bool = False) -> str:
        """A header's title; ``short``: without the explanation (for a narrow list)."""
        if key == STRONG_GROUP:
            return f"Strong claims ({n})"
        if key == POSSIBLE_GROUP:
            return f"Possible claims ({n})" + ("" if short else ": fewer signals agree")
        if key == REJECTED_GROUP:
            return f"Rejected ({n})" + ("" if short else ": you marked them not the same")
        return f"{one_line(key)}  ({n})"  # a topic's name: an override would turn the count

    def _fit_group_titles(self) -> None:
        """Each header's title in full when it fits the list's width, else without its
        explanation (in a narrow side panel "Possible claims (24): fewer signals a…" was cut
        off); the full title is the header's tooltip either way."""
        metrics = QFontMetrics(self._bold_font())
        for row, (name, n) in enumerate(self.model.groups()):
            # a folded heading says so (folded by a double click, it looked like any other
            # heading with its claims gone)
            mark = "" if self.tree.isExpanded(self.model.heading(row)) else FOLDED_MARK
            room = self.tree.viewport().width() - 12 - metrics.horizontalAdvance(mark)
            full = self._group_title(name, n)
            if metrics.horizontalAdvance(full) <= room:
                title = full
            elif name in (STRONG_GROUP, POSSIBLE_GROUP, REJECTED_GROUP):
                title = self._group_title(name, n, short=True)
            else:
                # a topic's name shortened, its count kept (the view cut "(1)" off a long
                # name's heading); its colour square beside it
                count = f"  ({n})"
                icon = self.tree.iconSize().width() if self.tree.iconSize().isValid() else 16
                space = room - icon - metrics.horizontalAdvance(count)
                name_room = max(metrics.horizontalAdvance("…"), space)
                shown = metrics.elidedText(one_line(name), Qt.TextElideMode.ElideRight, name_room)
                title = shown + count
            self.model.set_title(row, mark + title)

    def _on_folded(self, heading: QModelIndex, folded: bool) -> None:
        """Heading ``heading`` was folded or opened (by the reader, or by the list for a
        chosen claim under it): remembered by its key, and the titles fitted again."""
        groups = self.model.groups()
        if heading.isValid() and not heading.parent().isValid() and heading.row() < len(groups):
            name = groups[heading.row()][0]
            if folded:
                self._folded.add(name)
            else:
                self._folded.discard(name)
        self._fit_group_titles()

    def _bold_font(self) -> QFont:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        return bold

    def _rebuild_tree(self) -> None:
        """The claims in display order with their headings, made again (nothing listed until
        ``_apply_filters``): strong first, each tier best first (the engine's order; sorted
        again so a hand-built result shows the same way)."""
        claims = self._claims
        order = sorted(
            range(len(claims)),
            key=lambda i: (
                claims[i].tier != "strong",
                claims[i].verdict != "same",
                -claims[i].score,
                i,
            ),
        )
        grouped = self.group_check.isChecked()
        self._group_keys = keys = [self._group_of(c, grouped) for c in claims]
        self._headings = self._group_order()
        self._by_group = {name: [] for name in self._headings}
        for i in order:
            self._by_group[keys[i]].append(i)
        self._scores = [c.score for c in claims]
        self._topics = [c.topic or NO_TOPIC for c in claims]
        self._set_current(QModelIndex(), emit=False)
        self.model.set_rows([], self._bold_font())
        self._score_texts = {}
        for c in claims:
            text = self._score_text(c)
            self._score_texts[text] = self._score_texts.get(text, 0) + 1
        self._topic_counts = {}
        for t in self._topics:
            self._topic_counts[t] = self._topic_counts.get(t, 0) + 1
        self._fit_score_column(set(self._score_texts))
        self.detail.clear()
        self._enable_claim_buttons(None)

    def _fill(self, topic: str | None, floor: float) -> None:
        """The model's rows for the filters (topic, minimum score): the current claim and
        the scroll position kept when it is still listed."""
        current = self.current_claim()
        position = self.tree.verticalScrollBar().value()
        # where the reader sees the current claim (kept there: the scroll position alone, from
        # another list, left it out of sight when a filter was widened)
        seen_at = self._seen_at(current)
        # a heading the reader folded (a double click) stays folded under another filter
        folded = set(self._folded)
        scores, topics = self._scores, self._topics
        rows = {
            name: [
                i for i in claims if scores[i] >= floor and (topic is None or topics[i] == topic)
            ]
            for name, claims in self._by_group.items()
        }
        self.model.set_rows([(n, r) for n, r in rows.items() if r], self._bold_font())
        # the headings opened before the rows are laid out (each would lay them out again:
        # the view's layout asks the model of every row), the rows laid out once (that sets
        # the scroll range), and only then the headings spanned: a heading spanned already
        # makes the layout ask the model for every row's index once more (to look it up
        # among the spanned ones), a third of the time "All topics" took on 11,262 claims;
        # spanned after it, each heading's laid-out row is marked, nothing laid out again
        headings = [self.model.heading(row) for row in range(self.model.rowCount())]
        for heading, (name, _n) in zip(headings, self.model.groups(), strict=True):
            self.tree.setExpanded(heading, name not in folded)
        self.tree.executeDelayedItemsLayout()
        for heading in headings:
            self.tree.setFirstColumnSpanned(heading.row(), QModelIndex(), True)
        if current is not None and self.model.index_of(current).isValid():
            self._set_current(self.model.index_of(current), emit=False)
        self.tree.executeDelayedItemsLayout()
        self.tree.verticalScrollBar().setValue(position)
        if seen_at is not None and current is not None:
            row = self.model.index_of(current)
            if row.isValid():
                self._scroll_row_to(row, seen_at)

    def _update_claims(self, result: ClaimsResult) -> bool:
        """The list changed in place to show ``result``, the claims of the pair shown with a
        few of them changed (a verdict, its undo, a pair added): only those claims' rows
        removed and inserted where they go now, headings listed or removed as they gain or
        lose their last claim, their counts, the score column and the topic filter's counts
        brought up to date; the current claim, the scroll position, the folded headings and
        the filters kept. The list is then exactly what ``set_claims`` makes from scratch
        (tests/ui/test_claims_update_in_place.py compares them), in a fraction of the time
        (a verdict on 11,262 claims: the list sorted, every score formatted and measured
        and every row laid out twice, 70-90 ms, was most of a click).

        False (nothing changed; the caller makes the list again) when the change is not
        that simple: no claims before or now, more than ``UPDATE_LIMIT`` claims changed, the
        claims kept not in the same order, or the topics the claims have not the same (the
        topic filter's entries would change)."""
        old, new = self._claims, tuple(result.claims)
        if not old or not new:
            return False
        diff = _claims_changed(old, new, UPDATE_LIMIT)
        if diff is None:
            return False
        new_to_old, gone = diff
        changed = [j for j, i in enumerate(new_to_old) if i < 0]
        counts = dict(self._topic_counts)
        for i in gone:
            counts[self._topics[i]] -= 1
        for j in changed:
            t = new[j].topic or NO_TOPIC
            counts[t] = counts.get(t, 0) + 1
        if {t for t, n in counts.items() if n > 0} != set(self._topic_counts):
            return False  # a topic gained its first claim or lost its last: a rebuild
        self._topic_counts = {t: n for t, n in counts.items() if n > 0}

        tree, model, bar = self.tree, self.model, self.tree.verticalScrollBar()
        grouped = self.group_check.isChecked()
        topic = self.topic_combo.currentData()
        floor = self.min_score() - 1e-9
        current = self.current_claim()
        current_spans = (old[current].a, old[current].b) if current is not None else None
        position = bar.value()
        seen_at = self._seen_at(current)
        quiet, self._quiet = self._quiet, True
        try:
            # no row current meanwhile (Qt moves a removed current row to its neighbour and
            # scrolls to it, laying the list out at each removal), no heading spanned (a
            # spanned heading makes the layout ask the model twice for each row: see _fill)
            tree.selectionModel().clear()
            for row in range(model.rowCount()):
                tree.setFirstColumnSpanned(row, QModelIndex(), False)
            # the claims gone (or changed) leave their headings' lists and the model
            old_keys = self._group_keys
            removed: list[tuple[int, int]] = []
            for i in gone:
                self._by_group[old_keys[i]].remove(i)
                at = model._where.get(i)
                if at is not None:
                    removed.append(at)
            for g, r in sorted(removed, reverse=True):
                model.remove_row(g, r)
            for g in reversed(range(model.rowCount())):
                if not model._rows[g]:
                    model.remove_heading(g)
            # the claims kept: their new indices (in the same order), and the new claims
            new_index = [-1] * len(old)
            for j, i in enumerate(new_to_old):
                if i >= 0:
                    new_index[i] = j
            self._claims = new
            model.renumber(new_index)
            self._by_group = {
                name: [new_index[i] for i in rows] for name, rows in self._by_group.items()
            }
            scores, topics = self._scores, self._topics
            keys = [old_keys[i] if i >= 0 else "" for i in new_to_old]
            self._scores = [scores[i] if i >= 0 else 0.0 for i in new_to_old]
            self._topics = [topics[i] if i >= 0 else "" for i in new_to_old]
            for j in changed:
                c = new[j]
                keys[j] = self._group_of(c, grouped)
                self._scores[j] = c.score
                self._topics[j] = c.topic or NO_TOPIC
            self._group_keys = keys
            self._headings = self._group_order()
            self._by_group = {name: self._by_group.get(name, []) for name in self._headings}

            # the changed claims go where the sort of _rebuild_tree puts them
            def rank(i: int) -> tuple[bool, bool, float, int]:
                c = new[i]
                return (c.tier != "strong", c.verdict != "same", -c.score, i)

            opened: list[QModelIndex] = []
            for j in changed:
                name = keys[j]
                insort(self._by_group[name], j, key=rank)
                if self._scores[j] < floor or (topic is not None and self._topics[j] != topic):
                    continue
                listed = model._groups
                g = next((g for g, n in enumerate(listed) if n == name), None)
                if g is None:  # its heading listed first, where the headings' order has it
                    place = self._headings.index(name)
                    g = sum(1 for n in listed if self._headings.index(n) < place)
                    model.insert_heading(g, name)
                    opened.append(QPersistentModelIndex(model.heading(g)))
                model.insert_row(g, bisect_left(model._rows[g], rank(j), key=rank), j)
            model.reindex()
            # a heading listed again is open unless the reader folded it (as in _fill)
            for heading in opened:
                name = model.groups()[heading.row()][0]
                tree.setExpanded(model.heading(heading.row()), name not in self._folded)
            tree.executeDelayedItemsLayout()
            for row in range(model.rowCount()):
                tree.setFirstColumnSpanned(row, QModelIndex(), True)
        finally:
            self._quiet = quiet

        # the claim current before, current again (by its sentences: its index changed)
        now = None
        if current is not None and current_spans is not None:
            now = next(
                (
                    j
                    for j in ([new_index[current]] if new_index[current] >= 0 else changed)
                    if (new[j].a, new[j].b) == current_spans
                ),
                None,
            )
        shown = model.index_of(now) if now is not None else QModelIndex()
        if now is not None and shown.isValid():
            self._set_current(shown, emit=False)
            self._kept_current = True
            self._show_detail(now, note=False)  # its verdict, its buttons
        else:
            self.detail.clear()
            self._enable_claim_buttons(None)
        tree.executeDelayedItemsLayout()
        bar.setValue(position)
        if seen_at is not None and shown.isValid():
            self._scroll_row_to(shown, seen_at)

        # the score column as wide as its widest text
        texts = self._score_texts
        for i in gone:
            t = self._score_text(old[i])
            texts[t] -= 1
            if not texts[t]:
                del texts[t]
        for j in changed:
            t = self._score_text(new[j])
            texts[t] = texts.get(t, 0) + 1
        self._fit_score_column(set(texts))

        self._rebuilt = self._judged is not None  # as set_claims: the claim shown next
        self.unrelated_label.setVisible(not result.related)
        for lst, spans, article in (
            (self.only_a_model, result.only_in_a, self._a),
            (self.only_b_model, result.only_in_b, self._b),
        ):
            if spans is not lst._spans:
                lst.set_spans(spans, article)
        self._tab_counts[1:] = [len(result.only_in_a), len(result.only_in_b)]
        self._filled(None, floor)  # as set_claims: no claim current before (none hidden)
        return True

    def _seen_at(self, claim: int | None) -> int | None:
        """The top of claim ``claim``'s row in the list's viewport (None: not in view)."""
        if claim is None:
            return None
        rect = self.tree.visualRect(self.model.index_of(claim))
        if not rect.isValid() or not self.tree.viewport().rect().intersects(rect):
            return None
        return rect.top()

    def _scroll_row_to(self, row: QModelIndex, top: int) -> None:
        """Scroll the list so that ``row``'s top is at ``top`` in its viewport (or as near as
        the list's length allows)."""
        tree, bar = self.tree, self.tree.verticalScrollBar()
        rect = tree.visualRect(row)
        if not rect.isValid():
            return
        by = top - rect.top()  # pixels to move the row down
        per_item = tree.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
        bar.setValue(bar.value() - (round(by / max(1, rect.height())) if per_item else by))

    def _fit_score_column(self, texts: set[str]) -> None:
        """The score column as wide as the widest of ``texts`` (and its title)."""
        fm = QFontMetrics(self.tree.font())
        title = (
            self.tree.header()
            .fontMetrics()
            .horizontalAdvance(str(self.model.headerData(1, Qt.Orientation.Horizontal)))
        )
        widest = max((fm.horizontalAdvance(t) for t in texts), default=0)
        self.tree.header().resizeSection(1, max(widest, title) + 2 * _CELL_PADDING)

    def _row_text(self, c: ClaimPair) -> str:
        assert self._a is not None and self._b is not None
        a = self._a.span_text(c.core_a)
        b = self._b.span_text(c.core_b)
        a = ("…" if c.core_a.start > c.a.start else "") + a
        a += "…" if c.core_a.end < c.a.end else ""
        b = ("…" if c.core_b.start > c.b.start else "") + b
        b += "…" if c.core_b.end < c.b.end else ""
        # controls and bidi overrides as U+FFFD: one would turn the rest of the row around
        return f"A  {visible(shorten(a, 90))}\nB  {visible(shorten(b, 90))}"

    def _row_tooltip(self, c: ClaimPair) -> str:
        assert self._a is not None and self._b is not None
        a = shorten(self._a.span_text(c.a), 400)
        b = shorten(self._b.span_text(c.b), 400)
        # why a claim is only possible, as the detail says it
        why = f"\n\n{doubts_said(c.doubts)}" if c.verdict is None and c.tier == "possible" else ""
        # lines broken (long words too): a 600-letter word made the tip wider than the screen
        return plain_tip(f"A: {a}\n\nB: {b}{why}")

    # -- filters -----------------------------------------------------------------------------
    def _on_score_slider_changed(self, _value: int) -> None:
        self._update_score_label()
        self._apply_filters()

    def _update_score_label(self) -> None:
        self.score_label.setText(f"≥ {self.min_score():.2f}")

    def _apply_filters(self) -> None:
        topic = self.topic_combo.currentData()
        floor = self.min_score() - 1e-9
        before = self.current_claim()
        self._fill(topic, floor)
        self._filled(before, floor)

    def _filled(self, before: int | None, floor: float) -> None:
        """What follows the rows listed again (``before``: the claim current before): the
        headings' titles, the counts, ``filters_changed``."""
        shown = rejected = 0
        for name, n in self.model.groups():
            if name == REJECTED_GROUP:
                rejected += n  # listed apart: not counted as claims
            else:
                shown += n
        self._fit_group_titles()
        self._count_topic_combo(floor)
        # the topic filter's text changed ("All topics (32)" where it was empty before the
        # pair's claims came): the filters may no longer fit on one row
        self._fit_filters()
        total = sum(c.verdict != "different" for c in self._claims)
        text = (
            f"{shown} of {counted(total, 'claim')}" if shown != total else counted(total, "claim")
        )
        self.count_label.setText(text + (f" · {rejected} rejected" if rejected else ""))
        self._tab_counts[0] = shown
        self._fit_tab_labels()
        hid_selection = before is not None and self.current_claim() is None
        if hid_selection:
            self.detail.clear()
            self._enable_claim_buttons(None)
        self.filters_changed.emit()
        if hid_selection:
            self.selection_hidden.emit()

    # -- selection ---------------------------------------------------------------------------
    def _on_tree_current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self._kept_current = False
        if self._quiet:  # set by the panel: it shows the detail itself when it should
            return
        index = self.model.claim_at(current) if current.isValid() else None
        if index is None:
            self.detail.clear()
            self._enable_claim_buttons(None)
            return
        self._show_detail(index)
        self.claim_selected.emit(index)

    def _on_chosen_again(self) -> None:
        """The selected claim clicked again, or Enter on it: both panes back to it."""
        index = self.current_claim()
        if index is not None:
            self.claim_selected.emit(index)

    def _show_detail(self, index: int, *, note: bool = True) -> None:
        """Claim ``index`` in the detail view; ``note`` False: shown again as it changed (the
        list updated in place), not chosen (see ``_note_shown``)."""
        c = self._claims[index]
        assert self._a is not None and self._b is not None
        dark = self.palette().base().color().lightness() < 128
        # article text (terms, topic, sentences, figures): escaped, and its controls and
        # bidi overrides shown as U+FFFD, as in the rows and the panes
        # named as on its chip (a 2,000-letter name pushed the rest screens down)
        topic = html.escape(chip_name(c.topic or NO_TOPIC))
        color = self._color(c.topic or NO_TOPIC)
        shared = _inert(", ".join(c.shared_terms)) if c.shared_terms else "—"
        diff = diff_html(c.diff, dark=dark) if c.diff else "<i>(no word diff)</i>"
        a_text = _inert(self._a.span_text(c.a))
        b_text = _inert(self._b.span_text(c.b))
        muted = "#9aa0a6" if dark else "#5f6368"
        tier = (
            "<b>✓ same claim</b> (a pair you added)"
            if c.added
            else "<b>✓ same claim</b> (your verdict)"
            if c.verdict == "same"
            else "<b>rejected</b>: you marked them not the same"
            if c.verdict == "different"
            else "<b>strong</b> (several independent signals agree)"
            if c.tier == "strong"
            else f'<span style="color:{muted}">possible: {_inert(doubts_listed(c.doubts))}</span>'
            if c.doubts
            else f'<span style="color:{muted}">possible (fewer signals agree)</span>'
        )
        warn = "#ffb74d" if dark else "#a15c00"

        differs = "".join(
            f'<p style="color:{warn}">≠ {differs_said(x, y, lambda w: f"<b>{_inert(w)}</b>")}</p>'
            for x, y in c.differs
        )
        fragment = (
            "the shared fragment" if c.core_a != c.a or c.core_b != c.b else "the two sentences"
        )
        score = "" if c.added else f"score {c.score:.2f} · "  # an added pair has none
        self.detail.setHtml(
            f'<p><span style="color:{color}">■</span> <b>{topic}</b> · {tier} · {score}'
            f'<span style="color:{muted}">shared: {shared}</span></p>'
            f"{differs}"
            f'<p style="line-height:140%">{diff}</p>'
            f'<p style="color:{muted}; font-size:small">Word diff of {fragment}: '
            "<s>struck</s> = only A says it · <u>underlined</u> = only B says it · "
            "<i>italic</i> = both say it, in another form or place</p>"
            f'<hr/><p style="font-size:small"><b>A:</b> {a_text}</p>'
            f'<p style="font-size:small"><b>B:</b> {b_text}</p>'
        )
        self._enable_claim_buttons(index)
        if note:
            self._note_shown(index)

    def _enable_claim_buttons(self, index: int | None) -> None:
        c = self._claims[index] if index is not None else None
        self.link_button.setEnabled(c is not None)
        self.same_button.setEnabled(c is not None and c.verdict != "same")
        self.reject_button.setEnabled(c is not None and c.verdict != "different")
        self.undo_button.setEnabled(c is not None and c.verdict is not None)

    def _ask_verdict(self, verdict: str) -> None:
        self._judge(lambda index: self.verdict_requested.emit(index, verdict))

    def _ask_undo(self) -> None:
        self._judge(self.verdict_undo_requested.emit)

    def verdicts_held(self) -> bool:
        """The list moved on after a verdict a moment ago (``VERDICT_HOLD_MS``): the verdict
        buttons do not judge the claim it moved to yet."""
        return self._hold.isActive()

    def _spans_of(self, index: int) -> tuple[Span, Span]:
        c = self._claims[index]
        return (c.a, c.b)

    def _judge(self, ask: Callable[[int], object]) -> None:
        """A verdict button: ``ask(index)`` for the selected claim, unless it is the claim
        the list moved to after the verdict just asked (the second click of a double click,
        Alt+N twice: meant for the claim judged, never for the next one). A claim the reader
        chooses is judged at once."""
        index = self.current_claim()
        if index is None:
            return
        spans = self._spans_of(index)
        if self._hold.isActive() and spans == self._held:
            return
        self._hold.stop()
        self._judged, self._rebuilt, self._held = spans, False, None
        ask(index)  # the window shows the list again, at once or when a Job is done

    def _note_shown(self, index: int) -> None:
        """Claim ``index`` is shown in the detail view: the first claim shown once the list
        was made again after a verdict is where it moved to; held from now on when it is
        not the judged claim (a claim chosen while the verdict waits for the store is not)."""
        if self._judged is None or not self._rebuilt:
            return
        spans, judged = self._spans_of(index), self._judged
        self._judged = None
        if spans != judged:
            self._held = spans
            self._hold.start()

    def _end_hold(self) -> None:
        self._held = None

    def _on_link_button_clicked(self) -> None:
        index = self.current_claim()
        if index is not None:
            self.link_claim_requested.emit(index)

    def _on_only_item(self, index: QModelIndex, side: str) -> None:
        span = index.data(_SPAN_ROLE) if index.isValid() else None
        if span is not None:
            self.jump_requested.emit(side, span[0], span[1])
