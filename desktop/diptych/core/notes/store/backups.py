"""Backups of a store: at most once a day, on open, a copy made with the SQLite backup API
goes to the store's own backup folder, ``backups/<store file name>/`` beside the database
(``<stem>-<UTC time>.sqlite3``); the newest ``BACKUPS_KEPT`` are kept. Two stores in one
folder (``notes.db``, ``notes-2.db``) never see each other's backups. Backups that older
versions wrote straight into ``backups/`` are still found (by their exact name pattern) and
rotated with the rest.

When a damaged store is set aside, every backup it had is *kept* (a ``<backup>.keep``
marker beside it) until the user restores one or dismisses the offer
(``Store.dismiss_backup_offer``): rotation never removes a kept backup, however many new
ones the new store makes meanwhile.

Restoring copies a backup in beside the store before the current file is moved aside, so an
interrupted restore is finished at the next open."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from pathlib import Path

from diptych.core.notes.store.connection import Database, check_file, store_error
from diptych.core.notes.store.files import copy_database, create_exclusive, make_dirs, temp_name
from diptych.core.notes.store.values import stamp

BACKUPS_KEPT = 5
BACKUP_INTERVAL_S = 24 * 3600
KEEP_SUFFIX = ".keep"


def folder(db_path: Path) -> Path:
    """Where the backups of the store at ``db_path`` go: its own folder."""
    return db_path.parent / "backups" / db_path.name


def legacy_folder(db_path: Path) -> Path:
    """Where versions before schema 3 put the backups of every store of a folder."""
    return db_path.parent / "backups"


def temp_prefix(db_path: Path) -> str:
    """How the temporary files of a backup being made start (for the sweep after a crash)."""
    return f".{db_path.stem}-"


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    # exactly <stem>-<UTC time>[-n].sqlite3: "notes-2-<time>" is not a backup of "notes"
    return re.compile(re.escape(db_path.stem) + r"-(\d{8}T\d{6}Z)(-\d+)?\.sqlite3")


def list_backups(db_path: Path) -> list[Path]:
    """The backups of the store at ``db_path``, newest first."""
    pattern = _name_pattern(db_path)
    found: list[Path] = []
    for d in (folder(db_path), legacy_folder(db_path)):
        try:
            found += [p for p in d.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
        except OSError:
            continue
    return sorted(found, key=lambda p: _order(pattern, p), reverse=True)


def _order(pattern: re.Pattern[str], p: Path) -> tuple[str, int]:
    # by time, then by the -n that tells apart backups made within one second
    m = pattern.fullmatch(p.name)
    n = m.group(2) if m else None
    return (m.group(1) if m else "", int(n[1:]) if n else 1)


def _keep_marker(backup: Path) -> Path:
    return backup.with_name(backup.name + KEEP_SUFFIX)


def is_kept(backup: Path) -> bool:
    """True while ``backup`` is kept for a restore the user was offered."""
    return _keep_marker(backup).exists()


def keep_all(db_path: Path) -> None:
    """Keep every backup of the store (a damaged store was set aside: they are what the
    user may want to restore) until ``release_all``."""
    for b in list_backups(db_path):
        with contextlib.suppress(OSError):
            create_exclusive(_keep_marker(b))


def release_all(db_path: Path) -> None:
    """The user restored or dismissed: the kept backups rotate like the others again."""
    for b in list_backups(db_path):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(_keep_marker(b))


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
    rotating = [b for b in list_backups(db.path) if not is_kept(b)]
    for old in rotating[BACKUPS_KEPT:]:
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
