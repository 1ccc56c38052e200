"""``Store``, the front door of the highlights store: opening and reopening, backups and
restore, maintenance. The table operations come from ``Links`` (and through it
``Highlights``), the conflict answers from ``Merging``, the article identity from
``Identity`` and the reader's verdicts on claims from ``Verdicts`` (found through that
identity); see the package docstring for the whole API and its promises."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from diptych.core.errors import DiptychError, StoreError
from diptych.core.notes.store import backups, schema
from diptych.core.notes.store.connection import check_file, first_problem, store_error
from diptych.core.notes.store.files import copy_database, create_exclusive, move_aside, temp_name
from diptych.core.notes.store.opening import open_database
from diptych.core.notes.store.values import default_db_path
from diptych.core.notes.store.verdicts import Verdicts


class Store(Verdicts):
    """A person's highlights, notes, links and tags in one SQLite file.

    Open with ``Store.open(path)`` (or ``Store(path)``); use as a context manager or call
    ``close()``. After opening, ``notices`` lists what the user should be told (damaged file
    moved aside, read-only because newer, backup failed...) and ``read_only`` says whether
    changes can be saved. Every method that changes something commits before it returns and
    raises ``StoreError`` (one clear line) when it cannot.
    """

    def __init__(self, path: str | Path | None = None, *, backups: bool = True) -> None:
        super().__init__((Path(path) if path is not None else default_db_path()).absolute())
        self.notices: list[str] = []
        # where a damaged file found at open was moved (the app then offers a backup)
        self.damaged_moved_to: Path | None = None
        self._backups_enabled = backups
        self._closed = False  # by close(); a connection lost to a replaced file is reopened
        self._db.before_use = self._follow_replaced_file
        self._open()

    @classmethod
    def open(cls, path: str | Path | None = None, *, backups: bool = True) -> Store:
        """Open (or create) the store at ``path`` (default: ``default_db_path()``)."""
        return cls(path, backups=backups)

    # -- lifetime ------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (idempotent)."""
        self._closed = True
        self._db.close()

    def _open(self, *, create: bool = True) -> None:
        """Open the file (see ``opening.py``), then bring it up to date: a backup before a
        migration, the migration, the daily backup."""
        opened = open_database(self.path, create=create, ours=self.path == default_db_path())
        self.notices.extend(opened.notices)
        if opened.damaged_moved_to is not None:
            self.damaged_moved_to = opened.damaged_moved_to
        self._db.attach(opened.conn, opened.read_only_reason)
        if self.read_only:
            return
        if 0 < opened.version < schema.SCHEMA_VERSION:
            backups.make_backup(self._db, self.notices, force=True)
        if opened.version < schema.SCHEMA_VERSION:
            self._migrate(opened.version)
        if self._backups_enabled:
            backups.make_backup(self._db, self.notices, force=False)

    def _migrate(self, version: int) -> None:
        conn = self._require_conn()
        for target in range(version + 1, schema.SCHEMA_VERSION + 1):
            try:
                schema.migrate_step(conn, target)
            except Exception as exc:
                raise store_error(
                    f"cannot upgrade the highlights database {self.path} to schema {target}", exc
                ) from None

    def _follow_replaced_file(self) -> None:
        """Before each read and write: if another program replaced the database file since
        we opened it (a backup restored from the command line, a damaged file set aside),
        reopen, so that a change goes into the file the user will see rather than the one set
        aside. If that reopen failed (the file was briefly a directory, or gone), try again
        now: a store is never left "closed" until a restart. A reopen never creates a file."""
        from diptych.core.notes.store.connection import file_id

        with self._db.lock:
            if self._closed:
                return  # the caller gets "the highlights database is closed"
            conn = self._db.conn
            if conn is not None and (
                self._db.file_id is None or file_id(self.path) == self._db.file_id
            ):
                if not self.read_only and self._db.cut_short():
                    self._recover_from_damage("cut short or written over")
                return
            self._db.close()
            self._known_snapshots = set()
            self._open(create=False)  # StoreError (one line) if still not there: next time
            if conn is not None:
                self.notices.append(
                    f"The highlights database {self.path} was replaced by another program; "
                    "Diptych reopened it."
                )

    def _recover_from_damage(self, damage: str) -> None:
        """Another program cut the open file short or wrote over it in place. What this
        connection can still read (SQLite's write-ahead log and page cache often hold all of
        it) is copied out and put in place of the damaged file, which is moved aside with its
        log (never deleted). If nothing whole can be read any more, the store takes no more
        writes (they would be lost) and says so in one line; the next start finds the file
        damaged, sets it aside and offers the newest backup."""
        conn = self._db.require()
        tmp = temp_name(self.path, "tmp")
        rescued: Path | None = None
        try:
            create_exclusive(tmp)
            copy_database(conn, tmp)
            if check_file(tmp) == "ok":
                rescued = tmp
        except (sqlite3.Error, OSError):
            pass
        if rescued is None:
            for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                with contextlib.suppress(OSError):
                    p.unlink()
        if rescued is None:
            # nothing whole to put back: no more writes into it (they would be lost), and the
            # next start finds it damaged, sets it aside and offers the newest backup
            self._db.read_only_reason = (
                f"it was {damage} by another program while Diptych had it open and cannot be "
                "read whole any more; restart Diptych to set it aside and restore a backup"
            )
            message = (
                f"the highlights database {self.path} was {damage} by another program while "
                "Diptych had it open; nothing more can be saved in it; restart Diptych to set "
                "it aside and restore a backup"
            )
            self.notices.append(message[0].upper() + message[1:] + ".")
            raise StoreError(message)
        try:
            moved = move_aside(self.path, "damaged")
        except OSError as exc:
            with contextlib.suppress(OSError):
                rescued.unlink()
            raise store_error(
                f"the highlights database {self.path} was {damage} by another program and "
                "could not be moved aside",
                exc,
            ) from None
        self._db.close()  # its log goes into the file set aside, never into the new one
        self._known_snapshots = set()
        try:
            os.link(rescued, self.path)
        finally:
            with contextlib.suppress(OSError):
                rescued.unlink()
        self._open(create=False)
        self.notices.append(
            f"The highlights database {self.path} was {damage} by another program while "
            "Diptych had it open; the highlights and notes Diptych still had are back in "
            f"place, and the damaged file was moved aside to {moved}."
        )

    # -- other writers --------------------------------------------------------------------

    def changed_elsewhere(self) -> bool:
        """True (once) when another window, process or the CLI committed a change since the
        last call, or the file was replaced and reopened: reload what is shown. Cheap enough
        to poll every second."""
        self._db.before_use()
        return self._db.changed_elsewhere()

    @property
    def on_wait(self) -> Callable[[float], None] | None:
        """Called (from the thread doing it) with the seconds waited, about twice a second,
        while a read or write waits for another program's lock; show ``WAITING_MESSAGE``."""
        return self._db.on_wait

    @on_wait.setter
    def on_wait(self, callback: Callable[[float], None] | None) -> None:
        self._db.on_wait = callback

    @property
    def wait_timeout_s(self) -> float:
        """How long a read or write waits for another program's lock before it gives up with
        ``StoreError`` ("another program keeps it locked"); nothing is lost, try again."""
        return self._db.wait_timeout_s

    @wait_timeout_s.setter
    def wait_timeout_s(self, seconds: float) -> None:
        self._db.wait_timeout_s = seconds

    # -- backups -------------------------------------------------------------------------

    @property
    def backup_dir(self) -> Path:
        return backups.folder(self.path)

    def backups(self) -> list[Path]:
        """This store's backups, newest first."""
        return backups.list_backups(self.path)

    def newest_good_backup(self) -> Path | None:
        """The newest backup that passes ``quick_check``, or None."""
        return backups.newest_good(self.path)

    def dismiss_backup_offer(self) -> None:
        """The user declined the backup offered after damage: the backups kept for it rotate
        like the others from now on."""
        backups.release_all(self.path)

    def backup_now(self) -> Path:
        """Copy the database to ``backups/`` now (SQLite backup API); returns the copy."""
        out = backups.make_backup(self._db, self.notices, force=True)
        if out is None:
            raise StoreError("the backup could not be made")
        return out

    def restore_backup(self, backup: str | Path) -> Path:
        """Replace the current store by ``backup``; the current file is moved aside (not
        deleted). Returns where the current file went."""
        backup = Path(backup)
        tmp = backups.copy_in_for_restore(self.path, backup)  # the store is untouched so far
        try:
            with self._db.lock:
                self._db.close()
                moved = move_aside(self.path, "before-restore")
                try:
                    os.link(tmp, self.path)
                except OSError:
                    if not self.path.exists():
                        os.rename(moved, self.path)  # put the current store back
                    raise
                self.notices = []
                self._db.read_only_reason = ""
                self._known_snapshots = set()
                self._open()
                self.notices.append(
                    f"Restored the highlights from {backup}; the previous file was moved "
                    f"aside to {moved}."
                )
                backups.release_all(self.path)
        except OSError as exc:
            if self._db.conn is None and self.path.exists():
                with contextlib.suppress(DiptychError):
                    self._open()
            raise store_error(f"could not restore {backup}", exc) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return moved

    # -- maintenance ---------------------------------------------------------------------

    def integrity_check(self) -> str:
        """ "ok" or the first problem ``PRAGMA integrity_check`` finds."""
        rows = self._read("PRAGMA integrity_check")
        return "ok" if len(rows) == 1 and rows[0][0] == "ok" else first_problem(rows)

    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])
