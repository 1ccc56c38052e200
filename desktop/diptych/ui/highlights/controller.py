"""Highlights in the app: connects the two reading panes, the store, the undo stack and the
highlight widgets (note editor, highlights panel, gutter bands).

Every action goes to the ``Store`` first (one committed transaction per store call) and only
then shows as done; a failing write (``StoreError``: disk full, read-only file...) is shown,
changes nothing on screen, and leaves a note's text in the editor. Every write names the row
version this window showed; one that meets another window's (or the CLI's) change asks whose
to keep (``run`` → ``_settle``, ``other_writers.py``), undo and redo included. Add, link, edit note,
change colour, delete and re-attach are ``QUndoCommand``s (``commands.py``) on one
``QUndoStack`` (Ctrl+Z / Ctrl+Shift+Z); undo and redo write to the store too, through this
class's public write methods (``StoreActions``).

This module is the controller's wiring, loading and highlight actions (about 750 lines: the
actions share the undo stack, the state and the refresh of panes, gutter and list, and read
best together). The rest of the package: ``notes.py`` (the note half of the controller:
editing, saving, conflicts, closing), ``state.py`` (what is known, Qt-free), ``painting.py``
(marks and gutter bands), ``pane_events.py`` (menus, hover, click), ``margin.py`` (note
markers), ``panel.py`` (the Highlights tab), ``note_editor.py``, ``safekeeping.py`` (crash
draft, quit signals, logout), ``other_writers.py`` (refresh and keep mine/theirs/both),
``store_calls.py`` (store calls off the UI thread); ``pane.py`` types what a pane must offer
(``HighlightPane``).

Wiring (by the window)::

    ctl = HighlightController(store, reader_a, reader_b, undo_stack=None, parent=window,
                              note_editor=None,   # None: a popup beside the highlight
                              panel=highlights_panel,  # None: one is made (ctl.panel)
                              dialogs=None)       # None: error boxes unless DIPTYCH_NO_DIALOGS
    ctl.set_articles(a, b)                        # after the panes show them (and on swap);
                                                  #   resolves in a Job    -> highlights_loaded
    ctl.set_claims(analysis.claims.claims)        # for "Link these" in the claims panel
    window.addActions(ctl.all_actions())          # Ctrl+1..5, Ctrl+Shift+L, Ctrl+Z, Ctrl+Shift+Z
    toolbar.addActions(ctl.highlight_actions); toolbar.addAction(ctl.link_action)
    edit_menu.addActions([ctl.undo_action, ctl.redo_action])
    ctl.gutter_links_changed.connect(lambda links: gutter.set_links(links, group="highlights"))
    gutter.link_clicked.connect(ctl.on_gutter_link_clicked)   # ("link", id) keys are ours
    claims_panel.link_claim_requested.connect(ctl.link_claim)
    ctl.jump_requested.connect(window.jump_to)          # (side, start, end): show one passage
    ctl.pair_jump_requested.connect(window.show_pair)   # (a_start, a_end, b_start, b_end)
    ctl.error_occurred.connect(window.show_notice)      # one clear line
    ctl.status_message.connect(window.statusBar().showMessage)
    ctl.notice_requested.connect(window.show_notice)    # "N highlight(s) came from <path>…"
    ctl.editor_requested.connect(...)                   # str id: raise a docked note editor
    # before closing or replacing the pair: if not ctl.confirm_close(window): keep going
    #   (or ctl.has_unsaved() / ctl.save_pending() -> bool)
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, Literal, cast

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from diptych.core.errors import DiptychError
from diptych.core.model import Article, ClaimPair, Highlight
from diptych.core.notes.anchoring import Reanchorer
from diptych.core.notes.store import ConflictError, Link, LostArticle, MovedArticle, Store
from diptych.core.wording import counted, lost_highlights
from diptych.ui.highlights.colors import DEFAULT_COLOR, HIGHLIGHT_COLORS, swatch_icon
from diptych.ui.highlights.commands import (
    AddCommand,
    ColorCommand,
    DeleteCommand,
    KeptTheirs,
    LinkCommand,
    ReattachCommand,
    Settled,
    TagsCommand,
    WriteFailed,
)
from diptych.ui.highlights.margin import NoteMarkers
from diptych.ui.highlights.note_editor import NoteEditor
from diptych.ui.highlights.notes import NoteEditing, version_check
from diptych.ui.highlights.other_writers import OtherWriters
from diptych.ui.highlights.painting import HighlightPainter, gutter_links
from diptych.ui.highlights.pane import HighlightPane
from diptych.ui.highlights.pane_events import PaneEvents
from diptych.ui.highlights.panel import HighlightsPanel
from diptych.ui.highlights.safekeeping import (
    NoteDraft,
    NoteSafekeeper,
    draft_path_for,
    spare_draft_path_for,
)
from diptych.ui.highlights.state import (
    SIDES,
    HighlightRow,
    HighlightState,
    Placed,
    link_maps,
    place_all,
    rows_of,
    trim,
)
from diptych.ui.highlights.store_calls import (
    BUSY_MESSAGE,
    NOTE_KEPT,
    NOTE_KEPT_MESSAGE,
    OffThreadStore,
    StoreBusy,
    StoreCalls,
)
from diptych.ui.jobs import Job
from diptych.ui.link_gutter import GutterLink

log = logging.getLogger(__name__)

SHUT_DOWN_WAIT_MS = 5000
"""How long closing the window waits for a highlights load still reading the store."""


class HighlightController(NoteEditing, QObject):
    """Highlights and notes of the pair shown in two ReaderPanes (see the module docstring)."""

    gutter_links_changed = Signal(list)  # list[GutterLink] for the linked highlights
    highlights_changed = Signal()  # anything about the highlights changed (counts, lists)
    highlights_loaded = Signal()  # set_articles finished resolving (background load)
    jump_requested = Signal(str, int, int)  # side, start, end: bring one passage into view
    pair_jump_requested = Signal(int, int, int, int)  # a_start, a_end, b_start, b_end
    editor_requested = Signal(str)  # highlight id now in the note editor (raise its dock)
    error_occurred = Signal(str)  # a write failed; the message is one clear line
    status_message = Signal(str)
    # "Same claim" on a link: (A start, A end, B start, B end) of its two passages
    claim_from_link_requested = Signal(int, int, int, int)
    # something the user must read once: highlights that came from a renamed/moved file,
    # highlights whose file is gone
    notice_requested = Signal(str)

    _loaded_in_thread = Signal(object, object)  # (token, {side: list[ResolvedHighlight]})

    def __init__(
        self,
        store: Store,
        pane_a: HighlightPane,
        pane_b: HighlightPane,
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
        *,
        note_editor: NoteEditor | None = None,
        panel: HighlightsPanel | None = None,
        dialogs: bool | None = None,
        draft: NoteDraft | Literal[False] | None = None,
    ) -> None:
        super().__init__(parent)
        # store calls run on a worker thread: a store locked by another program never freezes
        # the window, which says "Waiting for another program…" meanwhile and stays usable; a
        # second write asked for meanwhile is refused with a message (store_calls.py)
        self.calls = StoreCalls(store, self)
        self.store: Store = cast(Store, OffThreadStore(store, self.calls))
        self.calls.waiting.connect(self._on_store_waiting)
        self.calls.done_waiting.connect(self._on_store_done_waiting)
        self.calls.busy_changed.connect(self._on_store_busy_changed)
        self.calls.idle.connect(self._on_store_idle)
        # a pair shown while a store call waited: taken up once it is done (_on_store_idle)
        self._deferred_articles: tuple[Article | None, Article | None, bool] | None = None
        self.panes: dict[str, HighlightPane] = {"a": pane_a, "b": pane_b}
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._pushing = False
        self._undo_index = self.undo_stack.index()
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        # show write errors in a (non-blocking) message box too; off under DIPTYCH_NO_DIALOGS
        self.dialogs = not os.environ.get("DIPTYCH_NO_DIALOGS") if dialogs is None else dialogs
        self.state = HighlightState()
        self.painter = HighlightPainter(self.state, self.panes)
        self._claims: tuple[ClaimPair, ...] = ()
        self._active_side = "a"
        self._color = DEFAULT_COLOR
        self._load_token = 0
        # (note key, row version) the note editor's text was written on (see write_note)
        self._note_base: tuple[str, int] | None = None
        self._reloading = False
        self._reload_timer = QTimer(self)  # reload_soon
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._last_error = ""
        self._loading = False
        self._load_jobs: list[Job] = []  # loads started (the ones still running are waited for)
        self._shut = False  # shut_down: the window is closing
        # articles whose file is gone, as of the last load (File → Highlights of missing files)
        self.lost: list[LostArticle] = []
        self._told: set[tuple[str, str]] = set()  # (article id, old id / lost id) said once

        # the widgets made here are windows of their own, owned by the panes' window: Qt
        # deletes them with it, on the UI thread. Owned by this object's Python side alone,
        # they went whenever Python freed it: in a thread that ran the cycle collector (a
        # finished Job held it), a segfault (tests/ui/test_closed_window_threads.py)
        owner = pane_a.window()
        self.note_editor = note_editor if note_editor is not None else NoteEditor(owner)
        self._editor_popup = note_editor is None
        if self._editor_popup:
            self.note_editor.setWindowFlag(Qt.WindowType.Tool, True)
            self.note_editor.resize(360, 260)
        self.note_editor.note_save_requested.connect(self._on_editor_save_requested)
        self.note_editor.color_change_requested.connect(self.set_color)
        self.note_editor.delete_requested.connect(self.delete)
        self.note_editor.close_requested.connect(self.close_editor)
        self.note_editor.switch_requested.connect(self._on_switch_requested)
        self.note_editor.tags_change_requested.connect(self.set_tags)
        # the crash draft: by default beside the store; draft=False: none
        if draft is None:
            draft = NoteDraft(draft_path_for(store.path), spare_draft_path_for(store.path))
        self.safekeeper = NoteSafekeeper(self, draft if isinstance(draft, NoteDraft) else None)

        if panel is None:
            panel = HighlightsPanel(owner)
            panel.setWindowFlag(Qt.WindowType.Window, True)
        self.panel = panel
        self.attach_panel(self.panel)

        self._make_actions()
        self.pane_events = PaneEvents(self, self.panes)
        self.other_writers = OtherWriters(self, self, dialogs=self.dialogs)
        # a marker in each pane's margin beside a highlight with a note (margin.py)
        self.margins = {side: NoteMarkers(self, side, pane) for side, pane in self.panes.items()}
        self.highlights_changed.connect(self._refresh_margins)
        self._loaded_in_thread.connect(self._on_loaded)
        self.update_actions()

    # -- actions -----------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.highlight_actions: list[QAction] = []
        for i, c in enumerate(HIGHLIGHT_COLORS):
            act = QAction(swatch_icon(c.name), f"Highlight {c.label}", self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.setToolTip(f"Highlight the selection in {c.label.lower()} (Ctrl+{i + 1})")
            act.setObjectName(f"highlight_{c.name}")
            act.triggered.connect(lambda _=False, name=c.name: self.highlight_selection(name))
            self.highlight_actions.append(act)
        self.link_action = QAction("Link passages", self)
        self.link_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.link_action.setToolTip(
            "Link the passage selected in A with the one selected in B (Ctrl+Shift+L)"
        )
        self.link_action.triggered.connect(lambda: self.link_selections())
        self.undo_action = self.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def all_actions(self) -> list[QAction]:
        return [*self.highlight_actions, self.link_action, self.undo_action, self.redo_action]

    def update_actions(self) -> None:
        """Enable the colour and link actions for what is selected now."""
        sel = {s: self.selection(s) for s in SIDES}
        active = sel.get(self._active_side) or sel["a"] or sel["b"]
        ready = not self._loading
        for act in self.highlight_actions:
            act.setEnabled(ready and active is not None)
        self.link_action.setEnabled(ready and sel["a"] is not None and sel["b"] is not None)

    # -- data --------------------------------------------------------------------------------
    def set_articles(
        self, a: Article | None, b: Article | None, *, background: bool = True
    ) -> None:
        """The articles now shown in the panes: their highlights are resolved (in a worker
        thread when ``background``; ``highlights_loaded`` fires when done). While a store
        call waits for another program's lock, this is put off until it is done: the action
        that waits finishes on the pair it started on (its undo command included)."""
        if self.calls.busy:
            self._deferred_articles = (a, b, background)
            self._loading = True  # no highlight actions on the old pair's state meanwhile
            self.update_actions()
            return
        self._deferred_articles = None
        # a note that cannot be saved now stays in the editor (with its error) across the
        # switch; the window asks confirm_close() before opening another pair
        keep_editor = self.note_editor.has_unsaved() and not self.save_pending()
        self.state.reset(a, b)
        self._pushing = True
        self.undo_stack.clear()  # commands refer to the articles that were open
        self._pushing = False
        self._undo_index = self.undo_stack.index()
        if not keep_editor:
            self.close_editor(save=False)
        self.panel.set_titles(a.title if a else "", b.title if b else "")
        self._load_token += 1
        token = self._load_token
        articles = dict(self.state.articles)
        self._loading = True
        self.update_actions()
        if background:
            # off the UI thread as a Job; delivered through _loaded_in_thread (benchmarks
            # time the UI side there); nothing is delivered once the controller is gone
            job = Job(lambda _ctx: self._load_result(articles), parent=self, name="resolve")
            job.succeeded.connect(lambda result, t=token: self._loaded_in_thread.emit(t, result))
            self._start_load(job)
        else:
            self._on_loaded(token, self._resolve(articles))

    def _resolve(self, articles: dict[str, Article | None]) -> dict[str, object]:
        out: dict[str, object] = {}
        moved: dict[str, tuple[str, MovedArticle]] = {}
        # where the links are found: the articles and those their highlights are stored
        # under (a copy of a text shows the original's highlights, kept with the original)
        stored = {a.id for a in articles.values() if a is not None}
        try:
            for side, art in articles.items():
                if art is None:
                    out[side] = []
                elif (
                    side == "b"
                    and articles["a"] is not None
                    and articles["a"].id == art.id
                    and (articles["a"].fingerprint == art.fingerprint)
                ):
                    out[side] = out["a"]
                else:
                    opened = self.store.open_article(art)
                    out[side] = opened.highlights
                    stored.update(r.highlight.article_id for r in opened.highlights)
                    if opened.moved is not None:
                        moved[side] = (art.id, opened.moved)
            links = self.store.links_for(sorted(stored))
            lost = self.store.lost_articles()  # after open_article: adopted files are found
        except DiptychError as exc:
            return {"error": str(exc)}
        # the per-highlight work happens here, off the UI thread when loading in background
        placed = place_all(out)  # type: ignore[arg-type]
        links_by_id, link_of = link_maps(links)
        rows = rows_of(placed, links_by_id, link_of)
        return {"placed": placed, "links": links, "rows": rows, "moved": moved, "lost": lost}

    def _load_result(self, articles: dict[str, Article | None]) -> dict[str, object]:
        """``_resolve`` for the background Job: a bug must not leave the actions waiting."""
        try:
            return self._resolve(articles)
        except Exception as exc:
            log.exception("loading highlights failed")
            return {"error": f"unexpected error ({type(exc).__name__}: {exc})"}

    def is_loading(self) -> bool:
        """True between set_articles and highlights_loaded (actions wait for the load), and
        while a ``reload_soon`` is due."""
        return self._loading or self._reload_timer.isActive()

    def reload_soon(self) -> None:
        """``reload`` once the action under way is done: a re-read started in the middle of
        an action could read the store before the action's later writes."""
        self._reload_timer.start()

    def _on_loaded(self, token: int, result: dict[str, Any]) -> None:
        if token != self._load_token:
            return  # an older load finished after the pair changed
        self._loading = False
        self.update_actions()
        if "error" in result:
            self._report(f"Highlights could not be loaded: {result['error']}")
        self.state.by_side = result.get("placed", {"a": {}, "b": {}})
        self.state.set_links(result.get("links", []))
        for side in SIDES:
            self.painter.render(side, force=True)
        self._refresh_gutter()
        self.panel.set_rows(result.get("rows", []))
        self.highlights_changed.emit()
        orphans = self.state.orphan_count()
        if orphans:
            ambiguous = self.state.ambiguous_count()
            missing = orphans - ambiguous
            parts = [f"{counted(missing, 'highlight')} could not be found"] if missing else []
            if ambiguous:
                parts.append(f"{counted(ambiguous, 'highlight')} read at several places")
            said = " and ".join(parts)
            self.status_message.emit(f"{said} in the current text: see Highlights")
        self._tell_where_highlights_came_from(result.get("moved", {}), result.get("lost"))
        self.highlights_loaded.emit()
        if self._reloading:
            self._reloading = False
            self._sync_editor_after_reload()
        self.safekeeper.restore_once()

    def _tell_where_highlights_came_from(
        self, moved: dict[str, tuple[str, MovedArticle]], lost: list[LostArticle] | None
    ) -> None:
        """Once per article: highlights that came with a renamed, moved or converted file, and
        highlights whose file is gone (never silent: the user may not know to look)."""
        said: list[str] = []
        for side, (article_id, m) in sorted(moved.items()):
            if (article_id, m.old_id) not in self._told:
                self._told.add((article_id, m.old_id))
                said.append(f"{side.upper()}: {m.describe()}")
        if lost is not None:
            self.lost = lost
            new = [x for x in lost if ("lost", x.id) not in self._told]
            if new:
                self._told.update(("lost", x.id) for x in new)
                n = sum(x.count for x in lost)
                said.append(
                    f"{lost_highlights(n, len(lost))}, "
                    "such as "
                    f"{new[0].path}: File → Highlights of missing files."
                )
        if said:
            self.notice_requested.emit(" ".join(said))

    def set_claims(self, claims: Sequence[ClaimPair]) -> None:
        """The claims of the pair (indices as in the claims panel), for ``link_claim``."""
        self._claims = tuple(claims)

    def attach_panel(self, panel: HighlightsPanel) -> None:
        self.panel = panel
        panel.highlight_activated.connect(self.activate)
        panel.reattach_requested.connect(self.reattach)
        panel.delete_requested.connect(self.delete)
        panel.claim_from_link_requested.connect(self.request_claim_from_link)

    def article(self, side: str) -> Article | None:
        return self.state.articles[side]

    def highlights(self, side: str) -> list[Placed]:
        """Highlights of one side, in text order (orphans last)."""
        return self.state.highlights(side)

    def placed(self, hid: str) -> tuple[str, Placed] | None:
        return self.state.placed(hid)

    def link_of(self, hid: str) -> Link | None:
        return self.state.link_of(hid)

    def linked_spans(self, hid: str) -> tuple[tuple[int, int], tuple[int, int]] | str:
        """The (A, B) spans of the two passages the link of highlight ``hid`` joins, or why
        they cannot make a claim (one line for the reader)."""
        lk = self.state.link_of(hid)
        if lk is None:
            return "This highlight is not linked to a passage of the other article."
        spans: dict[str, tuple[int, int]] = {}
        for end in (lk.a, lk.b):
            found = self.state.placed(end)
            if found is None or not found[1].found:
                return "One of the linked passages is not found in the current text."
            side, p = found
            if side in spans:
                return "A claim joins a passage of each article; this link joins two of one."
            spans[side] = (p.start, p.end)
        return spans["a"], spans["b"]

    def request_claim_from_link(self, hid: str) -> None:
        """Ask (``claim_from_link_requested``) for the link of ``hid`` to become a claim."""
        got = self.linked_spans(hid)
        if isinstance(got, str):
            self.status_message.emit(got)
            return
        (a0, a1), (b0, b1) = got
        self.claim_from_link_requested.emit(a0, a1, b0, b1)

    def links(self) -> list[Link]:
        return self.state.links()

    # -- store plumbing ----------------------------------------------------------------------
    def _report(self, message: str, *, with_box: bool = True) -> None:
        self._last_error = message
        log.warning("%s", message)
        self.error_occurred.emit(message)
        if self.dialogs and with_box:
            parent = self.panes["a"].window()
            box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", message, parent=parent)
            box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a path
            box.setObjectName("highlight_error_box")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # non-blocking

    def run(
        self, fn: Callable[[], object], *, conflicts: bool = False, inline: bool = False
    ) -> object:
        """Run a store action; a DiptychError is reported and becomes WriteFailed. A write
        that met another writer's change (``ConflictError``) asks whose to keep
        (``_settle``): with "mine" (or "both") kept, ``run`` returns a ``Settled``; else
        nothing was written and it raises WriteFailed. With ``conflicts``, a
        ``ConflictError`` is raised as it is, for the caller to resolve (a note's save).
        With ``inline``, the caller shows the error where the user is typing (the note
        editor): no message box, which would take the keyboard from the note."""
        try:
            return fn()
        except StoreBusy as exc:
            # another write waits for the lock: this one is not started (nothing written)
            self._last_error = str(exc)
            self.status_message.emit(str(exc))
            raise WriteFailed(str(exc)) from None
        except ConflictError as conflict:
            if conflicts:
                raise
            return self._settle(conflict)
        except DiptychError as exc:
            self._report(str(exc), with_box=not inline)
            raise WriteFailed(str(exc)) from None

    def _settle(self, conflict: ConflictError) -> Settled:
        """A colour, tags, delete or unlink met another writer's change: ask keep mine /
        keep theirs / keep both (``other_writers.py``), apply the answer through the store,
        show it, and read the pair again (their other changes come with it)."""
        self.other_writers.busy = True  # no reload while the question is open
        try:
            answer, value = self.other_writers.resolve(conflict)
        except DiptychError as exc:
            self._report(str(exc))
            self.reload_soon()
            raise WriteFailed(str(exc)) from None
        finally:
            self.other_writers.busy = False
        self._seen_other_writers()
        if answer in ("later", "theirs"):
            message = (
                "Kept the other window's version; yours was not saved"
                if answer == "theirs"
                else "Not saved: this highlight was changed or deleted in another Diptych "
                "window or program (the list now shows theirs)"
            )
            if answer == "later" and not self.dialogs:
                self._report(message)  # nobody was asked: say it where it is seen
            else:
                self.status_message.emit(message)
            self.reload_soon()
            raise KeptTheirs(message)
        self._show_settled(conflict, value)
        self.reload_soon()
        return Settled(answer, conflict, value)

    def _seen_other_writers(self) -> None:
        """The pair is read again now (after a conflict): the other writer's commit that
        caused it needs no second re-read and no "Updated" message from the poll."""
        with contextlib.suppress(DiptychError):
            self.store.changed_elsewhere()

    def _show_settled(self, conflict: ConflictError, value: Highlight | Link) -> None:
        """Show what ``_settle`` wrote. Their row version is not taken as this window's own
        (``_own_write``): a note open on the highlight was written on the old one, and its
        next save must still meet their change."""
        if isinstance(value, Link):
            self._reload_links()
            self._refresh([value.a, value.b])
            self.status_message.emit("Link removed anyway")
            return
        hid = value.id
        if conflict.is_delete:
            self.state.replace_highlight(value)
            self.state.set_deleted([hid], True)
            if self.note_editor.highlight_id() == hid:
                self.close_editor(save=False)
            message = "Highlight deleted anyway (Ctrl+Z brings it back)"
        else:
            self.state.replace_highlight(value)
            self.state.set_deleted([hid], False)
            if self.note_editor.highlight_id() == hid:
                self.note_editor.set_color(value.color)
                self.note_editor.set_tags(value.tags)
            message = (
                "Brought back with your change"
                if conflict.theirs_deleted
                else "Kept both: their tags and yours"
                if value.tags != getattr(conflict.mine, "tags", value.tags)
                else "Saved yours over the other window's change"
            )
        self._reload_links()
        self._refresh(self.state.with_partners([hid]))
        self.status_message.emit(message)

    # store writes, each followed by the screen (``StoreActions``, called by the commands) ---
    def _shown_version(self, hid: str) -> int | None:
        """The row version of highlight ``hid`` this window shows (deleted here included),
        to check a write against; None when it does not know one."""
        for side in SIDES:
            p = self.state.by_side[side].get(hid)
            if p is not None:
                return version_check(p.h.version)
        return None

    def delete_ids(self, ids: Sequence[str]) -> None:
        affected = self.state.with_partners(ids)
        for hid in ids:
            # a highlight changed elsewhere since it was shown is not deleted unasked: each
            # asks on its own (run); of several (a link's new highlights, on undo), one whose
            # other writer's version is kept stays and the others are deleted
            try:
                self.run(functools.partial(self._delete_one, hid))
            except KeptTheirs:
                if len(ids) == 1:
                    raise
        if self.note_editor.highlight_id() in ids:
            self.close_editor(save=False)
        self._reload_links()
        self._refresh(affected)

    def _delete_one(self, hid: str) -> None:
        # its links go out of sight with it: a link note changed (or a link made) elsewhere
        # since this window showed them asks too, as a change to the highlight does
        shown_links = {
            lk.id: lk.version for lk in self.state.links_by_id.values() if hid in (lk.a, lk.b)
        }
        self.store.delete_highlight(
            hid, base_version=self._shown_version(hid), link_versions=shown_links
        )
        self.state.set_deleted([hid], True)
        self._own_write(self.store.get(hid))  # its new row version

    def restore_ids(self, ids: Sequence[str]) -> None:
        for hid in ids:
            self.store.restore_highlight(hid)
            self._own_write(self.store.get(hid))  # its new row version
        self.state.set_deleted(ids, False)
        if any(self._shown_version(hid) is None for hid in ids):
            # read again since it was deleted (another writer): it is placed by a reload
            self.reload_soon()
        self._reload_links()
        self._refresh(self.state.with_partners(ids))

    def restore_link(self, link_id: str, created: Sequence[str]) -> None:
        self.restore_ids(created)
        lk = self.store.restore_link(link_id)
        self._reload_links()
        self._refresh([lk.a, lk.b])

    def remove_link(self, link_id: str, created: Sequence[str]) -> None:
        lk = self.store.get_link(link_id)
        shown = self.state.links_by_id.get(link_id)
        # a link whose note changed elsewhere since it was shown is not removed unasked
        # (asked here, so that with "remove it anyway" its new highlights go too)
        base = version_check(shown.version) if shown else None
        self.run(lambda: self.store.unlink(link_id, base_version=base))
        self._reload_links()
        self.delete_ids(created)
        self._refresh([lk.a, lk.b])

    def write_color(self, hid: str, color: str) -> None:
        # checked against the version shown: a highlight changed elsewhere asks (_settle)
        h = self.store.update_highlight(hid, color=color, base_version=self._shown_version(hid))
        self._own_write(h)
        self._color = color
        if self.note_editor.highlight_id() in self.state.with_partners([hid]):
            self.note_editor.set_color(color)
        self._refresh(self.state.with_partners([hid]))

    def write_tags(self, hid: str, tags: tuple[str, ...]) -> None:
        h = self.store.update_highlight(hid, tags=tags, base_version=self._shown_version(hid))
        self._own_write(h)
        if self.note_editor.highlight_id() == hid:
            self.note_editor.set_tags(h.tags)
        self._refresh([hid])

    def write_reattach(self, hid: str, side: str, start: int, end: int) -> None:
        art = self.state.articles[side]
        assert art is not None
        h = self.store.reattach(hid, art, start, end)
        # it may have moved from the other pane's article
        self._own_write(h, moved_to=(side, Placed(h, "anchored", start, end)))
        self._refresh(self.state.with_partners([hid]))

    def write_unattach(self, hid: str, side: str, old: Highlight, old_text: str) -> None:
        art = self.state.articles[side]
        assert art is not None
        snapshot = replace(
            art, text=old_text, fingerprint=old.fingerprint, blocks=(), styles=(), sentences=()
        )
        self.store.set_anchor(hid, snapshot, old.quote, old.position)
        h = self.store.get(hid)
        # where the old selectors land in the current text (orphaned, usually)
        r = Reanchorer(art.text, art.fingerprint).resolve(
            h.quote, h.position if h.position.start >= 0 else None, h.fingerprint, old_text
        )
        self.state.by_side[side][hid] = Placed(h, r.status, r.start, r.end, places=r.places)
        self._refresh(self.state.with_partners([hid]))

    def _own_write(self, h: Highlight, *, moved_to: tuple[str, Placed] | None = None) -> None:
        """Show ``h`` as this window just wrote it. Its row version moved on by our own
        write, so a note open on it moves its base along (else its next save would meet
        this very write as another window's change)."""
        found = self.state.placed(h.id)
        old = found[1].h.version if found else None
        if moved_to is not None:
            self.state.move(h.id, *moved_to)
        else:
            self.state.replace_highlight(h)
        if (
            self._note_base is not None
            and self._note_base[0] == h.id
            and old is not None
            and self._note_base[1] == old
        ):
            self._note_base = (h.id, h.version)

    def _reload_links(self) -> None:
        ids = self.state.article_ids()
        self.state.set_links(self.store.links_for(ids) if ids else [])
        self._refresh_gutter()

    # -- user actions ------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Put an action done elsewhere in the window (a verdict on a claim) on the undo stack,
        after it was done: Ctrl+Z undoes the newest action, whatever it was."""
        self._push(command)

    def _push(self, command: QUndoCommand) -> None:
        self._pushing = True
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = False
            self._undo_index = self.undo_stack.index()

    def _on_undo_index_changed(self, index: int) -> None:
        # an undo or redo says what it did, replacing a message it made stale
        # ("Highlight deleted (Ctrl+Z brings it back)" after that undo)
        before, self._undo_index = self._undo_index, index
        if self._pushing or index == before:
            return
        try:
            step = index if index < before else index - 1
            text = self.undo_stack.text(step)
            # what the step has to add (a verdict's claim hidden by the claims' filters)
            note = getattr(self.undo_stack.command(step), "note", "")
        except RuntimeError:  # the stack is being destroyed with the window
            return
        said = f"{'Undone' if index < before else 'Redone'}: {text}"
        self.status_message.emit(f"{said}. {note}" if note else said)

    def set_active_side(self, side: str, *, update: bool = True) -> None:
        """The pane used last (focus or a selection): colour shortcuts act on it."""
        self._active_side = side
        if update:
            self.update_actions()

    def selection(self, side: str) -> tuple[int, int] | None:
        """The passage selected in ``side``'s pane, trimmed of white space (None: nothing)."""
        art = self.state.articles[side]
        if art is None:
            return None
        span = self.panes[side].selected_span()
        if span is None or span[1] <= span[0]:
            return None
        start, end = trim(art.text, *span)
        return (start, end) if end > start else None

    def highlight_selection(self, color: str | None = None, side: str | None = None) -> str | None:
        """Highlight the selected text of ``side`` (default: the pane used last) in ``color``.
        Returns the new highlight's id, or None when nothing was selected or the write failed."""
        color = color or self._color
        if self._loading:
            self.status_message.emit("Highlights are still loading; try again in a moment.")
            return None
        if side is None:
            side = (
                self._active_side
                if self.selection(self._active_side)
                else ("b" if self._active_side == "a" else "a")
            )
        span = self.selection(side)
        art = self.state.articles[side]
        if span is None or art is None:
            self.status_message.emit("Select some text in a pane first, then choose a colour.")
            return None
        existing = self.state.exact(side, *span)
        if existing is not None:
            if existing.h.color != color and self.set_color(existing.h.id, color):
                # said, and the selection cleared so that the new colour shows
                self._color = color
                self.panes[side].clear_selection()
                self.status_message.emit("Colour changed")
            return existing.h.id
        try:
            h = self.run(lambda: self.store.add_highlight(art, span[0], span[1], color))
        except WriteFailed:
            return None
        assert isinstance(h, Highlight)
        self._color = color
        self.state.place_new(h, side, span)
        self._push(AddCommand(self, h.id))
        self._clear_selection(side, span)
        self._refresh([h.id])
        self.status_message.emit("Highlight saved")
        return h.id

    def link_selections(self, note: str = "") -> str | None:
        """Link the passage selected in A with the one selected in B (highlighting each, or
        reusing a highlight on exactly that passage). Returns the link id or None."""
        spans = {s: self.selection(s) for s in SIDES}
        if spans["a"] is None or spans["b"] is None:
            self.status_message.emit("Select a passage in A and one in B, then Link passages.")
            return None
        lid = self.link_spans(spans["a"], spans["b"], note=note)
        if lid is not None:
            for side, span in spans.items():
                self._clear_selection(side, span)
        return lid

    def _clear_selection(self, side: str, span: tuple[int, int] | None) -> None:
        """The selection an action used is done with; one made while the store waited (the
        window stays usable then) is the reader's and stays."""
        if self.selection(side) == span:
            self.panes[side].clear_selection()

    def link_claim(self, index: int) -> str | None:
        """ "Link these" on a claim: its two sentences become a linked pair of highlights."""
        if not 0 <= index < len(self._claims):
            return None
        c = self._claims[index]
        return self.link_spans((c.a.start, c.a.end), (c.b.start, c.b.end))

    def link_spans(
        self,
        a_span: tuple[int, int],
        b_span: tuple[int, int],
        *,
        note: str = "",
        color: str | None = None,
    ) -> str | None:
        color = color or self._color
        a_art, b_art = self.state.articles["a"], self.state.articles["b"]
        if a_art is None or b_art is None or self._loading:
            return None
        linked = self._already_linked(a_span, b_span)
        if linked is not None:
            # "Link these" twice made a second pair of highlights and a second link over the
            # same sentences: show the one there is instead
            self.pair_jump_requested.emit(a_span[0], a_span[1], b_span[0], b_span[1])
            self.status_message.emit("These passages are already linked")
            self.edit(linked.a, link_note=True)
            return str(linked.id)
        ends: list[str | tuple[Article, int, int, str]] = []
        for side, art, span in (("a", a_art, a_span), ("b", b_art, b_span)):
            # a selection in (or around) a highlight links that highlight, not a new
            # overlapping one; a highlight already linked keeps its one link
            existing = self.state.covering(side, *span)
            if existing is not None and existing.h.id not in self.state.link_id_of:
                ends.append(existing.h.id)
            else:
                ends.append((art, span[0], span[1], color))
        try:
            # one action, one transaction: the new highlights and the link, or nothing
            result = self.run(lambda: self.store.link_passages(ends, note))
        except WriteFailed:
            return None
        assert isinstance(result, tuple)
        lk, made = result
        for h in made:
            if h.id == lk.a:
                self.state.place_new(h, "a", a_span)
            else:
                self.state.place_new(h, "b", b_span)
        self._reload_links()
        self._push(LinkCommand(self, lk.id, [h.id for h in made]))
        self._refresh([lk.a, lk.b])
        self.pair_jump_requested.emit(a_span[0], a_span[1], b_span[0], b_span[1])
        self.status_message.emit("Passages linked")
        self.edit(lk.a, link_note=True)
        return str(lk.id)

    def _already_linked(self, a_span: tuple[int, int], b_span: tuple[int, int]) -> Link | None:
        """The link joining the highlights these two passages are in (see ``covering``)."""
        on_a = self.state.covering("a", *a_span)
        on_b = self.state.covering("b", *b_span)
        if on_a is None or on_b is None:
            return None
        lk = self.state.link_of(on_a.h.id)
        return lk if lk is not None and {lk.a, lk.b} == {on_a.h.id, on_b.h.id} else None

    def set_color(self, hid: str, color: str) -> bool:
        found = self.placed(hid)
        if found is None or found[1].h.color == color:
            return found is not None
        old = found[1].h.color
        try:
            done = self.run(lambda: self.write_color(hid, color))
        except WriteFailed:
            if self.note_editor.current_id() == hid:
                self.note_editor.set_color(old)
            return False
        if isinstance(done, Settled):  # mine kept over another window's change
            self._push(
                done.command(self, lambda theirs: ColorCommand(self, hid, theirs.color, color))
            )
            return True
        self._push(ColorCommand(self, hid, old, color))
        return True

    def set_tags(self, hid: str, tags: tuple[str, ...]) -> bool:
        """Replace a highlight's tags (undoable). True once committed."""
        found = self.placed(hid)
        if found is None:
            return False
        old = tuple(found[1].h.tags)
        tags = tuple(sorted({t.strip() for t in tags if t.strip()}))
        if old == tags:
            return True
        # typed in the open editor: a refusal is said there, not in a box that would take the
        # keyboard from the tag field
        editing = self.note_editor.highlight_id() == hid and self.note_editor.isVisible()
        try:
            done = self.run(lambda: self.write_tags(hid, tags), inline=editing)
        except WriteFailed as exc:
            if self.note_editor.highlight_id() == hid:
                # refused (another write waits, or the disk is full): the field keeps what
                # was typed, still unsaved, and it is sent again (after the wait, on Save, on
                # quitting)
                self.note_editor.keep_unsent_tags(old)
                if editing:
                    self.note_editor.show_tags_error(str(exc))
            return False
        if isinstance(done, Settled):  # mine (or theirs and mine) kept over their change
            kept = tuple(getattr(done.value, "tags", tags))
            self._push(done.command(self, lambda theirs: TagsCommand(self, hid, theirs.tags, kept)))
            return True
        self._push(TagsCommand(self, hid, old, tags))
        self.status_message.emit("Tags saved")
        return True

    def known_tags(self) -> list[str]:
        """Every tag in the store (for completion); empty when the store cannot say."""
        try:
            return list(self.store.all_tags())
        except DiptychError:
            return []

    def delete(self, hid: str) -> bool:
        if self.placed(hid) is None:
            return False
        try:
            self.run(lambda: self.delete_ids([hid]))
        except WriteFailed:
            return False
        self._push(DeleteCommand(self, hid))
        self.status_message.emit("Highlight deleted (Ctrl+Z brings it back)")
        return True

    def reload(self) -> None:
        """Read the highlights of the open pair again (another writer changed the store):
        the undo stack and the note editor stay as they are."""
        if self._shut or all(a is None for a in self.state.articles.values()):
            return
        self._load_token += 1
        self._reloading = True
        token, articles = self._load_token, dict(self.state.articles)
        self._loading = True
        self.update_actions()
        job = Job(lambda _ctx: self._load_result(articles), parent=self, name="reload")
        job.succeeded.connect(lambda result, t=token: self._loaded_in_thread.emit(t, result))
        self._start_load(job)

    def _start_load(self, job: Job) -> None:
        self._load_jobs = [j for j in self._load_jobs if j.is_running()]
        self._load_jobs.append(job)
        job.start()

    def shut_down(self) -> None:
        """The window is closing, before its store is closed: no more polling or re-reads;
        a load still reading the store is waited for (up to ``SHUT_DOWN_WAIT_MS``; its result
        is not shown), and so is a store call in flight. A load that outlives the wait finds
        the store closed and says nothing: nothing of it is shown."""
        self._shut = True
        self.other_writers.stop()
        self._reload_timer.stop()
        self._deferred_articles = None
        self._load_token += 1  # a load in flight is dropped when it is delivered
        jobs, self._load_jobs = self._load_jobs, []
        for job in jobs:
            job.cancel()
        for job in jobs:
            job.wait(SHUT_DOWN_WAIT_MS)
        self.calls.finish()

    def _on_store_waiting(self, message: str) -> None:
        self.status_message.emit(message)
        if self.note_editor.current_id() is not None and self.note_editor.has_unsaved():
            # a note is never refused for good: it is saved once the wait is over
            # who holds the store, that the note is kept, and what the reader can do
            kept = NOTE_KEPT_MESSAGE if message == BUSY_MESSAGE else f"{message} {NOTE_KEPT}"
            self.note_editor.show_waiting(kept)

    def _on_store_done_waiting(self) -> None:
        self.status_message.emit("")

    def _on_store_busy_changed(self, busy: bool) -> None:
        # undo and redo write: not while another write waits (QUndoStack is not reentrant)
        self.undo_action.setEnabled(not busy and self.undo_stack.canUndo())
        self.redo_action.setEnabled(not busy and self.undo_stack.canRedo())

    def _on_store_idle(self) -> None:
        """A store call that waited is done: what was put off meanwhile happens now (the
        pair shown meanwhile; tags and a note typed meanwhile are saved)."""
        if self.safekeeper.quitting:
            return  # the store is closed; the crash draft has the note
        if self._deferred_articles is not None:
            a, b, background = self._deferred_articles
            self.set_articles(a, b, background=background)
        if self.calls.busy:
            return
        ed = self.note_editor
        if ed.current_id() is not None:
            ed.send_unsent_tags()
        if ed.current_id() is not None and ed.has_unsaved():
            ed.save_if_unsaved()

    def _refresh_margins(self) -> None:
        for markers in self.margins.values():
            markers.refresh()

    def store_busy(self) -> bool:
        """A store call is waiting on the worker thread (no other may start meanwhile)."""
        return self.calls.busy

    def dialog_parent(self) -> QWidget | None:
        return self.panes["a"].window()

    def reattach(self, hid: str, side: str | None = None) -> bool:
        """Attach a highlight (an orphan, typically) to the passage selected in its pane."""
        found = self.placed(hid)
        if found is None:
            return False
        own_side, p = found
        side = side or own_side
        span = self.selection(side)
        art = self.state.articles[side]
        if span is None or art is None:
            self.status_message.emit(
                f"Select the passage in pane {side.upper()} first, then Re-attach."
            )
            self._report_soft(f"Select the passage in pane {side.upper()}, then re-attach.")
            return False
        old = p.h
        try:
            old_text = self.run(lambda: self.store.snapshot(old.article_id, old.fingerprint))
            self.run(lambda: self.write_reattach(hid, side, *span))
        except WriteFailed:
            return False
        if isinstance(old_text, str) and old.article_id == art.id:
            self._push(ReattachCommand(self, hid, side, old, old_text, span))
        self._clear_selection(side, span)
        self.status_message.emit("Highlight re-attached")
        return True

    def _report_soft(self, message: str) -> None:
        self.error_occurred.emit(message)

    def gutter_links(self) -> list[GutterLink]:
        """Bands for linked highlights whose two ends are both on screen-able text."""
        return gutter_links(self.state)

    def _refresh_gutter(self) -> None:
        self.gutter_links_changed.emit(self.gutter_links())

    def rows(self) -> list[HighlightRow]:
        """What the highlights panel lists: every live highlight of the pair, once."""
        return self.state.rows()

    def _refresh(self, ids: Iterable[str]) -> None:
        """Redraw what a change of these highlights touches: their panes, the gutter and their
        rows in the list (the rest of a long list is left alone)."""
        ids = set(ids)
        for side in SIDES:
            if any(hid in self.state.by_side[side] for hid in ids):
                self.painter.render(side, force=True)
        self._refresh_gutter()
        changed, removed = [], []
        for hid in ids:
            row = self.state.row(hid)
            if row is None:
                removed.append(hid)
            else:
                changed.append(row)
        self.panel.update_rows(changed, removed)
        self.highlights_changed.emit()

    def on_gutter_link_clicked(self, key: object) -> None:
        """Slot for ``LinkGutter.link_clicked``: ("link", id) keys open that link's note."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] == "link":
            lk = self.state.links_by_id.get(str(key[1]))
            if lk is not None:
                self.activate(lk.a, link_note=True)

    def gutter_menu_for(self, key: object) -> QMenu | None:
        """The menu of a band in the gutter (None when it has none): a link's note, and the
        link made the reader's claim (as on the linked passages' own menus)."""
        if not (isinstance(key, tuple) and len(key) == 2 and key[0] == "link"):
            return None
        lk = self.state.links_by_id.get(str(key[1]))
        if lk is None:
            return None
        hid = lk.a
        menu = QMenu(self.panes["a"].window())
        menu.addAction("Edit link note…").triggered.connect(
            lambda: self.activate(hid, link_note=True)
        )
        menu.addAction("Linked passages are the same claim").triggered.connect(
            lambda: self.request_claim_from_link(hid)
        )
        return menu

    def on_gutter_link_menu(self, key: object, pos: QPoint) -> None:
        """Slot for ``LinkGutter.link_menu_requested``: the band's menu, at ``pos``."""
        menu = self.gutter_menu_for(key)
        if menu is not None:
            menu.aboutToHide.connect(menu.deleteLater)  # after its action has run
            menu.popup(pos)

    def tooltip_at(self, side: str, offset: int) -> str | None:
        """What hovering ``offset`` in a pane shows (see ``PaneEvents.tooltip_at``)."""
        return self.pane_events.tooltip_at(side, offset)

    def activate_from_click(self, hid: str) -> None:
        if self.placed(hid) is not None:
            self.edit(hid)
