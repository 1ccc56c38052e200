"""The reading desk: two panes with a link gutter, topic bar, side panel and status bar.

``MainWindow`` assembles parts and wires them; the parts render core results and forward
intents. (About 900 lines, over the ~600 the project aims at, for a reason: it is the face
the rest of the code and the tests use, ~45 public methods, most of them a few lines handing
over to a part, plus the view updates that touch several parts at once: articles shown,
analysis shown, swap. Every concern with state of its own lives in a part.) The parts
(``diptych.ui.window``):

``PairSession``       which pair is open, opening it in the background, restoring, swapping
``HighlightsSession`` the highlights store (opened after the first paint), its controller, the
                      backup offered after damage
``WindowActions``     every action, menu and toolbar entry, from one table (its triggers call
                      the window's intent methods: ``choose_pair``, ``swap_panes``, ...)
``StatusArea``        message, notice, busy bar, counts, restore button
``Navigator``         topic, claim and passage jumps of both panes (Alt+Down/Up)
``SidePanelFit``      the first window fitted to the screen; the side panel gives way (F9)
``OutlinePanel``, ``help``, ``notes_export``, ``accessibility``, ``dialogs``: the Outline tab,
                      Help (shortcut sheet, guide), notes export and citation, accessible
                      names, the small dialogs

Wiring between parts is done in three places only: ``_connect_signals`` (the parts that exist
from the start), ``_connect_side_panels`` (the Claims and Highlights tabs, built after the
first paint) and ``_connect_highlights`` (the controller, once the store is open); the action
table in ``window/actions.py`` connects the menus. Loading and analysis run off the UI thread;
the panes show the text as soon as it is read, and topics, claims and the anchor chain when
the analysis lands.

Public API (tests, app.py, other helpers):
``open_pair(a, b)``, ``open_side(side, path, encoding=None)``, ``open_seed_pair()``,
``swap_panes()``, ``show_claim(index)``, ``jump_to(side, start, end)``, ``go_to_topic(name)``,
``reader(side) -> ReaderPane``, ``pane_view(side)``, ``article(side)``, ``analysis()``,
``restore_session()``, ``set_theme_mode(mode)``, ``set_zoom_steps(n)``, ``acts[name]``,
``status``, ``pair``, ``highlights``; signals ``articles_shown()``, ``analysis_shown(object)``,
``load_failed(str)``, ``highlights_ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from diptych.core.model import Article, ArticleTopics, ClaimPair, Span
from diptych.core.wording import counted
from diptych.ui.article_document import BASE_POINT_SIZE
from diptych.ui.desk_state import DeskState, SavedPair
from diptych.ui.link_gutter import ClaimLinks, LinkGutter
from diptych.ui.pane_view import PaneView, article_name, left_out_notice
from diptych.ui.reader_pane import PreparedArticle, ReaderPane
from diptych.ui.reading_comfort import ReadingComfort, load_comfort, save_comfort
from diptych.ui.safe_text import as_rich, visible
from diptych.ui.sync_scroll import ScrollSync
from diptych.ui.theme import THEME_MODES, apply_theme, resolve_theme
from diptych.ui.topic_bar import TopicBar
from diptych.ui.window import dialogs, notes_export
from diptych.ui.window.actions import WindowActions
from diptych.ui.window.dialogs import backup_time_label, show_lost_highlights
from diptych.ui.window.highlights_session import HighlightsSession
from diptych.ui.window.layout import FIRST_SIZE, MIN_PANEL_WIDTH, SidePanelFit, fit_to_screen
from diptych.ui.window.navigation import Navigator
from diptych.ui.window.notes_export import NotesFormat
from diptych.ui.window.pair_session import SIDES, PairSession, other_side
from diptych.ui.window.status import StatusArea
from diptych.ui.worker import PairLoader

if TYPE_CHECKING:
    from diptych.core.compare.pair import PairAnalysis
    from diptych.core.notes.store import Store
    from diptych.ui.claim_verdicts import ClaimVerdicts
    from diptych.ui.claims.panel import ClaimsPanel
    from diptych.ui.find_bar import FindBar
    from diptych.ui.highlights.controller import HighlightController
    from diptych.ui.highlights.panel import HighlightsPanel
    from diptych.ui.jobs import Job
    from diptych.ui.topic_editor import TopicEditor
    from diptych.ui.window.outline import OutlinePanel

__all__ = ["SIDES", "MainWindow", "backup_time_label"]


class MainWindow(QMainWindow):
    """Diptych's main window (see the module docstring)."""

    articles_shown = Signal()
    highlights_ready = Signal()  # the store is open (or known to be unusable)
    analysis_shown = Signal(object)
    load_failed = Signal(str)

    def __init__(self, *, settings: QSettings | None = None, db: str | None = None) -> None:
        super().__init__()
        self.setObjectName("diptych_main_window")
        self.state = DeskState(settings)
        self.db_path = db
        self._theme_mode = "system"
        self._focused_side = "a"
        self._topic_editor: TopicEditor | None = None
        self._lost_box: QWidget | None = None  # File → Highlights of missing files
        self.crash_report: Callable[[str], object] | None = None  # set by app.py
        self._closed = False
        # a claim to select again once a Job has applied the verdicts: (A id, B id, A, B)
        self._reselect_later: tuple[str, str, Span, Span] | None = None

        self.pair = PairSession(self.state, self)
        self.highlights = HighlightsSession(db, self._make_highlight_controller, self)
        self._build_parts()
        self.nav = Navigator(
            self.pair,
            {side: self.panes[side].reader for side in SIDES},
            self.sync,
            self.topic_bar,
            self.gutter,
            lambda: self.claims_panel,
            lambda: self._focused_side,
            self.show_message,
            self,
        )
        self.acts = WindowActions(self, self.side_dock.toggleViewAction())
        self.status = StatusArea(self.statusBar())
        # hidden (by hand, or for room) or shown: the claim counts name F9 while it is hidden
        self.side_dock.visibilityChanged.connect(
            lambda _shown: self.status.set_panel_hidden(self.side_dock.isHidden())
        )
        self.side_fit = SidePanelFit(
            self, self.side_dock, self.show_message, text_scale=self._text_scale
        )
        self._connect_signals()
        self._apply_view_settings()
        self._update_title()

    # ------------------------------------------------------------------------------ parts --
    def _build_parts(self) -> None:
        self.topic_bar = TopicBar(self)
        self.panes: dict[str, PaneView] = {side: PaneView(side, self) for side in SIDES}
        self.gutter = LinkGutter(self)
        self._claim_links = ClaimLinks()  # the claims' bands, kept from one verdict to the next
        # the articles and topics the chips, the rails and the outline show (_show_topics)
        self._topics_shown: tuple[Article, Article, ArticleTopics] | None = None
        self.gutter.setObjectName("link_gutter")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("desk_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.panes["a"])
        self.splitter.addWidget(self.gutter)
        self.splitter.addWidget(self.panes["b"])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setHandleWidth(1)
        self.splitter.setAccessibleName("Articles A and B")
        self.gutter.setAccessibleName("Links between A and B")
        self.gutter.setAccessibleDescription(
            "Bands joining each shared claim and linked highlight of A to its partner in B"
        )
        for side in SIDES:
            self.panes[side].reader.setAccessibleName(f"Article {side.upper()}")
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.topic_bar)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.sync = ScrollSync({s: self.panes[s].reader for s in SIDES}, self)

        # side panel: Claims, Highlights. The panels themselves are built after the first
        # paint (their code takes a while to import): see _ensure_side_panels()
        self._claims_panel: ClaimsPanel | None = None
        self._highlights_panel: HighlightsPanel | None = None
        self.outline: OutlinePanel | None = None
        self._claim_verdicts: ClaimVerdicts | None = None
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("side_tabs")
        self.side_tabs.setMinimumWidth(MIN_PANEL_WIDTH)  # the same before and after the panels
        self.side_dock = QDockWidget("Claims and highlights", self)
        self.side_dock.setObjectName("side_panel")
        self.side_dock.setWidget(self.side_tabs)
        self.side_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_dock)
        self.resize(FIRST_SIZE)

    @property
    def claims_panel(self) -> ClaimsPanel:
        """The Claims tab, built on first use."""
        self._ensure_side_panels()
        assert self._claims_panel is not None
        return self._claims_panel

    @property
    def highlights_panel(self) -> HighlightsPanel:
        """The Highlights tab, built on first use."""
        self._ensure_side_panels()
        assert self._highlights_panel is not None
        return self._highlights_panel

    @property
    def store(self) -> Store | None:
        return self.highlights.store

    @property
    def highlight_controller(self) -> HighlightController | None:
        return self.highlights.controller

    @property
    def notice_label(self) -> QWidget:
        return self.status.notice_label

    def _ensure_side_panels(self) -> None:
        if self._claims_panel is not None:
            return
        from diptych.ui.claims.panel import ClaimsPanel
        from diptych.ui.highlights import HighlightsPanel
        from diptych.ui.window.outline import OutlinePanel

        self._claims_panel = ClaimsPanel(self)
        self._highlights_panel = HighlightsPanel(self)
        self.outline = OutlinePanel(self)
        self.side_tabs.addTab(self._claims_panel, "Claims")
        self.side_tabs.addTab(self._highlights_panel, "Highlights")
        self.side_tabs.addTab(self.outline, "Outline")
        # the tab the reader last had open comes back (a bad or old value: Claims)
        tab = self.state.side_tab()
        self.side_tabs.setCurrentIndex(tab if 0 <= tab < self.side_tabs.count() else 0)
        self.side_tabs.currentChanged.connect(self.state.save_side_tab)
        # "Group by topic" too is the reader's choice, kept across a restart
        self._claims_panel.set_grouped_by_topic(self.state.claims_grouped())
        self._claims_panel.group_check.toggled.connect(self.state.save_claims_grouped)
        from diptych.ui.claim_verdicts import ClaimVerdicts

        self._claim_verdicts = ClaimVerdicts(self)  # the reader's verdicts on claims
        self._claim_verdicts.applied.connect(self._on_verdicts_applied)
        self._connect_side_panels(self._claims_panel, self.outline)
        self.outline.set_articles(self.pair.article("a"), self.pair.article("b"))
        if self._topics_shown is not None:  # the topics shown before the tab was made
            topics = self._topics_shown[2]
            self.outline.set_sections(topics.a, topics.b, topics.topic_set)
        a = self.pair.analysis()
        if a is not None:
            a = self._with_verdicts(a)
            self._claims_panel.set_claims(a.claims, a.a, a.b, a.topics.topic_set)
        else:
            self._clear_claims()  # built while the first pair is analysed: saying so
        self._name_controls(self.side_dock)

    def _make_highlight_controller(self, store: Store) -> HighlightController:
        from diptych.ui.highlights import HighlightController

        return HighlightController(
            store, self.reader("a"), self.reader("b"), parent=self, panel=self.highlights_panel
        )

    # ---------------------------------------------------------------------------- wiring --
    def _connect_signals(self) -> None:
        # the pair: loading and analysis (worker thread -> session -> window)
        p = self.pair
        p.may_replace = lambda: self.highlights.confirm_close(self)
        p.make_prepare = self._document_builder
        p.reading.connect(self._on_reading)
        p.progress.connect(self._on_progress)
        p.articles_ready.connect(self._on_articles_ready)
        p.analysis_ready.connect(self._on_analysis_ready)
        p.failed.connect(self._on_load_failed)
        p.crashed.connect(self._on_crashed)
        p.busy_changed.connect(self.status.set_busy)
        p.stopped.connect(self._on_reading_stopped)
        p.reloaded.connect(
            lambda side, what: self.show_notice(f"Reloaded {side.upper()} from the web: {what}.")
        )
        p.kept_copy.connect(lambda side, why: self.show_notice(f"{side.upper()}: {why}.", 60_000))

        # highlights: the store opens in the background; the controller is wired when ready
        h = self.highlights
        h.controller_ready.connect(self._connect_highlights)
        h.ready.connect(self._on_highlights_ready)
        h.notice.connect(self.show_notice)
        h.crashed.connect(self._report_crash)
        h.backup_offered.connect(self._show_backup_offer)

        # panes: focus, drops, zoom, gutter repaint
        for side in SIDES:
            reader = self.panes[side].reader
            reader.focus_entered.connect(lambda s=side: self._on_reader_focus_entered(s))
            reader.file_dropped.connect(lambda path, s=side: self.open_side(s, path))
            reader.zoom_requested.connect(self.zoom_by)
            reader.scrolled.connect(self.gutter.update)
            reader.layout_changed.connect(self.gutter.update)
        self.splitter.splitterMoved.connect(lambda *_: self.gutter.update())

        # synced scrolling
        self.sync.toggled.connect(self.acts["sync"].setChecked)
        self.sync.toggled.connect(
            lambda on: self.show_message("Synced scrolling " + ("on" if on else "off"), 2000)
        )

        # topics (the editor is made on the first chip menu: its code loads the analysis's)
        self.topic_bar.topic_clicked.connect(self.go_to_topic)
        self.topic_bar.topic_menu_requested.connect(
            lambda name, pos: self.topic_editor.show_menu(name, pos)
        )

        # claims: gutter -> panel/panes (panel -> panes is in _connect_side_panels)
        self.gutter.set_extent_functions(
            self.panes["a"].extent_in(self.gutter), self.panes["b"].extent_in(self.gutter)
        )
        self.gutter.set_visible_range_functions(
            self.reader("a").visible_range, self.reader("b").visible_range
        )
        self.gutter.link_clicked.connect(self.nav.on_gutter_link_clicked)

        # menus that fill themselves
        assert self.acts.recent_menu is not None
        self.acts.recent_menu.aboutToShow.connect(self._fill_recent_menu)

        # look
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_color_scheme_changed)

    def _connect_side_panels(self, claims: ClaimsPanel, outline: OutlinePanel) -> None:
        """Claims and Outline: panel -> panes."""
        claims.claim_selected.connect(self.show_claim)
        claims.filters_changed.connect(self._update_gutter_links)  # bands of the listed claims
        claims.selection_hidden.connect(self.nav.deselect_claim)
        claims.jump_requested.connect(self.jump_to)
        outline.jump_requested.connect(self.jump_to)

    def _connect_highlights(self, ctl: HighlightController) -> None:
        """Highlights: the controller listens to the panes itself (selection, context menu,
        clicks); the window gives it the pair, its actions a place, and routes
        gutter/claims/jump requests."""
        self.addActions(ctl.all_actions())
        self.acts.add_highlight_actions(
            ctl.undo_action, ctl.redo_action, ctl.highlight_actions, ctl.link_action
        )
        ctl.gutter_links_changed.connect(
            lambda links: self.gutter.set_links(links, group="highlights")
        )
        self.gutter.link_clicked.connect(ctl.on_gutter_link_clicked)
        self.gutter.link_menu_requested.connect(ctl.on_gutter_link_menu)
        self.claims_panel.link_claim_requested.connect(ctl.link_claim)
        if self._claim_verdicts is not None:  # a link becomes the reader's claim
            ctl.claim_from_link_requested.connect(self._claim_verdicts.claim_from_link)
        ctl.jump_requested.connect(self.jump_to)
        ctl.pair_jump_requested.connect(self.show_pair)
        ctl.error_occurred.connect(self.show_notice)
        ctl.notice_requested.connect(self.show_notice)
        ctl.status_message.connect(lambda text: self.show_message(text, 6000))
        ctl.highlights_changed.connect(self._update_highlights_tab)
        ctl.highlights_loaded.connect(self._update_highlights_tab)
        self._name_controls(self)

        a, b = self.pair.article("a"), self.pair.article("b")
        if a is not None and b is not None:
            ctl.set_articles(a, b)
        analysis = self.pair.analysis()
        if analysis is not None:
            ctl.set_claims(analysis.claims.claims)
        if self._claim_verdicts is not None:
            self._claim_verdicts.refresh()  # the store is open: show the verdicts it keeps

    # --------------------------------------------------------------------------- opening --
    def open_pair(self, a: str | Path, b: str | Path, *, encoding: str | None = None) -> int:
        """Read and analyse two files (in the background)."""
        return self.pair.open_pair(a, b, encoding=encoding)

    def open_side(self, side: str, path: str | Path, *, encoding: str | None = None) -> int:
        """Replace one side's article with a file; the other side stays as it is."""
        if self.pair.article(other_side(side)) is None:
            self.show_message("Open a pair first (File → Open pair…)")
            return 0
        return self.pair.open_side(side, path, encoding=encoding)

    def open_seed_pair(self) -> int:
        return self.pair.open_seed_pair()

    def restore_session(self) -> None:
        """Open the last pair (and its scroll positions), or the seed pair on a first start or
        when a file of the last pair is gone."""
        notice = self.pair.restore(self.state.pair())
        if notice:
            self.show_notice(notice)

    def start_highlights(self) -> None:
        self.highlights.start()

    def _document_builder(self) -> Callable[[Article], object]:
        """What builds a pane's document for an article in the loader's thread, in the panes'
        current style (handed to the UI thread when done)."""
        style, ui_thread = self.reader("a").document_style(), self.thread()

        def prepare(article: Article) -> object:
            from diptych.ui.reader_pane import prepare_article

            return prepare_article(article, style, ui_thread)

        return prepare

    def _on_reading(self, sides: tuple[str, ...]) -> None:
        for side in sides:
            self.panes[side].set_busy_text("Reading…")

    def _on_articles_ready(
        self,
        a: Article,
        b: Article,
        prepared: dict[str, PreparedArticle],
        changed: tuple[str, ...],
    ) -> None:
        # the old pair's anchor chain means nothing for the new texts: a pane whose scroll
        # position changes as its document is replaced must not drag the other one along it
        self.sync.set_chain(None)
        with self.sync.suspend():
            for side in changed:
                art = a if side == "a" else b
                self.panes[side].set_article(art, prepared.get(side))
        self._show_analysis(None)
        if self.outline is not None and changed:
            self.outline.set_articles(a, b)
        ctl = self.highlight_controller
        if changed and ctl is not None:
            ctl.set_articles(a, b)
        self._update_title()
        # text left out of a user's own file on a guess is never left out silently
        # (said unless something that matters more is being said: a file gone, a store
        # damaged; those replace it when they come later)
        left_out = left_out_notice(*((side, a if side == "a" else b) for side in changed))
        if left_out and not self.status.notice_label.text():
            self.show_notice(left_out, 30_000)
        tops = self.pair.take_pending_tops()
        if tops is not None:
            QTimer.singleShot(0, lambda: self._restore_tops(tops))
        if changed:
            self.articles_shown.emit()
        # once the text is on screen: the side panels, the analysis, the highlights store
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.pair.released()
        self.highlights.start()  # also imports the side panels' code, off this thread
        self._name_controls(self)  # for screen readers; not needed for the first paint

    @staticmethod
    def _name_controls(root: QWidget) -> None:
        from diptych.ui.window.accessibility import name_controls

        name_controls(root)

    def _restore_tops(self, tops: tuple[int, int]) -> None:
        with self.sync.suspend():
            for side, top in zip(SIDES, tops, strict=True):
                if top > 0:
                    self.reader(side).scroll_offset_to(top, at_fraction=0.0)

    def _on_analysis_ready(self, analysis: PairAnalysis) -> None:
        self._show_analysis(analysis)
        # counted as the status line counts them: the reader's verdicts applied
        unrelated = "" if analysis.claims.related else " (the articles look unrelated)"
        # the panel hidden for room: this message replaces the one saying so
        where = "" if self.side_dock.isVisible() else " (F9 shows them)"
        self.show_message(
            f"{_shared_claims(self.claims_panel.claims())}{unrelated}, "
            f"{counted(len(analysis.topics.topic_set.topics), 'topic')}{where}",
            4000,
        )
        if analysis.topics.notice:
            # the reader's saved topics could not be used (in full): never without a word
            self.show_notice(analysis.topics.notice, 60_000)
        self.analysis_shown.emit(analysis)

    def _on_load_failed(self, side: str, message: str, next_step: str) -> None:
        for s in SIDES:
            if self.pair.article(s) is None:
                self.panes[s].set_busy_text("")
        self.show_message("")
        names = {"a": "A", "b": "B"}
        where = f" ({names[side]})" if side in names else ""
        self.load_failed.emit(message)
        what = "page" if message.lower().startswith(("http://", "https://")) else "file"
        if next_step == "seed-pair":  # nothing to keep showing: the seed pair comes next
            dialogs.warn(
                self,
                "Could not open the pair" if where else "Could not open either file",
                f"{message}{where}\n\nShowing the seed pair instead.",
            )
        elif next_step == "seed-side":  # the good file stays
            dialogs.warn(
                self,
                f"Could not open the {what}",
                f"{message}{where}\n\nThe other file is shown, with the seed article "
                "in this one's place.",
            )
        else:
            dialogs.warn(
                self,
                f"Could not open the {what}" if where else "Could not open either file",
                f"{message}{where}\n\nThe articles already open stay as they were.",
            )

    def _on_crashed(self, text: str) -> None:
        self.show_message("")
        panel = self._claims_panel
        if panel is not None and panel.is_pending() and self.pair.analysis() is None:
            # no claims will come for this pair: not "Finding shared claims…" for ever
            panel.count_label.setText("No claims: finding them failed")
        if self.crash_report is not None:
            self.crash_report(text)
        else:
            dialogs.warn(self, "Diptych: something went wrong", text.strip().splitlines()[-1])

    def _report_crash(self, text: str) -> None:
        if self.crash_report is not None:
            self.crash_report(text)

    def _on_highlights_ready(self) -> None:
        self._ensure_side_panels()
        self.highlights_ready.emit()

    # ------------------------------------------------------------------ damaged store --
    def backup_offer(self) -> Path | None:
        """The backup offered after the highlights database was found damaged (or None)."""
        return self.highlights.offered_backup()

    def _show_backup_offer(self, backup: Path | None) -> None:
        """A button in the status bar and an entry in the File menu, until restored."""
        act = self.acts["restore_backup"]
        if backup is not None:
            label = f"Restore backup from {backup_time_label(backup)}"
            act.setText(label)
            act.setToolTip(
                as_rich(
                    f"The highlights database was damaged and moved aside.\nRestore {backup}\n"
                    "(the current file is moved aside too, never deleted)."
                )
            )
            act.setStatusTip(label)
            act.setEnabled(True)
        act.setVisible(backup is not None)
        self.acts["dismiss_backup"].setVisible(backup is not None)
        self.status.show_restore_button(act, backup is not None, self.acts["dismiss_backup"])

    def restore_offered_backup(self) -> bool:
        """Put the offered backup in place of the current store and show its highlights."""
        return self.highlights.restore_offered_backup(
            self.pair.article("a"), self.pair.article("b")
        )

    def dismiss_backup_offer(self) -> bool:
        """The user declines the offered backup (it rotates out like the others)."""
        return self.highlights.dismiss_backup_offer()

    def show_lost_highlights(self) -> None:
        """A list of the highlights whose article file is gone (as of the last load)."""
        ctl = self.highlight_controller
        self._lost_box = show_lost_highlights(self, ctl.lost if ctl is not None else [])

    # -------------------------------------------------------------------------- analysis --
    def analysis(self) -> PairAnalysis | None:
        return self.pair.analysis()

    def _with_verdicts(self, analysis: PairAnalysis) -> PairAnalysis:
        """``analysis`` with the reader's verdicts on claims applied; the pair session keeps
        that one, so that claim indices mean the same in the panel, the gutter and here."""
        if self._claim_verdicts is None:
            return analysis
        applied: PairAnalysis = self._claim_verdicts.apply(analysis)
        if applied is not self.pair.analysis():
            # also when the last verdict was undone (applied is the engine's own): the
            # session must not keep the old verdict-applied claims (their indices differ)
            self.pair.replace_analysis(applied)
        return applied

    def _show_analysis(self, analysis: PairAnalysis | None) -> None:
        self.nav.reset()
        if analysis is not None:
            self._ensure_side_panels()
            analysis = self._with_verdicts(analysis)
        for side in SIDES:
            self.panes[side].reader.clear_layer("claim_core")
        self._show_topics(analysis)
        self.sync.set_chain(analysis.chain if analysis else None)
        if analysis is not None:
            self.claims_panel.set_claims(
                analysis.claims, analysis.a, analysis.b, analysis.topics.topic_set
            )
            self.claims_panel.setEnabled(True)
            self.status.set_counts(
                f"{_shared_claims(analysis.claims.claims)}"
                f" · only in A {len(analysis.claims.only_in_a)}"
                f" · only in B {len(analysis.claims.only_in_b)}"
            )
        else:
            self.status.set_counts("")
            self._clear_claims()
        ctl = self.highlight_controller
        if ctl is not None:
            ctl.set_claims(analysis.claims.claims if analysis else ())
        self._update_gutter_links()

    def _show_topics(self, analysis: PairAnalysis | None) -> None:
        """The topic chips, the panes' rail marks and the outline's topic sections, made again
        only when the topics shown change: a verdict on a claim shows the pair again with the
        same articles and topics (the same objects), and made them all again (400 outline
        rows took 25 ms of each verdict on a 3 MB pair). A topic edit, a swap or another pair
        brings other objects, and None (a pair being analysed) always clears them."""
        if analysis is None:
            shown = None
        else:
            shown = (analysis.a, analysis.b, analysis.topics)
            old = self._topics_shown
            if old is not None and _same_topics(shown, old):
                # as the chips made again were: none checked (nav.reset has the topics start
                # again at their first section)
                self.topic_bar.set_active(None)
                return
        self._topics_shown = shown
        topics = shown[2] if shown is not None else None
        self.topic_bar.set_topics(topics)
        for side in SIDES:
            secs = topics.sections(side) if topics is not None else ()
            self.panes[side].set_sections(secs, topics.topic_set if topics is not None else None)
        if self.outline is not None and topics is not None:
            self.outline.set_sections(topics.a, topics.b, topics.topic_set)

    def _clear_claims(self) -> None:
        """A new pair is being analysed: the old claims point at text no longer shown, so
        the Claims tab is emptied and disabled until the new ones arrive."""
        panel = self._claims_panel
        a, b = self.pair.article("a"), self.pair.article("b")
        if panel is None or a is None or b is None:
            return  # not built yet (it is filled when it is)
        panel.show_pending(a, b)
        panel.setEnabled(False)

    def _update_gutter_links(self) -> None:
        analysis = self.pair.analysis()
        links = []
        if analysis is not None:
            # kept between calls: a verdict re-ranks a few claims, a filter none
            links = self._claim_links.links(analysis.claims.claims, analysis.topics.topic_set)
            panel = self._claims_panel
            if panel is not None and panel.claims() is analysis.claims.claims:
                # the claims the panel lists (its topic and minimum score filters)
                links = self._claim_links.of(set(panel.visible_claims()))
        self.gutter.set_links(links, group="claims")
        selected = self.nav.selected_claim
        self.gutter.set_selected(("claim", selected) if selected is not None else None)

    # ---------------------------------------------------------------------------- moving --
    def reader(self, side: str) -> ReaderPane:
        return self.panes[side].reader

    def pane_view(self, side: str) -> PaneView:
        return self.panes[side]

    def article(self, side: str) -> Article | None:
        return self.pair.article(side)

    def go_to_topic(self, name: str) -> None:
        """Scroll both panes to the topic's next section (the first on the first click)."""
        self.nav.go_to_topic(name)

    def show_claim(self, index: int) -> None:
        """Bring both sentences of claim ``index`` to the sync line and mark them."""
        self._reselect_later = None  # the reader's choice, not the claim selected before
        self.nav.show_claim(index)

    def jump_to(self, side: str, start: int, end: int) -> None:
        """Scroll one pane to a span and mark it (the other pane follows if syncing)."""
        self.nav.jump_to(side, start, end)

    def show_pair(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        """Bring a passage of A and one of B to the sync line together (linked highlights)."""
        self.nav.show_pair(a_start, a_end, b_start, b_end)

    def step_claim(self, delta: int) -> None:
        """Alt+Down / Alt+Up: both panes to the next / previous shared claim."""
        self.nav.step_claim(delta)

    def _update_highlights_tab(self) -> None:
        ctl = self.highlight_controller
        if ctl is None:
            return
        n = len(ctl.highlights("a")) + len(ctl.highlights("b"))
        i = self.side_tabs.indexOf(self.highlights_panel)
        self.side_tabs.setTabText(i, f"Highlights ({n})" if n else "Highlights")

    def swap_panes(self) -> None:
        """Exchange A and B (articles, analysis and scroll positions)."""
        if not self.pair.has_pair():
            return
        tops = {s: self.reader(s).offset_at_y(0) for s in SIDES}
        # what is on each sync line, held there in the other pane while its text is laid out
        held = {s: self.reader(s).reading_position() for s in SIDES}
        selected = self._selected_claim_spans()
        with self.sync.suspend():
            # each pane's document goes to the other pane, not built again
            handed = {side: self.reader(side).hand_over() for side in SIDES}
            self.pair.swap()
            a, b = self.pair.article("a"), self.pair.article("b")
            self.panes["a"].set_article(a, handed["b"])
            self.panes["b"].set_article(b, handed["a"])
            if self.outline is not None:
                self.outline.set_articles(a, b)
            self._show_analysis(self.pair.analysis())
            ctl = self.highlight_controller
            if ctl is not None:
                ctl.set_articles(a, b)
            self._update_title()
            for side in SIDES:
                position = held[other_side(side)]
                if position is not None:
                    self.reader(side).hold_reading_position(position)
                elif tops[other_side(side)] > 0:
                    self.reader(side).scroll_offset_to(tops[other_side(side)], at_fraction=0.0)
        if selected is not None:
            self._reselect_claim(selected[1], selected[0])  # its sides exchanged too
            a, b = self.pair.article("a"), self.pair.article("b")
            verdicts = self._claim_verdicts
            if verdicts is not None and verdicts.waiting() and a is not None and b is not None:
                # a Job applies the verdicts: the list is made again when it is done
                self._reselect_later = (a.id, b.id, selected[1], selected[0])
        self.show_message("Swapped A and B", 2500)

    def _on_verdicts_applied(self) -> None:
        later, self._reselect_later = self._reselect_later, None
        a, b = self.pair.article("a"), self.pair.article("b")
        if later is not None and a is not None and b is not None and later[:2] == (a.id, b.id):
            self._reselect_claim(later[2], later[3])

    def _selected_claim_spans(self) -> tuple[Span, Span] | None:
        """The (A, B) sentences of the claim selected now (None when none is)."""
        analysis, i = self.pair.analysis(), self.nav.selected_claim
        if analysis is None or i is None or not 0 <= i < len(analysis.claims.claims):
            return None
        c = analysis.claims.claims[i]
        return (c.a, c.b)

    def _reselect_claim(self, a: Span, b: Span) -> None:
        """Select the claim on sentences ``a`` and ``b`` again, if it is listed, where the
        panes and the Claims tab are: its row current, its fragments tinted, its band marked
        (nothing scrolls; the panel's tab stays the one shown)."""
        analysis = self.pair.analysis()
        if analysis is None or self._claims_panel is None:
            return
        claims = analysis.claims.claims
        i = next((i for i, c in enumerate(claims) if (c.a, c.b) == (a, b)), None)
        if i is None or i not in self._claims_panel.visible_claims():
            return
        self._claims_panel.select_claim(i, emit=False, show_tab=False)
        self.nav.show_claim(i, scroll=False)

    # ---------------------------------------------------------------------------- intents --
    def start_dir(self) -> str:
        """Where file dialogs open: the focused side's folder, else the other's, else home."""
        for side in (self._focused_side, other_side(self._focused_side)):
            if self.pair.source(side):
                return str(Path(self.pair.source(side)).parent)
        return str(Path.home())

    def choose_pair(self) -> None:
        files = dialogs.choose_pair(self, self.start_dir())
        if files is not None:
            self.open_pair(*files)

    def choose_article(self, side: str) -> None:
        path = dialogs.choose_article(self, side, self.start_dir())
        if path:
            self.open_side(side, path)

    def choose_url(self) -> None:
        """File → Open URL…: a web page in the focused pane (both panes when none is open).
        It is fetched in the background, like any file, and kept as a snapshot."""
        side = self._focused_side
        url = dialogs.ask_url(self, side)
        if not url:
            return
        if self.pair.article(other_side(side)) is None:
            self.show_message("Open a pair first (File → Open pair…)")
            return
        self.open_side(side, url)

    def reload_from_web(self) -> None:
        """File → Reload from the web: the focused pane's page fetched again, in place."""
        side = self._focused_side
        if not self.pair.reload(side):
            self.show_message("This pane shows no page opened from the web (File → Open URL…).")

    def stop_reading(self) -> None:
        """File → Stop reading: the fetch or read under way is stopped."""
        if not self.pair.stop_reading():
            self.show_message("Nothing is being read.", 3000)

    def _on_progress(self, text: str) -> None:
        if self.pair.is_reading():  # a fetch or a long read: say how to stop it
            keys = (
                self.acts.actions["stop_reading"]
                .shortcut()
                .toString(QKeySequence.SequenceFormat.NativeText)
            )
            text = f"{text}  (File → Stop reading, {keys})"
        self.status.show_working(text)

    def _on_reading_stopped(self, sides: tuple[str, ...]) -> None:
        for side in sides:
            self.panes[side].set_busy_text("")
        self.show_message("Stopped.", 4000)

    def choose_encoding(self) -> None:
        side = self._focused_side
        path = self.pair.source(side)
        if not path:
            self.show_message("The seed articles are UTF-8; pick a file of your own first.")
            return
        art = self.pair.article(side)
        enc = dialogs.choose_encoding(self, path, art.meta.encoding if art else "")
        if enc:
            self.open_side(side, path, encoding=enc)

    def _fill_recent_menu(self) -> None:
        menu = self.acts.recent_menu
        assert menu is not None
        menu.clear()
        pairs = self.state.recent_pairs()
        if not pairs:
            menu.addAction("(none yet)").setEnabled(False)
            return

        def name(source: str) -> str:
            # '&&' shows an '&' (one alone marks a shortcut key); overrides as U+FFFD
            return visible(Path(source).name or "seed").replace("&", "&&")

        for a, b in pairs:
            act = menu.addAction(f"{name(a)}  |  {name(b)}")
            act.setToolTip(as_rich(f"{a}\n{b}"))
            act.triggered.connect(lambda _=False, pa=a, pb=b: self._open_recent(pa, pb))

    def _open_recent(self, a: str, b: str) -> None:
        if not a and not b:
            self.open_seed_pair()
        else:
            self.open_pair(a, b)

    def export_pdf(self) -> None:
        analysis = self.analysis()
        if analysis is None:
            self.statusBar().showMessage("Nothing to export yet: the pair is still loading.", 5000)
            return
        from diptych.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self, analysis, self.store, folder=self.export_folder())
        dialog.exec()
        if dialog.result_path is not None:
            self.remember_export_folder(dialog.result_path)

    def export_folder(self) -> str:
        """Where export dialogs open: the folder of the last export, else the documents
        folder (else home); never the articles' folder, which may be the program's own."""
        from diptych.ui import export_dialog

        return self.state.export_folder() or str(export_dialog.default_export_folder())

    def remember_export_folder(self, path: Path) -> None:
        """``path`` was just written by an export: its folder is where the next one opens."""
        self.state.save_export_folder(str(Path(path).parent))

    def export_notes(self, kind: NotesFormat) -> Job | None:
        """File → Export notes as Markdown / highlights as W3C JSON (see notes_export)."""
        return notes_export.export_notes(self, self, kind)

    def copy_with_citation(self) -> str:
        """Edit → Copy with citation: the focused pane's selection and its source."""
        return notes_export.copy_with_citation(self, self._focused_side)

    def _find_bar(self, side: str) -> FindBar:
        """The find bar under pane ``side``, searching both panes and the notes."""
        bar: FindBar = self.panes[side].find_bar
        bar.set_other_pane(self.reader(other_side(side)))
        bar.set_notes_source(self._note_refs)
        return bar

    def _note_refs(self) -> list[tuple[str, int, int, str]]:
        ctl = self.highlight_controller
        if ctl is None:
            return []
        return [
            (side, p.start, p.end, p.h.note)
            for side in SIDES
            for p in ctl.highlights(side)
            if p.found and p.h.note
        ]

    def find_text(self) -> None:
        self._find_bar(self._focused_side).open_bar()

    def find_step(self, delta: int) -> None:
        bar = self._find_bar(self._focused_side)
        if not bar.isVisible() or not bar.edit.text():
            bar.open_bar()
            return
        bar.find_next() if delta > 0 else bar.find_previous()

    def _on_reader_focus_entered(self, side: str) -> None:
        self._focused_side = side

    def about(self) -> None:
        dialogs.show_about(self)

    def show_shortcuts(self) -> QDialog:
        """Help → Keyboard shortcuts (Ctrl+?): every action and its keys, from the menus."""
        from diptych.ui.window.help import ShortcutSheet

        return self._show_help(ShortcutSheet(self))

    def show_guide(self) -> QDialog:
        """Help → Guide (F1): the user guide, its keys read from the real actions."""
        from diptych.ui.window.help import GuideDialog

        return self._show_help(GuideDialog(self))

    def _show_help(self, dialog: QDialog) -> QDialog:
        self._name_controls(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        return dialog

    # ------------------------------------------------------------------------------ look --
    def _zoom(self) -> int:
        return self.reader("a").zoom_steps()

    def zoom_by(self, steps: int) -> None:
        self.set_zoom_steps(self._zoom() + steps)

    def set_zoom_steps(self, steps: int) -> None:
        for side in SIDES:
            self.reader(side).set_zoom_steps(steps)
        self.gutter.update()
        self.side_fit.window_resized()  # larger text: the panes may need the panel's room

    def set_reading_comfort(self, comfort: ReadingComfort) -> None:
        """Font, size, line width and spacing of both panes (reading positions kept)."""
        for side in SIDES:
            self.reader(side).set_comfort(comfort)
        self.gutter.update()
        self.side_fit.window_resized()  # larger text: the panes may need the panel's room

    def _text_scale(self) -> float:
        """The panes' text size against the default one (zoom times the comfort size)."""
        style = self.reader("a").document_style()
        return style.point_size / BASE_POINT_SIZE

    def choose_reading_comfort(self) -> None:
        from diptych.ui.reading_comfort_dialog import ReadingComfortDialog

        dlg = ReadingComfortDialog(self.reader("a").comfort(), self)
        dlg.comfort_changed.connect(self.set_reading_comfort)
        if dlg.exec():
            save_comfort(self.state.s, dlg.comfort())

    @property
    def topic_editor(self) -> TopicEditor:
        """Topic edits from a chip's menu (made on first use)."""
        if self._topic_editor is None:
            from diptych.ui.topic_editor import TopicEditor

            self._topic_editor = TopicEditor(self.analysis, self)
            self._topic_editor.analysis_edited.connect(self._on_topics_edited)
            self._topic_editor.message.connect(lambda text: self.show_message(text, 6000))
            # a saved set that could not be used, kept aside: replaces the notice about it
            self._topic_editor.notice.connect(lambda text: self.show_notice(text, 60_000))
        return self._topic_editor

    def _on_topics_edited(self, analysis: PairAnalysis) -> None:
        self.pair.replace_analysis(analysis)
        if self.pair.analysis() is analysis:
            self._show_analysis(analysis)

    def set_sync_enabled(self, on: bool) -> None:
        self.sync.set_enabled(on)

    def set_show_removed(self, on: bool) -> None:
        """View → Show removed text, in both panes."""
        for side in SIDES:
            self.reader(side).set_show_removed(on)

    def theme_mode(self) -> str:
        return self._theme_mode

    def set_theme_mode(self, mode: str) -> None:
        """ "system", "light" or "dark": restyle the app and both panes."""
        self._theme_mode = mode if mode in THEME_MODES else "system"
        self.acts.theme[self._theme_mode].setChecked(True)
        theme = resolve_theme(self._theme_mode)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for side in SIDES:
            self.reader(side).set_theme(theme)
            self.panes[side].rail.set_track_color(theme.rail_track)
        if self.nav.selected_claim is not None and self.pair.analysis() is not None:
            # its detail in the new colours; the reader's tab stays in front
            self.claims_panel.select_claim(
                self.nav.selected_claim, emit=False, show_tab=False, unfold=False
            )
        self.gutter.update()

    def _on_system_color_scheme_changed(self, *_args: object) -> None:
        if self._theme_mode == "system":
            self.set_theme_mode("system")

    def _apply_view_settings(self) -> None:
        self.set_theme_mode(self.state.theme_mode())
        self.set_reading_comfort(load_comfort(self.state.s))
        self.set_zoom_steps(self.state.zoom_steps())
        self.sync.set_enabled(self.state.sync_enabled())
        self.acts["sync"].setChecked(self.sync.is_enabled())

    def fit_first_window(self) -> None:
        """A first start (no saved geometry): 1480×900 shrunk to the screen's available area
        and centred (a 1280×1024 or 1366×768 screen shows the whole window)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if self.state.geometry() is None and screen is not None:
            self.setGeometry(fit_to_screen(FIRST_SIZE, screen.availableGeometry(), QSize(8, 32)))

    def restore_geometry(self) -> None:
        """The saved size, place, docks and splitter (Qt keeps a restored window on screen)."""
        geo, st, sp = self.state.geometry(), self.state.window_state(), self.state.splitter()
        if geo is not None:
            self.restoreGeometry(geo)
        if st is not None:
            self.restoreState(st)
        else:
            self.resizeDocks([self.side_dock], [430], Qt.Orientation.Horizontal)
        if sp is not None:
            self.splitter.restoreState(sp)
        else:
            w = max(600, self.width() - 430)
            self.splitter.setSizes([w // 2 - 28, 56, w // 2 - 28])
        self.side_fit.restore(self.state.panel_hidden_for_room(), self.state.panel_shown_by_hand())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if hasattr(self, "side_fit"):  # not while the window is being built
            self.side_fit.window_resized()

    def save_state(self) -> None:
        self.state.save_window(
            self.saveGeometry(),
            self.saveState(),
            self.splitter.saveState(),
            self.side_fit.hidden_for_room(),
            self.side_fit.shown_by_hand(),
        )
        self.state.save_view(self._zoom(), self._theme_mode, self.sync.is_enabled())
        if self.pair.has_pair():
            self.state.save_pair(
                SavedPair(
                    self.pair.source("a"),
                    self.pair.source("b"),
                    self.reader("a").offset_at_y(0),
                    self.reader("b").offset_at_y(0),
                )
            )
        self.state.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        if not self.highlights.confirm_close(self):
            e.ignore()
            return
        self.save_state()
        super().closeEvent(e)
        self._closed = True
        self.pair.loader.cancel_all()
        if self.store is not None:
            self.pair.loader.wait(5000)
        self.highlights.close()

    # --------------------------------------------------------------------------- helpers --
    @property
    def loader(self) -> PairLoader:
        """The pair loader (app.py cancels and waits for it at exit)."""
        return self.pair.loader

    def show_message(self, text: str, ms: int = 0) -> None:
        self.status.show_message(text, ms)

    def show_notice(self, text: str, ms: int = 20000) -> None:
        """A message that matters (shown in the status bar for ``ms``, not overwritten)."""
        self.status.show_notice(text, ms)

    def _update_title(self) -> None:
        def name(side: str) -> str:
            art = self.pair.article(side)
            if art is None:
                return "…"
            return article_name(art)  # one line, overrides shown as U+FFFD

        for side in SIDES:  # what a screen reader calls each pane
            self.reader(side).setAccessibleName(f"Article {side.upper()}: {name(side)}")
        # the app's name last: Qt appends the display name to a title that does not end with
        # it, which made "Diptych — A | B — Diptych"
        self.setWindowTitle(f"{name('a')} | {name('b')} — Diptych")


def _shared_claims(claims: Sequence[ClaimPair]) -> str:
    """ "32 shared claims (8 strong)": the claims not rejected by the reader, and the strong
    ones among them."""
    kept = [c for c in claims if c.verdict != "different"]
    strong = sum(c.tier == "strong" for c in kept)
    return f"{counted(len(kept), 'shared claim')} ({strong} strong)"


def _same_topics(
    x: tuple[Article, Article, ArticleTopics], y: tuple[Article, Article, ArticleTopics]
) -> bool:
    """The same articles and topic sections, the very objects (a verdict keeps them; the
    sections' notice is shown by none of the topic widgets)."""
    (xa, xb, xt), (ya, yb, yt) = x, y
    return xa is ya and xb is yb and xt.a is yt.a and xt.b is yt.b and xt.topic_set is yt.topic_set
