"""Making the claims list: the claims in display order under their headings, the rows the
filters list (the current claim and where the reader sees it kept), the counts after.

``ClaimListing`` is a part of ``ClaimsPanel`` (a mixin, see ``panel.py``); a verdict's few
changed rows are updated in place instead (``update.py``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView

from diptych.core.model import ClaimPair, ClaimsResult
from diptych.core.wording import counted
from diptych.ui.claims.models import NO_TOPIC, REJECTED_GROUP, listed_score

DETAIL_PLACEHOLDER = "Select a claim to see what each article says."

_CELL_PADDING = 8  # pixels either side of a cell's text (the style's margin, and some air)


def list_rank(claims: Sequence[ClaimPair], i: int) -> tuple[bool, bool, float, int]:
    """Where claim ``i`` is listed: strong first, confirmed first, best first, then in the
    engine's order (the in-place update puts a changed claim by the same key)."""
    c = claims[i]
    return (c.tier != "strong", c.verdict != "same", -c.score, i)


class ListState:
    """What the list is made of, which making it (``ClaimListing``) and updating it in place
    (``InPlaceUpdate``) both keep: the claims' groups, filter scores and topics, the headings
    in order and the topic counts (set in ``ClaimsPanel``; typed here once)."""

    if TYPE_CHECKING:
        _group_keys: list[str]
        _by_group: dict[str, list[int]]
        _scores: list[float]
        _topics: list[str]
        _headings: list[str]
        _topic_counts: dict[str, int]
        _score_texts: dict[str, int]


class ClaimListing(ListState):
    """The list made again for the claims and the filters (part of ``ClaimsPanel``)."""

    if TYPE_CHECKING:  # provided by ClaimsPanel

        def __getattr__(self, name: str) -> Any: ...

    def _rebuild_tree(self) -> None:
        """The claims in display order with their headings, made again (nothing listed until
        ``_apply_filters``): strong first, each tier best first (the engine's order; sorted
        again so a hand-built result shows the same way)."""
        claims = self._claims
        order = sorted(range(len(claims)), key=lambda i: list_rank(claims, i))
        grouped = self.group_check.isChecked()
        self._group_keys = keys = [self._group_of(c, grouped) for c in claims]
        self._headings = self._group_order()
        self._by_group = {name: [] for name in self._headings}
        for i in order:
            self._by_group[keys[i]].append(i)
        self._scores = [listed_score(c) for c in claims]
        self._topics = [c.topic or NO_TOPIC for c in claims]
        self._set_current(QModelIndex(), emit=False)
        self.model.set_rows([], self._bold_font())
        self._score_texts = dict(Counter(self._score_text(c) for c in claims))
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

    def _listed_beside(self, result: ClaimsResult, *, reset: bool) -> None:
        """What goes with the claims listed, made again (``set_claims``) or changed in place
        (``_update_claims``): the claim a verdict moved shown next, the note that the articles
        look unrelated, the Only in A and Only in B lists (made again when ``reset``, else
        only those whose spans changed) and their tabs' counts."""
        self._rebuilt = self._judged is not None  # the claim shown next is where it moved to
        self.unrelated_label.setVisible(not result.related)
        for lst, spans, article in (
            (self.only_a_model, result.only_in_a, self._a),
            (self.only_b_model, result.only_in_b, self._b),
        ):
            if reset or spans is not lst._spans:
                lst.set_spans(spans, article)
        self._tab_counts[1:] = [len(result.only_in_a), len(result.only_in_b)]

    def _say_what_filters_hide(self, shown: int, total: int) -> None:
        """The detail's placeholder: said when Min score hides every claim (an empty list and
        "Select a claim" left nothing to select). One short line: a placeholder does not wrap."""
        if self._pending:
            return
        if shown == 0 and total > 0 and self.min_score() > 0:
            topic = self.topic_combo.currentData()
            scores = "every claim's score" if topic is None else "this topic's scores"
            self.detail.setPlaceholderText(f"Min score is above {scores}.")
        else:
            self.detail.setPlaceholderText(DETAIL_PLACEHOLDER)

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
        # the whole line, then shorter ones for a narrow panel (the tab says "Claims (N)")
        if shown != total:
            wordings = [f"{shown} of {counted(total, 'claim')}", f"{shown} of {total}"]
            wordings.append(f"{shown}/{total}")
        else:
            wordings = [counted(total, "claim")] + ([str(total)] if rejected else [])
        if rejected:
            wordings = [f"{w} · {rejected} rejected" for w in wordings]
        self.count_label.set_wordings(*wordings)
        self._say_what_filters_hide(shown, total)
        self._tab_counts[0] = shown
        self._fit_tab_labels()
        hid_selection = before is not None and self.current_claim() is None
        if hid_selection:
            self.detail.clear()
            self._enable_claim_buttons(None)
        self.filters_changed.emit()
        if hid_selection:
            self.selection_hidden.emit()
