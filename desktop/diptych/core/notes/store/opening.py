"""Opening a store file: the checks, in the order they run, and what each finding leads to.

``open_database(path)`` reads as the sequence it is:

1. the folder exists (made 0700); a restore cut short is finished; old temporary files go;
2. the file, if there is one, is looked at without SQLite: a zero-byte file is moved aside;
3. a missing file is created (built aside, then linked into place);
4. SQLite opens it; its version stamp is read and ``quick_check`` runs;
5. its tables are Diptych's (a file of another program is refused);
6. a file from a newer Diptych is opened read-only;
7. WAL mode and full sync are set, and a file that cannot be written is opened read-only.

Proven damage (step 2's not-a-database header, step 4's check failing, step 5's mangled
tables) raises ``_Damaged``: the file is moved aside with its -wal/-shm, a notice names the
newest good backup, and the sequence runs again from step 2 on a new empty store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from diptych.core.errors import StoreError
from diptych.core.notes.store import backups, schema
from diptych.core.notes.store.connection import connect, fetch_lenient, quick_check, store_error
from diptych.core.notes.store.files import (
    build_then_link,
    make_dirs,
    move_aside,
    sidecars,
    sweep_stale_temps,
)

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Opened:
    """What opening found: the connection, the file's schema version, why it is read-only
    ("" when writable), the notices for the user, and where a damaged file was moved."""

    conn: sqlite3.Connection
    version: int
    read_only_reason: str = ""
    notices: list[str] = field(default_factory=list)
    damaged_moved_to: Path | None = None


class _Damaged(Exception):
    """The file's bytes prove it is not a sound store (the only reason to set it aside)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def open_database(path: Path) -> Opened:
    """Open (or create) the store file at ``path``; see the module docstring for the steps.
    Raises ``StoreError`` (one line) when it cannot be opened at all."""
    notices: list[str] = []
    _prepare_folder(path, notices)
    damaged_moved_to: Path | None = None
    while True:
        try:
            opened = _open_checked(path, notices)
        except _Damaged as damage:
            damaged_moved_to = _set_aside_damaged(path, damage.detail, notices)
            continue  # once: the next round creates a new, empty store
        opened.damaged_moved_to = damaged_moved_to
        return opened


def _prepare_folder(path: Path, notices: list[str]) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a highlights database")
    try:
        make_dirs(path.parent)
    except OSError as exc:
        raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None
    if not path.exists():
        backups.finish_interrupted_restore(path, notices)
    sweep_stale_temps(path.parent, f".{path.name}.")
    sweep_stale_temps(backups.folder(path), backups.temp_prefix(path))


def _open_checked(path: Path, notices: list[str]) -> Opened:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a highlights database")
    if path.exists():
        _look_at_the_bytes(path, notices)
    if not path.exists():
        _create(path)
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise store_error(f"cannot open the highlights database {path}", exc) from None
    try:
        version = _check_health(conn)
        _check_tables(conn, path, version)
        if version > schema.SCHEMA_VERSION:
            return _open_newer_read_only(conn, path, version, notices)
        reason = _set_journal_mode(conn, path)
    except BaseException:
        conn.close()
        raise
    if reason:
        notices.append(
            f"The highlights database {path} cannot be written (a read-only file or "
            "folder): highlights are shown, but changes cannot be saved."
        )
    return Opened(conn, version, reason, notices)


def _look_at_the_bytes(path: Path, notices: list[str]) -> None:
    """Before SQLite sees it: a zero-byte file is moved aside; a file whose header is not
    SQLite's is damage."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"cannot read the highlights database {path}: {exc.strerror}") from None
    wal = sidecars(path)[0]
    wal_has_data = wal.exists() and wal.stat().st_size > 0
    if size == 0 and not wal_has_data:
        moved = _move_aside_or_fail(path, "is an empty (0-byte) file", "empty")
        notices.append(
            f"The highlights database {path} was an empty (0-byte) file, not a Diptych "
            f"store; it was moved aside to {moved} and a new store was created."
        )
    elif size > 0 and head != SQLITE_MAGIC:
        raise _Damaged("not an SQLite database")


def _create(path: Path) -> None:
    def build(tmp: Path) -> None:
        conn = connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            schema.create_schema(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()

    try:
        build_then_link(path, build)  # if another process created it first, use theirs
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot create the highlights database {path}: {exc}") from None


def _check_health(conn: sqlite3.Connection) -> int:
    """The file's schema version, once ``quick_check`` passed and the version is sane."""
    try:
        version = schema.user_version(conn)
        check = quick_check(conn)
    except sqlite3.DatabaseError as exc:
        raise _Damaged(str(exc)) from None
    if check != "ok":
        raise _Damaged(check)
    if not -1 < version < 1 << 20:
        raise _Damaged(f"impossible schema version {version}")
    return version


def _check_tables(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if 0 < version <= schema.SCHEMA_VERSION:
        try:
            for probe in schema.probes_for(version):
                conn.execute(probe).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _Damaged(f"its tables are not Diptych's: {exc}") from None
    if version != 0:
        return
    try:
        names = {r[0] for r in fetch_lenient(conn, "SELECT name FROM sqlite_master", ())}
    except sqlite3.Error as exc:
        names = {f"unreadable: {exc}"}
    if {"highlights", "articles"} <= names:
        # Diptych's tables without Diptych's version stamp: a damaged header.
        raise _Damaged("its schema version is missing")
    if names:
        raise StoreError(
            f"{path} is an SQLite database but not a Diptych highlights store; "
            "choose another --db file"
        )


def _open_newer_read_only(
    conn: sqlite3.Connection, path: Path, version: int, notices: list[str]
) -> Opened:
    conn.close()
    notices.append(
        f"The highlights database {path} was written by a newer Diptych (schema "
        f"{version}, this version knows {schema.SCHEMA_VERSION}): it is open read-only, "
        "so changes cannot be saved until you update Diptych."
    )
    return Opened(connect(path, read_only=True), version, "written by a newer Diptych", notices)


def _set_journal_mode(conn: sqlite3.Connection, path: Path) -> str:
    """WAL and full sync; returns why the file cannot be written ("" when it can)."""
    unwritable = "the file or its folder cannot be written"
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc).lower():
            raise store_error(f"cannot open the highlights database {path}", exc) from None
        return unwritable
    except sqlite3.Error as exc:
        raise store_error(f"cannot open the highlights database {path}", exc) from None
    return unwritable if _cannot_write(conn) else ""


def _cannot_write(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # rewrite the version stamp unchanged: a real page write, rolled back
            schema.set_user_version(conn, schema.user_version(conn))
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "readonly" in str(exc).lower() or "read-only" in str(exc).lower()
    return False


def _move_aside_or_fail(path: Path, what: str, reason: str) -> Path:
    try:
        return move_aside(path, reason)
    except OSError as exc:
        raise StoreError(
            f"the highlights database {path} {what} and could not be moved aside "
            f"({exc.strerror}); move it away or choose another --db"
        ) from None


def _set_aside_damaged(path: Path, detail: str, notices: list[str]) -> Path:
    moved = _move_aside_or_fail(path, f"is damaged ({detail})", "corrupt")
    backup = backups.newest_good(path)
    offer = (
        f"the newest good backup is {backup} (bring it back with: "
        f"diptych highlights restore-backup '{backup}' --db '{path}')"
        if backup
        else "there is no backup to restore"
    )
    notices.append(
        f"The highlights database {path} is damaged ({detail}); it was moved aside "
        f"to {moved} and a new, empty store was created; {offer}."
    )
    return moved
