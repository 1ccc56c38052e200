"""The claims list's filters (topic, minimum score): their entries and counts, and their
layout on one row or two for the panel's width.

``ClaimFilters`` is a part of ``ClaimsPanel`` (a mixin, see ``panel.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QWidget

from diptych.ui.claims.colors import color_icon
from diptych.ui.safe_text import one_line, plain_tip
from diptych.ui.topic_bar import chip_name

# the minimum-score slider's shortest on one row with the other filters (0..1 in steps of
# 0.05: about 5 px a step); squeezed there it was once 30 px, a nudge rather than a control
SLIDER_MIN_WIDTH = 100


class ClaimFilters:
    """The filters' widgets, entries and counts (part of ``ClaimsPanel``)."""

    if TYPE_CHECKING:  # provided by ClaimsPanel (those set here typed as there)
        _filters_wide: bool | None

        def __getattr__(self, name: str) -> Any: ...

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

    def _rebuild_topic_combo(self) -> None:
        previous = self.topic_combo.currentData()
        counts = self._topic_counts  # counted by set_claims
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
        # the scores and topics the list filters by (``_scores``, ``_topics``: made with it)
        for c, score, key in zip(self._claims, self._scores, self._topics, strict=True):
            if score >= floor and c.verdict != "different":  # rejected ones are listed apart
                counts[None] += 1
                counts[key] = counts.get(key, 0) + 1
        for i in range(self.topic_combo.count()):
            name = self.topic_combo.itemData(i)
            label = "All topics" if name is None else chip_name(name)  # the reader's: inert
            self.topic_combo.setItemText(i, f"{label} ({counts.get(name, 0)})")

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
