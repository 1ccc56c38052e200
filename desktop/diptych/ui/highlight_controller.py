"""Highlights in the app: connects the two reading panes, the store, the undo stack and the
highlight widgets (note editor, highlights panel, gutter bands).

Every action goes to the ``Store`` first (one committed transaction per store call) and only
then shows as done; a failing write (``StoreError``: disk full, read-only file...) is shown,
changes nothing on screen, and leaves a note's text in the editor. Add, link, edit note,
change colour, delete and re-attach are ``QUndoCommand``s on one ``QUndoStack``
(Ctrl+Z / Ctrl+Shift+Z); undo and redo write to the store too.

Wiring (in ``MainWindow._connect_signals()``)::

    ctl = HighlightController(store, reader_a, reader_b, undo_stack=None, parent=window,
                              note_editor=None,   # None: a popup beside the highlight
                              panel=highlights_panel,  # None: one is made (ctl.panel)
                              dialogs=None)       # None: error boxes unless DIPTYCH_NO_DIALOGS
    ctl.set_articles(a, b)                        # after the panes show them (and on swap);
                                                  #   resolves in a thread -> highlights_loaded
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
    ctl.editor_requested.connect(...)                   # str id: raise a docked note editor
    # before closing or replacing the pair: if not ctl.confirm_close(window): keep going
    #   (or ctl.has_unsaved() / ctl.save_pending() -> bool)

The panes need (``ReaderPane``): ``article()``, ``selected_span()``, ``clear_selection()``,
``set_highlight_spans``, ``highlight_at``, ``offset_at_point``, ``y_of_offset``,
``visible_range``, ``theme()``, ``document()``, the ``context_menu_requested(QMenu, int)``,
``selection_changed``, ``focus_entered``, ``scrolled`` and ``layout_changed`` signals, and a
``viewport()`` (hover and click are read through an event filter on it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QClipboard,
    QGuiApplication,
    QKeySequence,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QToolTip, QWidget

from diptych.core.errors import DiptychError
from diptych.core.model import Article, ClaimPair, Highlight, Span
from diptych.core.notes.anchoring import Reanchorer
from diptych.core.notes.store import Link, Store
from diptych.ui.claims_panel import shorten
from diptych.ui.highlight_colors import (
    DEFAULT_COLOR,
    HIGHLIGHT_COLORS,
    background,
    color_spec,
    swatch_icon,
)
from diptych.ui.highlights_panel import HighlightRow, HighlightsPanel
from diptych.ui.link_gutter import GutterLink
from diptych.ui.note_editor import NoteEditor

log = logging.getLogger(__name__)

SIDES = ("a", "b")
# above this many highlights on one side, only those near the viewport are painted
RENDER_ALL_LIMIT = 1500
RENDER_MARGIN_CHARS = 30_000


@dataclass(slots=True)
class _Placed:
    """A highlight and where it is in the current text of its side's article."""

    h: Highlight
    status: str  # anchored | reanchored | orphaned
    start: int
    end: int
    deleted: bool = False  # deleted in this session (kept so undo can bring it back)

    @property
    def found(self) -> bool:
        return not self.deleted and self.status != "orphaned" and self.end > self.start


class _Failed(Exception):
    """A store write failed; the message was already shown."""


class _StoreCommand(QUndoCommand):
    """An undoable action whose first ``redo`` already happened (it was done, committed and
    checked before being pushed). When a later undo/redo fails to write, the stack is put back
    so it never claims a state the store does not have."""

    def __init__(self, ctl: HighlightController, text: str) -> None:
        super().__init__(text)
        self._ctl = ctl
        self._skip_redo = True
        self._skip_undo = False

    def do(self) -> None:  # redo after the first time
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        try:
            self._ctl._guard(self.do)
        except _Failed:
            # the store still has the undone state: step the stack back without writing
            self._skip_undo = True
            QTimer.singleShot(0, self._ctl.undo_stack.undo)

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        try:
            self._ctl._guard(self.revert)
        except _Failed:
            self._skip_redo = True
            QTimer.singleShot(0, self._ctl.undo_stack.redo)


class _AddCommand(_StoreCommand):
    def __init__(self, ctl: HighlightController, hid: str, text: str = "Add highlight") -> None:
        super().__init__(ctl, text)
        self.hid = hid

    def do(self) -> None:
        self._ctl._restore_ids([self.hid])

    def revert(self) -> None:
        self._ctl._delete_ids([self.hid])


class _DeleteCommand(_StoreCommand):
    def __init__(self, ctl: HighlightController, hid: str) -> None:
        super().__init__(ctl, "Delete highlight")
        self.hid = hid

    def do(self) -> None:
        self._ctl._delete_ids([self.hid])

    def revert(self) -> None:
        self._ctl._restore_ids([self.hid])


