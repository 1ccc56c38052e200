"""Other writers on the same store: a second Diptych window, or the CLI.

``OtherWriters`` polls ``Store.changed_elsewhere()`` (``PRAGMA data_version``, cheap) once a
second and asks the controller to read the highlights again when another connection
committed, so this window shows their notes, colours and deletions without a restart.

Any write made on a row that changed (or was deleted) elsewhere since this window read it —
a note, a colour, tags, a delete, an unlink — is refused by the store (``ConflictError``:
nothing written). ``resolve(conflict)`` asks the person (``ask``: a dialog, replaceable in
tests) and applies the answer through ``Store.keep_mine`` / ``keep_theirs`` / ``keep_both``.
``choices(conflict)`` says what is offered, as (answer, button label):

* a note, colour or tags changed elsewhere: "Keep mine" / "Keep theirs", and "Keep both"
  where both fit (a note: mine as a second highlight on the same words; tags: theirs and
  mine together, written as mine); a colour has no "both";
* a delete (or unlink) of a row changed elsewhere, or of a highlight whose link (its note)
  changed or was made elsewhere: "Delete anyway" / "Keep theirs";
* a change to a row deleted elsewhere: "Bring it back with my change" / "Leave it deleted".

Keeping theirs copies a note typed here to the clipboard first, so nothing typed is lost.
"""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from diptych.core.errors import DiptychError
from diptych.core.model import Highlight
from diptych.core.notes.store import ConflictError, HighlightChanges, Link, Store
from diptych.ui.claims.text import shorten
from diptych.ui.highlights.colors import color_spec
from diptych.ui.safe_text import as_rich, visible

POLL_MS = 1000
ANSWERS = ("mine", "theirs", "both")


class WriterHost(Protocol):
    """What this module asks of the highlights (``HighlightController`` provides it)."""

    store: Store
    status_message: SignalInstance
    notice_requested: SignalInstance

    def reload(self) -> None: ...
    def is_loading(self) -> bool: ...
    def store_busy(self) -> bool: ...
    def dialog_parent(self) -> QWidget | None: ...


def what_changed(conflict: ConflictError) -> str:
    """What the refused write was: "note", "colour", "tags", "delete" (a highlight's colour
    and tags are saved one at a time; a link's write is its note, or an unlink)."""
    ch = conflict.changes
    if ch.delete:
        return "delete"
    if isinstance(ch, HighlightChanges) and ch.note is None:
        return "colour" if ch.color is not None else "tags"
    return "note"


def choices(conflict: ConflictError) -> list[tuple[str, str]]:
    """The answers offered for ``conflict``, as (answer, button label), first the default."""
    what = what_changed(conflict)
    if what == "delete":
        verb = "Delete anyway" if conflict.kind == "highlight" else "Remove the link anyway"
        return [("theirs", "Keep theirs"), ("mine", verb)]
    if conflict.theirs_deleted:
        return [("mine", "Bring it back with my change"), ("theirs", "Leave it deleted")]
    offered = [("mine", "Keep mine"), ("theirs", "Keep theirs")]
    if what == "note":
        offered.insert(0, ("both", "Keep both"))
    elif what == "tags":
        offered.insert(0, ("both", "Keep both (their tags and mine)"))
    return offered


def merged_tags(conflict: ConflictError) -> tuple[str, ...]:
    """ "Keep both" for tags: every tag either window put on the highlight."""
    ch = conflict.changes
    assert isinstance(ch, HighlightChanges) and ch.tags is not None
    theirs = getattr(conflict.theirs, "tags", ())
    return tuple(sorted({*theirs, *ch.tags}))


def _tags(item: Highlight) -> str:
    return ", ".join(visible(t) for t in item.tags) or "(no tags)"


def _note(item: Highlight | Link) -> str:
    return shorten(visible(item.note), 300) or "(empty)"


def _whole(item: Highlight | Link) -> str:
    """A stored row in words: a highlight's colour, tags and note; a link's note."""
    if isinstance(item, Link):
        return f"note: {_note(item)}"
    tags = f"; tags: {_tags(item)}" if item.tags else ""
    return f"{color_spec(item.color).label}{tags}; note: {_note(item)}"


def _yours(conflict: ConflictError, what: str) -> str:
    mine = conflict.mine
    if what == "delete":
        return "You: delete it"
    if what == "colour" and isinstance(mine, Highlight):
        return f"Your colour: {color_spec(mine.color).label}"
    if what == "tags" and isinstance(mine, Highlight):
        return f"Your tags: {_tags(mine)}"
    return f"Your note: {_note(mine)}"


