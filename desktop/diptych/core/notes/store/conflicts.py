"""Two windows (or a window and the CLI) on one store: a save never overwrites silently.

Every highlight and link row has a ``version`` that each change raises by one. A window saves
with ``base_version=`` the version it showed; if the row moved on meanwhile (or was deleted),
the save writes nothing and raises ``ConflictError``, which carries both sides:

* ``mine``   — the value this save would have made (their row with my changes applied);
* ``theirs`` — the row as it is stored now (``theirs_deleted``: another window deleted it);
* ``changes`` — exactly what this save asked to change (``delete=True``: a delete, or an
  unlink, of a row changed elsewhere since it was shown);
* ``linked`` — for a delete of a highlight, its links whose note changed (or that were made)
  elsewhere since it was shown: deleting the highlight would hide them with it.

The window asks the person and calls one of ``Store.keep_mine(conflict)`` (write mine over
theirs; a deleted row is brought back), ``Store.keep_theirs(conflict)`` (write nothing; the
stored value is returned to show) or ``Store.keep_both(conflict)`` (theirs stays; mine is
saved as a new highlight on the same words, or a new link between the same ends; not for a
delete, where keeping mine deletes their changed row and keeping theirs deletes nothing). Each
returns the value to show next, with its new ``version``; each may raise ``ConflictError``
again if the row changed once more in between.

To notice other writers without saving, poll ``Store.changed_elsewhere()`` (``PRAGMA
data_version``): True once after another connection committed, then reload what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from diptych.core.errors import StoreError
from diptych.core.model import Highlight
from diptych.core.notes.store.values import Link


@dataclass(frozen=True)
class HighlightChanges:
    """What one save of a highlight asked to change (None = leave as it is); ``delete``: the
    save was a delete."""

    color: str | None = None
    note: str | None = None
    tags: tuple[str, ...] | None = None
    delete: bool = False

    def applied_to(self, h: Highlight, base_version: int | None) -> Highlight:
        return replace(
            h,
            color=h.color if self.color is None else self.color,
            note=h.note if self.note is None else self.note,
            tags=h.tags if self.tags is None else self.tags,
            version=h.version if base_version is None else base_version,
        )


@dataclass(frozen=True)
class LinkChanges:
    """What one save of a link asked to change: its note, or (``delete``) an unlink."""

    note: str | None = None
    delete: bool = False

    def applied_to(self, lk: Link, base_version: int | None) -> Link:
        return replace(
            lk,
            note=lk.note if self.note is None else self.note,
            version=lk.version if base_version is None else base_version,
        )


class ConflictError(StoreError):
    """A save found its row changed or deleted elsewhere since ``base_version``: nothing was
    written. See the module docstring for what to do with it."""

    def __init__(
        self,
        mine: Highlight | Link,
        theirs: Highlight | Link,
        changes: HighlightChanges | LinkChanges,
        theirs_deleted: bool,
        *,
        linked: tuple[Link, ...] = (),
        link_versions: Mapping[str, int] | None = None,
    ) -> None:
        self.mine = mine
        self.theirs = theirs
        self.changes = changes
        self.theirs_deleted = theirs_deleted
        # a delete of a highlight whose link (and its note) changed or was made elsewhere
        # since it was shown: those links as stored now (the highlight itself is unchanged)
        self.linked = linked
        # all its live links (id -> version) when asked: "delete anyway" checks them again
        self.link_versions = dict(link_versions or {})
        kind = "highlight" if isinstance(theirs, Highlight) else "link"
        what = "deleted" if theirs_deleted else "changed"
        if linked:
            kind, what = "highlight's link", "changed or made"
        answers = (
            "nothing was deleted: delete anyway, or keep theirs"
            if changes.delete
            else "nothing was saved: keep yours, keep theirs, or keep both"
        )
        super().__init__(
            f"this {kind} was {what} in another Diptych window or program since it was shown "
            f"here; {answers}"
        )

    @property
    def item_id(self) -> str:
        return self.theirs.id

    @property
    def is_delete(self) -> bool:
        """The refused save was a delete (or an unlink) of a row changed elsewhere."""
        return self.changes.delete

    @property
    def kind(self) -> str:
        """ "highlight" or "link"."""
        return "highlight" if isinstance(self.theirs, Highlight) else "link"
