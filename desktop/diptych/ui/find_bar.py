"""Find in one pane: a bar under the pane with the query, match count and next/previous.

Matches are searched in ``Article.text`` (code points, case-insensitive unless asked), marked
in the pane's "find" layer, and the current one is selected and scrolled to the sync line.
Enter / F3 go to the next match, Shift+Enter / Shift+F3 to the previous, Escape closes.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from diptych.ui.reader_pane import ReaderPane

MAX_MARKED = 3000  # marks beyond this many are not drawn (the count is still exact)


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
    """Search bar bound to one ReaderPane."""

    closed = Signal()

    def __init__(self, pane: ReaderPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(4)
        self.edit = _QueryEdit(self)
        self.edit.setPlaceholderText("Find in this article")
        self.edit.setClearButtonEnabled(True)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("▲")
        self.prev_button.setToolTip("Previous match (Shift+F3)")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (F3)")
        self.case_box = QCheckBox("Match case", self)
        self.count_label = QLabel("", self)
        self.count_label.setMinimumWidth(90)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
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
        self.hide()

    def pane(self) -> ReaderPane:
        return self._pane

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
        self._matches = []
        self._current = -1
        self._pane.clear_layer("find")
        self.hide()
        self._pane.setFocus()
        self.closed.emit()

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def current_index(self) -> int:
        return self._current

    def refresh(self) -> None:
        """Search again (the pane's article changed)."""
        if self.isVisible():
            self._search()

    def _search(self) -> None:
        self._debounce.stop()
        art = self._pane.article()
        query = self.edit.text()
        self._matches = (
            find_matches(art.text, query, case_sensitive=self.case_box.isChecked()) if art else []
        )
        self._current = -1
        if self._matches:
            # start from the first match at or after the top of the view
            top = self._pane.visible_range()[0]
            self._current = bisect_left(self._matches, (top, -1)) % len(self._matches)
        self._show_current()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._debounce.isActive() or not self._matches:
            self._search()
            if not self._matches:
                return
            if delta > 0:
                return  # the fresh search already shows the first match in view
        self._current = (self._current + delta) % len(self._matches)
        self._show_current()

    def _show_current(self) -> None:
        theme = self._pane.theme()
        query = self.edit.text()
        if not query:
            self.count_label.setText("")
            self.edit.setStyleSheet("")
            self._pane.clear_layer("find")
            return
        if not self._matches:
            self.count_label.setText("no matches")
            self.edit.setStyleSheet("QLineEdit { background: #f4c7c3; color: #1f1d1a; }")
            self._pane.clear_layer("find")
            return
        self.edit.setStyleSheet("")
        n = len(self._matches)
        self.count_label.setText(f"{self._current + 1} of {n}")
        cur = self._matches[self._current]
        lo = max(0, self._current - MAX_MARKED // 2)
        marked = self._matches[lo : lo + MAX_MARKED]
        spans = [(s, e, QColor(theme.find_match)) for s, e in marked if (s, e) != cur]
        spans.append((cur[0], cur[1], QColor(theme.find_current)))
        self._pane.set_layer("find", spans)
        lo_v, hi_v = self._pane.visible_range()
        if not (lo_v <= cur[0] and cur[1] <= hi_v):
            self._pane.scroll_offset_to(cur[0])

    @staticmethod
    def shortcuts() -> dict[str, QKeySequence]:
        return {
            "find": QKeySequence(QKeySequence.StandardKey.Find),
            "next": QKeySequence(QKeySequence.StandardKey.FindNext),
            "previous": QKeySequence(QKeySequence.StandardKey.FindPrevious),
        }
