"""The highlights store: one SQLite file holding a person's highlights, notes, links and tags.

Where: ``default_db_path()`` = the platformdirs user data dir / ``highlights.sqlite3``
(``--db PATH`` overrides). Directories Diptych creates are 0700, the database and its backups
0600.

API (all offsets are code points into ``Article.text``)::

    store = Store.open(path=None)            # context manager; .close(); .notices; .read_only
    store.add_highlight(article, start, end, color="yellow", note="", tags=()) -> Highlight
    store.update_highlight(id, *, color=None, note=None, tags=None) -> Highlight
    store.delete_highlight(id); store.restore_highlight(id) -> Highlight   # soft delete, undo
    store.get(id); store.highlights_for(article_id); store.all_highlights()
    store.resolve_all(article) -> list[ResolvedHighlight]   # anchored / reanchored / orphaned
    store.reattach(id, article, start, end); store.set_anchor(id, article, quote, position)
    store.link(a_id, b_id, note="") -> Link; store.update_link(id, note=...); store.unlink(id)
    store.restore_link(id); store.links_for(article_ids) -> list[Link]; store.all_links()
    store.set_tags(id, tags); store.all_tags(); store.remember_article(article)
    store.snapshot(article_id, fingerprint) -> str | None
    store.backups(); store.newest_good_backup(); store.backup_now(); store.restore_backup(p)
    store.integrity_check()

Durability (what a saved note survives)
---------------------------------------
Every user action (add, edit, delete, restore, link, tag, re-attach, import) is **one
transaction, committed before the method returns**: when a call returns, the change is on disk.
The database runs in WAL mode with ``synchronous=FULL``: each commit appends to the write-ahead
log and ``fsync``s it before returning. So a committed change survives a crash of Diptych
(kill -9) *and* a power loss or OS crash, provided the disk honours flushes. (``NORMAL`` would
be faster but, in WAL mode, may lose the last commits on power loss; for notes a person typed
that trade is not worth it: a committed action measured 0.5–3 ms here.) A crash never leaves a
half-written action: a transaction is either all there or not there at all.

Two processes (or threads) writing at once wait for each other (``busy_timeout`` 5 s, and every
action is retried on "database is locked" for up to 30 s), so neither sees an error. If another
program replaces the file (a backup restored from the command line), the store reopens it
before the next read or write rather than writing into the file that was set aside.

At open
-------
``quick_check`` runs on every open; ``PRAGMA user_version`` holds the schema version and older
files are migrated step by step (after a backup). What happened is in ``store.notices`` (one
sentence each, meant to be shown to the user):

* damaged file (``quick_check`` fails, not a database, truncated, mangled schema or version
  stamp): moved aside, with its ``-wal``/``-shm``, to ``<name>.corrupt-<UTC time>``; a new empty
  store is created; the notice names the newest backup that passes ``quick_check``
  (``restore_backup(path)`` / ``diptych highlights restore-backup`` restores it);
* an existing zero-byte file: moved aside to ``<name>.empty-<time>`` and reported;
* a file from a newer Diptych (higher ``user_version``), or one that cannot be written:
  opened read-only (``store.read_only``), never migrated down; writes raise ``StoreError``.

Damaged bytes inside stored text (which ``quick_check`` does not look at) read back with U+FFFD
in their place instead of making the whole store unreadable.

Nothing is ever deleted or overwritten: deleting a highlight or link only marks it deleted
(``restore_highlight``/``restore_link`` undo it). The only files Diptych removes are backups
beyond the newest ``BACKUPS_KEPT`` and hour-old temporary files of an interrupted creation,
backup or restore.

Backups: at most once a day (``BACKUP_INTERVAL_S``), on open, a copy made with the SQLite backup
API goes to ``backups/`` beside the database (``<stem>-<UTC time>.sqlite3``); the last five are
kept.

Text: notes may hold any Unicode, including NUL, and are stored exactly. A string that cannot
be stored as UTF-8 (an unpaired surrogate) is refused with a ``StoreError`` naming the position.

Threads: a ``Store`` may be used from several threads (one connection behind a lock);
``resolve_all`` does the re-anchoring outside the lock, so run it off the UI thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from diptych.core.errors import DiptychError, StoreError
from diptych.core.model import (
    AnchorStatus,
    Article,
    Highlight,
    TextPositionSelector,
    TextQuoteSelector,
)
from diptych.core.notes.anchoring import Reanchorer, Resolution, describe

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000
WRITE_RETRY_S = 30.0
BACKUPS_KEPT = 5
BACKUP_INTERVAL_S = 24 * 3600
DB_FILENAME = "highlights.sqlite3"
COLORS = ("yellow", "green", "blue", "pink", "purple")
"""The five highlight colours the app offers (any non-empty name up to 64 characters is stored)."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA_PROBES = (
    # the columns every schema version has (migrations only add): a store whose schema text
    # was damaged fails here instead of on every later read
    'SELECT id, article_id, exact, prefix, suffix, start, "end", fingerprint, color, note, '
    "created, modified, deleted, extra FROM highlights LIMIT 0",
    "SELECT id, a, b, note, created, modified, deleted, extra FROM links LIMIT 0",
    "SELECT highlight_id, tag FROM tags LIMIT 0",
    "SELECT id, fingerprint, title, text, first_seen FROM articles LIMIT 0",
)
_T = TypeVar("_T")

