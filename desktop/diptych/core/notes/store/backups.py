"""Backups of a store: at most once a day, on open, a copy made with the SQLite backup API
goes to ``backups/`` beside the database (``<stem>-<UTC time>.sqlite3``); the newest
``BACKUPS_KEPT`` are kept. Restoring copies a backup in beside the store before the current
file is moved aside, so an interrupted restore is finished at the next open."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from diptych.core.notes.store.connection import Database, check_file, store_error
from diptych.core.notes.store.files import copy_database, create_exclusive, make_dirs, temp_name
from diptych.core.notes.store.values import stamp

BACKUPS_KEPT = 5
BACKUP_INTERVAL_S = 24 * 3600


def folder(db_path: Path) -> Path:
    """Where the backups of the store at ``db_path`` go."""
    return db_path.parent / "backups"


def temp_prefix(db_path: Path) -> str:
    """How the temporary files of a backup being made start (for the sweep after a crash)."""
    return f".{db_path.stem}-"


def list_backups(db_path: Path) -> list[Path]:
    """The backups of the store at ``db_path``, newest first."""
    d = folder(db_path)
    if not d.is_dir():
        return []
    stem = db_path.stem
    found = [
        p for p in d.glob(f"{stem}-*.sqlite3") if p.name[len(stem) + 1 : len(stem) + 2].isdigit()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def newest_good(db_path: Path) -> Path | None:
    """The newest backup that passes ``quick_check``, or None."""
    for b in list_backups(db_path):
        if check_file(b) == "ok":
            return b
    return None


def _worth_keeping(db: Database, notices: list[str]) -> bool:
    try:
        with db.lock:
            used = (
                db.require()
                .execute("SELECT (SELECT count(*) FROM highlights) + (SELECT count(*) FROM links)")
                .fetchone()[0]
            )
    except sqlite3.Error as exc:
        notices.append(f"The daily backup of the highlights was not made: {exc}.")
        return False
    return bool(used)


def make_backup(db: Database, notices: list[str], *, force: bool) -> Path | None:
    """Copy the database to its backup folder: when ``force``, now; else only when the newest
    backup is a day old and there is something to keep. A failure becomes a notice. Returns
    the copy, or None when none was made."""
    existing = list_backups(db.path)
    if not force and existing and time.time() - existing[0].stat().st_mtime < BACKUP_INTERVAL_S:
        return None
    if not force and not _worth_keeping(db, notices):
        return None  # nothing worth keeping yet
    d = folder(db.path)
    tmp: Path | None = None
    try:
        make_dirs(d)
        final = d / f"{db.path.stem}-{stamp()}.sqlite3"
        n = 1
        while final.exists():
            n += 1
            final = d / f"{db.path.stem}-{stamp()}-{n}.sqlite3"
        tmp = temp_name(final, "tmp")
        create_exclusive(tmp)
        with db.lock:
            copy_database(db.require(), tmp)
        os.link(tmp, final)  # never replaces a file
    except FileExistsError:
        return None  # another Diptych made this very backup at the same moment
    except (OSError, sqlite3.Error) as exc:
        notices.append(f"The daily backup of the highlights could not be made: {exc}.")
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    for old in list_backups(db.path)[BACKUPS_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return final


def copy_in_for_restore(db_path: Path, backup: Path) -> Path:
    """Copy ``backup`` to a temporary file beside the store (the first step of a restore:
    if it fails, the current store is untouched). Returns the copy."""
    from diptych.core.errors import StoreError

    check = check_file(backup)
    if check != "ok":
        raise StoreError(f"the backup {backup} is not usable: {check}")
    tmp = temp_name(db_path, "restore")
    try:
        create_exclusive(tmp)
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            copy_database(src, tmp)
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise store_error(f"could not restore {backup}", exc) from None
    return tmp


def finish_interrupted_restore(db_path: Path, notices: list[str]) -> None:
    """A restore copies the backup to a temporary file *before* moving the current store
    aside, then links the copy into place: with no store but such a copy present, a
    restore was cut short between the two steps, and the copy is complete."""
    copies = [
        p
        for p in db_path.parent.glob(f".{db_path.name}.restore-*")
        if not p.name.endswith(("-wal", "-shm", "-journal"))
    ]
    if not copies:
        return
    newest = max(copies, key=lambda p: p.stat().st_mtime)
    with contextlib.suppress(FileExistsError):
        os.link(newest, db_path)
        notices.append(
            f"A restore of the highlights from a backup was interrupted; it was completed "
            f"({db_path})."
        )
