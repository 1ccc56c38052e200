"""The three answers to a ``ConflictError`` (see ``conflicts.py``): keep mine, keep theirs,
keep both."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace

from diptych.core.errors import StoreError
from diptych.core.model import Highlight
from diptych.core.notes.store.conflicts import ConflictError, HighlightChanges, LinkChanges
from diptych.core.notes.store.links import Links
from diptych.core.notes.store.values import Link, now_iso


class Merging(Links):
    """Resolving conflicts between two writers; part of ``Store``."""

    def keep_mine(self, conflict: ConflictError) -> Highlight | Link:
        """Write this window's change over the stored row (bringing a deleted one back).
        Raises ``ConflictError`` again if the row changed once more since ``conflict``."""
        theirs, changes = conflict.theirs, conflict.changes

        def action(conn: sqlite3.Connection) -> None:
            if isinstance(theirs, Highlight) and isinstance(changes, HighlightChanges):
                self._check_still(conn, "highlights", theirs.id, theirs.version, conflict)
                if conflict.linked:  # its links must still be as they were when asked
                    self._check_links_unchanged(conn, theirs, changes, conflict.link_versions)
                self._apply(conn, theirs.id, changes, undelete=True)
            elif isinstance(theirs, Link) and isinstance(changes, LinkChanges):
                self._check_still(conn, "links", theirs.id, theirs.version, conflict)
                self._apply_link(conn, theirs.id, changes, undelete=True)
            else:  # pragma: no cover - ConflictError is only made with matching pairs
                raise StoreError("a conflict of unknown kind")

        self._write(action)
        return self.get(theirs.id) if isinstance(theirs, Highlight) else self.get_link(theirs.id)

    def keep_theirs(self, conflict: ConflictError) -> Highlight | Link:
        """Write nothing; the stored value (to show instead of this window's)."""
        if isinstance(conflict.theirs, Highlight):
            return self.get(conflict.item_id)
        return self.get_link(conflict.item_id)

    def keep_both(self, conflict: ConflictError) -> Highlight | Link:
        """Leave the stored row as it is and save this window's version as a new highlight on
        the same words (or a new link between the same ends). Returns the new one."""
        if conflict.is_delete:
            raise StoreError("a delete has no second version to keep: delete it or keep theirs")
        mine = conflict.mine
        if isinstance(mine, Highlight):
            stamp = now_iso()
            copy = replace(mine, id=str(uuid.uuid4()), created=stamp, modified=stamp, version=1)

            def add(conn: sqlite3.Connection) -> None:
                self._insert(conn, copy, {})

            self._write(add)
            return self.get(copy.id)
        return self.link(mine.a, mine.b, mine.note)

    def _check_still(
        self,
        conn: sqlite3.Connection,
        table: str,
        item_id: str,
        version: int,
        conflict: ConflictError,
    ) -> None:
        row = conn.execute(f"SELECT version FROM {table} WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise StoreError(f"no {table[:-1]} with id {item_id}")
        if row[0] == version:
            return
        if table == "highlights":
            assert isinstance(conflict.changes, HighlightChanges)
            self._check_unchanged(conn, item_id, version, conflict.changes)
        else:
            assert isinstance(conflict.changes, LinkChanges)
            self._check_link_unchanged(conn, item_id, version, conflict.changes)
