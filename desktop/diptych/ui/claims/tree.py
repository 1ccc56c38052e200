"""The claims list's view: ``_ClaimTree``, a tree whose cursor moves between claims only."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from diptych.ui.claims.models import _CLAIM_ROLE


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
        heading = index.parent()
        if heading.isValid() and not self.isExpanded(heading):
            # a claim under a folded heading: its heading shown, still folded (Qt's scrollTo
            # opens the headings above the row, and a row made current is scrolled to: a
            # verdict's redo opened the heading the reader had folded, the claim moved under
            # it); a claim the reader chooses is opened by the panel (``select_claim``)
            super().scrollTo(heading, hint)
            return
        # the first claim under a heading comes with its heading (Home chose the first strong
        # claim with "Strong claims (N)" just out of view, as if the list had no top)
        if index.row() == 0 and heading.isValid() and hint == self.ScrollHint.EnsureVisible:
            super().scrollTo(heading, hint)
        super().scrollTo(index, hint)

    def moveCursor(self, action, modifiers):
        start = self.currentIndex()
        act = self.CursorAction
        heading = start.parent()
        steps = (act.MoveUp, act.MovePrevious, act.MoveDown, act.MoveNext)
        if heading.isValid() and not self.isExpanded(heading) and action in steps:
            # the current claim is under a folded heading (a verdict's undo or redo chose
            # it): the next claim is the one after that heading (Qt started from the top)
            up = action in (act.MoveUp, act.MovePrevious)
            near = self.indexAbove(heading) if up else self.indexBelow(heading)
            found = self._claim_from(near, up)
            return found if found.isValid() else start
        idx = super().moveCursor(action, modifiers)
        if not idx.isValid() or idx.data(_CLAIM_ROLE) is not None:
            return idx
        # landed on a topic header: step on to the nearest claim, upwards when moving up
        up = action in (act.MoveUp, act.MovePrevious, act.MoveEnd)
        found = self._claim_from(idx, up)
        if found.isValid():
            if action == act.MoveHome and found == start:
                # Home onto the claim already current: no change of row scrolls the list,
                # and its heading (the top of the list) stayed out of view
                self.scrollTo(found)
            return found
        if start.isValid() and start.data(_CLAIM_ROLE) is not None:
            return start
        return self._claim_from(idx, not up)

    def _claim_from(self, idx: QModelIndex, up: bool) -> QModelIndex:
        while idx.isValid() and idx.data(_CLAIM_ROLE) is None:
            idx = self.indexAbove(idx) if up else self.indexBelow(idx)
        return idx
