"""Opening a store file: the checks, in the order they run, and what each finding leads to.

``open_database(path)`` reads as the sequence it is:

1. what is at ``path`` is a regular file or nothing (not a directory, device, FIFO, socket or
   dangling symlink, and its folder can be reached); nothing else is ever opened, renamed or
   replaced;
2. the folder exists (made 0700); a restore cut short is finished; old temporary files go;
3. the file, if there is one, is looked at without SQLite: a zero-byte file is moved aside;
   a file that does not start with SQLite's header is refused, unless it is provably ours
   (the default store, or one with backups): then it is damage;
4. a missing file is created (built aside, then linked into place);
5. SQLite opens it; its version stamp is read and ``quick_check`` runs;
6. its tables are Diptych's (a file of another program is refused);
7. a file from a newer Diptych is opened read-only;
8. WAL mode and full sync are set, and a file that cannot be written is opened read-only.

Only proven damage — the header of a store of ours gone, ``quick_check`` failing, SQLite
saying "not a database" or "malformed", Diptych's tables mangled — raises ``_Damaged``: the
file is moved aside with its -wal/-shm, a notice names the newest good backup, and the
sequence runs again from step 3 on a new empty store. A transient failure (locked by another
program, disk full, a read-only or unreadable folder, permission denied, an I/O error) never
moves anything: the store opens read-only when it can be read, or opening is refused with
one line saying why and that the file was left as it is.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from diptych.core.errors import StoreError
from diptych.core.notes.store import backups, schema
from diptych.core.notes.store.connection import (
    BUSY,
    DAMAGED,
    FULL,
    OTHER,
    connect,
    error_kind,
    fetch_lenient,
    quick_check,
    store_error,
)
from diptych.core.notes.store.files import (
    build_then_link,
    make_dirs,
    move_aside,
    sidecars,
    sweep_stale_temps,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
LEFT_AS_IT_IS = "it was left as it is"


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


class _CannotWrite(Exception):
    """The file can be read but not written (a read-only folder or file)."""


def open_database(path: Path, *, create: bool = True, ours: bool = False) -> Opened:
    """Open (or, with ``create``, create) the store file at ``path``; see the module
    docstring for the steps. ``ours``: a file at ``path`` is known to be a Diptych store
    (the default one). Raises ``StoreError`` (one line) when it cannot be opened at all."""
    notices: list[str] = []
    refuse_what_is_not_a_file(path)
    _prepare_folder(path, notices)
    damaged_moved_to: Path | None = None
    while True:
        try:
            opened = _open_checked(path, notices, create=create, ours=ours)
        except _Damaged as damage:
            damaged_moved_to = _set_aside_damaged(path, damage.detail, notices)
            create = True  # a store was there: a new, empty one takes its place
            continue  # once: the next round creates a new, empty store
        opened.damaged_moved_to = damaged_moved_to
        return opened


def refuse_what_is_not_a_file(path: Path) -> None:
    """Step 1: raise StoreError unless ``path`` (and its -wal/-shm) is a regular file, a
    symlink to one, or absent. Uses lstat/stat only: a FIFO or device is never opened."""
    for p in (path, *sidecars(path)):
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(
                f"cannot reach the highlights database {path}: {exc.strerror} "
                f"(its folder {path.parent})"
            ) from None
        if stat.S_ISLNK(st.st_mode):
            try:
                st = os.stat(p)
            except FileNotFoundError:
                raise StoreError(
                    f"{p} is a symbolic link to {os.readlink(p)}, which does not exist; "
                    "Diptych does not create files through a link: give the real path with --db"
                ) from None
            except OSError as exc:
                raise StoreError(f"cannot reach {p}: {exc.strerror}") from None
        if stat.S_ISDIR(st.st_mode):
            raise StoreError(f"{p} is a directory, not a highlights database")
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(
                f"{p} is not a regular file (a device, FIFO or socket), so it cannot be a "
                "highlights database; choose another --db file (nothing was changed)"
            )


def _exists(path: Path) -> bool:
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"cannot reach the highlights database {path}: {exc.strerror}") from None
    return True


def _prepare_folder(path: Path, notices: list[str]) -> None:
    try:
        make_dirs(path.parent)
    except OSError as exc:
        raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None
    if not _exists(path):
        try:
            backups.finish_interrupted_restore(path, notices)
        except OSError as exc:
            raise StoreError(f"cannot finish an interrupted restore of {path}: {exc}") from None
    sweep_stale_temps(path.parent, f".{path.name}.")
    sweep_stale_temps(backups.folder(path), backups.temp_prefix(path))
    sweep_stale_temps(backups.legacy_folder(path), backups.temp_prefix(path))


def _open_checked(path: Path, notices: list[str], *, create: bool, ours: bool) -> Opened:
    refuse_what_is_not_a_file(path)
    if _exists(path):
        _look_at_the_bytes(path, notices, ours=ours)
    if not _exists(path):
        if not create:
            raise StoreError(
                f"the highlights database {path} is gone (moved or deleted by another "
                "program); nothing was saved: put it back, or restart Diptych to create a new one"
            )
        _create(path)
    try:
        return _open_sqlite(path, notices, read_only=False)
    except _CannotWrite:
        pass
    # A read-only folder, a file we may read but not write: show what is there.
    try:
        opened = _open_sqlite(path, notices, read_only=True)
    except StoreError:
        if not _nobody_can_write(path):
            raise
        # SQLite reads a WAL file read-only only with its -shm, which a read-only folder
        # without one cannot get; with no -wal either and nobody able to write, the file as
        # it is on disk is the whole store
        opened = _open_sqlite(path, notices, read_only=True, immutable=True)
    notices.append(
        f"The highlights database {path} cannot be written (a read-only file or folder): "
        "highlights are shown, but changes cannot be saved."
    )
    return opened


def _nobody_can_write(path: Path) -> bool:
    """No -wal with data, and a folder on a read-only file system or not writable."""
    wal = sidecars(path)[0]
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return False
    except OSError:
        return False
    return not os.access(path.parent, os.W_OK)


def _open_sqlite(
    path: Path, notices: list[str], *, read_only: bool, immutable: bool = False
) -> Opened:
    """Steps 5 to 8 on one connection (closed again if any of them fails)."""
    try:
        conn = connect(path, read_only=read_only, immutable=immutable)
    except sqlite3.Error as exc:
        raise _refusal(path, exc, read_only=read_only) from None
    try:
        version = _check_health(conn, path, read_only=read_only)
        _check_tables(conn, path, version, read_only=read_only)
        if version > schema.SCHEMA_VERSION:
            return _open_newer_read_only(conn, path, version, notices)
        if read_only:
            return Opened(conn, version, "the file or its folder cannot be written", notices)
        _set_journal_mode(conn, path)
        _check_writable(conn, path, notices)
    except BaseException:
        conn.close()
        raise
    return Opened(conn, version, "", notices)


def _refusal(path: Path, exc: BaseException, *, read_only: bool) -> Exception:
    """What a transient SQLite failure at open leads to: a read-only try (when it could be a
    read-only folder or file), else a one-line refusal that touched nothing."""
    kind = error_kind(exc)
    if not read_only and kind not in (BUSY, FULL, OTHER, DAMAGED):
        return _CannotWrite()  # read-only, permission, cannot open -shm/-wal, I/O
    err = store_error(f"cannot open the highlights database {path}", exc)
    hint = (
        " (another program, perhaps another Diptych, holds it: try again once it lets go)"
        if kind == BUSY
        else ""
    )
    return StoreError(f"{err}{hint}; {LEFT_AS_IT_IS}")


def _look_at_the_bytes(path: Path, notices: list[str], *, ours: bool) -> None:
    """Step 3, before SQLite sees it: a zero-byte file is moved aside; a file whose header is
    not SQLite's is refused, or, when it is provably ours, damage."""
    try:
        # O_NONBLOCK: should a FIFO slip in after step 1, reading it returns at once
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise StoreError(f"{path} is not a regular file; choose another --db file")
            head = os.read(fd, 16)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(
            f"cannot read the highlights database {path}: {exc.strerror}; {LEFT_AS_IT_IS}"
        ) from None
    wal = sidecars(path)[0]
    wal_has_data = _exists(wal) and wal.stat().st_size > 0
    if st.st_size == 0 and not wal_has_data:
        moved = _move_aside_or_fail(path, "is an empty (0-byte) file", "empty")
        notices.append(
            f"The highlights database {path} was an empty (0-byte) file, not a Diptych "
            f"store; it was moved aside to {moved} and a new store was created."
        )
    elif st.st_size > 0 and head != SQLITE_MAGIC:
        if ours or backups.list_backups(path):
            raise _Damaged("not an SQLite database")
        raise StoreError(
            f"{path} is not an SQLite database (it does not start with SQLite's header), so "
            f"it is not a highlights store; {LEFT_AS_IT_IS}: choose another --db file"
        )


