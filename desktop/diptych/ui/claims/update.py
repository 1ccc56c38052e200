"""The claims list changed in place for a verdict, its undo or an added pair: only the rows
of the claims that changed, when the change is that simple (``_claims_changed``,
``UPDATE_LIMIT`` and the fallback rules in ``InPlaceUpdate._update_claims``); otherwise
``ClaimsPanel.set_claims`` makes the list again.

``InPlaceUpdate`` is a part of ``ClaimsPanel`` (a mixin, see ``panel.py``)."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from diptych.core.model import ClaimPair, ClaimsResult
from diptych.ui.claims.listing import ListState, list_rank
from diptych.ui.claims.models import NO_TOPIC, listed_score

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


class InPlaceUpdate(ListState):
    """The list updated in place (part of ``ClaimsPanel``)."""

    if TYPE_CHECKING:  # provided by ClaimsPanel (those set here typed as there)
        _claims: tuple[ClaimPair, ...]
        _quiet: bool
        _kept_current: bool
        _rebuilt: bool

        def __getattr__(self, name: str) -> Any: ...

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
                self._scores[j] = listed_score(c)
                self._topics[j] = c.topic or NO_TOPIC
            self._group_keys = keys
            self._headings = self._group_order()
            self._by_group = {name: self._by_group.get(name, []) for name in self._headings}

            # the changed claims go where the sort of _rebuild_tree puts them
            def rank(i: int) -> tuple[bool, bool, float, int]:
                return list_rank(new, i)

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

        self._listed_beside(result, reset=False)
        self._filled(None, floor)  # as set_claims: no claim current before (none hidden)
        return True
