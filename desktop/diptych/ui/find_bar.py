"""Find: a bar under a pane with the query, match counts and next/previous.

The query is searched in both articles and in the notes of the pair's highlights: matches in
``Article.text`` (code points, case-insensitive unless asked) are marked in each pane's "find"
layer, and the counts are given per side ("B 2 of 9 · A 4 · notes 1"). Next/previous step
through this pane's matches, then the other pane's, then the notes (a note match brings its
highlight to the sync line). The current match is scrolled to the sync line.

The marks look like no highlight: a neutral background with an orange wavy underline, and the
current match solid orange with contrasting text (``find_formats``), so a find is never
mistaken for one of the reader's highlights.

Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous, Escape closes.
The window tells the bar about the other pane (``set_other_pane``) and where notes come from
(``set_notes_source``: a callable giving ``NoteRef`` tuples).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from diptych.ui.reader_pane import ReaderPane
from diptych.ui.safe_text import plain_tip
from diptych.ui.theme import Theme

MAX_MARKED = 3000  # marks beyond this many are not drawn (the count is still exact)

# (side "a"/"b", start, end, note text) of one highlight with a note
NoteRef = tuple[str, int, int, str]


@dataclass(frozen=True)
class Hit:
    """One match: in a pane's text (``where`` is "a" or "b") or in a note (``where`` is
    "note"; ``side``/``start``/``end`` are then its highlight's)."""

    where: str
    side: str
    start: int
    end: int
    note: str = ""


def find_formats(theme: Theme) -> tuple[QTextCharFormat, QTextCharFormat]:
    """How matches look (other matches, the current one): unlike any highlight."""
    other = QTextCharFormat()
    other.setBackground(QColor(theme.find_match))
    other.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    other.setUnderlineColor(QColor(theme.find_current))
    current = QTextCharFormat()
    current.setBackground(QColor(theme.find_current))
    current.setForeground(QColor(theme.find_current_ink))
    return other, current


