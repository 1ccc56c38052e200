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
    store.set_verdict(a, (s, e), b, (s, e), "same" | "different", origin="claim" | "reader")
    store.clear_verdict(id); store.restore_verdict(id); store.verdicts_for(a_id, b_id)
    store.resolve_verdicts(a, b) -> list[ResolvedVerdict]  # the reader's verdicts on claims
    store.pair_verdict_count(a, b)           # (both found through the articles' identity)
    store.snapshot(article_id, fingerprint) -> str | None
    store.backups(); store.newest_good_backup(); store.backup_now(); store.restore_backup(p)
    store.dismiss_backup_offer()             # the user declined the backup a damage notice named
    store.integrity_check()

    # two windows / processes (see conflicts.py)
    store.update_highlight(id, note=..., base_version=h.version)  # ConflictError if stale
    store.update_link(id, note=..., base_version=lk.version)
    store.delete_highlight(id, base_version=h.version); store.unlink(id, base_version=...)
    store.keep_mine(conflict); store.keep_theirs(conflict); store.keep_both(conflict)
    store.changed_elsewhere() -> bool        # poll: another writer committed; reload
    # an article renamed, moved or converted (see identity.py)
    store.open_article(article) -> OpenedArticle(highlights, moved: MovedArticle | None)
    store.moved_from(article_id) -> MovedArticle | None   # after resolve_all
    store.lost_articles() -> list[LostArticle]           # highlights whose file is gone
    store.same_text_ids(article) -> list[str]            # every id its text is known by
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
tells it to show "waiting for another program…". A row changed by another writer since a
window showed it is never overwritten silently (``base_version``, ``ConflictError``), and
nothing is ever written into a highlight or link deleted elsewhere. If another
program replaces the file (a backup restored from the command line), the store reopens it
before the next read or write rather than writing into the file that was set aside.

At open
-------
``quick_check`` runs on every open; ``PRAGMA user_version`` holds the schema version and older
files are migrated step by step (after a backup). What happened is in ``store.notices`` (one
sentence each, meant to be shown to the user):

* what is at the path must be a regular file or nothing: a directory, device, FIFO, socket or
  dangling symlink is refused (one line) and left as it is; so is a file without SQLite's
  header that is not provably ours (the default store, or one with backups), and another
  program's SQLite database;
* only proven damage (``quick_check`` fails, SQLite says "not a database" / "malformed",
  truncated, mangled schema or version stamp) sets a file aside: moved aside, with its ``-wal``/``-shm``, to ``<name>.corrupt-<UTC time>``; a new empty
  store is created; the notice names the newest backup that passes ``quick_check``
  (``restore_backup(path)`` / ``diptych highlights restore-backup`` restores it);
* an existing zero-byte file: moved aside to ``<name>.empty-<time>`` and reported;
* a file from a newer Diptych (higher ``user_version``), or one that cannot be written (a
  read-only file or folder): opened read-only (``store.read_only``), never migrated down;
  writes raise ``StoreError``;
* a transient failure — locked by another program past ``BUSY_TIMEOUT_MS``, disk full,
  permission denied, an I/O error — never moves anything: opening is refused in one line
  ("…; it was left as it is"), or the store opens read-only when it can be read.

Damaged bytes inside stored text (which ``quick_check`` does not look at) read back with U+FFFD
in their place instead of making the whole store unreadable.

Nothing is ever deleted or overwritten: deleting a highlight or link only marks it deleted
(``restore_highlight``/``restore_link`` undo it). The only files Diptych removes are backups
beyond the newest ``BACKUPS_KEPT`` and hour-old temporary files of an interrupted creation,
backup or restore.

Backups: at most once a day (``BACKUP_INTERVAL_S``), on open, a copy made with the SQLite backup
API goes to the store's own folder ``backups/<store file name>/`` beside the database
(``<stem>-<UTC time>.sqlite3``); the last five are kept, plus every backup that existed when
a damaged store was set aside, until the user restores one or dismisses the offer.

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
``conflicts.py`` and ``merging.py`` (two writers), ``identity.py`` (renamed/moved articles),
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
from diptych.core.notes.store.identity import LostArticle, MovedArticle, OpenedArticle
from diptych.core.notes.store.schema import SCHEMA_VERSION
from diptych.core.notes.store.values import (
    COLORS,
    DB_FILENAME,
    ArticleRecord,
    Link,
    ResolvedHighlight,
    check_text,
    content_key,
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
    "LostArticle",
    "MovedArticle",
    "OpenedArticle",
    "ResolvedHighlight",
    "Store",
    "check_file",
    "check_text",
    "content_key",
    "default_db_path",
    "now_iso",
]
