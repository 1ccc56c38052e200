"""The reading desk: two panes with a link gutter, topic bar, side panel and status bar.

The window assembles parts and wires them (all wiring is in ``_connect_signals``); the parts
render core results and forward intents. Loading and analysis run off the UI thread
(``PairLoader``); the panes show the text as soon as it is read, and topics, claims and the
anchor chain when the analysis lands.

Public API (tests, app.py, other helpers):
``open_pair(a, b)``, ``open_side(side, path, encoding=None)``, ``open_seed_pair()``,
``swap_panes()``, ``show_claim(index)``, ``jump_to(side, start, end)``, ``go_to_topic(name)``,
``reader(side) -> ReaderPane``, ``pane_view(side)``, ``analysis()``, ``restore_session()``,
``set_theme_mode(mode)``, ``set_zoom_steps(n)``; signals ``articles_shown()``,
``analysis_shown(object)``, ``load_failed(str)``.
"""

from __future__ import annotations

import os
import threading
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from diptych import __version__
from diptych.core.model import Article
from diptych.ui.desk_state import DeskState, SavedPair, swap_analysis
from diptych.ui.link_gutter import LinkGutter, claim_links
from diptych.ui.pane_view import PaneView
from diptych.ui.reader_pane import ReaderPane
from diptych.ui.safe_text import as_rich
from diptych.ui.sync_scroll import ScrollSync
from diptych.ui.theme import THEME_MODES, apply_theme, resolve_theme, tint
from diptych.ui.topic_bar import TopicBar
from diptych.ui.worker import PREPARE_MIN_CHARS, PairLoader, PairRequest

SIDES = ("a", "b")


class _StoreRelay(QObject):
    # Store or None, a notice for the user ("" if none), and the newest good backup (a Path)
    # when the database was damaged and moved aside at open (else None)
    ready = Signal(object, str, object)
    failed = Signal(str)  # traceback of an unexpected error


ARTICLE_FILTER = "Articles (*.md *.markdown *.txt *.text *.html *.htm);;All files (*)"
ENCODINGS = (
    "utf-8",
    "windows-1252",
    "iso-8859-1",
    "iso-8859-15",
    "utf-16",
    "mac-roman",
    "windows-1250",
    "windows-1251",
    "koi8-r",
    "shift_jis",
    "gb18030",
    "big5",
)