def _create(path: Path) -> None:
    def build(tmp: Path) -> None:
        conn = connect(tmp)
        try:
            # a rollback journal, not WAL, while building: the COMMIT then writes the file
            # itself and fails there on a full disk. In WAL mode the schema sat in the -wal,
            # the checkpoint at close could fail unseen, and the -wal went with the temporary
            # file: a half-written store, then called damaged. WAL is set when it is opened.
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN IMMEDIATE")
            schema.create_schema(conn)
            conn.execute("COMMIT")
        finally:
            conn.close()

    try:
        build_then_link(path, build)  # if another process created it first, use theirs
    except (OSError, sqlite3.Error) as exc:
        raise store_error(f"cannot create the highlights database {path}", exc) from None


def _check_health(conn: sqlite3.Connection, path: Path, *, read_only: bool) -> int:
    """Step 5: the file's schema version, once ``quick_check`` passed and the version is
    sane. Only SQLite's own verdict of damage is damage; a lock, a full disk, a denied or
    failed read is not."""
    try:
        version = schema.user_version(conn)
        check = quick_check(conn)
    except sqlite3.Error as exc:
        if error_kind(exc) == DAMAGED:
            raise _Damaged(str(exc)) from None
        raise _refusal(path, exc, read_only=read_only) from None
    if check != "ok":
        raise _Damaged(check)
    if not -1 < version < 1 << 20:
        raise _Damaged(f"impossible schema version {version}")
    return version


