"""The note half of the highlight controller: opening a note in the editor (a highlight's
own note, or its link's), saving it with the row version it was written on, answering a
conflict with another writer, and the saves before a close or quit.

``NoteEditing`` is a part of ``HighlightController`` (a mixin: it uses the controller's
state, store, editor, panel and signals, see ``controller.py``); it is apart so that each
file reads as one concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from diptych.core.errors import DiptychError
from diptych.core.notes.store import ConflictError
from diptych.ui.highlights.commands import NoteCommand, WriteFailed
from diptych.ui.highlights.state import Placed, link_key, note_key, split_key
from diptych.ui.highlights.store_calls import BUSY_MESSAGE, NOTE_KEPT_MESSAGE
from diptych.ui.safe_text import as_rich, one_line, visible


def version_check(v: int) -> int | None:
    """A row version to check a save against (0: not read from the store, nothing to check)."""
    return v if v > 0 else None


class NoteEditing:
    """Opening, saving and closing notes (part of ``HighlightController``)."""

    if TYPE_CHECKING:  # provided by HighlightController

        def __getattr__(self, name: str) -> Any: ...

    def _sync_editor_after_reload(self) -> None:
        """After another writer's change: the open note shows their text unless this window
        has unsaved text (then the next save meets their change as a conflict)."""
        ed = self.note_editor
        key, hid = ed.current_id(), ed.highlight_id()
        if key is None or hid is None:
            return
        if self.placed(hid) is None:
            ed.show_error("this highlight was deleted in another window; Save to choose")
            return
        _h, lid = split_key(key)
        lk = self.state.links_by_id.get(lid) if lid else None
        found = self.placed(hid)
        stored = lk.note if lk is not None else (found[1].h.note if found else "")
        if not ed.has_unsaved():
            # nothing typed here: show theirs, and the next save is made on their version
            if ed.text() != stored:
                ed.set_saved_text(stored)
            self._note_base = (key, self._state_version(key))
        if found is not None:  # their colour and tags (those are saved as soon as chosen)
            ed.set_color(found[1].h.color)
            theirs = tuple(found[1].h.tags)
            if not ed.has_unsent_tags():
                ed.set_tags(theirs)
            elif theirs != ed.saved_tags():
                # tags typed here meet their change: the field keeps what was typed (sent
                # on Enter, Save or quitting), and says whose the stored tags are
                ed.keep_unsent_tags(theirs)
                shown = one_line(visible(", ".join(theirs))) or "none"
                self.status_message.emit(
                    f"Another window changed this highlight's tags to: {shown}; "
                    "the tags you are typing are kept (Enter saves them)"
                )
        self._update_editor_other_note()

    def _state_version(self, key: str) -> int:
        hid, lid = split_key(key)
        if lid is not None:
            known = self.state.links_by_id.get(lid)
            return known.version if known else 0
        found = self.state.placed(hid)
        return found[1].h.version if found else 0

    def note_base_version(self, key: str) -> int:
        """The row version the text being typed in note ``key`` was written on."""
        if self._note_base is not None and self._note_base[0] == key:
            return self._note_base[1]
        return self._state_version(key)

    def set_note_base(self, key: str, version: int) -> None:
        """The editor's text of note ``key`` was written on row ``version`` (a crash draft put
        back: its save is checked against the version it was typed on)."""
        self._note_base = (key, version)

    def write_note(
        self, hid: str, link_id: str | None, note: str, base_version: int | None = None
    ) -> None:
        # checked against the version the text was written on: ``base_version`` when given,
        # else the one the editor opened (or last saved) for the note being typed, else the one
        # this window shows; a row changed elsewhere since is not overwritten (ConflictError;
        # see other_writers.py)
        key = note_key(hid, link_id)
        ed = self.note_editor
        # what the editor shows as the write starts: the reader may type on while the store
        # waits for another program's lock (the window stays usable), and that newer text stays
        shown = ed.text() if ed.current_id() == key else None
        editing = self.note_editor.current_id() == key and self._note_base is not None
        base = self._note_base[1] if editing and self._note_base else self._state_version(key)
        if base_version is not None:
            base = base_version
        if link_id is not None:
            lk = self.store.update_link(link_id, note=note, base_version=version_check(base))
            self.state.links_by_id[lk.id] = lk
            self._refresh_gutter()
            new_version = lk.version
        else:
            h = self.store.update_highlight(hid, note=note, base_version=version_check(base))
            self.state.replace_highlight(h)
            new_version = h.version
        if ed.current_id() == key:
            self._note_base = (key, new_version)
            if shown is not None and ed.text() != shown:
                ed.mark_saved(note)  # typed on meanwhile: still unsaved, saved next
            else:
                ed.set_saved_text(note)
        self._update_editor_other_note()
        self._refresh(self.state.with_partners([hid]))

    def save_note(self, hid: str, text: str) -> bool:
        """Write a highlight's own note. True once committed; on failure the editor keeps the
        text and shows why. Works for any stored highlight, also one of a pair that is no
        longer open (an editor kept open after a failed save)."""
        return self.save_note_key(hid, text)

    def save_link_note(self, link_id: str, text: str) -> bool:
        """Write the shared note of a link (as ``save_note``)."""
        return self.save_note_key(link_key(link_id), text)

    def _resolve_conflict(
        self, conflict: ConflictError, key: str, hid: str, lid: str | None, old: str, text: str
    ) -> bool:
        """A note save met another writer's change: ask keep mine / theirs / both."""
        ed = self.note_editor
        self.other_writers.busy = True  # no reload while the question is open
        try:
            answer, value = self.other_writers.resolve(conflict, text)
        except DiptychError as exc:
            self._report(str(exc))
            if ed.current_id() == key:
                ed.show_error(str(exc))
            return False
        finally:
            self.other_writers.busy = False
        if answer == "later":
            if ed.current_id() == key:
                ed.show_error("changed in another window; Save again to choose whose to keep")
            return False
        # the row the editor now stands on: mine written over theirs, or theirs kept
        kept = value if answer in ("mine", "theirs") else conflict.theirs
        self._note_base = (key, int(getattr(kept, "version", 0)))
        if answer == "mine":
            self._push(NoteCommand(self, hid, lid, getattr(conflict.theirs, "note", old), text))
            self.status_message.emit("Note saved (yours kept)")
        elif answer == "theirs":
            self.status_message.emit("Kept the other window's note; yours is on the clipboard")
        else:
            self.status_message.emit("Kept both: yours is saved as a second highlight")
        if ed.current_id() == key:
            shown = text if answer == "mine" else getattr(value, "note", "")
            if answer == "theirs" and conflict.theirs_deleted:
                self.close_editor(save=False)
            else:
                ed.set_saved_text(shown)
                if answer == "mine":
                    ed.mark_saved(text)
        self.safekeeper.note_saved()
        self.reload()
        return True

    def stored_note(self, key: str) -> str:
        """The stored text of note ``key`` (StoreError when there is no such note)."""
        hid, lid = split_key(key)
        if lid is not None:
            return str(self.store.get_link(lid).note)
        return str(self.store.get(hid).note)

    def highlight_of_key(self, key: str) -> str:
        """The highlight a note key belongs to (a link's first end)."""
        hid, lid = split_key(key)
        if lid is None:
            return hid
        lk = self.state.links_by_id.get(lid)
        return lk.a if lk is not None else ""

    def save_note_key(self, key: str, text: str, base_version: int | None = None) -> bool:
        """Write note ``key``: a highlight id, or ``link:<id>`` (see ``note_key``);
        ``base_version``: the row version the text was written on, when not the one shown."""
        hid, lid = split_key(key)
        ed = self.note_editor
        if self.other_writers.busy:
            return False  # a conflict question is open: try later
        if self.calls.busy:
            # another write waits for the lock: this one is not started; the text stays in the
            # editor (and the crash draft) and is saved once the wait is over (_on_store_idle)
            if ed.current_id() == key:
                ed.show_waiting(NOTE_KEPT_MESSAGE)
            self._last_error = BUSY_MESSAGE
            self.status_message.emit(BUSY_MESSAGE)
            return False
        try:
            old = self.run(lambda: self.stored_note(key), inline=ed.current_id() == key)
            assert isinstance(old, str)
            if lid is not None:
                hid = self.store.get_link(lid).a
        except (WriteFailed, DiptychError) as exc:
            if ed.current_id() == key:
                ed.show_error(str(exc))
            return False
        if old == text:
            if ed.current_id() == key:
                ed.mark_saved(text)
                self.safekeeper.note_saved()
            return True
        try:
            self.run(
                lambda: self.write_note(hid, lid, text, base_version),
                conflicts=True,
                inline=ed.current_id() == key,  # the editor says it, in place
            )
        except WriteFailed as exc:
            if ed.current_id() == key:
                ed.show_error(str(exc))
            return False
        except ConflictError as conflict:
            return self._resolve_conflict(conflict, key, hid, lid, old, text)
        self._push(NoteCommand(self, hid, lid, old, text))
        if ed.current_id() == key:
            ed.mark_saved(text)
            self.safekeeper.note_saved()
        self.status_message.emit("Note saved")
        return True

    def activate(self, hid: str, *, link_note: bool = False) -> None:
        """Show a highlight: jump to it (and its partner) and open its note (or, with
        ``link_note``, the note of the link it is in)."""
        found = self.placed(hid)
        if found is None:
            return
        side, p = found
        lk = self.link_of(hid)
        if lk is not None and p.found:
            pa, pb = self.state.by_side["a"].get(lk.a), self.state.by_side["b"].get(lk.b)
            if pa is not None and pb is not None and pa.found and pb.found:
                self.pair_jump_requested.emit(pa.start, pa.end, pb.start, pb.end)
            else:
                self.jump_requested.emit(side, p.start, p.end)
        elif p.found:
            self.jump_requested.emit(side, p.start, p.end)
        self.edit(hid, link_note=link_note)

    def edit_key(self, key: str) -> bool:
        """Open note ``key`` (a highlight id, or ``link:<id>``) in the editor."""
        hid, lid = split_key(key)
        if lid is None:
            return self.edit(hid)
        lk = self.state.links_by_id.get(lid)
        return lk is not None and self.edit(lk.a, link_note=True)

    def edit(self, hid: str, *, link_note: bool = False) -> bool:
        """Open the note of ``hid`` in the editor (after saving what was being edited): its
        own note, or with ``link_note`` the shared note of its link. A linked highlight's
        editor shows the other note too, with a button to switch."""
        found = self.placed(hid)
        if found is None:
            return False
        lk = self.link_of(hid)
        key = note_key(hid, lk.id if lk is not None and link_note else None)
        ed = self.note_editor
        switching = ed.current_id() not in (None, key)
        if switching and ed.has_unsaved() and not self.save_pending():
            return False  # keep the unsaved note on screen with its error
        side, p = found
        if ed.current_id() != key:
            ed.edit(
                key,
                quote=p.h.quote.exact,
                note=(lk.note if key != hid and lk is not None else p.h.note),
                color=p.h.color,
                side=side,
                linked_quote=self.state.partner_quote(hid),
                highlight_id=hid,
                other_note=self._other_note(hid, key),
            )
            ed.set_tags(tuple(p.h.tags), self.known_tags())
            self._note_base = (key, self._state_version(key))
        self.panel.select(hid)
        self._show_editor(side, p)
        self.editor_requested.emit(hid)
        return True

    def _other_note(self, hid: str, key: str) -> tuple[str, str] | None:
        """For a linked highlight: the note not being edited, as (what it is, text)."""
        lk = self.link_of(hid)
        found = self.placed(hid)
        if lk is None or found is None:
            return None
        if key == hid:
            return ("The link's note", lk.note)
        return ("This passage's note", found[1].h.note)

    def _update_editor_other_note(self) -> None:
        ed = self.note_editor
        hid, key = ed.highlight_id(), ed.current_id()
        if hid is None or key is None:
            return
        other = self._other_note(hid, key)
        if other is not None:
            ed.set_other_note(*other)

    def _on_switch_requested(self, hid: str) -> None:
        key = self.note_editor.current_id()
        self.edit(hid, link_note=key == hid)

    def _show_editor(self, side: str, p: Placed) -> None:
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
        # a window manager does not hand the keyboard to a new tool window by itself: ask
        ed.activateWindow()
        ed.text_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_editor(self, save: bool = True) -> bool:
        """Close the note editor, saving first (unless ``save`` is False); False if the save
        failed (the editor then stays open with the text and the error)."""
        if save and self.note_editor.has_unsaved() and not self.save_pending():
            return False
        self.note_editor.clear()
        if self._editor_popup:
            self.note_editor.hide()
        return True

    def _on_editor_save_requested(self, key: str, text: str) -> None:
        self.save_note_key(key, text)

    def save_for_quit(self) -> bool:
        """Save the note being typed before a quit nobody can answer (SIGTERM, SIGINT,
        logout); if the store refuses, the crash draft keeps it. The window's closeEvent then
        closes without asking, and so does the note editor (a store still waiting for
        another program's lock must not stop the quit). True when nothing is left unsaved."""
        saved = bool(self.safekeeper.save_for_quit())
        self.note_editor.let_close_unsaved()
        return saved

    def has_unsaved(self) -> bool:
        """True when the note editor holds text or tags the store has not committed."""
        return bool(self.note_editor.has_unsaved() or self.note_editor.has_unsent_tags())

    def save_pending(self) -> bool:
        """Save the editor's text and the tags typed without Enter now; True when nothing is
        left unsaved."""
        ed = self.note_editor
        if ed.has_unsent_tags():
            ed.send_unsent_tags()
        key = ed.current_id()
        if key is not None and ed.has_unsaved():
            self.save_note_key(key, ed.text())
        return not self.has_unsaved()

    def confirm_close(self, parent: QWidget | None = None) -> bool:
        """For the window's closeEvent: saves an unsaved note; if that fails, asks whether to
        quit anyway (offering to copy the note to the clipboard). True = go ahead and close."""
        if self.calls.busy and not self.safekeeper.quitting:
            # a write waits for another program's lock: closing or replacing the pair now
            # would run under it; the window stays as it is and says why
            self.status_message.emit(BUSY_MESSAGE)
            return False
        if not self.has_unsaved() or self.save_pending():
            return True
        if self.safekeeper.quitting:
            return True  # SIGTERM / logout: the crash draft has the note (save_for_quit)
        box = QMessageBox(parent or self.panes["a"].window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Note not saved")
        box.setText("Your note could not be saved.")
        box.setInformativeText(as_rich(f"{self._last_error}\n\nQuit anyway?"))
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