class _LinkCommand(_StoreCommand):
    def __init__(self, ctl: HighlightController, link_id: str, created: list[str]) -> None:
        super().__init__(ctl, "Link passages")
        self.link_id = link_id
        self.created = created  # highlights made for this link (deleted again on undo)

    def do(self) -> None:
        self._ctl._restore_ids(self.created)
        lk = self._ctl.store.restore_link(self.link_id)
        self._ctl._reload_links()
        self._ctl._refresh([lk.a, lk.b])

    def revert(self) -> None:
        lk = self._ctl.store.get_link(self.link_id)
        self._ctl.store.unlink(self.link_id)
        self._ctl._reload_links()
        self._ctl._delete_ids(self.created)
        self._ctl._refresh([lk.a, lk.b])


class _NoteCommand(_StoreCommand):
    """A note edit; on a linked highlight it is the link's shared note."""

    def __init__(
        self, ctl: HighlightController, hid: str, link_id: str | None, old: str, new: str
    ) -> None:
        super().__init__(ctl, "Edit note")
        self.hid, self.link_id, self.old, self.new = hid, link_id, old, new

    def do(self) -> None:
        self._ctl._write_note(self.hid, self.link_id, self.new)

    def revert(self) -> None:
        self._ctl._write_note(self.hid, self.link_id, self.old)


class _ColorCommand(_StoreCommand):
    def __init__(self, ctl: HighlightController, hid: str, old: str, new: str) -> None:
        super().__init__(ctl, "Change colour")
        self.hid, self.old, self.new = hid, old, new

    def do(self) -> None:
        self._ctl._write_color(self.hid, self.new)

    def revert(self) -> None:
        self._ctl._write_color(self.hid, self.old)


class _ReattachCommand(_StoreCommand):
    def __init__(
        self,
        ctl: HighlightController,
        hid: str,
        side: str,
        old: Highlight,
        old_text: str,
        span: tuple[int, int],
    ) -> None:
        super().__init__(ctl, "Re-attach highlight")
        self.hid, self.side, self.old, self.old_text, self.span = hid, side, old, old_text, span

    def do(self) -> None:
        self._ctl._write_reattach(self.hid, self.side, *self.span)

    def revert(self) -> None:
        self._ctl._write_unattach(self.hid, self.side, self.old, self.old_text)


