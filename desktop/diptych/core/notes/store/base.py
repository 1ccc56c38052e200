"""What the table modules (``highlights.py``, ``links.py``) stand on: the database, its write
transaction, reads, and the article snapshots written alongside a highlight."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from diptych.core.notes.store.connection import Database

_T = TypeVar("_T")


class StoreBase:
    """State shared by the parts of ``Store``; see ``Store`` for the public API."""

    path: Path
    _db: Database

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = Database(path)
        # article snapshots known to be stored: (article id, fingerprint)
        self._known_snapshots: set[tuple[str, str]] = set()
        self._pending_snapshots: set[tuple[str, str]] = set()

    @property
    def read_only(self) -> bool:
        """True when changes cannot be saved (``notices`` says why)."""
        return self._db.read_only

    # The tests (and only they) reach the connection to simulate a full disk.
    @property
    def _conn(self) -> sqlite3.Connection | None:
        return self._db.conn

    @_conn.setter
    def _conn(self, conn: sqlite3.Connection | None) -> None:
        self._db.conn = conn

    def _require_conn(self) -> sqlite3.Connection:
        return self._db.require()

    def _write(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` as one committed transaction (see ``Database.write``)."""

        def run(conn: sqlite3.Connection) -> _T:
            self._pending_snapshots = set()
            return action(conn)

        def committed() -> None:
            self._known_snapshots |= self._pending_snapshots

        return self._db.write(run, on_commit=committed)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._db.read(sql, params)
