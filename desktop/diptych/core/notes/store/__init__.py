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

    # two windows / processes (see conflicts.py)
    store.update_highlight(id, note=..., base_version=h.version)  # ConflictError if stale
    store.update_link(id, note=..., base_version=lk.version)
    store.keep_mine(conflict); store.keep_theirs(conflict); store.keep_both(conflict)
    store.changed_elsewhere() -> bool        # poll: another writer committed; reload
    # a locked store (another program saving)
    store.on_wait = callback(seconds)        # called from the waiting thread; WAITING_MESSAGE
    store.wait_timeout_s = 30.0              # then StoreError "another program keeps it locked"

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

Two processes (or threads) writing at once wait for each other: every read and write is
retried while another connection holds the lock, for up to ``wait_timeout_s`` (30 s), so
neither sees an error. The lock of this object is released between tries, so a UI that runs
its writes off its thread keeps reading (painting) while a write waits, and ``on_wait``
tells it to show "waiting for another Diptych…". A row changed by another writer since a
window showed it is never overwritten silently (``base_version``, ``ConflictError``), and
nothing is ever written into a highlight or link deleted elsewhere. If another
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

The package
-----------
``api.py`` (``Store``: open, reopen, backups, restore), ``opening.py`` (the checks at open, in
order), ``backups.py``, ``connection.py`` (``Database``: the write transaction and its retry
loop, reads, the one place SQLite errors become ``StoreError``), ``schema.py`` (tables and
migrations; how to add a table is written there), ``highlights.py``, ``links.py``,
``files.py`` (file-system steps), ``values.py`` (the values handed out).
"""

from __future__ import annotations

from diptych.core.notes.store.api import Store
from diptych.core.notes.store.backups import BACKUP_INTERVAL_S, BACKUPS_KEPT
from diptych.core.notes.store.conflicts import ConflictError, HighlightChanges, LinkChanges
from diptych.core.notes.store.connection import (
    BUSY_TIMEOUT_MS,
    WAITING_MESSAGE,
    WRITE_RETRY_S,
    check_file,
)
from diptych.core.notes.store.schema import SCHEMA_VERSION
from diptych.core.notes.store.values import (
    COLORS,
    DB_FILENAME,
    ArticleRecord,
    Link,
    ResolvedHighlight,
    check_text,
    default_db_path,
    now_iso,
)

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_INTERVAL_S",
    "BUSY_TIMEOUT_MS",
    "COLORS",
    "DB_FILENAME",
    "SCHEMA_VERSION",
    "WAITING_MESSAGE",
    "WRITE_RETRY_S",
    "ArticleRecord",
    "ConflictError",
    "HighlightChanges",
    "Link",
    "LinkChanges",
    "ResolvedHighlight",
    "Store",
    "check_file",
    "check_text",
    "default_db_path",
    "now_iso",
]