class HighlightController(QObject):
    """Highlights and notes of the pair shown in two ReaderPanes (see the module docstring)."""

    gutter_links_changed = Signal(list)  # list[GutterLink] for the linked highlights
    highlights_changed = Signal()  # anything about the highlights changed (counts, lists)
    highlights_loaded = Signal()  # set_articles finished resolving (background load)
    jump_requested = Signal(str, int, int)  # side, start, end: bring one passage into view
    pair_jump_requested = Signal(int, int, int, int)  # a_start, a_end, b_start, b_end
    editor_requested = Signal(str)  # highlight id now in the note editor (raise its dock)
    error_occurred = Signal(str)  # a write failed; the message is one clear line
    status_message = Signal(str)

    _loaded_in_thread = Signal(object, object)  # (token, {side: list[ResolvedHighlight]})

    def __init__(
        self,
        store: Store,
        pane_a,
        pane_b,
        undo_stack: QUndoStack | None = None,
        parent: QObject | None = None,
        *,
        note_editor: NoteEditor | None = None,
        panel: HighlightsPanel | None = None,
        dialogs: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.panes = {"a": pane_a, "b": pane_b}
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        # show write errors in a (non-blocking) message box too; off under DIPTYCH_NO_DIALOGS
        self.dialogs = not os.environ.get("DIPTYCH_NO_DIALOGS") if dialogs is None else dialogs
        self._articles: dict[str, Article | None] = {"a": None, "b": None}
        self._placed: dict[str, dict[str, _Placed]] = {"a": {}, "b": {}}
        self._links: dict[str, Link] = {}
        self._link_of: dict[str, str] = {}  # highlight id -> link id
        self._claims: tuple[ClaimPair, ...] = ()
        self._active_side = "a"
        self._color = DEFAULT_COLOR
        self._load_token = 0
        self._rendered_window: dict[str, tuple[int, int] | None] = {"a": None, "b": None}
        self._last_error = ""
        self._loading = False
        self._rendered_doc: dict[str, object] = {}
        self._viewports: dict[int, str] = {}  # id(viewport) -> side, for the event filter
        self._closing = False

        self.note_editor = note_editor if note_editor is not None else NoteEditor()
        self._editor_popup = note_editor is None
        if self._editor_popup:
            self.note_editor.setWindowFlag(Qt.WindowType.Tool, True)
            self.note_editor.resize(360, 260)
        self.note_editor.note_save_requested.connect(self._on_editor_save_requested)
        self.note_editor.color_change_requested.connect(self.set_color)
        self.note_editor.delete_requested.connect(self.delete)
        self.note_editor.close_requested.connect(self.close_editor)

        self.panel = panel if panel is not None else HighlightsPanel()
        self.attach_panel(self.panel)

        self._make_actions()
        for side, pane in self.panes.items():
            pane.context_menu_requested.connect(
                lambda menu, offset, s=side: self._on_pane_context_menu(s, menu, offset)
            )
            pane.selection_changed.connect(
                lambda s0, e0, s=side: self._on_pane_selection(s, s0, e0)
            )
            pane.focus_entered.connect(lambda s=side: self._set_active_side(s))
            pane.scrolled.connect(lambda s=side: self._on_pane_scrolled(s))
            pane.layout_changed.connect(lambda s=side: self._on_pane_layout_changed(s))
            pane.viewport().installEventFilter(self)
            pane.viewport().setMouseTracking(True)
            self._viewports[id(pane.viewport())] = side
            pane.destroyed.connect(self._on_pane_destroyed)
        self._loaded_in_thread.connect(self._on_loaded)
        self._update_actions()

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

    def _update_actions(self) -> None:
        sel = {s: self._selection(s) for s in SIDES}
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
        thread when ``background``; ``highlights_loaded`` fires when done)."""
        # a note that cannot be saved now stays in the editor (with its error) across the
        # switch; the window asks confirm_close() before opening another pair
        keep_editor = self.note_editor.has_unsaved() and not self.save_pending()
        self._articles = {"a": a, "b": b}
        self._placed = {"a": {}, "b": {}}
        self._links, self._link_of = {}, {}
        self.undo_stack.clear()  # commands refer to the articles that were open
        if not keep_editor:
            self.close_editor(save=False)
        self.panel.set_titles(a.title if a else "", b.title if b else "")
        self._load_token += 1
        token = self._load_token
        articles = dict(self._articles)
        self._loading = True
        self._update_actions()
        if background:
            threading.Thread(
                target=self._load_worker,
                args=(token, articles),
                daemon=True,
                name="diptych-resolve",
            ).start()
        else:
            self._on_loaded(token, self._resolve(articles))

    def _resolve(self, articles: dict[str, Article | None]) -> dict[str, object]:
        out: dict[str, object] = {}
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
                    out[side] = self.store.resolve_all(art)
            links = self.store.links_for([a.id for a in articles.values() if a])
        except DiptychError as exc:
            return {"error": str(exc)}
        # the per-highlight work happens here, off the UI thread when loading in background
        placed = {
            side: {
                r.highlight.id: _Placed(r.highlight, r.status, r.start, r.end)
                for r in out.get(side, [])  # type: ignore[attr-defined]
            }
            for side in SIDES
        }
        links_by_id, link_of = _link_maps(links)
        rows = _rows_of(placed, links_by_id, link_of)
        return {"placed": placed, "links": links, "rows": rows}

    def _load_worker(self, token: int, articles: dict[str, Article | None]) -> None:
        try:
            result = self._resolve(articles)
        except Exception as exc:  # a bug must not leave the actions waiting forever
            log.exception("loading highlights failed")
            result = {"error": f"unexpected error ({type(exc).__name__}: {exc})"}
        # the window may have closed meanwhile; then there is nobody left to tell
        with contextlib.suppress(RuntimeError):
            self._loaded_in_thread.emit(token, result)

    def is_loading(self) -> bool:
        """True between set_articles and highlights_loaded (actions wait for the load)."""
        return self._loading

    def _on_loaded(self, token: int, result: dict) -> None:
        if token != self._load_token:
            return  # an older load finished after the pair changed
        self._loading = False
        self._update_actions()
        if "error" in result:
            self._report(f"Highlights could not be loaded: {result['error']}")
        self._placed = result.get("placed", {"a": {}, "b": {}})
        self._set_links(result.get("links", []))
        for side in SIDES:
            self._render_side(side, force=True)
        self._refresh_gutter()
        self.panel.set_rows(result.get("rows", []))
        self.highlights_changed.emit()
        orphans = sum(1 for s in SIDES for p in self._placed[s].values() if not p.found)
        if orphans:
            self.status_message.emit(
                f"{orphans} highlight(s) could not be found in the current text: see Highlights"
            )
        self.highlights_loaded.emit()

    def set_claims(self, claims: Sequence[ClaimPair]) -> None:
        """The claims of the pair (indices as in the claims panel), for ``link_claim``."""
        self._claims = tuple(claims)

    def attach_panel(self, panel: HighlightsPanel) -> None:
        self.panel = panel
        panel.highlight_activated.connect(self.activate)
        panel.reattach_requested.connect(self.reattach)
        panel.delete_requested.connect(self.delete)

    def article(self, side: str) -> Article | None:
        return self._articles[side]

    def highlights(self, side: str) -> list[_Placed]:
        """Highlights of one side, in text order (orphans last)."""
        live = [p for p in self._placed[side].values() if not p.deleted]
        return sorted(live, key=lambda p: (not p.found, p.start, p.h.id))

    def placed(self, hid: str) -> tuple[str, _Placed] | None:
        for side in SIDES:
            p = self._placed[side].get(hid)
            if p is not None and not p.deleted:
                return side, p
        return None

    def link_of(self, hid: str) -> Link | None:
        lid = self._link_of.get(hid)
        return self._links.get(lid) if lid else None

    def links(self) -> list[Link]:
        return list(self._links.values())

    # -- store plumbing ----------------------------------------------------------------------
    def _report(self, message: str) -> None:
        self._last_error = message
        log.warning("%s", message)
        self.error_occurred.emit(message)
        if self.dialogs:
            parent = self.panes["a"].window()
            box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", message, parent=parent)
            box.setObjectName("highlight_error_box")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # non-blocking

    def _guard(self, fn: Callable[[], object]) -> object:
        """Run a store action; a DiptychError is reported and becomes _Failed."""
        try:
            return fn()
        except DiptychError as exc:
            self._report(str(exc))
            raise _Failed(str(exc)) from None

    # small state changes, each after its store write succeeded ------------------------------
    def _delete_ids(self, ids: Sequence[str]) -> None:
        affected = self._with_partners(ids)
        for hid in ids:
            self.store.delete_highlight(hid)
            for side in SIDES:
                p = self._placed[side].get(hid)
                if p is not None:
                    p.deleted = True
        if self.note_editor.current_id() in ids:
            self.close_editor(save=False)
        self._reload_links()
        self._refresh(affected)

    def _restore_ids(self, ids: Sequence[str]) -> None:
        for hid in ids:
            self.store.restore_highlight(hid)
        for side in SIDES:
            for hid in ids:
                p = self._placed[side].get(hid)
                if p is not None:
                    p.deleted = False
        self._reload_links()
        self._refresh(self._with_partners(ids))

    def _write_note(self, hid: str, link_id: str | None, note: str) -> None:
        if link_id is not None:
            lk = self.store.update_link(link_id, note=note)
            self._links[lk.id] = lk
            self._refresh_gutter()
        else:
            h = self.store.update_highlight(hid, note=note)
            self._replace_highlight(h)
        if self.note_editor.current_id() == hid:
            self.note_editor.set_saved_text(note)
        self._refresh(self._with_partners([hid]))

    def _write_color(self, hid: str, color: str) -> None:
        h = self.store.update_highlight(hid, color=color)
        self._replace_highlight(h)
        self._color = color
        if self.note_editor.current_id() == hid:
            self.note_editor.set_color(color)
        self._refresh(self._with_partners([hid]))

    def _write_reattach(self, hid: str, side: str, start: int, end: int) -> None:
        art = self._articles[side]
        assert art is not None
        h = self.store.reattach(hid, art, start, end)
        for other in SIDES:  # it may have moved from the other pane's article
            if other != side:
                self._placed[other].pop(hid, None)
        self._placed[side][hid] = _Placed(h, "anchored", start, end)
        self._refresh(self._with_partners([hid]))

    def _write_unattach(self, hid: str, side: str, old: Highlight, old_text: str) -> None:
        art = self._articles[side]
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
        self._placed[side][hid] = _Placed(h, r.status, r.start, r.end)
        self._refresh(self._with_partners([hid]))

    def _replace_highlight(self, h: Highlight) -> None:
        for side in SIDES:
            p = self._placed[side].get(h.id)
            if p is not None:
                p.h = h

    def _reload_links(self) -> None:
        ids = [a.id for a in self._articles.values() if a is not None]
        self._set_links(self.store.links_for(ids) if ids else [])
        self._refresh_gutter()

    def _set_links(self, links: Sequence[Link]) -> None:
        self._links, self._link_of = _link_maps(links)

    # -- user actions ------------------------------------------------------------------------
    def _selection(self, side: str) -> tuple[int, int] | None:
        pane = self.panes[side]
        if self._articles[side] is None:
            return None
        span = pane.selected_span()
        if span is None or span[1] <= span[0]:
            return None
        start, end = _trim(self._articles[side].text, *span)  # type: ignore[union-attr]
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
                if self._selection(self._active_side)
                else ("b" if self._active_side == "a" else "a")
            )
        span = self._selection(side)
        art = self._articles[side]
        if span is None or art is None:
            self.status_message.emit("Select some text in a pane first, then choose a colour.")
            return None
        existing = self._exact_highlight(side, *span)
        if existing is not None:
            if existing.h.color != color:
                self.set_color(existing.h.id, color)
            return existing.h.id
        try:
            h = self._guard(lambda: self.store.add_highlight(art, span[0], span[1], color))
        except _Failed:
            return None
        assert isinstance(h, Highlight)
        self._color = color
        self._place_new(h, side, span)
        self.undo_stack.push(_AddCommand(self, h.id))
        self.panes[side].clear_selection()
        self._refresh([h.id])
        self.status_message.emit("Highlight saved")
        return h.id

    def _place_new(self, h: Highlight, side: str, span: tuple[int, int]) -> None:
        self._placed[side][h.id] = _Placed(h, "anchored", span[0], span[1])
        other = "b" if side == "a" else "a"
        oa = self._articles[other]
        if oa is not None and oa.id == h.article_id and oa.fingerprint == h.fingerprint:
            self._placed[other][h.id] = self._placed[side][h.id]

    def _exact_highlight(self, side: str, start: int, end: int) -> _Placed | None:
        for p in self._placed[side].values():
            if p.found and (p.start, p.end) == (start, end):
                return p
        return None

    def link_selections(self, note: str = "") -> str | None:
        """Link the passage selected in A with the one selected in B (highlighting each, or
        reusing a highlight on exactly that passage). Returns the link id or None."""
        spans = {s: self._selection(s) for s in SIDES}
        if spans["a"] is None or spans["b"] is None:
            self.status_message.emit("Select a passage in A and one in B, then Link passages.")
            return None
        lid = self.link_spans(spans["a"], spans["b"], note=note)
        if lid is not None:
            for pane in self.panes.values():
                pane.clear_selection()
        return lid

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
        a_art, b_art = self._articles["a"], self._articles["b"]
        if a_art is None or b_art is None or self._loading:
            return None
        ends: list[str | tuple[Article, int, int, str]] = []
        for side, art, span in (("a", a_art, a_span), ("b", b_art, b_span)):
            existing = self._exact_highlight(side, *span)
            if existing is not None and existing.h.id not in self._link_of:
                ends.append(existing.h.id)
            else:
                ends.append((art, span[0], span[1], color))
        try:
            # one action, one transaction: the new highlights and the link, or nothing
            result = self._guard(lambda: self.store.link_passages(ends, note))
        except _Failed:
            return None
        assert isinstance(result, tuple)
        lk, made = result
        for h in made:
            if h.id == lk.a:
                self._place_new(h, "a", a_span)
            else:
                self._place_new(h, "b", b_span)
        self._reload_links()
        self.undo_stack.push(_LinkCommand(self, lk.id, [h.id for h in made]))
        self._refresh([lk.a, lk.b])
        self.pair_jump_requested.emit(a_span[0], a_span[1], b_span[0], b_span[1])
        self.status_message.emit("Passages linked")
        self.edit(lk.a)
        return lk.id

    def set_color(self, hid: str, color: str) -> bool:
        found = self.placed(hid)
        if found is None or found[1].h.color == color:
            return found is not None
        old = found[1].h.color
        try:
            self._guard(lambda: self._write_color(hid, color))
        except _Failed:
            if self.note_editor.current_id() == hid:
                self.note_editor.set_color(old)
            return False
        self.undo_stack.push(_ColorCommand(self, hid, old, color))
        return True

    def delete(self, hid: str) -> bool:
        if self.placed(hid) is None:
            return False
        try:
            self._guard(lambda: self._delete_ids([hid]))
        except _Failed:
            return False
        self.undo_stack.push(_DeleteCommand(self, hid))
        self.status_message.emit("Highlight deleted (Ctrl+Z brings it back)")
        return True

    def save_note(self, hid: str, text: str) -> bool:
        """Write a note (the shared note when the highlight is linked). True once committed;
        on failure the editor keeps the text and shows why. Works for any stored highlight,
        also one of a pair that is no longer open (an editor kept open after a failed save)."""
        try:
            h = self._guard(lambda: self.store.get(hid))
            assert isinstance(h, Highlight)
            lk = self.link_of(hid) or self._stored_link_of(h)
        except _Failed as exc:
            if self.note_editor.current_id() == hid:
                self.note_editor.show_error(str(exc))
            return False
        old = lk.note if lk is not None else h.note
        if old == text:
            if self.note_editor.current_id() == hid:
                self.note_editor.mark_saved(text)
            return True
        link_id = lk.id if lk is not None else None
        try:
            self._guard(lambda: self._write_note(hid, link_id, text))
        except _Failed as exc:
            if self.note_editor.current_id() == hid:
                self.note_editor.show_error(str(exc))
            return False
        self.undo_stack.push(_NoteCommand(self, hid, link_id, old, text))
        if self.note_editor.current_id() == hid:
            self.note_editor.mark_saved(text)
        self.status_message.emit("Note saved")
        return True

    def _stored_link_of(self, h: Highlight) -> Link | None:
        for lk in self.store.links_for([h.article_id]):
            if h.id in (lk.a, lk.b):
                return lk
        return None

    def reattach(self, hid: str, side: str | None = None) -> bool:
        """Attach a highlight (an orphan, typically) to the passage selected in its pane."""
        found = self.placed(hid)
        if found is None:
            return False
        own_side, p = found
        side = side or own_side
        span = self._selection(side)
        art = self._articles[side]
        if span is None or art is None:
            self.status_message.emit(
                f"Select the passage in pane {side.upper()} first, then Re-attach."
            )
            self._report_soft(f"Select the passage in pane {side.upper()}, then re-attach.")
            return False
        old = p.h
        try:
            old_text = self._guard(lambda: self.store.snapshot(old.article_id, old.fingerprint))
            self._guard(lambda: self._write_reattach(hid, side, *span))
        except _Failed:
            return False
        if isinstance(old_text, str) and old.article_id == art.id:
            self.undo_stack.push(_ReattachCommand(self, hid, side, old, old_text, span))
        self.panes[side].clear_selection()
        self.status_message.emit("Highlight re-attached")
        return True

    def _report_soft(self, message: str) -> None:
        self.error_occurred.emit(message)

    # -- the note editor ---------------------------------------------------------------------
    def activate(self, hid: str) -> None:
        """Show a highlight: jump to it (and its partner) and open its note."""
        found = self.placed(hid)
        if found is None:
            return
        side, p = found
        lk = self.link_of(hid)
        if lk is not None and p.found:
            pa, pb = self._placed["a"].get(lk.a), self._placed["b"].get(lk.b)
            if pa is not None and pb is not None and pa.found and pb.found:
                self.pair_jump_requested.emit(pa.start, pa.end, pb.start, pb.end)
            else:
                self.jump_requested.emit(side, p.start, p.end)
        elif p.found:
            self.jump_requested.emit(side, p.start, p.end)
        self.edit(hid)

    def edit(self, hid: str) -> bool:
        """Open ``hid`` in the note editor (after saving what was being edited)."""
        found = self.placed(hid)
        if found is None:
            return False
        switching = self.note_editor.current_id() not in (None, hid)
        if switching and self.note_editor.has_unsaved() and not self.save_pending():
            return False  # keep the unsaved note on screen with its error
        side, p = found
        lk = self.link_of(hid)
        partner_quote = ""
        if lk is not None:
            other = lk.b if lk.a == hid else lk.a
            op = self.placed(other)
            partner_quote = op[1].h.quote.exact if op else ""
        if self.note_editor.current_id() != hid:
            self.note_editor.edit(
                hid,
                quote=p.h.quote.exact,
                note=lk.note if lk is not None else p.h.note,
                color=p.h.color,
                side=side,
                linked_quote=partner_quote,
            )
        self.panel.select(hid)
        self._show_editor(side, p)
        self.editor_requested.emit(hid)
        return True

    def _show_editor(self, side: str, p: _Placed) -> None:
        ed = self.note_editor
        if self._editor_popup:
            pane = self.panes[side]
            ed.setParent(pane.window(), ed.windowFlags() | Qt.WindowType.Tool)
            vp = pane.viewport()
            y = pane.y_of_offset(p.end) + 28 if p.found else vp.height() // 3
            y = max(0, min(vp.height() - 40, y))
            x = max(0, (vp.width() - ed.width()) // 2)
            ed.move(vp.mapToGlobal(QPoint(x, y)))
        ed.show()
        ed.raise_()
        ed.text_edit.setFocus()

    def close_editor(self, save: bool = True) -> bool:
        """Close the note editor, saving first (unless ``save`` is False); False if the save
        failed (the editor then stays open with the text and the error)."""
        if save and self.note_editor.has_unsaved() and not self.save_pending():
            return False
        self.note_editor.clear()
        if self._editor_popup:
            self.note_editor.hide()
        return True

    def _on_editor_save_requested(self, hid: str, text: str) -> None:
        self.save_note(hid, text)

    def has_unsaved(self) -> bool:
        """True when the note editor holds text the store has not committed."""
        return self.note_editor.has_unsaved()

    def save_pending(self) -> bool:
        """Save the editor's text now; True when nothing is left unsaved."""
        hid = self.note_editor.current_id()
        if hid is None or not self.note_editor.has_unsaved():
            return True
        return self.save_note(hid, self.note_editor.text())

    def confirm_close(self, parent: QWidget | None = None) -> bool:
        """For the window's closeEvent: saves an unsaved note; if that fails, asks whether to
        quit anyway (offering to copy the note to the clipboard). True = go ahead and close."""
        if not self.has_unsaved() or self.save_pending():
            return True
        box = QMessageBox(parent or self.panes["a"].window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Note not saved")
        box.setText("Your note could not be saved.")
        box.setInformativeText(f"{self._last_error}\n\nQuit anyway?")
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        copy = box.addButton("Copy note and quit", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep or clicked is None:
            return False
        if clicked is copy:
            QGuiApplication.clipboard().setText(self.note_editor.text(), QClipboard.Mode.Clipboard)
        return True

    # -- rendering ---------------------------------------------------------------------------
    def _render_side(self, side: str, *, force: bool = False) -> None:
        pane = self.panes[side]
        if self._articles[side] is None:
            pane.set_highlight_spans([])
            return
        placed = [p for p in self._placed[side].values() if p.found]
        window: tuple[int, int] | None = None
        if len(placed) > RENDER_ALL_LIMIT:
            lo, hi = pane.visible_range()
            window = (lo - RENDER_MARGIN_CHARS, hi + RENDER_MARGIN_CHARS)
            placed = [p for p in placed if p.end > window[0] and p.start < window[1]]
        elif not force and self._rendered_window[side] is None:
            return
        self._rendered_window[side] = window
        self._rendered_doc[side] = pane.document()
        dark = bool(getattr(pane.theme(), "dark", False)) if hasattr(pane, "theme") else False
        pane.set_highlight_spans(
            [(p.start, p.end, background(p.h.color, dark=dark), p.h.id) for p in placed]
        )

    def _on_pane_layout_changed(self, side: str) -> None:
        # a new document (zoom, theme, another article): marks made on the old one are gone
        doc = self.panes[side].document()
        if self._rendered_doc.get(side) is not doc:
            self._render_side(side, force=True)

    def _on_pane_scrolled(self, side: str) -> None:
        win = self._rendered_window[side]
        if win is None:
            return  # everything is painted already
        lo, hi = self.panes[side].visible_range()
        if lo < win[0] + RENDER_MARGIN_CHARS // 3 or hi > win[1] - RENDER_MARGIN_CHARS // 3:
            self._render_side(side, force=True)

    def gutter_links(self) -> list[GutterLink]:
        """Bands for linked highlights whose two ends are both on screen-able text."""
        out = []
        for lk in self._links.values():
            pa, pb = self._placed["a"].get(lk.a), self._placed["b"].get(lk.b)
            if pa is None or pb is None:  # linked the other way round, or to another article
                pa, pb = self._placed["a"].get(lk.b), self._placed["b"].get(lk.a)
            if pa is None or pb is None or not pa.found or not pb.found:
                continue
            tip = lk.note or "(no note)"
            out.append(
                GutterLink(
                    Span(pa.start, pa.end),
                    Span(pb.start, pb.end),
                    color_spec(pa.h.color).swatch,
                    ("link", lk.id),
                    None,
                    "highlight",
                    shorten(tip, 300),
                )
            )
        return out

    def _refresh_gutter(self) -> None:
        self.gutter_links_changed.emit(self.gutter_links())

    def _row(self, hid: str) -> HighlightRow | None:
        return _row_of(hid, self._placed, self._links, self._link_of)

    def rows(self) -> list[HighlightRow]:
        """What the highlights panel lists: every live highlight of the pair, once."""
        return _rows_of(self._placed, self._links, self._link_of)

    def _with_partners(self, ids: Iterable[str]) -> set[str]:
        out = set(ids)
        for hid in list(out):
            lk = self.link_of(hid)
            if lk is not None:
                out.update((lk.a, lk.b))
        return out

    def _refresh(self, ids: Iterable[str]) -> None:
        """Redraw what a change of these highlights touches: their panes, the gutter and their
        rows in the list (the rest of a long list is left alone)."""
        ids = set(ids)
        for side in SIDES:
            if any(hid in self._placed[side] for hid in ids):
                self._render_side(side, force=True)
        self._refresh_gutter()
        changed, removed = [], []
        for hid in ids:
            row = self._row(hid)
            if row is None:
                removed.append(hid)
            else:
                changed.append(row)
        self.panel.update_rows(changed, removed)
        self.highlights_changed.emit()

    # -- pane events -------------------------------------------------------------------------
    def _set_active_side(self, side: str) -> None:
        self._active_side = side
        self._update_actions()

    def _on_pane_selection(self, side: str, start: int, end: int) -> None:
        if end > start:
            self._active_side = side
        self._update_actions()

    def on_gutter_link_clicked(self, key: object) -> None:
        """Slot for ``LinkGutter.link_clicked``: ("link", id) keys open that link's note."""
        if isinstance(key, tuple) and len(key) == 2 and key[0] == "link":
            lk = self._links.get(str(key[1]))
            if lk is not None:
                self.activate(lk.a)

    def _on_pane_context_menu(self, side: str, menu: QMenu, offset: int) -> None:
        menu.addSeparator()
        has_sel = self._selection(side) is not None
        sub = menu.addMenu("Highlight")
        sub.setEnabled(has_sel)
        for act, c in zip(self.highlight_actions, HIGHLIGHT_COLORS, strict=True):
            a = sub.addAction(swatch_icon(c.name), c.label)
            a.setShortcut(act.shortcut())
            a.triggered.connect(lambda _=False, name=c.name: self.highlight_selection(name, side))
        menu.addAction(self.link_action)
        hid = self.panes[side].highlight_at(offset)
        if hid is not None:
            menu.addSeparator()
            menu.addAction("Edit note…").triggered.connect(lambda: self.activate(hid))
            colors = menu.addMenu("Change colour")
            for c in HIGHLIGHT_COLORS:
                colors.addAction(swatch_icon(c.name), c.label).triggered.connect(
                    lambda _=False, name=c.name: self.set_color(hid, name)
                )
            menu.addAction("Delete highlight").triggered.connect(lambda: self.delete(hid))

    def tooltip_at(self, side: str, offset: int) -> str | None:
        """What hovering ``offset`` in a pane shows: the highlight's (or link's) note."""
        hid = self.panes[side].highlight_at(offset)
        if hid is None:
            return None
        found = self.placed(hid)
        if found is None:
            return None
        p = found[1]
        lk = self.link_of(hid)
        parts = []
        if lk is not None:
            parts.append("Linked passage")
            if lk.note:
                parts.append(shorten(lk.note, 600))
        if p.h.note and (lk is None or p.h.note != lk.note):
            parts.append(shorten(p.h.note, 600))
        if not parts:
            parts.append("Highlight (click to add a note)")
        return "\n".join(parts)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # type: ignore[override]
        side = self._viewports.get(id(obj))
        if side is None or self._closing:
            return False
        pane = self.panes[side]
        et = event.type()
        if et == QEvent.Type.ToolTip:
            text = self.tooltip_at(side, pane.offset_at_point(event.pos()))  # type: ignore[attr-defined]
            if not text:
                return False  # not on a highlight: the pane's own tooltips (links) apply
            QToolTip.showText(event.globalPos(), text, pane.viewport())  # type: ignore[attr-defined]
            return True
        if (
            et == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
            and pane.selected_span() is None
        ):
            # a plain click (no text selected) on a highlight opens its note
            point = event.position().toPoint()  # type: ignore[attr-defined]
            hid = pane.highlight_at(pane.offset_at_point(point))
            if hid is not None:
                QTimer.singleShot(0, lambda h=hid: self.activate_from_click(h))
        return False

    def _on_pane_destroyed(self, *_args: object) -> None:
        self._closing = True  # the window is going away: stop reading the panes

    def activate_from_click(self, hid: str) -> None:
        if self.placed(hid) is not None:
            self.edit(hid)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing white space of a selection (a double-click often grabs it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _link_maps(links: Sequence[Link]) -> tuple[dict[str, Link], dict[str, str]]:
    """Links by id, and each highlight's link id (the first, when linked more than once)."""
    by_id = {lk.id: lk for lk in links}
    link_of: dict[str, str] = {}
    for lk in links:
        link_of.setdefault(lk.a, lk.id)
        link_of.setdefault(lk.b, lk.id)
    return by_id, link_of


def _find(placed: dict[str, dict[str, _Placed]], hid: str) -> tuple[str, _Placed] | None:
    for side in SIDES:
        p = placed[side].get(hid)
        if p is not None and not p.deleted:
            return side, p
    return None


def _row_of(
    hid: str,
    placed: dict[str, dict[str, _Placed]],
    links: dict[str, Link],
    link_of: dict[str, str],
) -> HighlightRow | None:
    """The highlights-panel row of one highlight (pure: safe in the loading thread)."""
    found = _find(placed, hid)
    if found is None:
        return None
    side, p = found
    lid = link_of.get(hid)
    lk = links.get(lid) if lid else None
    partner = ""
    note = p.h.note
    if lk is not None:
        other = _find(placed, lk.b if lk.a == hid else lk.a)
        partner = other[1].h.quote.exact if other else ""
        note = lk.note or note
    return HighlightRow(
        id=hid,
        side=side,
        color=p.h.color,
        quote=p.h.quote.exact,
        note=note,
        status=p.status,
        start=p.start,
        linked_quote=partner,
    )


def _rows_of(
    placed: dict[str, dict[str, _Placed]], links: dict[str, Link], link_of: dict[str, str]
) -> list[HighlightRow]:
    seen: dict[str, None] = {}
    for side in SIDES:
        for hid, p in placed[side].items():
            if not p.deleted:
                seen.setdefault(hid)
    return [r for r in (_row_of(hid, placed, links, link_of) for hid in seen) if r is not None]