def question(conflict: ConflictError) -> tuple[str, str]:
    """The dialog's text and its details (plain text: the caller escapes it)."""
    what = what_changed(conflict)
    kind, theirs = conflict.kind, conflict.theirs
    elsewhere = "in another Diptych window or program"
    unsaved = f"Your {what} {'were' if what == 'tags' else 'was'} not saved yet."
    if what == "delete" and conflict.linked:
        head = f"This {kind}'s link was changed or made {elsewhere} since this window showed it."
        hint = (
            f"Nothing was deleted yet. “{choices(conflict)[1][1]}” deletes the highlight, and "
            "its link and the link's note go out of sight with it (Ctrl+Z brings them back)."
        )
    elif what == "delete":
        head = f"This {kind} was changed {elsewhere} since this window showed it."
        hint = f"Nothing was deleted yet. “{choices(conflict)[1][1]}” deletes their version."
    elif conflict.theirs_deleted:
        head = f"This {kind} was deleted {elsewhere}."
        hint = f"{unsaved} Bringing it back restores it with your {what}."
    else:
        head = f"This {kind} was changed {elsewhere} since this window showed it."
        hint = unsaved
        if what == "note":
            hint += " Keep both saves yours as a second highlight on the same words."
        else:
            hint += f" Keep mine puts your {what} on their version; the rest of theirs stays."
            if what == "tags":
                hint += " Keep both puts their tags and yours on it."
    lines = []
    if isinstance(theirs, Highlight):
        lines.append(f"“{shorten(visible(theirs.quote.exact), 120)}”")
    lines.append(_yours(conflict, what))
    if conflict.linked:
        lines.extend(f"Their link note: {_note(lk)}" for lk in conflict.linked)
    elif conflict.theirs_deleted:
        lines.append("Theirs: deleted")
    elif what == "note":
        lines.append(f"Their note: {_note(theirs)}")
    else:
        lines.append(f"Theirs now: {_whole(theirs)}")
    return head, "\n\n".join([*lines, hint])


def ask_with_dialog(conflict: ConflictError, parent: QWidget | None) -> str | None:
    """The question, in a message box: an answer of ``choices(conflict)``, or None (decide
    later: Esc or closing the box)."""
    box = QMessageBox(parent)
    box.setObjectName("conflict_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed in another window")
    head, detail = question(conflict)
    box.setText(head)  # our own words only
    box.setInformativeText(as_rich(detail))  # escaped: a note is shown literally
    offered = [
        (box.addButton(label, QMessageBox.ButtonRole.ActionRole), answer)
        for answer, label in choices(conflict)
    ]
    box.setDefaultButton(offered[0][0])
    # a note stays in the editor to be saved later; any other write is simply not made
    later_label = "Decide later" if what_changed(conflict) == "note" else "Cancel"
    later = box.addButton(later_label, QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, answer in offered if button is clicked), None)


class OtherWriters(QObject):
    """Refresh on other writers' commits; resolve save conflicts (see the module docstring)."""

    def __init__(self, host: WriterHost, parent: QObject, *, dialogs: bool) -> None:
        super().__init__(parent)
        self._host = weakref.ref(host)  # weak: no reference cycle with the controller
        self._dialogs = dialogs
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.busy = False  # a store call is in flight (no polling in between)
        self._stopped = False
        # what the store has said so far (the window showed those said at open); what it says
        # later (the file cut short and put back, replaced and reopened) is shown by ``poll``
        self._notices_told = len(host.store.notices)

    def ask(self, conflict: ConflictError) -> str | None:
        """How the question is asked: a dialog, or (no dialogs: headless) "decide later".
        Tests replace it on the instance with a function giving the answer."""
        if not self._dialogs:
            return None
        return ask_with_dialog(conflict, self.host.dialog_parent())

    @property
    def host(self) -> WriterHost:
        host = self._host()
        assert host is not None, "the highlight controller is gone"
        return host

    def stop(self) -> None:
        """No more polling (the window is closing)."""
        self._timer.stop()
        self._stopped = True

    def polling(self) -> bool:
        return self._timer.isActive()

    def poll(self) -> bool:
        """Reload when another writer committed since the last poll; True when it did."""
        host = self.host
        if self._stopped or self.busy or host.is_loading() or host.store_busy():
            return False
        try:
            changed = host.store.changed_elsewhere()
        except DiptychError:
            self._tell_new_notices()
            return False  # the store's own errors are reported when it is used
        self._tell_new_notices()
        if changed:
            host.reload()
            host.status_message.emit("Updated: another Diptych window or program saved changes")
        return changed

    def _tell_new_notices(self) -> None:
        notices = list(self.host.store.notices)
        new = notices[self._notices_told :]
        self._notices_told = len(notices)
        if new:
            self.host.notice_requested.emit(" ".join(new))

    def resolve(self, conflict: ConflictError, mine_text: str = "") -> tuple[str, Highlight | Link]:
        """Ask and apply. Returns (answer, value to show); answer "later" writes nothing.
        ``mine_text``: a note typed here (to the clipboard when theirs is kept). Raises
        ``DiptychError`` when applying fails (a new conflict included)."""
        answer = self.ask(conflict)
        if answer not in {a for a, _label in choices(conflict)}:
            return "later", conflict.theirs
        store = self.host.store
        if answer == "mine":
            return answer, store.keep_mine(conflict)
        if answer == "both":
            if what_changed(conflict) == "tags":
                tags = merged_tags(conflict)
                assert isinstance(conflict.mine, Highlight)
                both = ConflictError(
                    replace(conflict.mine, tags=tags),
                    conflict.theirs,
                    HighlightChanges(tags=tags),
                    conflict.theirs_deleted,
                )
                return answer, store.keep_mine(both)
            return answer, store.keep_both(conflict)
        if mine_text:
            QGuiApplication.clipboard().setText(mine_text, QClipboard.Mode.Clipboard)
        if conflict.theirs_deleted:
            return answer, conflict.theirs
        return answer, store.keep_theirs(conflict)
