"""The undoable highlight actions: one ``QUndoCommand`` each, on one ``QUndoStack``.

A command is pushed after its action was done, committed and checked, so its first ``redo``
does nothing. Later undos and redos write to the store through ``StoreActions`` (the
controller's public write methods); when such a write fails, the stack is stepped back so it
never claims a state the store does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from diptych.core.model import Highlight
from diptych.core.notes.store import ConflictError, Link


class WriteFailed(Exception):
    """A store write failed; the message was already shown."""


class KeptTheirs(WriteFailed):
    """A write met another writer's change and was not made: theirs kept (or no answer)."""


class StoreActions(Protocol):
    """What the commands call (``HighlightController`` implements it). Each method writes to
    the store and then updates the screen; a failing write raises from ``run``."""

    undo_stack: QUndoStack

    def run(self, fn: Callable[[], object]) -> object:
        """Run a store action; a store error is shown and raised as ``WriteFailed``."""
        ...

    def delete_ids(self, ids: Sequence[str]) -> None: ...
    def restore_ids(self, ids: Sequence[str]) -> None: ...
    def restore_link(self, link_id: str, created: Sequence[str]) -> None: ...
    def remove_link(self, link_id: str, created: Sequence[str]) -> None: ...
    def write_note(self, hid: str, link_id: str | None, note: str) -> None: ...
    def write_color(self, hid: str, color: str) -> None: ...
    def write_tags(self, hid: str, tags: tuple[str, ...]) -> None: ...
    def write_reattach(self, hid: str, side: str, start: int, end: int) -> None: ...
    def write_unattach(self, hid: str, side: str, old: Highlight, old_text: str) -> None: ...


class StoreCommand(QUndoCommand):
    """An undoable action whose first ``redo`` already happened."""

    def __init__(self, target: StoreActions, text: str) -> None:
        super().__init__(text)
        self.target = target
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
            self.target.run(self.do)
        except WriteFailed:
            # the store still has the undone state: step the stack back without writing
            self._skip_undo = True
            QTimer.singleShot(0, self.target.undo_stack.undo)

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        try:
            self.target.run(self.revert)
        except WriteFailed:
            self._skip_redo = True
            QTimer.singleShot(0, self.target.undo_stack.redo)


class AddCommand(StoreCommand):
    def __init__(self, target: StoreActions, hid: str, text: str = "Add highlight") -> None:
        super().__init__(target, text)
        self.hid = hid

    def do(self) -> None:
        self.target.restore_ids([self.hid])

    def revert(self) -> None:
        self.target.delete_ids([self.hid])


class DeleteCommand(StoreCommand):
    def __init__(self, target: StoreActions, hid: str) -> None:
        super().__init__(target, "Delete highlight")
        self.hid = hid

    def do(self) -> None:
        self.target.delete_ids([self.hid])

    def revert(self) -> None:
        self.target.restore_ids([self.hid])


class LinkCommand(StoreCommand):
    def __init__(self, target: StoreActions, link_id: str, created: list[str]) -> None:
        super().__init__(target, "Link passages")
        self.link_id = link_id
        self.created = created  # highlights made for this link (deleted again on undo)

    def do(self) -> None:
        self.target.restore_link(self.link_id, self.created)

    def revert(self) -> None:
        self.target.remove_link(self.link_id, self.created)


class NoteCommand(StoreCommand):
    """A note edit: the highlight's own note, or (``link_id``) a link's shared note.

    Autosave writes a note every few seconds while it is typed; consecutive saves of the same
    note merge into one step, so one Ctrl+Z takes back the whole edit."""

    MERGE_ID = 0x4E4F5445  # "NOTE"

    def __init__(
        self, target: StoreActions, hid: str, link_id: str | None, old: str, new: str
    ) -> None:
        super().__init__(target, "Edit note")
        self.hid, self.link_id, self.old, self.new = hid, link_id, old, new

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, NoteCommand) or (other.hid, other.link_id) != (
            self.hid,
            self.link_id,
        ):
            return False
        self.new = other.new
        return True

    def do(self) -> None:
        self.target.write_note(self.hid, self.link_id, self.new)

    def revert(self) -> None:
        self.target.write_note(self.hid, self.link_id, self.old)


class ColorCommand(StoreCommand):
    def __init__(self, target: StoreActions, hid: str, old: str, new: str) -> None:
        super().__init__(target, "Change colour")
        self.hid, self.old, self.new = hid, old, new

    def do(self) -> None:
        self.target.write_color(self.hid, self.new)

    def revert(self) -> None:
        self.target.write_color(self.hid, self.old)


class TagsCommand(StoreCommand):
    def __init__(
        self, target: StoreActions, hid: str, old: tuple[str, ...], new: tuple[str, ...]
    ) -> None:
        super().__init__(target, "Change tags")
        self.hid, self.old, self.new = hid, old, new

    def do(self) -> None:
        self.target.write_tags(self.hid, self.new)

    def revert(self) -> None:
        self.target.write_tags(self.hid, self.old)


class ReattachCommand(StoreCommand):
    def __init__(
        self,
        target: StoreActions,
        hid: str,
        side: str,
        old: Highlight,
        old_text: str,
        span: tuple[int, int],
    ) -> None:
        super().__init__(target, "Re-attach highlight")
        self.hid, self.side, self.old, self.old_text, self.span = hid, side, old, old_text, span

    def do(self) -> None:
        self.target.write_reattach(self.hid, self.side, *self.span)

    def revert(self) -> None:
        self.target.write_unattach(self.hid, self.side, self.old, self.old_text)


@dataclass(frozen=True)
class Settled:
    """A write that met another writer's change, kept after asking: ``answer`` "mine" or
    "both"; ``value`` is what the store holds now (``run`` returns this instead of the
    write's own result)."""

    answer: str
    conflict: ConflictError
    value: Highlight | Link

    def command(
        self, target: StoreActions, back_to: Callable[[Highlight], QUndoCommand]
    ) -> QUndoCommand:
        """The undo step of the kept write: a highlight deleted elsewhere and brought back
        with my change is deleted again on undo; any other goes ``back_to(theirs)`` (their
        value, which is what the store had before this write)."""
        theirs = self.conflict.theirs
        assert isinstance(theirs, Highlight)
        if self.conflict.theirs_deleted:
            return AddCommand(target, theirs.id, "Bring back highlight")
        return back_to(theirs)