def _check_tables(conn: sqlite3.Connection, path: Path, version: int, *, read_only: bool) -> None:
    """Step 6: Diptych's tables with the columns of the file's version, or no tables."""
    if 0 < version <= schema.SCHEMA_VERSION:
        try:
            for probe in schema.probes_for(version):
                conn.execute(probe).fetchall()
        except sqlite3.Error as exc:
            if error_kind(exc) in (DAMAGED, OTHER):  # "no such column": the schema's text
                raise _Damaged(f"its tables are not Diptych's: {exc}") from None
            raise _refusal(path, exc, read_only=read_only) from None
    if version != 0:
        return
    try:
        names = {r[0] for r in fetch_lenient(conn, "SELECT name FROM sqlite_master", ())}
    except sqlite3.Error as exc:
        if error_kind(exc) != DAMAGED:
            raise _refusal(path, exc, read_only=read_only) from None
        names = {f"unreadable: {exc}"}
    if {"highlights", "articles"} <= names:
        # Diptych's tables without Diptych's version stamp: a damaged header.
        raise _Damaged("its schema version is missing")
    if names:
        raise StoreError(
            f"{path} is an SQLite database but not a Diptych highlights store; "
            f"{LEFT_AS_IT_IS}: choose another --db file"
        )


def _open_newer_read_only(
    conn: sqlite3.Connection, path: Path, version: int, notices: list[str]
) -> Opened:
    """Step 7."""
    conn.close()
    notices.append(
        f"The highlights database {path} was written by a newer Diptych (schema "
        f"{version}, this version knows {schema.SCHEMA_VERSION}): it is open read-only, "
        "so changes cannot be saved until you update Diptych."
    )
    return Opened(connect(path, read_only=True), version, "written by a newer Diptych", notices)


def _set_journal_mode(conn: sqlite3.Connection, path: Path) -> None:
    """Step 8: WAL and full sync (``_CannotWrite`` when the file or folder is read-only)."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise _refusal(path, exc, read_only=False) from None


def _check_writable(conn: sqlite3.Connection, path: Path, notices: list[str]) -> None:
    """Step 8: one real page write, rolled back. A read-only file raises ``_CannotWrite``; a
    full disk leaves the store writable (space may come back) and says so."""
    # another Diptych saving right now proves the file writable: do not wait for it
    conn.execute("PRAGMA busy_timeout = 100")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # rewrite the version stamp unchanged: a real page write, rolled back
            schema.set_user_version(conn, schema.user_version(conn))
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        kind = error_kind(exc)
        if kind == FULL:
            notices.append(
                f"The disk holding the highlights database {path} is full: highlights are "
                "shown, but changes cannot be saved until space is freed."
            )
        elif kind != BUSY and kind != OTHER:
            raise _CannotWrite() from None


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
    backups.keep_all(path)  # until the user restores one or dismisses the offer
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
