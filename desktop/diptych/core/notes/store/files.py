"""File-system steps the store takes around its database file: folders made 0700, a new file
built aside and linked into place, a file moved aside with its -wal/-shm, temporary files of
a crash swept. None of them ever replaces or deletes a file the user could still want."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from diptych.core.notes.store.values import stamp


def make_dirs(path: Path) -> None:
    """Create ``path`` and missing parents with mode 0700 (existing dirs are left alone)."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=0o700)
        os.chmod(d, 0o700)


def sidecars(path: Path) -> list[Path]:
    """The -wal and -shm files SQLite keeps beside a database in WAL mode."""
    return [Path(f"{path}-wal"), Path(f"{path}-shm")]


def move_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` and its -wal/-shm to ``<name>.<reason>-<time>``; returns the new path."""
    base = path.with_name(f"{path.name}.{reason}-{stamp()}")
    dest, n = base, 1
    while dest.exists() or any(s.exists() for s in sidecars(dest)):
        n += 1
        dest = base.with_name(f"{base.name}-{n}")
    os.rename(path, dest)
    for side, side_dest in zip(sidecars(path), sidecars(dest), strict=True):
        if side.exists():
            os.rename(side, side_dest)
    return dest


def temp_name(path: Path, kind: str) -> Path:
    """A fresh hidden name beside ``path`` for a file being made (``kind``: new, restore, tmp);
    ``sweep_stale_temps`` recognises it after a crash."""
    return path.with_name(f".{path.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def create_exclusive(path: Path) -> None:
    """Create an empty file, 0600, failing if anything (even a dangling symlink) is there."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    os.close(fd)


def build_then_link(path: Path, build: Callable[[Path], None]) -> bool:
    """Make a new database at ``path`` atomically: ``build`` fills a temporary file, which is
    then hard-linked into place, so nobody ever sees a half-made (or zero-byte) file and an
    existing file is never replaced. Returns False if another process made ``path`` first
    (theirs is kept)."""
    tmp = temp_name(path, "new")
    create_exclusive(tmp)
    try:
        build(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        return True
    finally:
        for p in [tmp, *sidecars(tmp)]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(p)


def copy_database(src: sqlite3.Connection, dest: Path) -> None:
    """Copy the database behind ``src`` into the empty file ``dest`` (SQLite backup API)."""
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
    finally:
        dst.close()


def sweep_stale_temps(directory: Path, prefix: str) -> None:
    """Remove temporary files a crashed Diptych left while creating, backing up or restoring
    a store (never the store, its backups or files set aside: those have other names)."""
    try:
        entries = list(directory.iterdir()) if directory.is_dir() else []
    except OSError:
        return
    cutoff = time.time() - 3600  # an hour: surely not still in use
    for p in entries:
        name = p.name
        if not name.startswith(prefix) or not any(
            tag in name for tag in (".new-", ".restore-", ".tmp-")
        ):
            continue
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < cutoff:
                p.unlink()