def backup_time_label(backup: Path) -> str:
    """When a backup was made, in local time ("2026-11-22 14:03"): from the UTC stamp in its
    name (``<store>-YYYYMMDDTHHMMSSZ.sqlite3``), else from the file's modification time."""
    import re
    from datetime import UTC, datetime

    m = re.search(r"-(\d{8}T\d{6})Z", backup.name)
    try:
        if m:
            when = datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
        else:
            when = datetime.fromtimestamp(backup.stat().st_mtime, tz=UTC)
    except (ValueError, OSError):
        return backup.name
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


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
        self._articles: dict[str, Article | None] = {"a": None, "b": None}
        self._sources: dict[str, str] = {"a": "", "b": ""}  # file paths; "" = seed article
        self._analysis: Any = None
        self._topic_cursor: dict[str, int] = {}
        self._pending_tops: tuple[int, int] | None = None
        self._fallback_to_seed = False
        self._theme_mode = "system"
        self._focused_side = "a"
        self._selected_claim: int | None = None
        self.crash_report = None  # set by app.py: callable(traceback_text)
        self.store: Any = None
        self._closed = False

        self.loader = PairLoader(self)
        self._build_parts()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect_signals()
        self._apply_view_settings()
        self._update_title()

    # ------------------------------------------------------------------------------ parts --
    def _build_parts(self) -> None:
        self.topic_bar = TopicBar(self)
        self.panes: dict[str, PaneView] = {side: PaneView(side, self) for side in SIDES}
        self.gutter = LinkGutter(self)
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
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.topic_bar)
        lay.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.sync = ScrollSync({s: self.panes[s].reader for s in SIDES}, self)

        # side panel: Claims, Highlights
        # the panels themselves are built after the first paint (their code takes a while
        # to import): see _ensure_side_panels()
        self._claims_panel: Any = None
        self._highlights_panel: Any = None
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("side_tabs")
        self.side_tabs.setMinimumWidth(340)  # the same before and after the panels arrive
        self.side_dock = QDockWidget("Claims and highlights", self)
        self.side_dock.setObjectName("side_panel")
        self.side_dock.setWidget(self.side_tabs)
        self.side_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_dock)

        # status bar
        self.status_label = QLabel("")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.counts_label = QLabel("")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        # notices (a file of the last pair is gone...) stay a while, whatever else is said
        self.notice_label = QLabel("")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setObjectName("notice")
        self.notice_label.setStyleSheet("QLabel#notice { color: #b3261e; font-weight: 600; }")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.notice_label.setText(""))
        self.statusBar().addPermanentWidget(self.notice_label)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.resize(QSize(1480, 900))

        # created once the store is open (in the background, after the first paint)
        self.highlight_controller: Any = None
        self._highlights_started = False
        self._store_relay = _StoreRelay(self)
        self._offered_backup: Path | None = None  # see _offer_backup()
        self._restore_button: Any = None

    @property
    def claims_panel(self) -> Any:
        """The Claims tab (``ClaimsPanel``), built on first use."""
        self._ensure_side_panels()
        return self._claims_panel

    @property
    def highlights_panel(self) -> Any:
        """The Highlights tab (``HighlightsPanel``), built on first use."""
        self._ensure_side_panels()
        return self._highlights_panel

    def _ensure_side_panels(self) -> None:
        if self._claims_panel is not None:
            return
        from diptych.ui.claims_panel import ClaimsPanel
        from diptych.ui.highlights_panel import HighlightsPanel

        self._claims_panel = ClaimsPanel(self)
        self._highlights_panel = HighlightsPanel(self)
        self.side_tabs.addTab(self._claims_panel, "Claims")
        self.side_tabs.addTab(self._highlights_panel, "Highlights")
        # claims: panel -> panes (gutter -> panel is in _on_gutter_link_clicked)
        self._claims_panel.claim_selected.connect(self.show_claim)
        self._claims_panel.jump_requested.connect(self.jump_to)
        from diptych.ui.claim_verdicts import ClaimVerdicts

        self._claim_verdicts = ClaimVerdicts(self)  # the reader's verdicts on claims
        if self._analysis is not None:
            a = self._analysis
            self._claims_panel.set_claims(a.claims, a.a, a.b, a.topics.topic_set)

    def start_highlights(self) -> None:
        """Open the highlights store off the UI thread (it imports the store and anchoring
        code and runs an integrity check), then attach the highlight controller."""
        if self._highlights_started:
            return
        self._highlights_started = True
        relay, db = self._store_relay, self.db_path

        def work() -> None:
            from diptych.core.errors import DiptychError

            try:
                # import off the UI thread: these take a while to load
                import diptych.ui.claims_panel
                import diptych.ui.highlight_controller
                import diptych.ui.highlights_panel  # noqa: F401
                from diptych.core.notes.store import Store

                store = Store.open(db)
                # checking the backups runs quick_check on each: here, not on the UI thread
                backup = store.newest_good_backup() if store.damaged_moved_to else None
                relay.ready.emit(store, " ".join(store.notices), backup)
            except DiptychError as exc:
                relay.ready.emit(None, f"Highlights are off: {exc}", None)
            except Exception:
                relay.failed.emit(traceback.format_exc())

        threading.Thread(target=work, daemon=True, name="diptych-store").start()

    def _on_store_ready(self, store: Any, problem: str, backup: Any = None) -> None:
        self._ensure_side_panels()
        if problem:
            self.show_notice(problem, 60_000 if backup is not None else 20_000)
        if store is None:
            self.highlights_ready.emit()
            return
        if self._closed:
            store.close()
            return
        from diptych.ui.highlight_controller import HighlightController

        self.store = store
        ctl = HighlightController(
            store, self.reader("a"), self.reader("b"), parent=self, panel=self.highlights_panel
        )
        self.highlight_controller = ctl
        self._add_highlight_actions(ctl)
        self._connect_highlight_signals(ctl)
        if self._articles["a"] is not None and self._articles["b"] is not None:
            ctl.set_articles(self._articles["a"], self._articles["b"])
        if self._analysis is not None:
            ctl.set_claims(self._analysis.claims.claims)
        if backup is not None:
            self._offer_backup(Path(backup))
        self.highlights_ready.emit()

    # ------------------------------------------------------------------ damaged store --
    def backup_offer(self) -> Path | None:
        """The backup offered after the highlights database was found damaged (or None)."""
        return self._offered_backup

    def _offer_backup(self, backup: Path) -> None:
        """The database was damaged and set aside: offer its newest good backup (a button in
        the status bar and an entry in the File menu) until it is restored."""
        from PySide6.QtWidgets import QToolButton

        self._offered_backup = backup
        label = f"Restore backup from {backup_time_label(backup)}"
        tip = as_rich(
            f"The highlights database was damaged and moved aside.\nRestore {backup}\n"
            "(the current file is moved aside too, never deleted)."
        )
        if self._restore_button is None:
            self._restore_button = QToolButton(self)
            self._restore_button.setObjectName("restore_backup_button")
            self._restore_button.setDefaultAction(self.act_restore_backup)
            self._restore_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.statusBar().addPermanentWidget(self._restore_button)
        self.act_restore_backup.setText(label)
        self.act_restore_backup.setToolTip(tip)
        self.act_restore_backup.setStatusTip(label)
        self.act_restore_backup.setVisible(True)
        self.act_restore_backup.setEnabled(True)
        self._restore_button.show()

    def restore_offered_backup(self) -> bool:
        """Put the offered backup in place of the current store and show its highlights."""
        backup, store, ctl = self._offered_backup, self.store, self.highlight_controller
        if backup is None or store is None:
            return False
        if ctl is not None and not ctl.confirm_close(self):
            return False  # a note being written stays open
        from diptych.core.errors import DiptychError

        try:
            store.restore_backup(backup)
        except DiptychError as exc:
            self.show_notice(f"The backup could not be restored: {exc}")
            return False
        self._offered_backup = None
        self.act_restore_backup.setVisible(False)
        if self._restore_button is not None:
            self._restore_button.hide()
        self.show_notice(" ".join(store.notices) or f"Restored the highlights from {backup}.")
        if ctl is not None:
            # resolves the restored highlights against the open pair (highlights_loaded)
            ctl.set_articles(self._articles["a"], self._articles["b"])
        return True

    def _on_store_failed(self, text: str) -> None:
        self._ensure_side_panels()
        self.show_notice("Highlights are off: the store could not be opened (see the log)")
        if self.crash_report is not None:
            self.crash_report(text)
        self.highlights_ready.emit()

    def _add_highlight_actions(self, ctl: Any) -> None:
        self.addActions(ctl.all_actions())
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        for act in (ctl.undo_action, ctl.redo_action):
            self.edit_menu.insertAction(first, act)
        self.edit_menu.insertSeparator(first)
        hm = QMenu("&Highlight selection", self.edit_menu)
        self.edit_menu.insertMenu(first, hm)
        hm.addActions(ctl.highlight_actions)
        self.edit_menu.insertAction(first, ctl.link_action)
        self.edit_menu.insertSeparator(first)
        tb = self.toolbar
        tb.addSeparator()
        for act in ctl.highlight_actions:
            tb.addAction(act)
            tb.widgetForAction(act).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addAction(ctl.link_action)

    # ---------------------------------------------------------------------------- actions --
    def _action(self, text: str, slot, shortcut=None, *, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list | tuple):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        a = self._action
        self.act_open_pair = a(
            "Open &pair…",
            self._on_open_pair,
            QKeySequence.StandardKey.Open,
            tip="Open two articles side by side",
        )
        self.act_open_a = a("Open &A…", lambda: self._on_open_side("a"), "Ctrl+Shift+A")
        self.act_open_b = a("Open &B…", lambda: self._on_open_side("b"), "Ctrl+Shift+B")
        self.act_open_seed = a("Open the &seed pair", self.open_seed_pair)
        self.act_reopen_encoding = a("Reopen with &encoding…", self._on_reopen_with_encoding)
        self.act_swap = a("S&wap panes", self.swap_panes, "Ctrl+Shift+S", tip="Swap A and B")
        self.act_export_pdf = a(
            "&Export annotated PDF…",
            self._on_export_pdf,
            "Ctrl+Shift+E",
            tip="Both articles with your highlights as PDF annotations, claims and notes",
        )
        self.act_quit = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_find = a("&Find…", self._on_find, QKeySequence.StandardKey.Find)
        self.act_find_next = a("Find &next", lambda: self._on_find_step(1), "F3")
        self.act_find_prev = a("Find pre&vious", lambda: self._on_find_step(-1), "Shift+F3")
        self.act_zoom_in = a(
            "Zoom &in", lambda: self.set_zoom_steps(self._zoom() + 1), ["Ctrl++", "Ctrl+="]
        )
        self.act_zoom_out = a("Zoom &out", lambda: self.set_zoom_steps(self._zoom() - 1), "Ctrl+-")
        self.act_zoom_reset = a("&Actual size", lambda: self.set_zoom_steps(0), "Ctrl+0")
        self.act_sync = a(
            "&Synced scrolling",
            lambda on: self.sync.set_enabled(on),
            "Ctrl+L",
            tip="Scroll the other pane along, aligned by topics and shared claims",
        )
        self.act_sync.setCheckable(True)
        self.act_sync.setChecked(True)
        self.act_next_claim = a("Next claim", lambda: self._step_claim(1), "Alt+Down")
        self.act_prev_claim = a("Previous claim", lambda: self._step_claim(-1), "Alt+Up")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode in THEME_MODES:
            act = QAction(
                {"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}[mode]
            )
            act.setCheckable(True)
            act.setData(mode)
            act.triggered.connect(lambda _=False, m=mode: self.set_theme_mode(m))
            self.theme_group.addAction(act)
            self.theme_actions[mode] = act
        self.act_about = a("&About Diptych", self._on_about)
        # shown only after a damaged highlights database was set aside (see _offer_backup)
        self.act_restore_backup = a("Restore highlights backup…", self.restore_offered_backup)
        self.act_restore_backup.setVisible(False)

    def _build_menus_and_toolbar(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addAction(self.act_open_pair)
        m.addAction(self.act_open_a)
        m.addAction(self.act_open_b)
        self.recent_menu = m.addMenu("&Recent pairs")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addAction(self.act_open_seed)
        m.addSeparator()
        m.addAction(self.act_reopen_encoding)
        m.addAction(self.act_swap)
        m.addSeparator()
        m.addAction(self.act_export_pdf)
        m.addSeparator()
        m.addAction(self.act_restore_backup)
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        self.edit_menu = m
        m.addAction(self.act_find)
        m.addAction(self.act_find_next)
        m.addAction(self.act_find_prev)
        m = mb.addMenu("&View")
        m.addAction(self.act_zoom_in)
        m.addAction(self.act_zoom_out)
        m.addAction(self.act_zoom_reset)
        m.addSeparator()
        tm = m.addMenu("&Theme")
        for act in self.theme_actions.values():
            tm.addAction(act)
        m.addAction(self.act_sync)
        m.addAction(self.side_dock.toggleViewAction())
        m.addSeparator()
        m.addAction(self.act_next_claim)
        m.addAction(self.act_prev_claim)
        m = mb.addMenu("&Help")
        m.addAction(self.act_about)

        tb = QToolBar("Main", self)
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addAction(self.act_open_pair)
        tb.addAction(self.act_swap)
        tb.addSeparator()
        tb.addAction(self.act_sync)
        tb.addSeparator()
        tb.addAction(self.act_zoom_out)
        tb.addAction(self.act_zoom_in)
        tb.addSeparator()
        tb.addAction(self.act_find)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    # ---------------------------------------------------------------------------- wiring --
    def _connect_signals(self) -> None:
        # loading and analysis (worker thread -> UI)
        self.loader.progress.connect(self._on_loader_progress)
        self.loader.articles_ready.connect(self._on_loader_articles_ready)
        self.loader.analysis_ready.connect(self._on_loader_analysis_ready)
        self.loader.failed.connect(self._on_loader_failed)
        self.loader.crashed.connect(self._on_loader_crashed)
        self.loader.busy_changed.connect(self._on_loader_busy_changed)

        # panes: focus, drops, zoom, gutter repaint
        for side in SIDES:
            reader = self.panes[side].reader
            reader.focus_entered.connect(lambda s=side: self._on_reader_focus_entered(s))
            reader.file_dropped.connect(lambda path, s=side: self.open_side(s, path))
            reader.zoom_requested.connect(lambda steps: self.set_zoom_steps(self._zoom() + steps))
            reader.scrolled.connect(self.gutter.update)
            reader.layout_changed.connect(self.gutter.update)
        self.splitter.splitterMoved.connect(lambda *_: self.gutter.update())

        # synced scrolling
        self.sync.toggled.connect(self.act_sync.setChecked)
        self.sync.toggled.connect(
            lambda on: self.show_message("Synced scrolling " + ("on" if on else "off"), 2000)
        )

        # topics
        self.topic_bar.topic_clicked.connect(self.go_to_topic)

        # claims: panel <-> panes <-> gutter
        self.gutter.set_extent_functions(
            self.panes["a"].extent_in(self.gutter), self.panes["b"].extent_in(self.gutter)
        )
        self.gutter.link_clicked.connect(self._on_gutter_link_clicked)

        # highlights: the store opens in the background; the controller is wired when ready
        self._store_relay.ready.connect(self._on_store_ready)
        self._store_relay.failed.connect(self._on_store_failed)

        # look
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_color_scheme_changed)

    def _connect_highlight_signals(self, ctl: Any) -> None:
        """Highlights: the controller listens to the panes itself (selection, context menu,
        clicks); the window hands it the pair and routes gutter/claims/jump requests."""
        ctl.gutter_links_changed.connect(
            lambda links: self.gutter.set_links(links, group="highlights")
        )
        self.gutter.link_clicked.connect(ctl.on_gutter_link_clicked)
        self.claims_panel.link_claim_requested.connect(ctl.link_claim)
        ctl.jump_requested.connect(self.jump_to)
        ctl.pair_jump_requested.connect(self.show_pair)
        ctl.error_occurred.connect(self.show_notice)
        ctl.status_message.connect(lambda text: self.show_message(text, 6000))
        ctl.highlights_changed.connect(self._update_highlights_tab)
        ctl.highlights_loaded.connect(self._update_highlights_tab)
        self._claim_verdicts.refresh()  # the store is open: show the verdicts it keeps

    # --------------------------------------------------------------------------- opening --
    def open_pair(self, a: str | Path, b: str | Path, *, encoding: str | None = None) -> int:
        """Read and analyse two files (in the background)."""
        req = PairRequest(a=(str(a), encoding), b=(str(b), encoding))
        self._pending_sources = (str(Path(a).absolute()), str(Path(b).absolute()))
        return self._start(req, busy_sides=SIDES)

    def open_side(self, side: str, path: str | Path, *, encoding: str | None = None) -> int:
        """Replace one side's article with a file; the other side stays as it is."""
        other = self._articles[_other(side)]
        if other is None:
            self.show_message("Open a pair first (File → Open pair…)")
            return 0
        src: dict[str, Any] = {side: (str(path), encoding), _other(side): other}
        srcs = dict(self._sources)
        srcs[side] = str(Path(path).absolute())
        self._pending_sources = (srcs["a"], srcs["b"])
        return self._start(PairRequest(a=src["a"], b=src["b"]), busy_sides=(side,))

    def open_seed_pair(self) -> int:
        self._pending_sources = ("", "")
        return self._start(PairRequest(seed=True), busy_sides=SIDES)

    def _may_replace_articles(self) -> bool:
        """False when the user keeps an unsaved note open instead."""
        ctl = self.highlight_controller
        if ctl is None or self._articles["a"] is None:
            return True
        return bool(ctl.confirm_close(self))

    def _start(self, req: PairRequest, busy_sides: tuple[str, ...]) -> int:
        if not self._may_replace_articles():
            return 0
        req = replace(req, style=self.reader("a").document_style(), ui_thread=self.thread())
        cached = self._cached_articles(req)
        if cached is not None:
            # parsed before and unchanged since: nothing to read or parse again
            req = replace(req, a=cached[0], b=cached[1], seed=False)
            if max(len(cached[0].text), len(cached[1].text)) < PREPARE_MIN_CHARS:
                # short: shown now (quickest start), analysed in the background
                job = self.loader.request(replace(req, shown=True))
                self._on_loader_articles_ready(job, cached[0], cached[1], {})
                return job
            # long: their documents are built in the worker (here they would freeze the
            # window for a quarter of a second per MB)
        self._busy_sides = busy_sides
        for side in busy_sides:
            if self._articles[side] is None:
                self.panes[side].set_busy_text("Reading…")
        return self.loader.request(req)

    @staticmethod
    def _cached_articles(req: PairRequest) -> tuple[Article, Article] | None:
        """Both articles of the request from the parse cache, or None (nothing is parsed)."""
        from diptych.ui.article_cache import peek_article, peek_seed_pair

        if req.seed:
            return peek_seed_pair()
        out = []
        for src in (req.a, req.b):
            if isinstance(src, Article):
                out.append(src)
            elif src is None:
                return None
            else:
                art = peek_article(src[0], src[1])
                if art is None:
                    return None
                out.append(art)
        return out[0], out[1]

    def restore_session(self) -> None:
        """Open the last pair (and its scroll positions), or the seed pair on a first start or
        when a file of the last pair is gone."""
        saved = self.state.pair()
        if saved is None or saved.is_seed:
            if saved is not None:
                self._pending_tops = (saved.top_a, saved.top_b)
            self.open_seed_pair()
            return
        missing = [p for p in (saved.a, saved.b) if not p or not Path(p).is_file()]
        if missing:
            self.open_seed_pair()
            self.show_notice(f"{missing[0]} is no longer there: showing the seed pair instead.")
            return
        self._pending_tops = (saved.top_a, saved.top_b)
        self._fallback_to_seed = True
        self.open_pair(saved.a, saved.b)

    def _on_loader_progress(self, _job: int, text: str) -> None:
        self.show_message(text, 0)

    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    def _on_loader_articles_ready(
        self, _job: int, a: Article, b: Article, prepared: dict[str, Any]
    ) -> None:
        changed = False
        sources = getattr(self, "_pending_sources", ("", ""))
        # the old pair's anchor chain means nothing for the new texts: a pane whose scroll
        # position changes as its document is replaced must not drag the other one along it
        self.sync.set_chain(None)
        with self.sync.suspend():
            for side, art, src in (("a", a, sources[0]), ("b", b, sources[1])):
                if self._articles[side] is not art:
                    self._articles[side] = art
                    self.panes[side].set_article(art, prepared.get(side))
                    changed = True
                self._sources[side] = src
        self._fallback_to_seed = False
        self._set_analysis(None)
        if changed and self.highlight_controller is not None:
            self.highlight_controller.set_articles(a, b)
        self._update_title()
        if self._sources["a"] or self._sources["b"]:
            self.state.add_recent_pair(self._sources["a"], self._sources["b"])
        if self._pending_tops is not None:
            tops = self._pending_tops
            self._pending_tops = None
            QTimer.singleShot(0, lambda: self._restore_tops(tops))
        if changed:
            self.articles_shown.emit()
        # once the text is on screen: the side panels, the analysis, the highlights store
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.loader.release()
        self.start_highlights()  # also imports the side panels' code, off this thread

    def _restore_tops(self, tops: tuple[int, int]) -> None:
        with self.sync.suspend():
            for side, top in zip(SIDES, tops, strict=True):
                if top > 0:
                    self.reader(side).scroll_offset_to(top, at_fraction=0.0)

    def _on_loader_analysis_ready(self, _job: int, analysis: Any) -> None:
        if analysis.a is not self._articles["a"] or analysis.b is not self._articles["b"]:
            return
        self._set_analysis(analysis)
        n = len(analysis.claims.claims)
        unrelated = "" if analysis.claims.related else " (the articles look unrelated)"
        self.show_message(
            f"{n} shared claim{'s' if n != 1 else ''}{unrelated}, "
            f"{len(analysis.topics.topic_set.topics)} topics",
            4000,
        )
        self.analysis_shown.emit(analysis)

    def _on_loader_failed(self, _job: int, side: str, message: str) -> None:
        for s in SIDES:
            if self._articles[s] is None:
                self.panes[s].set_busy_text("")
        self.show_message("")
        names = {"a": "A", "b": "B"}
        where = f" ({names[side]})" if side in names else ""
        if self._articles["a"] is None or self._fallback_to_seed:
            # nothing to keep showing: explain, then fall back to the seed pair
            self._fallback_to_seed = False
            self.load_failed.emit(message)
            self._error_dialog(
                "Could not open the pair", f"{message}{where}\n\nShowing the seed pair instead."
            )
            self.open_seed_pair()
            return
        self.load_failed.emit(message)
        self._error_dialog(
            "Could not open the file",
            f"{message}{where}\n\nThe articles already open stay as they were.",
        )

    def _on_loader_crashed(self, _job: int, text: str) -> None:
        self.show_message("")
        if self.crash_report is not None:
            self.crash_report(text)
        else:
            self._error_dialog("Diptych: something went wrong", text.strip().splitlines()[-1])

    def _error_dialog(self, title: str, text: str) -> None:
        if os.environ.get("DIPTYCH_NO_DIALOGS"):
            return
        from PySide6.QtWidgets import QMessageBox  # loaded when needed: quicker start-up

        QMessageBox.warning(self, title, as_rich(text))

    def _on_export_pdf(self) -> None:
        analysis = self.analysis()
        if analysis is None:
            self.statusBar().showMessage("Nothing to export yet: the pair is still loading.", 5000)
            return
        from diptych.ui.export_dialog import ExportDialog

        ExportDialog(self, analysis, self.store).exec()

    # -------------------------------------------------------------------------- analysis --
    def analysis(self) -> Any:
        return self._analysis

    def _set_analysis(self, analysis: Any) -> None:
        if analysis is not None:
            self._ensure_side_panels()
            analysis = self._claim_verdicts.apply(analysis)  # the reader's verdicts on claims
        self._analysis = analysis
        self._topic_cursor.clear()
        self._selected_claim = None
        for side in SIDES:
            self.panes[side].reader.clear_layer("claim_core")
        self.topic_bar.set_topics(analysis.topics if analysis else None)
        self.sync.set_chain(analysis.chain if analysis else None)
        for side in SIDES:
            secs = analysis.topics.sections(side) if analysis else ()
            self.panes[side].set_sections(secs, analysis.topics.topic_set if analysis else None)
        if analysis is not None:
            self.claims_panel.set_claims(
                analysis.claims, analysis.a, analysis.b, analysis.topics.topic_set
            )
            n = len(analysis.claims.claims)
            self.counts_label.setText(
                f"{n} shared claims · only in A {len(analysis.claims.only_in_a)}"
                f" · only in B {len(analysis.claims.only_in_b)}"
            )
        else:
            self.counts_label.setText("")
        if self.highlight_controller is not None:
            self.highlight_controller.set_claims(analysis.claims.claims if analysis else ())
        self._update_gutter_links()

    def _update_gutter_links(self) -> None:
        links = []
        if self._analysis is not None:
            links = claim_links(self._analysis.claims.claims, self._analysis.topics.topic_set)
        self.gutter.set_links(links, group="claims")
        self.gutter.set_selected(
            ("claim", self._selected_claim) if self._selected_claim is not None else None
        )

    # ---------------------------------------------------------------------------- moving --
    def reader(self, side: str) -> ReaderPane:
        return self.panes[side].reader

    def pane_view(self, side: str) -> PaneView:
        return self.panes[side]

    def article(self, side: str) -> Article | None:
        return self._articles[side]

    def go_to_topic(self, name: str) -> None:
        """Scroll both panes to the topic's next section (the first on the first click)."""
        if self._analysis is None:
            return
        k = self._topic_cursor.get(name, -1) + 1
        self._topic_cursor = {name: k}
        self.topic_bar.set_active(name)
        color = self._analysis.topics.topic_set.color_of(name)
        parts = []
        with self.sync.suspend():
            for side in SIDES:
                secs = [s for s in self._analysis.topics.sections(side) if s.topic == name]
                if not secs:
                    parts.append(f"not in {side.upper()}")
                    continue
                sec = secs[k % len(secs)]
                reader = self.reader(side)
                reader.scroll_offset_to(sec.start)
                art = self._articles[side]
                if art is not None:
                    blk = art.blocks[art.block_at(sec.start)]
                    reader.flash_span(blk.start, blk.end, tint(color, 0.3))
                parts.append(f"{side.upper()} {k % len(secs) + 1} of {len(secs)}")
        self.show_message(f"{name}: section " + ", ".join(parts), 5000)

    def show_claim(self, index: int) -> None:
        """Bring both sentences of claim ``index`` to the sync line and mark them."""
        if self._analysis is None or not 0 <= index < len(self._analysis.claims.claims):
            return
        claim = self._analysis.claims.claims[index]
        self._selected_claim = index
        color = tint(
            self._analysis.topics.topic_set.color_of(claim.topic),
            0.5 if self.reader("a").theme().dark else 0.32,
        )
        core_color = tint(
            self._analysis.topics.topic_set.color_of(claim.topic),
            0.45 if self.reader("a").theme().dark else 0.3,
        )
        with self.sync.suspend():
            for side, span, core in (("a", claim.a, claim.core_a), ("b", claim.b, claim.core_b)):
                reader = self.reader(side)
                reader.scroll_offset_to(span.start)
                reader.flash_span(span.start, span.end, color, ms=2200)
                # the shared fragment stays tinted while the claim is selected
                reader.set_layer("claim_core", [(core.start, core.end, core_color)])
        self.gutter.set_selected(("claim", index))
        self.show_message(
            f"Claim {index + 1}: score {claim.score:.2f}"
            + (f", topic {claim.topic}" if claim.topic else ""),
            5000,
        )

    def jump_to(self, side: str, start: int, end: int) -> None:
        """Scroll one pane to a span and mark it (the other pane follows if syncing)."""
        reader = self.reader(side)
        reader.scroll_offset_to(start)
        reader.flash_span(start, end)

    def show_pair(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        """Bring a passage of A and one of B to the sync line together (linked highlights)."""
        with self.sync.suspend():
            for side, s, e in (("a", a_start, a_end), ("b", b_start, b_end)):
                self.reader(side).scroll_offset_to(s)
                self.reader(side).flash_span(s, e)

    def _update_highlights_tab(self) -> None:
        ctl = self.highlight_controller
        if ctl is None:
            return
        n = len(ctl.highlights("a")) + len(ctl.highlights("b"))
        i = self.side_tabs.indexOf(self.highlights_panel)
        self.side_tabs.setTabText(i, f"Highlights ({n})" if n else "Highlights")

    def _step_claim(self, delta: int) -> None:
        visible = self.claims_panel.visible_claims()
        if not visible:
            return
        cur = self.claims_panel.current_claim()
        i = visible.index(cur) + delta if cur in visible else (0 if delta > 0 else -1)
        self.claims_panel.select_claim(visible[i % len(visible)])

    def _on_gutter_link_clicked(self, key: Any) -> None:
        is_claim = isinstance(key, tuple) and len(key) == 2 and key[0] == "claim"
        if is_claim and not self.claims_panel.select_claim(int(key[1])):
            self.show_claim(int(key[1]))
        # ("link", id) keys are the highlight controller's (connected in _connect_signals)

    def swap_panes(self) -> None:
        """Exchange A and B (articles, analysis and scroll positions)."""
        a, b = self._articles["a"], self._articles["b"]
        if a is None or b is None:
            return
        tops = {s: self.reader(s).offset_at_y(0) for s in SIDES}
        with self.sync.suspend():
            analysis = swap_analysis(self._analysis) if self._analysis is not None else None
            self._articles = {"a": b, "b": a}
            self._sources = {"a": self._sources["b"], "b": self._sources["a"]}
            self.panes["a"].set_article(b)
            self.panes["b"].set_article(a)
            self._set_analysis(analysis)
            if self.highlight_controller is not None:
                self.highlight_controller.set_articles(b, a)
            self._update_title()
            for side in SIDES:
                if tops[_other(side)] > 0:
                    self.reader(side).scroll_offset_to(tops[_other(side)], at_fraction=0.0)
        if self.loader.is_busy():
            # an analysis of the unswapped pair is on its way: ask for the swapped one
            self._pending_sources = (self._sources["a"], self._sources["b"])
            self.loader.request(PairRequest(a=b, b=a))
        self.show_message("Swapped A and B", 2500)

    # ---------------------------------------------------------------------------- dialogs --
    def _start_dir(self) -> str:
        for side in (self._focused_side, _other(self._focused_side)):
            if self._sources[side]:
                return str(Path(self._sources[side]).parent)
        return str(Path.home())

    def _on_open_pair(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self, "Open two articles (A, then B)", self._start_dir(), ARTICLE_FILTER
        )
        if not files:
            return
        if len(files) == 1:
            second, _ = QFileDialog.getOpenFileName(
                self, "Open article B", str(Path(files[0]).parent), ARTICLE_FILTER
            )
            if not second:
                return
            files.append(second)
        self.open_pair(files[0], files[1])

    def _on_open_side(self, side: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, f"Open article {side.upper()}", self._start_dir(), ARTICLE_FILTER
        )
        if path:
            self.open_side(side, path)

    def _on_reopen_with_encoding(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        side = self._focused_side
        path = self._sources[side]
        if not path:
            self.show_message("The seed articles are UTF-8; pick a file of your own first.")
            return
        art = self._articles[side]
        current = art.meta.encoding if art else ""
        items = list(ENCODINGS)
        if current and current not in items:
            items.insert(0, current)
        enc, ok = QInputDialog.getItem(
            self,
            "Reopen with encoding",
            as_rich(f"Read {Path(path).name} as:"),
            items,
            items.index(current) if current in items else 0,
            True,
        )
        if ok and enc:
            self.open_side(side, path, encoding=enc)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        pairs = self.state.recent_pairs()
        if not pairs:
            act = self.recent_menu.addAction("(none yet)")
            act.setEnabled(False)
            return
        for a, b in pairs:
            label = f"{Path(a).name or 'seed'}  |  {Path(b).name or 'seed'}"
            act = self.recent_menu.addAction(label)
            act.setToolTip(as_rich(f"{a}\n{b}"))
            act.triggered.connect(lambda _=False, pa=a, pb=b: self._open_recent(pa, pb))

    def _open_recent(self, a: str, b: str) -> None:
        if not a and not b:
            self.open_seed_pair()
        else:
            self.open_pair(a, b)

    def _on_find(self) -> None:
        self.panes[self._focused_side].find_bar.open_bar()

    def _on_find_step(self, delta: int) -> None:
        bar = self.panes[self._focused_side].find_bar
        if not bar.isVisible() or not bar.edit.text():
            bar.open_bar()
            return
        bar.find_next() if delta > 0 else bar.find_previous()

    def _on_reader_focus_entered(self, side: str) -> None:
        self._focused_side = side

    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About Diptych",
            f"<b>Diptych {__version__}</b><p>Read two articles side by side: shared topics, "
            "overlapping claims, highlights and annotated PDFs.</p>",
        )

    # ------------------------------------------------------------------------------ look --
    def _zoom(self) -> int:
        return self.reader("a").zoom_steps()

    def set_zoom_steps(self, steps: int) -> None:
        for side in SIDES:
            self.reader(side).set_zoom_steps(steps)
        self.gutter.update()

    def theme_mode(self) -> str:
        return self._theme_mode

    def set_theme_mode(self, mode: str) -> None:
        """ "system", "light" or "dark": restyle the app and both panes."""
        self._theme_mode = mode if mode in THEME_MODES else "system"
        self.theme_actions[self._theme_mode].setChecked(True)
        theme = resolve_theme(self._theme_mode)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for side in SIDES:
            self.reader(side).set_theme(theme)
            self.panes[side].rail.set_track_color(theme.rail_track)
        if self._selected_claim is not None and self._analysis is not None:
            self.claims_panel.select_claim(self._selected_claim, emit=False)
        self.gutter.update()

    def _on_system_color_scheme_changed(self, *_args: Any) -> None:
        if self._theme_mode == "system":
            self.set_theme_mode("system")

    def _apply_view_settings(self) -> None:
        self.set_theme_mode(self.state.theme_mode())
        self.set_zoom_steps(self.state.zoom_steps())
        self.sync.set_enabled(self.state.sync_enabled())
        self.act_sync.setChecked(self.sync.is_enabled())

    def restore_geometry(self) -> None:
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

    def save_state(self) -> None:
        self.state.save_window(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        self.state.save_view(self._zoom(), self._theme_mode, self.sync.is_enabled())
        if self._articles["a"] is not None and self._articles["b"] is not None:
            self.state.save_pair(
                SavedPair(
                    self._sources["a"],
                    self._sources["b"],
                    self.reader("a").offset_at_y(0),
                    self.reader("b").offset_at_y(0),
                )
            )
        self.state.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        ctl = self.highlight_controller
        if ctl is not None and not ctl.confirm_close(self):
            e.ignore()
            return
        self.save_state()
        super().closeEvent(e)
        self._closed = True
        self.loader.cancel_all()
        if self.store is not None:
            self.loader.wait(5000)
            self.store.close()

    # --------------------------------------------------------------------------- helpers --
    def show_message(self, text: str, ms: int = 0) -> None:
        self.statusBar().showMessage(text, ms) if ms else self.status_label.setText(text)
        if ms:
            self.status_label.setText("")

    def show_notice(self, text: str, ms: int = 20000) -> None:
        """A message that matters (shown in the status bar for ``ms``, not overwritten)."""
        self.notice_label.setText(text)
        self.notice_label.setToolTip(as_rich(text))
        self._notice_timer.start(ms)

    def _update_title(self) -> None:
        def name(side: str) -> str:
            art = self._articles[side]
            if art is None:
                return "…"
            return art.title or Path(art.meta.source_path).name or art.id

        self.setWindowTitle(f"Diptych — {name('a')} | {name('b')}")
