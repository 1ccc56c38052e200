"""The store's tables and how a file of any older version is brought up to date.

``PRAGMA user_version`` holds the schema version; ``MIGRATIONS[n]`` is the SQL that takes a
version ``n - 1`` file to version ``n``. A new file is made by running every step from 1 (so a
new file and a migrated one can never differ), and an older file is migrated one step per
transaction, after a backup (see ``Store``).

Adding a table (or a column)
----------------------------
1. Append one step: ``MIGRATIONS[SCHEMA_VERSION + 1] = "CREATE TABLE verdicts (...)"`` and raise
   ``SCHEMA_VERSION`` by one. Never edit a step that has shipped: files out there already ran it.
   A step only adds (tables, columns with a DEFAULT, indexes); it never drops user data.
2. If every file of the new version must have the table, add a probe to ``SCHEMA_PROBES`` (a
   ``SELECT <columns> ... LIMIT 0``): a file whose schema text was damaged then fails at open
   and is set aside, instead of failing on every later read.
3. Write the code that uses the table in its own module of this package (as ``highlights.py``
   and ``links.py`` do), running its writes through ``Database.write``.
4. Test: ``test_store.py::test_older_schema_is_backed_up_then_migrated_step_by_step`` shows how
   to check a migration from the previous version.

A file whose version is higher than ``SCHEMA_VERSION`` comes from a newer Diptych: it is opened
read-only and never migrated down.
"""

from __future__ import annotations

import contextlib
import sqlite3

SCHEMA_VERSION = 4

MIGRATIONS: dict[int, str] = {
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
    # a row version on highlights and links: a save from a window names the version it
    # started from, and a row another window or process changed (or deleted) since is a
    # conflict, never overwritten silently; a content identity on article snapshots, so that
    # a renamed or moved file finds its highlights again
    3: """
    ALTER TABLE highlights ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE links ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN content_key TEXT NOT NULL DEFAULT '';
    CREATE INDEX articles_by_content ON articles (content_key);
    """,
    # the reader's verdicts on claims ("same" / "different"), each end a passage of one
    # article of the pair with its selectors, re-anchored like a highlight (verdicts.py)
    4: """
    CREATE TABLE verdicts (
        id TEXT PRIMARY KEY,
        a_article TEXT NOT NULL,
        a_exact TEXT NOT NULL,
        a_prefix TEXT NOT NULL DEFAULT '',
        a_suffix TEXT NOT NULL DEFAULT '',
        a_start INTEGER NOT NULL DEFAULT -1,
        a_end INTEGER NOT NULL DEFAULT -1,
        a_fingerprint TEXT NOT NULL DEFAULT '',
        b_article TEXT NOT NULL,
        b_exact TEXT NOT NULL,
        b_prefix TEXT NOT NULL DEFAULT '',
        b_suffix TEXT NOT NULL DEFAULT '',
        b_start INTEGER NOT NULL DEFAULT -1,
        b_end INTEGER NOT NULL DEFAULT -1,
        b_fingerprint TEXT NOT NULL DEFAULT '',
        verdict TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'claim',
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        extra TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX verdicts_by_pair ON verdicts (a_article, b_article)
    """,
}

SCHEMA_PROBES = (
    # the columns every file of a version this Diptych knows has (migrations only add): a
    # store whose schema text was damaged fails here instead of on every later read
    'SELECT id, article_id, exact, prefix, suffix, start, "end", fingerprint, color, note, '
    "created, modified, deleted, extra FROM highlights LIMIT 0",
    "SELECT id, a, b, note, created, modified, deleted, extra FROM links LIMIT 0",
    "SELECT highlight_id, tag FROM tags LIMIT 0",
    "SELECT id, fingerprint, title, text, first_seen FROM articles LIMIT 0",
)
"""Probes every version ≥ 1 passes (run on files up to ``SCHEMA_VERSION``)."""

PROBES_SINCE: dict[int, tuple[str, ...]] = {
    3: (
        "SELECT version FROM highlights LIMIT 0",
        "SELECT version FROM links LIMIT 0",
        "SELECT content_key FROM articles LIMIT 0",
    ),
    4: (
        "SELECT id, a_article, a_exact, a_prefix, a_suffix, a_start, a_end, a_fingerprint, "
        "b_article, b_exact, b_prefix, b_suffix, b_start, b_end, b_fingerprint, verdict, "
        "origin, created, modified, deleted, version, extra FROM verdicts LIMIT 0",
    ),
}
"""Probes for what version ``n`` added (run on files of version ≥ n)."""


def split_sql(script: str) -> list[str]:
    """The statements of a migration step (no step holds a ';' inside a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version stamped in the file (0 for a file nobody stamped)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def set_user_version(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(version)}")


def probes_for(version: int) -> list[str]:
    """The probe queries a healthy file of ``version`` answers."""
    out = list(SCHEMA_PROBES)
    for since, probes in sorted(PROBES_SINCE.items()):
        if version >= since:
            out.extend(probes)
    return out


def create_schema(conn: sqlite3.Connection) -> None:
    """Build the current schema in an empty database (inside the caller's transaction)."""
    for version in sorted(MIGRATIONS):
        if version > SCHEMA_VERSION:
            break
        for stmt in split_sql(MIGRATIONS[version]):
            conn.execute(stmt)
    set_user_version(conn, SCHEMA_VERSION)


def migrate_step(conn: sqlite3.Connection, target: int) -> None:
    """Take a file from ``target - 1`` to ``target`` as one transaction (rolled back on error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for stmt in split_sql(MIGRATIONS[target]):
            conn.execute(stmt)
        set_user_version(conn, target)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