_MIGRATIONS: dict[int, str] = {
    # version reached → SQL that takes the previous version there
    1: """
    CREATE TABLE articles (
        id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        text TEXT,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (id, fingerprint)
    );
    CREATE TABLE highlights (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL DEFAULT -1,
        "end" INTEGER NOT NULL DEFAULT -1,
        fingerprint TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted TEXT,
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX highlights_by_article ON highlights (article_id);
    CREATE TABLE links (
        id TEXT PRIMARY KEY,
        a TEXT NOT NULL REFERENCES highlights (id),
        b TEXT NOT NULL REFERENCES highlights (id),
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted TEXT,
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX links_by_a ON links (a);
    CREATE INDEX links_by_b ON links (b);
    CREATE TABLE tags (
        highlight_id TEXT NOT NULL REFERENCES highlights (id),
        tag TEXT NOT NULL,
        PRIMARY KEY (highlight_id, tag)
    );
    """,
    2: """
    DROP INDEX highlights_by_article;
    CREATE INDEX highlights_by_article ON highlights (article_id, start, created, id);
    """,
}


@dataclass(frozen=True)
class Link:
    """Two highlights (usually one in each article of a pair) linked, with a shared note."""

    id: str
    a: str  # highlight id
    b: str  # highlight id
    note: str = ""
    created: str = ""
    modified: str = ""


@dataclass(frozen=True)
class ResolvedHighlight:
    """A highlight and where it is in the current text of its article.

    ``status`` is ``"anchored"`` (text unchanged), ``"reanchored"`` (found again after an edit;
    ``score`` 0..1) or ``"orphaned"`` (not found: ``start == end == -1``; keep showing it in a
    list and offer "re-attach").
    """

    highlight: Highlight
    status: AnchorStatus
    start: int
    end: int
    score: float

    @property
    def id(self) -> str:
        return self.highlight.id


@dataclass(frozen=True)
class ArticleRecord:
    """An article the store has seen: its newest snapshot's fingerprint and title."""

    id: str
    fingerprint: str
    title: str


def now_iso() -> str:
    """The current UTC time as ISO 8601 with milliseconds and a Z (what ``created`` holds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_db_path() -> Path:
    """Where the highlights live unless ``--db`` says otherwise."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("diptych", appauthor=False)) / DB_FILENAME


def check_text(what: str, value: str) -> None:
    """Refuse a string SQLite cannot store as UTF-8 (an unpaired surrogate), clearly."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        ch = value[exc.start]
        raise StoreError(
            f"{what} holds an invalid character (unpaired surrogate U+{ord(ch):04X} at "
            f"position {exc.start}) and was not saved; remove it and save again"
        ) from None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _mkdirs(path: Path) -> None:
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


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm")]


def _move_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` and its -wal/-shm to ``<name>.<reason>-<time>``; returns the new path."""
    base = path.with_name(f"{path.name}.{reason}-{_stamp()}")
    dest, n = base, 1
    while dest.exists() or any(s.exists() for s in _sidecars(dest)):
        n += 1
        dest = base.with_name(f"{base.name}-{n}")
    os.rename(path, dest)
    for side, side_dest in zip(_sidecars(path), _sidecars(dest), strict=True):
        if side.exists():
            os.rename(side, side_dest)
    return dest


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    else:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _quick_check(conn: sqlite3.Connection) -> str:
    """ "ok", or the first problem ``PRAGMA quick_check`` reports."""
    rows = _fetch_lenient(conn, "PRAGMA quick_check", ())
    if len(rows) == 1 and rows[0][0] == "ok":
        return "ok"
    return _first_problem(rows)