def find_matches(text: str, query: str, *, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text`` as (start, end) code points, in order."""
    if not query:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    return [(m.start(), m.end()) for m in re.finditer(re.escape(query), text, flags)]


class _QueryEdit(QLineEdit):
    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
            return
        if e.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(e)


class FindBar(QWidget):
    """Search bar under one ReaderPane; searches both panes and the notes."""

    closed = Signal()

    def __init__(self, pane: ReaderPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"find_bar_{pane.side}")
        self._pane = pane
        self._other: ReaderPane | None = None
        self._notes_source: Callable[[], Iterable[NoteRef]] | None = None
        self._hits: list[Hit] = []
        self._current = -1
        self._searched: dict[str, object] = {}  # side -> the article the hits are in
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(4)
        self.edit = _QueryEdit(self)
        self.edit.setPlaceholderText("Find in both articles and the notes")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find")
        self.edit.setMinimumWidth(110)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("▲")
        self.prev_button.setToolTip("Previous match (Shift+F3)")
        self.prev_button.setAccessibleName("Previous match")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (F3)")
        self.next_button.setAccessibleName("Next match")
        # "Aa" rather than a "Match case" check box: the bar fits a narrow pane
        self.case_box = QToolButton(self)
        self.case_box.setText("Aa")
        self.case_box.setCheckable(True)
        self.case_box.setToolTip("Match case")
        self.case_box.setAccessibleName("Match case")
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("find_counts")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setMinimumWidth(60)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find")
        close.setAutoRaise(True)
        for w in (self.edit, self.prev_button, self.next_button, self.case_box, self.count_label):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(close)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._search)
        self.edit.textChanged.connect(lambda _t: self._debounce.start())
        self.case_box.toggled.connect(lambda _on: self._search())
        self.edit.next_requested.connect(self.find_next)
        self.edit.previous_requested.connect(self.find_previous)
        self.edit.close_requested.connect(self.close_bar)
        self.next_button.clicked.connect(self.find_next)
        self.prev_button.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)
        pane.layout_changed.connect(self._on_pane_relaid)
        self.hide()

    # -- wiring (the window) -------------------------------------------------------------
    def pane(self) -> ReaderPane:
        return self._pane

    def set_other_pane(self, pane: ReaderPane | None) -> None:
        """The other article's pane: searched and marked too."""
        if pane is self._other:
            return
        self._other = pane
        if pane is not None:
            pane.layout_changed.connect(self._on_pane_relaid)
        self.refresh()

    def _on_pane_relaid(self) -> None:
        """A pane got a new article, theme, zoom or font: search again or redraw the marks."""
        if not self.isVisible() or not self.edit.text():
            return
        if any(self._searched.get(p.side) is not p.article() for p in self._panes()):
            self._search()
        else:
            self._mark()

    def set_notes_source(self, source: Callable[[], Iterable[NoteRef]] | None) -> None:
        """Where the notes come from: a callable giving (side, start, end, note) tuples."""
        self._notes_source = source

    def _panes(self) -> list[ReaderPane]:
        return [p for p in (self._pane, self._other) if p is not None]

    def _pane_of(self, side: str) -> ReaderPane | None:
        return next((p for p in self._panes() if p.side == side), None)

    # -- opening and closing --------------------------------------------------------------
    def open_bar(self, text: str | None = None) -> None:
        """Show the bar with the focus in the query (prefilled with the selection, if any)."""
        sel = self._pane.selected_span()
        art = self._pane.article()
        if text is None and sel and art is not None and 0 < sel[1] - sel[0] <= 80:
            text = art.text[sel[0] : sel[1]]
        self.show()
        if text is not None:
            self.edit.setText(text)
            self._search()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self._hits = []
        self._current = -1
        for pane in self._panes():
            pane.clear_layer("find")
        self.hide()
        self._pane.setFocus()
        self.closed.emit()

    # -- results --------------------------------------------------------------------------
    def matches(self, side: str | None = None) -> list[tuple[int, int]]:
        """Matches in one pane's text (this pane's by default) as (start, end)."""
        side = side or self._pane.side
        return [(h.start, h.end) for h in self._hits if h.where == side]

    def note_matches(self) -> list[Hit]:
        return [h for h in self._hits if h.where == "note"]

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def current_hit(self) -> Hit | None:
        return self._hits[self._current] if 0 <= self._current < len(self._hits) else None

    def current_index(self) -> int:
        """Index of the current match among this pane's matches (-1 when it is elsewhere)."""
        hit = self.current_hit()
        if hit is None or hit.where != self._pane.side:
            return -1
        return self._current

    def refresh(self) -> None:
        """Search again (an article changed)."""
        if self.isVisible():
            self._search()

    def _search(self) -> None:
        self._debounce.stop()
        query = self.edit.text()
        case = self.case_box.isChecked()
        hits: list[Hit] = []
        for pane in self._panes():
            art = pane.article()
            if art is not None:
                hits += [
                    Hit(pane.side, pane.side, s, e)
                    for s, e in find_matches(art.text, query, case_sensitive=case)
                ]
        if query and self._notes_source is not None:
            notes = sorted(self._notes_source(), key=lambda n: (n[0] != self._pane.side, n[1]))
            for side, start, end, note in notes:
                if find_matches(note, query, case_sensitive=case):
                    hits.append(Hit("note", side, start, end, note))
        self._hits = hits
        self._searched = {p.side: p.article() for p in self._panes()}
        self._current = -1
        mine = self.matches()
        if mine:
            # start from the first match of this pane at or after the top of its view
            top = self._pane.visible_range()[0]
            self._current = bisect_left(mine, (top, -1)) % len(mine)
        elif hits:
            self._current = 0
        self._show_current()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._debounce.isActive() or not self._hits:
            self._search()
            if not self._hits:
                return
            if delta > 0:
                return  # the fresh search already shows the first match in view
        self._current = (self._current + delta) % len(self._hits)
        self._show_current()

    def counts_text(self) -> str:
        """'B 2 of 9 · A 4 · notes 1': this pane first, the current match's place in its
        group."""
        cur = self.current_hit()
        parts = []
        groups = [self._pane.side] + [p.side for p in self._panes() if p is not self._pane]
        for where in [*groups, "note"]:
            group = [i for i, h in enumerate(self._hits) if h.where == where]
            name = "notes" if where == "note" else where.upper()
            if cur is not None and cur.where == where:
                label = "note" if where == "note" else where.upper()
                parts.append(f"{label} {group.index(self._current) + 1} of {len(group)}")
            elif where != "note" or group:
                parts.append(f"{name} {len(group)}")
        return " · ".join(parts)

    def _show_current(self) -> None:
        query = self.edit.text()
        if not query:
            self.count_label.setText("")
            self.count_label.setToolTip("")
            self.edit.setStyleSheet("")
            for pane in self._panes():
                pane.clear_layer("find")
            return
        if not self._hits:
            self.count_label.setText("no matches")
            self.count_label.setToolTip("")
            self.edit.setStyleSheet("QLineEdit { background: #f4c7c3; color: #1f1d1a; }")
            for pane in self._panes():
                pane.clear_layer("find")
            return
        self.edit.setStyleSheet("")
        self.count_label.setText(self.counts_text())
        cur = self.current_hit()
        # a note is the reader's text, maybe pasted HTML: shown literally (plain_tip)
        note = cur.note if cur is not None and cur.where == "note" else ""
        self.count_label.setToolTip(plain_tip(note) if note else "")
        self._mark()
        if cur is None:
            return
        target = self._pane_of(cur.side)
        if target is None:
            return
        self._bring_into_view(target, cur)

    def _mark(self) -> None:
        """The matches in each pane's "find" layer, in the pane's current theme."""
        cur = self.current_hit()
        for pane in self._panes():
            other_fmt, current_fmt = find_formats(pane.theme())
            mine = [(s, e) for s, e in self.matches(pane.side)]
            at = (
                bisect_left(mine, (cur.start, cur.end))
                if cur is not None and cur.where == pane.side
                else 0
            )
            lo = max(0, at - MAX_MARKED // 2)
            spans: list[tuple[int, int, QTextCharFormat]] = [
                (s, e, other_fmt) for s, e in mine[lo : lo + MAX_MARKED]
            ]
            if cur is not None and cur.side == pane.side:
                spans = [sp for sp in spans if (sp[0], sp[1]) != (cur.start, cur.end)]
                spans.append((cur.start, cur.end, current_fmt))
            pane.set_layer("find", spans)

    def _bring_into_view(self, pane: ReaderPane, cur: Hit) -> None:
        lo_v, hi_v = pane.visible_range()
        if cur.where == "note" or not (lo_v <= cur.start and cur.end <= hi_v):
            pane.scroll_offset_to(cur.start)
        if cur.where == "note":  # show which highlight the note belongs to
            pane.flash_span(cur.start, cur.end, QColor(pane.theme().find_current))

    @staticmethod
    def shortcuts() -> dict[str, QKeySequence]:
        return {
            "find": QKeySequence(QKeySequence.StandardKey.Find),
            "next": QKeySequence(QKeySequence.StandardKey.FindNext),
            "previous": QKeySequence(QKeySequence.StandardKey.FindPrevious),
        }
