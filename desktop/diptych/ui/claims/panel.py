"""The Claims tab of the side panel: what both articles say, and what only one of them says.

The three lists (claims, only in A, only in B), their filters and the detail view share the
panel's claim indices and selection: one widget, its parts in mixins beside it (``rows``,
``filters``, ``listing``, ``update``, ``detail``: see ``__init__.py``); the reader's verdicts
are kept apart (``ui/claim_verdicts``).

The panel shows plain data (a ``ClaimsResult``, both ``Article``s and the ``TopicSet``): the
strong claims first, best first, then the possible ones under their own heading, greyed
(``ClaimPair.tier``); "Group by topic" groups the strong claims by topic instead (off by
default). Claims are filterable by topic and minimum score; each row shows the shared fragment
of both sentences (``core_a`` / ``core_b``) and the score, with "≠" when a figure, date or name
differs; a detail view with the word-level diff of the fragments (words only A says struck
through in red, words only B says in green) and what differs; tabs listing the sentences only
in A / only in B. Up/Down move from claim to claim (skipping the headers) and every move emits
``claim_selected``. A heading folds on a double click (its title then starts with "▸"); a
click on it leaves the chosen claim chosen; a claim the reader chooses opens its heading, one
a verdict, its undo or redo selects does not (the list scrolls to the folded heading). A filter, a theme switch or a shorter list keeps
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

import math
from collections import Counter

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QResizeEvent
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
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from diptych.core.model import UNRELATED_NOTE, Article, ClaimPair, ClaimsResult, Span, TopicSet
from diptych.ui.claims.count import CountLine
from diptych.ui.claims.detail import VERDICT_HOLD_MS, ClaimDetail
from diptych.ui.claims.filters import ClaimFilters
from diptych.ui.claims.listing import DETAIL_PLACEHOLDER, ClaimListing
from diptych.ui.claims.models import (
    _SPAN_ROLE,
    NO_TOPIC,
    ClaimsModel,
    OnlyInModel,
    _FixedRowsDelegate,
    _RuledDelegate,
    listed_score,
)
from diptych.ui.claims.rows import ClaimRows
from diptych.ui.claims.tree import _ClaimTree
from diptych.ui.claims.update import InPlaceUpdate
from diptych.ui.topic_bar import chip_name

# while the claims of a pair are being found (``show_pending``)
PENDING_TEXT = "Finding shared claims…"
# one line (a placeholder does not wrap); the status line counts the seconds
PENDING_DETAIL = "Finding the claims both articles make… long articles take a while."


# the claims tabs' labels, longest first: the first that fits the panel's width is shown
_TAB_WORDINGS = (
    ("Claims ({})", "Only in A ({})", "Only in B ({})"),
    ("Claims ({})", "Only A ({})", "Only B ({})"),
    ("Claims {}", "A {}", "B {}"),
    ("{}", "A {}", "B {}"),
)


class ClaimsPanel(ClaimRows, ClaimFilters, ClaimListing, InPlaceUpdate, ClaimDetail, QWidget):
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
        # Enter presses the button Tab reached, as Space does (Qt's buttons take Enter only
        # in a dialog)
        for btn in (*self.key_buttons(), self.link_button):
            btn.setAutoDefault(True)
        # one line, shortened in a narrow panel (the buttons beside it cut it short: the
        # count read "31 claims · 1 rejecte"; wrapped, it took two lines at 1000×700)
        self.count_label = CountLine()
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
        # the claims of each topic, counted once here (the topic filter's entries, and kept
        # by the in-place update; the filter's counts at the minimum score are _filled's)
        self._topic_counts = dict(Counter(c.topic or NO_TOPIC for c in self._claims))
        if a is not self._a or b is not self._b:
            self._texts.clear()  # the rows' texts are the articles' words
            self._folded.clear()  # another pair: its headings open
        self._icons.clear()  # the topics' colours may have changed
        self._a, self._b, self._topic_set = a, b, topic_set
        self.detail.setPlaceholderText(DETAIL_PLACEHOLDER)
        self._pending = False
        self._rebuild_topic_combo()
        self._rebuild_tree()
        self._listed_beside(claims, reset=True)
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
            self.select_claim(current, emit=False, unfold=False)

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

    def select_claim(
        self,
        index: int,
        *,
        emit: bool = True,
        show_tab: bool = True,
        unfold: bool = True,
        widen: bool = True,
    ) -> bool:
        """Make claim ``index`` the current row (showing it even if filtered out). Returns
        False when there is no such claim. ``show_tab`` False: the Claims tab is not brought
        forward (the same claim selected again, e.g. after a swap). ``unfold`` False: a
        heading the reader folded stays folded over it (the claim chosen by the window, not
        the reader: after a verdict, its undo or redo, a theme switch), the list scrolled to
        that heading; else the reader asked for this claim and its heading opens. ``widen``
        False: the filters stay as the reader set them, and a claim they hide is not
        selected (False; ``hidden_by`` says why)."""
        if not 0 <= index < len(self._claims):
            return False
        row = self.model.index_of(index)
        if not row.isValid():
            if not widen:
                return False
            # the user asked for this claim (e.g. from the gutter): widen the filters
            self.set_topic_filter(None)
            # a step at or below the score the filter reads (listed_score: 1 for a claim the
            # reader confirmed, so the slider stays where it is for one); rounded to the
            # nearest, 0.5895 was 0.59, above it
            at_most = math.floor(listed_score(self._claims[index]) * 100 + 1e-6)
            self.score_slider.setValue(min(self.score_slider.value(), at_most))
            row = self.model.index_of(index)
            if not row.isValid():
                return False
        if show_tab:
            self.tabs.setCurrentIndex(0)
        if unfold and row.parent().isValid() and not self.tree.isExpanded(row.parent()):
            self.tree.expand(row.parent())
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

    def hidden_by(self, index: int) -> str:
        """The filters that keep claim ``index`` from the list, as the reader reads them
        (e.g. 'the topic filter “coup”'; "" when none does)."""
        if not 0 <= index < len(self._claims):
            return ""
        c, why = self._claims[index], []
        topic = self.topic_combo.currentData()
        if topic is not None and (c.topic or NO_TOPIC) != topic:
            why.append(f"the topic filter “{chip_name(topic)}”")
        if listed_score(c) < self.min_score() - 1e-9:
            why.append(f"the minimum score {self.min_score():.2f}")
        return " and ".join(why)

    def _in_view(self, row: QModelIndex) -> bool:
        """``row`` is wholly inside the list's viewport."""
        rect = self.tree.visualRect(row)
        return rect.isValid() and self.tree.viewport().rect().contains(rect)

    def _show_heading_of(self, row: QModelIndex) -> None:
        """The list was scrolled to ``row``: scroll on to its group's heading too when both
        fit (an added pair, first under "Strong claims", was shown with the heading just out
        of view; the first row's heading is the top of the list)."""
        group = row.parent()
        if not group.isValid() or not self.tree.isExpanded(group):
            return  # folded: the list scrolled to the heading (``_ClaimTree.scrollTo``)
        top = self.tree.visualRect(group).top()
        if top < 0 and self.tree.visualRect(row).bottom() - top < self.tree.viewport().height():
            self.tree.scrollTo(group, QAbstractItemView.ScrollHint.PositionAtTop)

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

    def _on_link_button_clicked(self) -> None:
        index = self.current_claim()
        if index is not None:
            self.link_claim_requested.emit(index)

    def _on_only_item(self, index: QModelIndex, side: str) -> None:
        span = index.data(_SPAN_ROLE) if index.isValid() else None
        if span is not None:
            self.jump_requested.emit(side, span[0], span[1])