def _decode_lenient(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _fetch_lenient(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run a query; text that is not valid UTF-8 (damaged bytes that quick_check does not
    look at) comes back with U+FFFD in place of the bad bytes instead of failing the query."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc).lower():
            raise
    except UnicodeDecodeError:
        pass
    old = conn.text_factory
    conn.text_factory = _decode_lenient
    try:
        return conn.execute(sql, params).fetchall()
    except UnicodeDecodeError:
        # SQLite's own error message holds damaged bytes (e.g. a mangled table name)
        raise sqlite3.DatabaseError("its internal records are damaged") from None
    finally:
        conn.text_factory = old


def _first_problem(rows: Sequence[Any]) -> str:
    lines = [ln.strip() for r in rows for ln in str(r[0]).splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("***")]
    return lines[0] if lines else "no answer"


def _file_check(path: Path) -> str:
    """ "ok" when ``path`` (not in use) opens as a database and passes quick_check."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return _quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)


def check_file(path: Path) -> str:
    """ "ok" when the database file ``path`` (a backup, not in use) passes ``quick_check``,
    else the problem found."""
    return _file_check(path)


def _create_fresh(path: Path) -> None:
    """Create a new store at ``path`` atomically: built aside, then linked into place, so
    nobody ever sees a half-made (or zero-byte) file and an existing file is never replaced."""
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        conn = _connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
            for version in sorted(_MIGRATIONS):
                for stmt in _split_sql(_MIGRATIONS[version]):
                    conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        finally:
            conn.close()
        # If another process created it first, use theirs.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        for p in [tmp, *_sidecars(tmp)]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(p)


def _sweep_stale_temps(directory: Path, prefix: str) -> None:
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


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class Store:
    """A person's highlights, notes, links and tags in one SQLite file.

    Open with ``Store.open(path)`` (or ``Store(path)``); use as a context manager or call
    ``close()``. After opening, ``notices`` lists what the user should be told (damaged file
    moved aside, read-only because newer, backup failed...) and ``read_only`` says whether
    changes can be saved. Every method that changes something commits before it returns and
    raises ``StoreError`` (one clear line) when it cannot.
    """

    def __init__(self, path: str | Path | None = None, *, backups: bool = True) -> None:
        self.path = (Path(path) if path is not None else default_db_path()).absolute()
        self.notices: list[str] = []
        self.read_only = False
        # where a damaged file found at open was moved (the app then offers a backup)
        self.damaged_moved_to: Path | None = None
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._backups_enabled = backups
        self._known_snapshots: set[tuple[str, str]] = set()
        self._pending_snapshots: set[tuple[str, str]] = set()
        self._file_id: tuple[int, int] | None = None
        self._read_only_reason = ""
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
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @property
    def backup_dir(self) -> Path:
        return self.path.parent / "backups"

    def _open(self) -> None:
        path = self.path
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a highlights database")
        try:
            _mkdirs(path.parent)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None
        if not path.exists():
            self._finish_interrupted_restore()
        _sweep_stale_temps(path.parent, f".{path.name}.")
        _sweep_stale_temps(self.backup_dir, f".{path.stem}-")
        if path.exists():
            self._inspect_existing()
        if not path.exists():
            try:
                _create_fresh(path)
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(f"cannot create the highlights database {path}: {exc}") from None
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the highlights database {path}: {exc}") from None
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            check = _quick_check(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._set_aside_damaged(str(exc))
            return self._open_fresh_after_damage()
        if check == "ok" and not -1 < version < 1 << 20:
            check = f"impossible schema version {version}"
        if check != "ok":
            conn.close()
            self._set_aside_damaged(check)
            return self._open_fresh_after_damage()
        if 0 < version <= SCHEMA_VERSION:
            try:
                for probe in _SCHEMA_PROBES:
                    conn.execute(probe).fetchall()
            except sqlite3.DatabaseError as exc:
                conn.close()
                self._set_aside_damaged(f"its tables are not Diptych's: {exc}")
                return self._open_fresh_after_damage()
        if version > SCHEMA_VERSION:
            conn.close()
            self.read_only = True
            self._read_only_reason = "written by a newer Diptych"
            self._conn = _connect(path, read_only=True)
            self._file_id = _file_id(path)
            self.notices.append(
                f"The highlights database {path} was written by a newer Diptych (schema "
                f"{version}, this version knows {SCHEMA_VERSION}): it is open read-only, "
                "so changes cannot be saved until you update Diptych."
            )
            return None
        if version == 0:
            try:
                names = {r[0] for r in _fetch_lenient(conn, "SELECT name FROM sqlite_master", ())}
            except sqlite3.Error as exc:
                names = {f"unreadable: {exc}"}
            if {"highlights", "articles"} <= names:
                # Diptych's tables without Diptych's version stamp: a damaged header.
                conn.close()
                self._set_aside_damaged("its schema version is missing")
                return self._open_fresh_after_damage()
            if names:
                conn.close()
                raise StoreError(
                    f"{path} is an SQLite database but not a Diptych highlights store; "
                    "choose another --db file"
                )
        unwritable = False
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc).lower():
                conn.close()
                raise StoreError(f"cannot open the highlights database {path}: {exc}") from None
            unwritable = True
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot open the highlights database {path}: {exc}") from None
        self._conn = conn
        self._file_id = _file_id(path)
        if unwritable or self._cannot_write():
            self.read_only = True
            self._read_only_reason = "the file or its folder cannot be written"
            self.notices.append(
                f"The highlights database {path} cannot be written (a read-only file or "
                "folder): highlights are shown, but changes cannot be saved."
            )
            return None
        if 0 < version < SCHEMA_VERSION:
            self._backup(force=True)
        if version < SCHEMA_VERSION:
            self._migrate(version)
        if self._backups_enabled:
            self._backup(force=False)
        return None

    def _finish_interrupted_restore(self) -> None:
        """A restore copies the backup to a temporary file *before* moving the current store
        aside, then links the copy into place: with no store but such a copy present, a
        restore was cut short between the two steps, and the copy is complete."""
        path = self.path
        copies = [
            p
            for p in path.parent.glob(f".{path.name}.restore-*")
            if not p.name.endswith(("-wal", "-shm", "-journal"))
        ]
        if not copies:
            return
        newest = max(copies, key=lambda p: p.stat().st_mtime)
        with contextlib.suppress(FileExistsError):
            os.link(newest, path)
            self.notices.append(
                f"A restore of the highlights from a backup was interrupted; it was completed "
                f"({path})."
            )

    def _cannot_write(self) -> bool:
        conn = self._require_conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # rewrite the version stamp unchanged: a real page write, rolled back
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute(f"PRAGMA user_version = {version}")
            finally:
                conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            return "readonly" in str(exc).lower() or "read-only" in str(exc).lower()
        return False

    def _inspect_existing(self) -> None:
        path = self.path
        try:
            size = path.stat().st_size
            with open(path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(
                f"cannot read the highlights database {path}: {exc.strerror}"
            ) from None
        wal = _sidecars(path)[0]
        wal_has_data = wal.exists() and wal.stat().st_size > 0
        if size == 0 and not wal_has_data:
            moved = self._move_aside_or_fail("is an empty (0-byte) file")
            self.notices.append(
                f"The highlights database {path} was an empty (0-byte) file, not a Diptych "
                f"store; it was moved aside to {moved} and a new store was created."
            )
        elif size > 0 and head != _SQLITE_MAGIC:
            self._set_aside_damaged("not an SQLite database")

    def _move_aside_or_fail(self, what: str, reason: str = "empty") -> Path:
        try:
            return _move_aside(self.path, reason)
        except OSError as exc:
            raise StoreError(
                f"the highlights database {self.path} {what} and could not be moved aside "
                f"({exc.strerror}); move it away or choose another --db"
            ) from None

    def _set_aside_damaged(self, detail: str) -> None:
        moved = self._move_aside_or_fail(f"is damaged ({detail})", "corrupt")
        self.damaged_moved_to = moved
        backup = self.newest_good_backup()
        offer = (
            f"the newest good backup is {backup} (bring it back with: "
            f"diptych highlights restore-backup '{backup}' --db '{self.path}')"
            if backup
            else "there is no backup to restore"
        )
        self.notices.append(
            f"The highlights database {self.path} is damaged ({detail}); it was moved aside "
            f"to {moved} and a new, empty store was created; {offer}."
        )

    def _open_fresh_after_damage(self) -> None:
        self._open()

    def _migrate(self, version: int) -> None:
        conn = self._require_conn()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            try:
                conn.execute("BEGIN IMMEDIATE")
                for stmt in _split_sql(_MIGRATIONS[target]):
                    conn.execute(stmt)
                conn.execute(f"PRAGMA user_version = {target}")
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise StoreError(
                    f"cannot upgrade the highlights database {self.path} to schema {target}: {exc}"
                ) from None

    # -- backups -------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """This store's backups, newest first."""
        d = self.backup_dir
        if not d.is_dir():
            return []
        stem = self.path.stem
        found = [
            p
            for p in d.glob(f"{stem}-*.sqlite3")
            if p.name[len(stem) + 1 : len(stem) + 2].isdigit()
        ]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def newest_good_backup(self) -> Path | None:
        """The newest backup that passes ``quick_check``, or None."""
        for b in self.backups():
            if _file_check(b) == "ok":
                return b
        return None

    def backup_now(self) -> Path:
        """Copy the database to ``backups/`` now (SQLite backup API); returns the copy."""
        out = self._backup(force=True)
        if out is None:
            raise StoreError("the backup could not be made")
        return out

    def _backup(self, *, force: bool) -> Path | None:
        conn = self._require_conn()
        existing = self.backups()
        if not force and existing:
            newest = existing[0]
            if time.time() - newest.stat().st_mtime < BACKUP_INTERVAL_S:
                return None
        if not force:
            try:
                used = conn.execute(
                    "SELECT (SELECT count(*) FROM highlights) + (SELECT count(*) FROM links)"
                ).fetchone()[0]
            except sqlite3.Error as exc:
                self.notices.append(f"The daily backup of the highlights was not made: {exc}.")
                return None
            if used == 0:
                return None  # nothing worth keeping yet
        d = self.backup_dir
        tmp: Path | None = None
        try:
            _mkdirs(d)
            final = d / f"{self.path.stem}-{_stamp()}.sqlite3"
            n = 1
            while final.exists():
                n += 1
                final = d / f"{self.path.stem}-{_stamp()}-{n}.sqlite3"
            tmp = d / f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:6]}"
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            dst = sqlite3.connect(str(tmp))
            try:
                with self._lock:
                    conn.backup(dst)
            finally:
                dst.close()
            os.link(tmp, final)  # never replaces a file
        except FileExistsError:
            return None  # another Diptych made this very backup at the same moment
        except (OSError, sqlite3.Error) as exc:
            self.notices.append(f"The daily backup of the highlights could not be made: {exc}.")
            return None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        for old in self.backups()[BACKUPS_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()
        return final

    def restore_backup(self, backup: str | Path) -> Path:
        """Replace the current store by ``backup``; the current file is moved aside (not
        deleted). Returns where the current file went."""
        backup = Path(backup)
        check = _file_check(backup)
        if check != "ok":
            raise StoreError(f"the backup {backup} is not usable: {check}")
        tmp = self.path.with_name(f".{self.path.name}.restore-{os.getpid()}-{uuid.uuid4().hex[:6]}")
        try:
            # Copy first: if that fails, the current store is untouched.
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
            finally:
                src.close()
                dst.close()
            with self._lock:
                self.close()
                moved = _move_aside(self.path, "before-restore")
                try:
                    os.link(tmp, self.path)
                except OSError:
                    if not self.path.exists():
                        os.rename(moved, self.path)  # put the current store back
                    raise
                self.notices = []
                self.read_only = False
                self._known_snapshots = set()
                self._open()
                self.notices.append(
                    f"Restored the highlights from {backup}; the previous file was moved "
                    f"aside to {moved}."
                )
        except (OSError, sqlite3.Error) as exc:
            if self._conn is None and self.path.exists():
                with contextlib.suppress(DiptychError):
                    self._open()
            raise StoreError(f"could not restore {backup}: {exc}") from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return moved

    # -- transactions --------------------------------------------------------------------

    def _require_conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the highlights database is closed")
        return self._conn

    def _write(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action`` as one committed transaction, retrying while another writer holds
        the lock; any failure becomes a StoreError and nothing of the action is kept."""
        if self.read_only:
            raise StoreError(
                f"the highlights database {self.path} is read-only ({self._read_only_reason}); "
                "the change was not saved"
            )
        self._follow_replaced_file()
        deadline = time.monotonic() + WRITE_RETRY_S
        delay = 0.005
        while True:
            with self._lock:
                conn = self._require_conn()
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    self._pending_snapshots = set()
                    try:
                        result = action(conn)
                        conn.execute("COMMIT")
                        self._known_snapshots |= self._pending_snapshots
                        return result
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                        raise
                except sqlite3.OperationalError as exc:
                    if not _is_busy(exc) or time.monotonic() > deadline:
                        raise self._error(exc) from None
                except sqlite3.Error as exc:
                    raise self._error(exc) from None
                except UnicodeDecodeError:
                    # SQLite's own error message holds damaged bytes
                    raise StoreError(
                        f"could not save to {self.path}: its internal records are damaged"
                    ) from None
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.2)

    def _follow_replaced_file(self) -> None:
        """If another program replaced the database file since we opened it (a backup
        restored from the command line, a damaged file set aside), reopen, so that a change
        goes into the file the user will see rather than the one set aside."""
        with self._lock:
            if self._conn is None or self._file_id is None:
                return
            now = _file_id(self.path)
            if now == self._file_id:
                return
            self.close()
            self._known_snapshots = set()
            self._open()
            self.notices.append(
                f"The highlights database {self.path} was replaced by another program; "
                "Diptych reopened it."
            )

    def _error(self, exc: sqlite3.Error) -> StoreError:
        msg = str(exc)
        low = msg.lower()
        if "full" in low:
            return StoreError(f"could not save to {self.path}: the disk is full")
        if "readonly" in low or "read-only" in low:
            return StoreError(f"could not save to {self.path}: the file is read-only")
        if "locked" in low or "busy" in low:
            return StoreError(f"could not save to {self.path}: another program keeps it locked")
        return StoreError(f"could not save to {self.path}: {msg}")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        self._follow_replaced_file()
        with self._lock:
            try:
                return _fetch_lenient(self._require_conn(), sql, params)
            except UnicodeEncodeError:
                raise StoreError("an id or text holds an unpaired surrogate") from None
            except sqlite3.Error as exc:
                raise StoreError(f"could not read {self.path}: {exc}") from None

    # -- articles ------------------------------------------------------------------------

    def remember_article(self, article: Article) -> None:
        """Keep ``article``'s text snapshot (one per distinct fingerprint) and title."""
        self._write(lambda c: self._remember(c, article))

    def _remember(self, conn: sqlite3.Connection, article: Article) -> None:
        key = (article.id, article.fingerprint)
        if key in self._known_snapshots:
            return  # snapshots are never removed: no need to send a 1 MB text again
        check_text("the article text", article.text)
        check_text("the article title", article.title)
        conn.execute(
            "INSERT OR IGNORE INTO articles (id, fingerprint, title, text, first_seen) "
            "VALUES (?, ?, ?, ?, ?)",
            (article.id, article.fingerprint, article.title, article.text, now_iso()),
        )
        # Only remembered once the transaction commits (see _write); a rollback forgets it.
        self._pending_snapshots.add(key)

    def snapshot(self, article_id: str, fingerprint: str) -> str | None:
        """The text ``article_id`` had when its fingerprint was ``fingerprint``, if stored."""
        rows = self._read(
            "SELECT text FROM articles WHERE id = ? AND fingerprint = ?", (article_id, fingerprint)
        )
        return rows[0][0] if rows else None

    def articles(self) -> list[ArticleRecord]:
        """Every article with highlights or a snapshot, with its newest snapshot's title."""
        rows = self._read(
            "SELECT id, fingerprint, title FROM articles a WHERE first_seen = "
            "(SELECT max(first_seen) FROM articles b WHERE b.id = a.id) "
            "UNION SELECT DISTINCT article_id, '', '' FROM highlights "
            "WHERE article_id NOT IN (SELECT id FROM articles) ORDER BY 1"
        )
        seen: dict[str, ArticleRecord] = {}
        for aid, fp, title in rows:
            seen.setdefault(aid, ArticleRecord(aid, fp, title))
        return list(seen.values())

    # -- highlights ----------------------------------------------------------------------

    _H_COLS = (
        'id, article_id, exact, prefix, suffix, start, "end", fingerprint, color, note, '
        "created, modified"
    )

    @staticmethod
    def _row_to_highlight(row: Sequence[Any], tags: tuple[str, ...]) -> Highlight:
        # Listing 10,000 highlights is on the path to painting a pair: build the frozen values
        # without their field-by-field __init__ (same objects, about five times faster).
        quote = object.__new__(TextQuoteSelector)
        quote.__dict__.update(exact=row[2], prefix=row[3], suffix=row[4])
        pos = object.__new__(TextPositionSelector)
        pos.__dict__.update(start=row[5], end=row[6])
        h = object.__new__(Highlight)
        h.__dict__.update(
            id=row[0],
            article_id=row[1],
            quote=quote,
            position=pos,
            fingerprint=row[7],
            color=row[8],
            note=row[9],
            created=row[10],
            modified=row[11],
            tags=tags,
        )
        return h

    def _fetch(self, where: str, params: Sequence[Any]) -> list[Highlight]:
        self._follow_replaced_file()
        with self._lock:
            conn = self._require_conn()
            try:
                rows = _fetch_lenient(
                    conn,
                    f"SELECT {self._H_COLS} FROM highlights WHERE {where} ORDER BY start, created, id",
                    params,
                )
                tags: dict[str, list[str]] = {}
                for hid, tag in _fetch_lenient(
                    conn,
                    "SELECT highlight_id, tag FROM tags WHERE highlight_id IN "
                    f"(SELECT id FROM highlights WHERE {where}) ORDER BY highlight_id, tag",
                    params,
                ):
                    tags.setdefault(hid, []).append(tag)
            except UnicodeEncodeError:
                raise StoreError("an id or text holds an unpaired surrogate") from None
            except sqlite3.Error as exc:
                raise StoreError(f"could not read {self.path}: {exc}") from None
        return [self._row_to_highlight(r, tuple(tags.get(r[0], ()))) for r in rows]

    @staticmethod
    def _check_color(color: str) -> None:
        if not color or len(color) > 64:
            raise StoreError(f"bad highlight colour {color!r}")
        check_text("the colour", color)

    def add_highlight(
        self,
        article: Article,
        start: int,
        end: int,
        color: str = "yellow",
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Highlight:
        """Highlight ``article.text[start:end]`` (code points); stores the article snapshot too."""
        h = self._new_highlight(article, start, end, color, note, tags)

        def action(conn: sqlite3.Connection) -> None:
            self._remember(conn, article)
            self._insert(conn, h, {})

        self._write(action)
        return h

    def _new_highlight(
        self,
        article: Article,
        start: int,
        end: int,
        color: str,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Highlight:
        """A checked, not yet stored highlight of ``article.text[start:end]``."""
        if not 0 <= start < end <= len(article.text):
            raise StoreError(
                f"cannot highlight [{start}, {end}): the article has {len(article.text)} characters"
            )
        self._check_color(color)
        check_text("the note", note)
        tag_list = sorted({t.strip() for t in tags if t.strip()})
        for t in tag_list:
            check_text("a tag", t)
        quote, pos = describe(article.text, start, end)
        stamp = now_iso()
        h = Highlight(
            id=str(uuid.uuid4()),
            article_id=article.id,
            quote=quote,
            position=pos,
            fingerprint=article.fingerprint,
            color=color,
            note=note,
            created=stamp,
            modified=stamp,
            tags=tuple(tag_list),
        )
        return h

    def _insert(self, conn: sqlite3.Connection, h: Highlight, extra: dict[str, Any]) -> None:
        conn.execute(
            f"INSERT INTO highlights ({self._H_COLS}, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                h.id,
                h.article_id,
                h.quote.exact,
                h.quote.prefix,
                h.quote.suffix,
                h.position.start,
                h.position.end,
                h.fingerprint,
                h.color,
                h.note,
                h.created,
                h.modified,
                json.dumps(extra, ensure_ascii=False),
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO tags (highlight_id, tag) VALUES (?, ?)",
            [(h.id, t) for t in h.tags],
        )

    def put_highlight(self, h: Highlight, extra: dict[str, Any] | None = None) -> bool:
        """Store a complete highlight as given (import). Returns False, changing nothing, when
        a highlight with that id already exists."""
        self.check_highlight(h, extra)
        extra_json = dict(extra or {})

        def action(conn: sqlite3.Connection) -> bool:
            if conn.execute("SELECT 1 FROM highlights WHERE id = ?", (h.id,)).fetchone():
                return False
            self._insert(conn, h, extra_json)
            return True

        return self._write(action)

    def check_highlight(self, h: Highlight, extra: dict[str, Any] | None = None) -> None:
        """Raise StoreError (clear message) if ``h`` (with ``extra``) could not be stored."""
        for what, s in (
            ("the quote", h.quote.exact),
            ("the quote's prefix", h.quote.prefix),
            ("the quote's suffix", h.quote.suffix),
            ("the note", h.note),
            ("the article id", h.article_id),
            ("the id", h.id),
            ("the fingerprint", h.fingerprint),
            ("the creation time", h.created),
            ("the modification time", h.modified),
            *(("a tag", t) for t in h.tags),
        ):
            check_text(what, s)
        self._check_color(h.color)
        if not h.quote.exact:
            raise StoreError(f"highlight {h.id} has no quoted text")
        check_text("the annotation", json.dumps(extra or {}, ensure_ascii=False))

    def get(self, highlight_id: str) -> Highlight:
        """One highlight by id (deleted ones too); StoreError if there is none."""
        found = self._fetch("id = ?", (highlight_id,))
        if not found:
            raise StoreError(f"no highlight with id {highlight_id}")
        return found[0]

    def extra_of(self, highlight_id: str) -> dict[str, Any]:
        """Annotation fields an import carried that the store has no column for (kept so an
        export gives them back)."""
        rows = self._read("SELECT extra FROM highlights WHERE id = ?", (highlight_id,))
        return dict(json.loads(rows[0][0])) if rows else {}

    def is_deleted(self, highlight_id: str) -> bool:
        rows = self._read("SELECT deleted FROM highlights WHERE id = ?", (highlight_id,))
        if not rows:
            raise StoreError(f"no highlight with id {highlight_id}")
        return rows[0][0] is not None

    def highlights_for(self, article_id: str, *, include_deleted: bool = False) -> list[Highlight]:
        """The article's highlights, in stored-position order."""
        where = "article_id = ?" + ("" if include_deleted else " AND deleted IS NULL")
        return self._fetch(where, (article_id,))

    def all_highlights(self, *, include_deleted: bool = False) -> list[Highlight]:
        return self._fetch("1" if include_deleted else "deleted IS NULL", ())

    def update_highlight(
        self,
        highlight_id: str,
        *,
        color: str | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight:
        """Change a highlight's colour, note and/or tags (None = keep); returns the new value."""
        if color is not None:
            self._check_color(color)
        if note is not None:
            check_text("the note", note)
        tag_list = None if tags is None else sorted({t.strip() for t in tags if t.strip()})
        for t in tag_list or ():
            check_text("a tag", t)

        def action(conn: sqlite3.Connection) -> None:
            if not conn.execute(
                "SELECT 1 FROM highlights WHERE id = ?", (highlight_id,)
            ).fetchone():
                raise StoreError(f"no highlight with id {highlight_id}")
            sets, params = ["modified = ?"], [now_iso()]
            if color is not None:
                sets.append("color = ?")
                params.append(color)
            if note is not None:
                sets.append("note = ?")
                params.append(note)
            conn.execute(
                f"UPDATE highlights SET {', '.join(sets)} WHERE id = ?", [*params, highlight_id]
            )
            if tag_list is not None:
                conn.execute("DELETE FROM tags WHERE highlight_id = ?", (highlight_id,))
                conn.executemany(
                    "INSERT INTO tags (highlight_id, tag) VALUES (?, ?)",
                    [(highlight_id, t) for t in tag_list],
                )

        self._write(action)
        return self.get(highlight_id)

    def set_tags(self, highlight_id: str, tags: Iterable[str]) -> Highlight:
        """Replace a highlight's tags."""
        return self.update_highlight(highlight_id, tags=tags)

    def all_tags(self) -> list[str]:
        return [r[0] for r in self._read("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def _set_deleted(self, table: str, item_id: str, deleted: str | None) -> None:
        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                f"UPDATE {table} SET deleted = ?, modified = ? WHERE id = ?",
                (deleted, now_iso(), item_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no {table[:-1]} with id {item_id}")

        self._write(action)

    def delete_highlight(self, highlight_id: str) -> None:
        """Delete a highlight (kept, marked deleted: ``restore_highlight`` undoes it). Its
        links disappear from ``links_for`` while it is deleted."""
        self._set_deleted("highlights", highlight_id, now_iso())

    def restore_highlight(self, highlight_id: str) -> Highlight:
        """Undo ``delete_highlight``."""
        self._set_deleted("highlights", highlight_id, None)
        return self.get(highlight_id)

    def reattach(self, highlight_id: str, article: Article, start: int, end: int) -> Highlight:
        """Move a highlight (typically an orphan) to ``article.text[start:end]``: new selectors
        on the current text, whose snapshot is stored. Note, colour, tags and links stay."""
        if not 0 <= start < end <= len(article.text):
            raise StoreError(
                f"cannot attach to [{start}, {end}): the article has {len(article.text)} characters"
            )
        quote, pos = describe(article.text, start, end)
        return self.set_anchor(highlight_id, article, quote, pos)

    def set_anchor(
        self,
        highlight_id: str,
        article: Article,
        quote: TextQuoteSelector,
        position: TextPositionSelector,
    ) -> Highlight:
        """Set a highlight's selectors as made on ``article`` (also undoes a ``reattach``:
        pass the old highlight's ``quote``/``position`` and its article)."""

        def action(conn: sqlite3.Connection) -> None:
            self._remember(conn, article)
            cur = conn.execute(
                "UPDATE highlights SET article_id = ?, exact = ?, prefix = ?, suffix = ?, "
                'start = ?, "end" = ?, fingerprint = ?, modified = ? WHERE id = ?',
                (
                    article.id,
                    quote.exact,
                    quote.prefix,
                    quote.suffix,
                    position.start,
                    position.end,
                    article.fingerprint,
                    now_iso(),
                    highlight_id,
                ),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no highlight with id {highlight_id}")

        self._write(action)
        return self.get(highlight_id)

    def resolve_all(self, article: Article) -> list[ResolvedHighlight]:
        """Every (not deleted) highlight of ``article.id`` located in ``article.text``.

        Safe to call from a worker thread; the stored selectors are not changed (a re-anchored
        highlight is found again on each open until the user re-attaches it)."""
        highlights = self.highlights_for(article.id)
        fps = {h.fingerprint for h in highlights if h.fingerprint != article.fingerprint}
        snapshots = {fp: self.snapshot(article.id, fp) for fp in fps if fp}
        anchorer = Reanchorer(article.text, article.fingerprint)
        out = []
        for h in highlights:
            r: Resolution = anchorer.resolve(
                h.quote,
                h.position if h.position.start >= 0 else None,
                h.fingerprint,
                snapshots.get(h.fingerprint),
            )
            out.append(ResolvedHighlight(h, r.status, r.start, r.end, r.score))
        return out

    # -- links ---------------------------------------------------------------------------

    _L_COLS = "id, a, b, note, created, modified"

    def link(self, a_id: str, b_id: str, note: str = "", *, link_id: str | None = None) -> Link:
        """Link two highlights with a shared note."""
        return self.link_passages([a_id, b_id], note, link_id=link_id)[0]

    def link_passages(
        self,
        ends: Sequence[str | tuple[Article, int, int, str]],
        note: str = "",
        *,
        link_id: str | None = None,
    ) -> tuple[Link, list[Highlight]]:
        """Link passages as one action (one transaction): each of the two ``ends`` is an
        existing highlight's id or ``(article, start, end, colour)`` for a new highlight.
        Returns the link and the highlights it created; on failure nothing is stored."""
        if len(ends) != 2:
            raise StoreError("a link joins exactly two passages")
        check_text("the note", note)
        made: list[tuple[Article, Highlight]] = []
        ids: list[str] = []
        for end in ends:
            if isinstance(end, str):
                ids.append(end)
            else:
                article, start, stop, color = end
                h = self._new_highlight(article, start, stop, color)
                made.append((article, h))
                ids.append(h.id)
        if ids[0] == ids[1]:
            raise StoreError("a highlight cannot be linked to itself")
        stamp = now_iso()
        lk = Link(link_id or str(uuid.uuid4()), ids[0], ids[1], note, stamp, stamp)

        def action(conn: sqlite3.Connection) -> None:
            for article, h in made:
                self._remember(conn, article)
                self._insert(conn, h, {})
            for hid in ids:
                if not conn.execute("SELECT 1 FROM highlights WHERE id = ?", (hid,)).fetchone():
                    raise StoreError(f"no highlight with id {hid}")
            conn.execute(
                f"INSERT INTO links ({self._L_COLS}) VALUES (?,?,?,?,?,?)",
                (lk.id, lk.a, lk.b, lk.note, lk.created, lk.modified),
            )

        self._write(action)
        return lk, [h for _article, h in made]

    def import_records(
        self,
        highlights: Sequence[tuple[Highlight, dict[str, Any]]],
        links: Sequence[tuple[Link, dict[str, Any]]] = (),
    ) -> tuple[int, int, int, int]:
        """Store imported highlights and links (with their extra annotation fields) in one
        transaction. Items whose id exists already are left as they are. Returns (highlights
        added, highlights already present, links added, links already present)."""
        for h, extra in highlights:
            self.check_highlight(h, extra)
        for lk, extra in links:
            check_text("a link's note", lk.note)
            check_text("the annotation", json.dumps(extra, ensure_ascii=False))

        def action(conn: sqlite3.Connection) -> tuple[int, int, int, int]:
            ha = hp = la = lp = 0
            for h, extra in highlights:
                if conn.execute("SELECT 1 FROM highlights WHERE id = ?", (h.id,)).fetchone():
                    hp += 1
                else:
                    self._insert(conn, h, extra)
                    ha += 1
            for lk, extra in links:
                if conn.execute("SELECT 1 FROM links WHERE id = ?", (lk.id,)).fetchone():
                    lp += 1
                    continue
                for hid in (lk.a, lk.b):
                    if not conn.execute("SELECT 1 FROM highlights WHERE id = ?", (hid,)).fetchone():
                        raise StoreError(f"link {lk.id} points at an unknown highlight {hid}")
                conn.execute(
                    f"INSERT INTO links ({self._L_COLS}, extra) VALUES (?,?,?,?,?,?,?)",
                    (
                        lk.id,
                        lk.a,
                        lk.b,
                        lk.note,
                        lk.created,
                        lk.modified,
                        json.dumps(extra, ensure_ascii=False),
                    ),
                )
                la += 1
            return ha, hp, la, lp

        return self._write(action)

    def link_extra_of(self, link_id: str) -> dict[str, Any]:
        rows = self._read("SELECT extra FROM links WHERE id = ?", (link_id,))
        return dict(json.loads(rows[0][0])) if rows else {}

    def update_link(self, link_id: str, *, note: str) -> Link:
        check_text("the note", note)

        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE links SET note = ?, modified = ? WHERE id = ?", (note, now_iso(), link_id)
            )
            if cur.rowcount == 0:
                raise StoreError(f"no link with id {link_id}")

        self._write(action)
        return self.get_link(link_id)

    def get_link(self, link_id: str) -> Link:
        rows = self._read(f"SELECT {self._L_COLS} FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise StoreError(f"no link with id {link_id}")
        return Link(*rows[0])

    def unlink(self, link_id: str) -> None:
        """Remove a link (kept, marked deleted: ``restore_link`` undoes it)."""
        self._set_deleted("links", link_id, now_iso())

    def restore_link(self, link_id: str) -> Link:
        self._set_deleted("links", link_id, None)
        return self.get_link(link_id)

    def links_for(self, article_ids: Iterable[str]) -> list[Link]:
        """Live links (link and both highlights not deleted) with an end on one of the
        articles."""
        ids = list(article_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._read(
            f"SELECT l.id, l.a, l.b, l.note, l.created, l.modified FROM links l "
            f"JOIN highlights ha ON ha.id = l.a JOIN highlights hb ON hb.id = l.b "
            f"WHERE l.deleted IS NULL AND ha.deleted IS NULL AND hb.deleted IS NULL "
            f"AND (ha.article_id IN ({marks}) OR hb.article_id IN ({marks})) "
            f"ORDER BY l.created, l.id",
            [*ids, *ids],
        )
        return [Link(*r) for r in rows]

    def all_links(self) -> list[Link]:
        rows = self._read(
            "SELECT l.id, l.a, l.b, l.note, l.created, l.modified FROM links l "
            "JOIN highlights ha ON ha.id = l.a JOIN highlights hb ON hb.id = l.b "
            "WHERE l.deleted IS NULL AND ha.deleted IS NULL AND hb.deleted IS NULL "
            "ORDER BY l.created, l.id"
        )
        return [Link(*r) for r in rows]

    # -- maintenance ---------------------------------------------------------------------

    def integrity_check(self) -> str:
        """ "ok" or the first problem ``PRAGMA integrity_check`` finds."""
        rows = self._read("PRAGMA integrity_check")
        return "ok" if len(rows) == 1 and rows[0][0] == "ok" else _first_problem(rows)

    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])
