"""An article's identity survives a rename, a move or a conversion.

Highlights are stored under the article's id: its canonical URL when one is known, else its
file's URI, which changes when the file is renamed or moved (or converted from ``.md`` to
``.html``). So every snapshot also carries a *content identity* (``values.content_key``: a
hash of its first words), and opening an article with no highlights of its own asks whether
its text is one the store knows under another id:

* the other file is gone (renamed, moved): its highlights are moved to the new id (one
  transaction; their snapshots come along, so re-anchoring still works) — ``moved_from``;
* the other file is still there (a copy): the highlights are shown from where they are,
  not moved — ``still_there``.

Either way ``open_article`` (and ``moved_from(article_id)`` after ``resolve_all``) tells the
caller, so the window can say "these highlights were made on <old path>". Articles whose
file is gone and whose text was not found again are listed by ``lost_articles()``: orphans
from a renamed file are never silent.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from diptych.core.model import Article
from diptych.core.notes.store.merging import Merging
from diptych.core.notes.store.values import ResolvedHighlight, content_key, now_iso
from diptych.core.wording import counted


@dataclass(frozen=True)
class MovedArticle:
    """The highlights of an opened article were found under another id."""

    old_id: str
    old_path: str | None  # the file the highlights were made on, for a file id
    still_there: bool  # True: a copy (highlights shown, not moved); False: moved to the new id
    count: int  # how many highlights

    def describe(self) -> str:
        """One sentence for the user."""
        where = self.old_path or self.old_id
        if self.still_there:
            return (
                f"{counted(self.count, 'highlight')} came from {where}, a copy of this text: "
                + (
                    "it is shown here too (and stays with that file)."
                    if self.count == 1
                    else "they are shown here too (and stay with that file)."
                )
            )
        return (
            f"This text was opened before as {where}, which is gone: its "
            f"{counted(self.count, 'highlight')} moved here with it."
        )


@dataclass(frozen=True)
class OpenedArticle:
    """What ``Store.open_article`` found: the highlights, located in the article's text, and
    whether they came from another path (``moved``, else None)."""

    highlights: list[ResolvedHighlight]
    moved: MovedArticle | None


@dataclass(frozen=True)
class LostArticle:
    """An article with highlights whose file is gone and whose text was not found again."""

    id: str
    path: str
    title: str
    count: int


def file_path_of(article_id: str) -> str | None:
    """The local path of a ``file:`` article id, else None."""
    if not article_id.startswith("file:"):
        return None
    return unquote(urlparse(article_id).path)


def _still_there(article_id: str) -> bool:
    path = file_path_of(article_id)
    if path is None:
        return True  # a URL: never "gone"
    try:
        return Path(path).is_file()
    except OSError:
        return True  # cannot tell: do not move anything


class Identity(Merging):
    """Finding an article's highlights after a rename or move; part of ``Store``."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._moves: dict[str, MovedArticle] = {}  # article id → what its last open found
        self._keys_filled = False

    def resolve_all(self, article: Article) -> list[ResolvedHighlight]:
        """Every (not deleted) highlight of ``article`` located in ``article.text``
        (anchored / reanchored / orphaned). If the article has none under its id but its text
        is known under another (renamed, moved, converted file), those come with it: see
        ``open_article``; ``moved_from(article.id)`` then says so.

        Safe to call from a worker thread; the stored selectors are not changed (a re-anchored
        highlight is found again on each open until the user re-attaches it)."""
        return self.open_article(article).highlights

    def open_article(self, article: Article) -> OpenedArticle:
        """``resolve_all`` that also says whether the highlights came from another path.

        The highlights of one text (same content identity) stay together whichever path
        opened it: those of a file that is gone move here; those of a copy that is still there
        are shown alongside the article's own, on every open (also when the article already
        has highlights of its own, e.g. made on this copy after a first open)."""
        found = self._related(article)
        if not found:
            self._moves.pop(article.id, None)
            return OpenedArticle(self._resolve(article, article.id), None)
        sources = [article.id]
        for aid, _n, there in found:
            if not there and not self.read_only:
                self.adopt(aid, article)
            else:
                sources.append(aid)  # a copy (or a read-only store): shown where they are
        aid, n, there = next((f for f in found if not f[2]), found[0])
        moved = MovedArticle(aid, file_path_of(aid), there, n)
        self._moves[article.id] = moved
        out: list[ResolvedHighlight] = []
        for source in sources:
            out.extend(self._resolve(article, source))
        if len(sources) > 1:
            out.sort(key=lambda r: (r.start < 0, r.start))
        return OpenedArticle(out, moved)

    def moved_from(self, article_id: str) -> MovedArticle | None:
        """What the last ``resolve_all``/``open_article`` of ``article_id`` found moved."""
        return self._moves.get(article_id)

    def find_moved(self, article: Article) -> MovedArticle | None:
        """When ``article``'s text is known under another id with highlights: that one (a
        file that is gone first), else None."""
        found = self._related(article)
        if not found:
            return None
        aid, n, there = next((f for f in found if not f[2]), found[0])
        return MovedArticle(aid, file_path_of(aid), there, n)

    def same_text_ids(self, article: Article) -> list[str]:
        """``article.id`` first, then every other id the store knows ``article``'s text under
        (same content identity: the file renamed, moved, converted or copied), whether or not
        anything is stored under it. What is kept with both articles of a pair (verdicts)
        is found through these, as a copy's highlights are."""
        key = content_key(article.text)
        if not key:
            return [article.id]
        self._fill_content_keys()
        rows = self._read(
            "SELECT DISTINCT id FROM articles WHERE content_key = ? AND id != ? ORDER BY id",
            (key, article.id),
        )
        return [article.id, *(str(r[0]) for r in rows)]

    def _related(self, article: Article) -> list[tuple[str, int, bool]]:
        """Other ids with live highlights whose text has ``article``'s content identity:
        (id, highlight count, still there), most recently changed first."""
        key = content_key(article.text)
        if not key:
            return []
        self._fill_content_keys()
        rows = self._read(
            "SELECT h.article_id, count(*) FROM highlights h WHERE h.deleted IS NULL "
            "AND h.article_id != ? AND h.article_id IN "
            "(SELECT id FROM articles WHERE content_key = ?) GROUP BY h.article_id "
            "ORDER BY max(h.modified) DESC",
            (article.id, key),
        )
        return [(aid, n, _still_there(aid)) for aid, n in rows]

    def adopt(self, old_id: str, article: Article) -> int:
        """Move the live highlights of ``old_id`` (and its snapshots, for re-anchoring) to
        ``article.id``, as one action. Returns how many moved."""

        def action(conn: sqlite3.Connection) -> int:
            self._remember(conn, article)
            conn.execute(
                "INSERT OR IGNORE INTO articles (id, fingerprint, title, text, first_seen, "
                "content_key) SELECT ?, fingerprint, title, text, first_seen, content_key "
                "FROM articles WHERE id = ?",
                (article.id, old_id),
            )
            cur = conn.execute(
                "UPDATE highlights SET article_id = ?, modified = ?, version = version + 1 "
                "WHERE article_id = ? AND deleted IS NULL",
                (article.id, now_iso(), old_id),
            )
            return int(cur.rowcount)

        return self._write(action)

    def _fill_content_keys(self) -> None:
        """Snapshots stored before schema 3 have no content identity yet: compute it once."""
        if self._keys_filled or self.read_only:
            return
        rows = self._read(
            "SELECT id, fingerprint, substr(text, 1, 8000) FROM articles "
            "WHERE content_key = '' AND text IS NOT NULL"
        )
        if rows:

            def action(conn: sqlite3.Connection) -> None:
                conn.executemany(
                    "UPDATE articles SET content_key = ? WHERE id = ? AND fingerprint = ?",
                    [(content_key(text) or "-", aid, fp) for aid, fp, text in rows],
                )

            self._write(action)
        self._keys_filled = True

    def lost_articles(self) -> list[LostArticle]:
        """Articles with live highlights whose file is gone: tell the user where their
        highlights are (``diptych highlights list --all`` lists them)."""
        rows = self._read(
            "SELECT h.article_id, count(*), coalesce((SELECT title FROM articles a WHERE "
            "a.id = h.article_id ORDER BY first_seen DESC LIMIT 1), '') FROM highlights h "
            "WHERE h.deleted IS NULL AND h.article_id LIKE 'file:%' GROUP BY h.article_id"
        )
        out = []
        for aid, n, title in rows:
            path = file_path_of(aid)
            if path is not None and not _still_there(aid):
                out.append(LostArticle(aid, path, title, n))
        return out
