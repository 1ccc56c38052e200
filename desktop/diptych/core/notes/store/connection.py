"""The SQLite connection under the store: the write transaction and its retry loop, reads,
and the one place where SQLite's errors become ours.

``Database`` is what qutebrowser's ``misc/sql.py`` calls the database and the transaction,
apart from the tables that use them (``highlights.py``, ``links.py``): it knows nothing of
highlights. One connection is shared by every thread, behind a lock.

Errors: ``sqlite3`` raises a handful of classes with messages that differ between versions;
``error_kind`` reads the SQLite result code instead and ``store_error`` turns any of them into
a one-line ``StoreError`` (what was being done, and why in words a person understands). Nothing
else in the package looks at an SQLite message.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from diptych.core.errors import StoreError

BUSY_TIMEOUT_MS = 5000
"""How long SQLite itself waits for a lock while a store is being opened."""
WRITE_RETRY_S = 30.0
"""How long a read or write waits for another writer by default (``Database.wait_timeout_s``)."""
WAIT_SLICE_MS = 50
"""Once open, SQLite waits at most this long per try; the retry loop waits the rest with the
lock released, so other threads of this process (the UI reading) are never held up."""
WAIT_NOTICE_S = 0.25
"""A wait longer than this is reported through ``Database.on_wait``."""
WAITING_MESSAGE = (
    "Waiting for another program (perhaps another Diptych) to let go of the highlights database…"
)

_T = TypeVar("_T")

# SQLite primary result codes (https://sqlite.org/rescode.html)
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

DAMAGED = "damaged"
BUSY = "busy"
FULL = "full"
READ_ONLY = "read-only"
DENIED = "denied"
IO = "io"
OTHER = "other"


def error_kind(exc: BaseException) -> str:
    """What an SQLite error means for the store: ``DAMAGED`` (the file's bytes prove it is
    not a sound database), ``BUSY`` (another connection holds a lock), ``FULL``,
    ``READ_ONLY``, ``DENIED`` (permissions), ``IO`` (the disk or file system failed, or the
    file could not be opened) or ``OTHER``. Only ``DAMAGED`` may ever set a file aside."""
    if isinstance(exc, UnicodeDecodeError):
        return DAMAGED  # SQLite's own error message holds damaged bytes
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        return {
            _SQLITE_CORRUPT: DAMAGED,
            _SQLITE_NOTADB: DAMAGED,
            _SQLITE_BUSY: BUSY,
            _SQLITE_LOCKED: BUSY,
            _SQLITE_FULL: FULL,
            _SQLITE_READONLY: READ_ONLY,
            _SQLITE_PERM: DENIED,
            _SQLITE_IOERR: IO,
            _SQLITE_CANTOPEN: IO,
        }.get(primary, OTHER)
    # raised without a result code (our own re-raises, or a wrapper in a test)
    low = str(exc).lower()
    if "locked" in low or "busy" in low:
        return BUSY
    if "full" in low:
        return FULL
    if "readonly" in low or "read-only" in low:
        return READ_ONLY
    if "malformed" in low or "not a database" in low or "damaged" in low:
        return DAMAGED
    return OTHER


_REASONS = {
    FULL: "the disk is full",
    READ_ONLY: "the file is read-only",
    BUSY: "another program (perhaps another Diptych) keeps it locked",
    DENIED: "permission denied",
}


def store_error(doing: str, exc: BaseException) -> StoreError:
    """One clear line for ``exc``, met while ``doing`` (e.g. "could not save to PATH")."""
    kind = error_kind(exc)
    if kind in _REASONS:
        return StoreError(f"{doing}: {_REASONS[kind]}")
    if isinstance(exc, UnicodeDecodeError):
        return StoreError(f"{doing}: its internal records are damaged")
    msg = " ".join(str(exc).split()) or type(exc).__name__
    if kind == IO:
        return StoreError(f"{doing}: {msg} (is the disk full, or the folder read-only or gone?)")
    return StoreError(f"{doing}: {msg}")


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread.
    ``immutable``: read-only without the -shm file, for a file nobody can be writing (a
    read-only folder with no -wal)."""
    read_only = read_only or immutable
    target = str(path)
    if read_only:
        target = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(
        target,
        uri=read_only,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _decode_lenient(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def fetch_lenient(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
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


def first_problem(rows: Sequence[Any]) -> str:
    """The first line of an integrity report that names a problem."""
    lines = [ln.strip() for r in rows for ln in str(r[0]).splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("***")]
    return lines[0] if lines else "no answer"


def quick_check(conn: sqlite3.Connection) -> str:
    """ "ok", or the first problem ``PRAGMA quick_check`` reports."""
    rows = fetch_lenient(conn, "PRAGMA quick_check", ())
    if len(rows) == 1 and rows[0][0] == "ok":
        return "ok"
    return first_problem(rows)


def check_file(path: Path) -> str:
    """ "ok" when the database file ``path`` (a backup, not in use) passes ``quick_check``,
    else the problem found."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)


def file_size(path: Path) -> int | None:
    """The size of ``path`` in bytes, or None. Only ``stat``: opening the database file here
    and closing it again would drop SQLite's POSIX locks on it (they belong to the process,
    not to one descriptor)."""
    try:
        return path.stat().st_size
    except OSError:
        return None


def file_id(path: Path) -> tuple[int, int] | None:
    """(device, inode) of ``path``, or None: tells a file replaced behind our back."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


class _Busy(Exception):
    def __init__(self, cause: sqlite3.Error) -> None:
        super().__init__(str(cause))
        self.cause = cause


class Database:
    """One SQLite connection shared by threads: committed write transactions, reads with
    damaged text read leniently, and a bounded wait while another connection holds a lock.

    Waiting: a read or write that finds the file locked retries (with the lock of this object
    released between tries) for up to ``wait_timeout_s`` seconds, then raises StoreError
    ("another program keeps it locked"). While it waits longer than ``WAIT_NOTICE_S`` it calls
    ``on_wait(seconds waited)`` about twice a second, *from the waiting thread*; a UI runs its
    writes off its own thread and shows ``WAITING_MESSAGE`` when called.

    ``before_use`` runs before every read and write (the store uses it to notice a file
    replaced by another program and reopen).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.conn: sqlite3.Connection | None = None
        self.file_id: tuple[int, int] | None = None
        # the largest size seen since attach: SQLite never shrinks a file it does not vacuum
        # (and Diptych never vacuums), so a smaller one was cut short by another program
        self.file_size = 0
        self.read_only_reason = ""  # "" = writable
        self.before_use: Callable[[], None] = lambda: None
        self.wait_timeout_s = WRITE_RETRY_S
        self.on_wait: Callable[[float], None] | None = None
        self._data_version: int | None = None
        self._changed_elsewhere = False

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def attach(self, conn: sqlite3.Connection, read_only_reason: str = "") -> None:
        """Use ``conn`` (just opened on ``path``) from now on."""
        with self.lock:
            conn.execute(f"PRAGMA busy_timeout = {WAIT_SLICE_MS}")
            if self.conn is not None and self.conn is not conn:
                self._changed_elsewhere = True  # reopened: another file now
            self.conn = conn
            self.file_id = file_id(self.path)
            self.file_size = file_size(self.path) or 0
            self.read_only_reason = read_only_reason
            self._data_version = self._read_data_version(conn)

    def cut_short(self) -> bool:
        """True when the open file is now shorter than it has been: another program cut it
        short or wrote over it in place (``cp other-file store``)."""
        size = file_size(self.path)
        if size is None:
            return False
        if size < self.file_size:
            return True
        self.file_size = size
        return False

    def require(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreError("the highlights database is closed")
        return self.conn

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None

    @staticmethod
    def _read_data_version(conn: sqlite3.Connection) -> int | None:
        try:
            return int(conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def changed_elsewhere(self) -> bool:
        """True (once) when another connection — another window, process or the CLI —
        committed a change since the last call (``PRAGMA data_version``), or the file was
        replaced and reopened. Cheap: a UI may poll it every second."""
        with self.lock:
            changed, self._changed_elsewhere = self._changed_elsewhere, False
            if self.conn is None:
                return changed
            now = self._read_data_version(self.conn)
            if now is not None and self._data_version is not None and now != self._data_version:
                changed = True
            self._data_version = now
            return changed

    def _waiting(self, attempt: Callable[[], _T], doing: str) -> _T:
        """Run ``attempt`` until it does not find the file busy, for up to
        ``wait_timeout_s``, reporting long waits through ``on_wait``."""
        start = time.monotonic()
        delay = 0.005
        reported = 0.0
        while True:
            try:
                return attempt()
            except _Busy as busy:
                now = time.monotonic()
                waited = now - start
                if waited > self.wait_timeout_s:
                    raise store_error(doing, busy.cause) from None
                if self.on_wait is not None and waited >= WAIT_NOTICE_S and now - reported >= 0.5:
                    reported = now
                    self.on_wait(waited)
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.2)

    def write(
        self,
        action: Callable[[sqlite3.Connection], _T],
        *,
        on_commit: Callable[[], None] | None = None,
    ) -> _T:
        """Run ``action`` as one committed transaction, waiting while another writer holds
        the lock; any failure becomes a StoreError and nothing of the action is kept.
        ``on_commit`` runs under the lock right after the commit."""
        if self.read_only:
            raise StoreError(
                f"the highlights database {self.path} is read-only ({self.read_only_reason}); "
                "the change was not saved"
            )
        self.before_use()
        doing = f"could not save to {self.path}"

        def attempt() -> _T:
            with self.lock:
                conn = self.require()
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = action(conn)
                        conn.execute("COMMIT")
                        # our own commit does not move data_version; keep it as it is now so
                        # that only other writers' commits are reported
                        if on_commit is not None:
                            on_commit()
                        return result
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                        raise
                except sqlite3.OperationalError as exc:
                    if error_kind(exc) == BUSY:
                        raise _Busy(exc) from None
                    raise store_error(doing, exc) from None
                except (sqlite3.Error, UnicodeDecodeError) as exc:
                    raise store_error(doing, exc) from None

        return self._waiting(attempt, doing)

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of one query (damaged text read with U+FFFD)."""
        return self.read_with(lambda conn: fetch_lenient(conn, sql, params))

    def read_with(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``query`` (reads only) on the connection, errors mapped to StoreError."""
        self.before_use()
        doing = f"could not read {self.path}"

        def attempt() -> _T:
            with self.lock:
                try:
                    return query(self.require())
                except UnicodeEncodeError:
                    raise StoreError("an id or text holds an unpaired surrogate") from None
                except sqlite3.Error as exc:
                    if error_kind(exc) == BUSY:
                        raise _Busy(exc) from None
                    raise store_error(doing, exc) from None

        return self._waiting(attempt, doing)
