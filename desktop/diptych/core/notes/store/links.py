"""Links between two highlights (usually one in each article of a pair), each with a shared
note; and importing highlights and links in one transaction."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from diptych.core.errors import StoreError
from diptych.core.model import Article, Highlight
from diptych.core.notes.store.conflicts import ConflictError, LinkChanges
from diptych.core.notes.store.highlights import Highlights
from diptych.core.notes.store.values import Link, check_text, now_iso


class Links(Highlights):
    """The link half of ``Store`` (a link's ends are highlights)."""

    # -- links ---------------------------------------------------------------------------

    _L_COLS = "id, a, b, note, created, modified, version"

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
        lk = Link(link_id or str(uuid.uuid4()), ids[0], ids[1], note, stamp, stamp, 1)

        def action(conn: sqlite3.Connection) -> None:
            for article, h in made:
                self._remember(conn, article)
                self._insert(conn, h, {})
            for hid in ids:
                self._require_live(conn, hid)
            conn.execute(
                f"INSERT INTO links ({self._L_COLS}) VALUES (?,?,?,?,?,?,?)",
                (lk.id, lk.a, lk.b, lk.note, lk.created, lk.modified, lk.version),
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
                    f"INSERT INTO links ({self._L_COLS}, extra) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        lk.id,
                        lk.a,
                        lk.b,
                        lk.note,
                        lk.created,
                        lk.modified,
                        max(lk.version, 1),
                        json.dumps(extra, ensure_ascii=False),
                    ),
                )
                la += 1
            return ha, hp, la, lp

        return self._write(action)

    def link_extra_of(self, link_id: str) -> dict[str, Any]:
        rows = self._read("SELECT extra FROM links WHERE id = ?", (link_id,))
        return dict(json.loads(rows[0][0])) if rows else {}

    def update_link(self, link_id: str, *, note: str, base_version: int | None = None) -> Link:
        """Change a link's note. ``base_version`` as in ``update_highlight``: a link changed
        or deleted elsewhere since raises ``ConflictError`` and nothing is written."""
        check_text("the note", note)
        changes = LinkChanges(note=note)

        def action(conn: sqlite3.Connection) -> None:
            self._check_link_unchanged(conn, link_id, base_version, changes)
            self._apply_link(conn, link_id, changes, undelete=False)

        self._write(action)
        return self.get_link(link_id)

    def _check_link_unchanged(
        self,
        conn: sqlite3.Connection,
        link_id: str,
        base_version: int | None,
        changes: LinkChanges,
    ) -> None:
        row = conn.execute(
            f"SELECT {self._L_COLS}, deleted FROM links WHERE id = ?", (link_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no link with id {link_id}")
        theirs, deleted = Link(*row[:7]), row[7]
        if deleted is None and (base_version is None or theirs.version == base_version):
            return
        raise ConflictError(
            changes.applied_to(theirs, base_version), theirs, changes, deleted is not None
        )

    @staticmethod
    def _apply_link(
        conn: sqlite3.Connection, link_id: str, changes: LinkChanges, *, undelete: bool
    ) -> None:
        Highlights._update_row(
            conn,
            "links",
            link_id,
            delete=changes.delete,
            undelete=undelete,
            fields={"note": changes.note},
        )

    def get_link(self, link_id: str) -> Link:
        rows = self._read(f"SELECT {self._L_COLS} FROM links WHERE id = ?", (link_id,))
        if not rows:
            raise StoreError(f"no link with id {link_id}")
        return Link(*rows[0])

    def unlink(self, link_id: str, *, base_version: int | None = None) -> None:
        """Remove a link (kept, marked deleted: ``restore_link`` undoes it). ``base_version``
        as in ``delete_highlight``: a link whose note changed elsewhere since is not removed
        (``ConflictError``, ``changes.delete``)."""
        if base_version is None:
            self._set_deleted("links", link_id, now_iso())
            return
        changes = LinkChanges(delete=True)

        def action(conn: sqlite3.Connection) -> None:
            row = conn.execute("SELECT deleted FROM links WHERE id = ?", (link_id,)).fetchone()
            if row is None:
                raise StoreError(f"no link with id {link_id}")
            if row[0] is not None:
                return  # removed elsewhere too
            self._check_link_unchanged(conn, link_id, base_version, changes)
            self._apply_link(conn, link_id, changes, undelete=False)

        self._write(action)

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
            f"SELECT l.id, l.a, l.b, l.note, l.created, l.modified, l.version FROM links l "
            f"JOIN highlights ha ON ha.id = l.a JOIN highlights hb ON hb.id = l.b "
            f"WHERE l.deleted IS NULL AND ha.deleted IS NULL AND hb.deleted IS NULL "
            f"AND (ha.article_id IN ({marks}) OR hb.article_id IN ({marks})) "
            f"ORDER BY l.created, l.id",
            [*ids, *ids],
        )
        return [Link(*r) for r in rows]

    def all_links(self) -> list[Link]:
        rows = self._read(
            "SELECT l.id, l.a, l.b, l.note, l.created, l.modified, l.version FROM links l "
            "JOIN highlights ha ON ha.id = l.a JOIN highlights hb ON hb.id = l.b "
            "WHERE l.deleted IS NULL AND ha.deleted IS NULL AND hb.deleted IS NULL "
            "ORDER BY l.created, l.id"
        )
        return [Link(*r) for r in rows]
