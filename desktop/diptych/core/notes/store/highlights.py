"""Highlights and the article snapshots they are made on: adding, editing, deleting (a mark,
never a removal), re-attaching, and resolving every highlight of an article against its
current text."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from diptych.core.errors import StoreError
from diptych.core.model import Article, Highlight, TextPositionSelector, TextQuoteSelector
from diptych.core.notes.anchoring import Reanchorer, Resolution, describe
from diptych.core.notes.store.base import StoreBase
from diptych.core.notes.store.conflicts import ConflictError, HighlightChanges
from diptych.core.notes.store.connection import fetch_lenient
from diptych.core.notes.store.values import (
    ArticleRecord,
    Link,
    ResolvedHighlight,
    check_color,
    check_text,
    content_key,
    now_iso,
)


class Highlights(StoreBase):
    """The highlight and article half of ``Store``."""

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
            "INSERT OR IGNORE INTO articles (id, fingerprint, title, text, first_seen, "
            "content_key) VALUES (?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.fingerprint,
                article.title,
                article.text,
                now_iso(),
                content_key(article.text),
            ),
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
        "created, modified, version"
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
            version=row[12],
        )
        return h

    def _fetch(self, where: str, params: Sequence[Any]) -> list[Highlight]:
        return self._db.read_with(lambda conn: self._fetch_on(conn, where, params))

    def _fetch_on(
        self, conn: sqlite3.Connection, where: str, params: Sequence[Any]
    ) -> list[Highlight]:
        def query(conn: sqlite3.Connection) -> tuple[list[Any], dict[str, list[str]]]:
            rows = fetch_lenient(
                conn,
                f"SELECT {self._H_COLS} FROM highlights WHERE {where} ORDER BY start, created, id",
                params,
            )
            tags: dict[str, list[str]] = {}
            for hid, tag in fetch_lenient(
                conn,
                "SELECT highlight_id, tag FROM tags WHERE highlight_id IN "
                f"(SELECT id FROM highlights WHERE {where}) ORDER BY highlight_id, tag",
                params,
            ):
                tags.setdefault(hid, []).append(tag)
            return rows, tags

        rows, tags = query(conn)
        return [self._row_to_highlight(r, tuple(tags.get(r[0], ()))) for r in rows]

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
        check_color(color)
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
            version=1,
        )
        return h

    def _insert(self, conn: sqlite3.Connection, h: Highlight, extra: dict[str, Any]) -> None:
        conn.execute(
            f"INSERT INTO highlights ({self._H_COLS}, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                max(h.version, 1),
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
        check_color(h.color)
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
        base_version: int | None = None,
    ) -> Highlight:
        """Change a highlight's colour, note and/or tags (None = keep); returns the new value.

        ``base_version``: the ``version`` of the highlight the change was made on (a window
        passes the one it shows). If the row has another version now — another window,
        process or the CLI saved it since — nothing is written and ``ConflictError`` says so,
        carrying both sides. A deleted highlight is never written into (``ConflictError``
        with ``theirs_deleted``), whether or not ``base_version`` is given."""
        if color is not None:
            check_color(color)
        if note is not None:
            check_text("the note", note)
        tag_list = None if tags is None else sorted({t.strip() for t in tags if t.strip()})
        for t in tag_list or ():
            check_text("a tag", t)
        changes = HighlightChanges(color, note, None if tag_list is None else tuple(tag_list))

        def action(conn: sqlite3.Connection) -> None:
            self._check_unchanged(conn, highlight_id, base_version, changes)
            self._apply(conn, highlight_id, changes, undelete=False)

        self._write(action)
        return self.get(highlight_id)

    def _check_unchanged(
        self,
        conn: sqlite3.Connection,
        highlight_id: str,
        base_version: int | None,
        changes: HighlightChanges,
    ) -> None:
        """Inside a write: raise ``ConflictError`` if the row was deleted, or changed since
        ``base_version``."""
        row = conn.execute(
            "SELECT version, deleted FROM highlights WHERE id = ?", (highlight_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no highlight with id {highlight_id}")
        version, deleted = row
        if deleted is None and (base_version is None or version == base_version):
            return
        (theirs,) = self._fetch_on(conn, "id = ?", (highlight_id,))
        raise ConflictError(
            changes.applied_to(theirs, base_version), theirs, changes, deleted is not None
        )

    @staticmethod
    def _update_row(
        conn: sqlite3.Connection,
        table: str,
        item_id: str,
        *,
        delete: bool,
        undelete: bool,
        fields: dict[str, str | None],
    ) -> None:
        """Inside a write: one change to a highlight or link row: stamped, its version raised,
        deleted or brought back, and each field given (not None) set."""
        stamp = now_iso()
        sets, params = ["modified = ?", "version = version + 1"], [stamp]
        if delete:
            sets.append("deleted = ?")
            params.append(stamp)
        elif undelete:
            sets.append("deleted = NULL")
        for column, value in fields.items():
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value)
        conn.execute(f"UPDATE {table} SET {', '.join(sets)} WHERE id = ?", [*params, item_id])

    @staticmethod
    def _deleted_at(conn: sqlite3.Connection, highlight_id: str) -> str | None:
        """Inside a write: when the highlight was deleted (None: it is live); StoreError when
        there is no such highlight."""
        row = conn.execute(
            "SELECT deleted FROM highlights WHERE id = ?", (highlight_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no highlight with id {highlight_id}")
        deleted: str | None = row[0]
        return deleted

    @staticmethod
    def _require_live(conn: sqlite3.Connection, highlight_id: str) -> None:
        """Inside a write: the highlight exists and is not deleted (another window may have
        deleted it: nothing is ever written into, or linked to, a deleted highlight)."""
        if Highlights._deleted_at(conn, highlight_id) is not None:
            raise StoreError(
                "this highlight was deleted (in another Diptych window or program?); nothing "
                "was changed"
            )

    def _apply(
        self,
        conn: sqlite3.Connection,
        highlight_id: str,
        changes: HighlightChanges,
        *,
        undelete: bool,
    ) -> None:
        self._update_row(
            conn,
            "highlights",
            highlight_id,
            delete=changes.delete,
            undelete=undelete,
            fields={"color": changes.color, "note": changes.note},
        )
        if changes.tags is not None:
            conn.execute("DELETE FROM tags WHERE highlight_id = ?", (highlight_id,))
            conn.executemany(
                "INSERT INTO tags (highlight_id, tag) VALUES (?, ?)",
                [(highlight_id, t) for t in changes.tags],
            )

    def set_tags(self, highlight_id: str, tags: Iterable[str]) -> Highlight:
        """Replace a highlight's tags."""
        return self.update_highlight(highlight_id, tags=tags)

    def all_tags(self) -> list[str]:
        return [r[0] for r in self._read("SELECT DISTINCT tag FROM tags ORDER BY tag")]

    def _set_deleted(self, table: str, item_id: str, deleted: str | None) -> None:
        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                f"UPDATE {table} SET deleted = ?, modified = ?, version = version + 1 WHERE id = ?",
                (deleted, now_iso(), item_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no {table[:-1]} with id {item_id}")

        self._write(action)

    def delete_highlight(
        self,
        highlight_id: str,
        *,
        base_version: int | None = None,
        link_versions: Mapping[str, int] | None = None,
    ) -> None:
        """Delete a highlight (kept, marked deleted: ``restore_highlight`` undoes it). Its
        links disappear from ``links_for`` while it is deleted.

        ``base_version``: the ``version`` the deleting window showed. If the row changed
        since (another window's note, colour or tags), nothing is deleted and
        ``ConflictError`` (``changes.delete``) says so: ``keep_mine`` deletes it anyway,
        ``keep_theirs`` keeps their row. A row deleted elsewhere already stays as it is.

        ``link_versions``: the highlight's links as the window showed them (link id ->
        version). Deleting the highlight hides its links and their notes too, so a link
        whose note changed since, or one made elsewhere that the window never showed, is
        not hidden unasked either: ``ConflictError`` with those links in ``linked``."""
        if base_version is None and link_versions is None:
            self._set_deleted("highlights", highlight_id, now_iso())
            return
        changes = HighlightChanges(delete=True)

        def action(conn: sqlite3.Connection) -> None:
            if self._deleted_at(conn, highlight_id) is not None:
                return  # deleted elsewhere too: both windows agree
            self._check_unchanged(conn, highlight_id, base_version, changes)
            if link_versions is not None:
                (theirs,) = self._fetch_on(conn, "id = ?", (highlight_id,))
                self._check_links_unchanged(conn, theirs, changes, link_versions)
            self._apply(conn, highlight_id, changes, undelete=False)

        self._write(action)

    def _check_links_unchanged(
        self,
        conn: sqlite3.Connection,
        highlight: Highlight,
        changes: HighlightChanges,
        asked: Mapping[str, int],
    ) -> None:
        """Inside a write deleting ``highlight``: ``ConflictError`` (with those links in
        ``linked``) when one of its links changed or was made since the versions ``asked``
        (link id -> version) were read: deleting the highlight would hide it unasked."""
        now = self._live_links_of(conn, highlight.id)
        changed = tuple(lk for lk in now if asked.get(lk.id) != lk.version)
        if changed:
            raise ConflictError(
                highlight,
                highlight,
                changes,
                False,
                linked=changed,
                link_versions={lk.id: lk.version for lk in now},
            )

    @staticmethod
    def _live_links_of(conn: sqlite3.Connection, highlight_id: str) -> list[Link]:
        """Inside a read or write: the links shown with ``highlight_id`` (link and both of
        its highlights not deleted)."""
        rows = conn.execute(
            "SELECT l.id, l.a, l.b, l.note, l.created, l.modified, l.version FROM links l "
            "JOIN highlights ha ON ha.id = l.a JOIN highlights hb ON hb.id = l.b "
            "WHERE l.deleted IS NULL AND ha.deleted IS NULL AND hb.deleted IS NULL "
            "AND (l.a = ? OR l.b = ?) ORDER BY l.created, l.id",
            (highlight_id, highlight_id),
        ).fetchall()
        return [Link(*r) for r in rows]

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
            self._require_live(conn, highlight_id)
            self._remember(conn, article)
            cur = conn.execute(
                "UPDATE highlights SET article_id = ?, exact = ?, prefix = ?, suffix = ?, "
                'start = ?, "end" = ?, fingerprint = ?, modified = ?, version = version + 1 '
                "WHERE id = ?",
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

    def _resolve(self, article: Article, source_id: str) -> list[ResolvedHighlight]:
        """Every (not deleted) highlight stored under ``source_id`` located in
        ``article.text`` (``source_id`` is ``article.id`` unless the article moved)."""
        highlights = self.highlights_for(source_id)
        fps = {h.fingerprint for h in highlights if h.fingerprint != article.fingerprint}
        snapshots = {fp: self.snapshot(source_id, fp) for fp in fps if fp}
        anchorer = Reanchorer(article.text, article.fingerprint)
        out = []
        for h in highlights:
            r: Resolution = anchorer.resolve(
                h.quote,
                h.position if h.position.start >= 0 else None,
                h.fingerprint,
                snapshots.get(h.fingerprint),
            )
            out.append(ResolvedHighlight(h, r.status, r.start, r.end, r.score, r.places))
        return out
