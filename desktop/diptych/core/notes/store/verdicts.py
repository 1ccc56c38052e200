"""The reader's verdicts on claims: "same claim" or "not the same", for a pair of passages (one in
each article of a pair), kept with both articles' identities and re-anchored like highlights.

A verdict names two passages by W3C quote and position selectors made on the text each article
had when the verdict was given (its snapshot is remembered too), so it is found again after
an edit, exactly as a highlight is (``Reanchorer``). ``origin`` says whether the reader judged
a claim the engine found ("claim") or added a pair of their own ("reader").

    store.set_verdict(a, (start, end), b, (start, end), "same", origin="claim") -> ClaimVerdict
    store.clear_verdict(id); store.restore_verdict(id)          # soft delete, undo
    store.verdict_state(id) -> VerdictState | None               # kind, origin, undone?
    store.put_verdict_state(id, VerdictState)                    # back to a state (undo/redo)
    store.verdicts_for(a.id, b.id) -> list[ClaimVerdict]         # either orientation
    store.all_verdicts() -> list[ClaimVerdict]                   # every pair, as stored
    store.verdict_count(a.id, b.id) -> int
    store.pair_verdict_count(a, b) -> int                        # through the articles' identity
    store.import_verdicts([ClaimVerdict, ...]) -> (added, present)  # from a W3C file
    store.resolve_verdicts(a, b) -> list[ResolvedVerdict]        # located in the current texts

Setting a verdict on passages that already have one (same articles, same passages) replaces
it in place (its row version goes up) instead of adding a second row.

Verdicts follow an article's identity as highlights do (``Identity``): opened from a renamed,
moved or converted file, or from a copy, either article of the pair finds the verdicts kept
under the ids its text is known by (``same_text_ids``); they stay stored where they were made
(nothing is moved), and are located in the opened texts from their own snapshots. Judging
the same passages again there replaces that verdict in place too.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, replace
from typing import Literal, get_args

from diptych.core.errors import StoreError
from diptych.core.model import AnchorStatus, Article, TextPositionSelector, TextQuoteSelector
from diptych.core.notes.anchoring import Reanchorer, describe
from diptych.core.notes.store.identity import Identity
from diptych.core.notes.store.values import now_iso

VerdictKind = Literal["same", "different"]
VerdictOrigin = Literal["claim", "reader"]


@dataclass(frozen=True)
class Passage:
    """One end of a verdict: where it was in its article when the verdict was given."""

    article_id: str
    quote: TextQuoteSelector
    position: TextPositionSelector
    fingerprint: str


@dataclass(frozen=True)
class ClaimVerdict:
    id: str
    a: Passage
    b: Passage
    verdict: VerdictKind
    origin: VerdictOrigin = "claim"
    created: str = ""
    modified: str = ""
    version: int = 0

    def swapped(self) -> ClaimVerdict:
        """The same verdict seen with the panes exchanged."""
        return ClaimVerdict(
            self.id,
            self.b,
            self.a,
            self.verdict,
            self.origin,
            self.created,
            self.modified,
            self.version,
        )


@dataclass(frozen=True)
class VerdictState:
    """What the window's undo needs of one kept verdict: its kind, origin, and whether it is
    undone (``deleted``)."""

    verdict: VerdictKind
    origin: VerdictOrigin
    deleted: bool


@dataclass(frozen=True)
class ResolvedVerdict:
    """A verdict located in the current texts: spans are -1, -1 when that end is orphaned."""

    verdict: ClaimVerdict
    a_status: AnchorStatus
    a: tuple[int, int]
    b_status: AnchorStatus
    b: tuple[int, int]

    @property
    def found(self) -> bool:
        return self.a_status != "orphaned" and self.b_status != "orphaned"


_V_COLS = (
    "id, a_article, a_exact, a_prefix, a_suffix, a_start, a_end, a_fingerprint, "
    "b_article, b_exact, b_prefix, b_suffix, b_start, b_end, b_fingerprint, "
    "verdict, origin, created, modified, version"
)


def _passage(row: tuple[object, ...]) -> Passage:
    art, exact, prefix, suffix, start, end, fp = row
    return Passage(
        str(art),
        TextQuoteSelector(str(exact), str(prefix), str(suffix)),
        TextPositionSelector(int(start), int(end)),  # type: ignore[call-overload]
        str(fp),
    )


def _verdict(row: tuple[object, ...]) -> ClaimVerdict:
    return ClaimVerdict(
        str(row[0]),
        _passage(row[1:8]),
        _passage(row[8:15]),
        row[15],  # type: ignore[arg-type]
        row[16],  # type: ignore[arg-type]
        str(row[17]),
        str(row[18]),
        int(row[19]),  # type: ignore[call-overload]
    )


class Verdicts(Identity):
    """The verdict half of ``Store``."""

    def set_verdict(
        self,
        a: Article,
        a_span: tuple[int, int],
        b: Article,
        b_span: tuple[int, int],
        verdict: VerdictKind,
        *,
        origin: VerdictOrigin = "claim",
    ) -> ClaimVerdict:
        """Keep the reader's verdict on passage ``a_span`` of ``a`` and ``b_span`` of ``b``
        (code points), replacing the verdict those passages have already (also one given with
        the panes the other way round, or one undone). One transaction."""
        if verdict not in get_args(VerdictKind):
            raise StoreError(f"a verdict is 'same' or 'different', not {verdict!r}")
        if origin not in get_args(VerdictOrigin):
            raise StoreError(f"a verdict's origin is 'claim' or 'reader', not {origin!r}")
        if a.id == b.id:
            raise StoreError("a verdict joins passages of two different articles")
        ends = []
        for art, (start, end) in ((a, a_span), (b, b_span)):
            if not 0 <= start < end <= len(art.text):
                raise StoreError(
                    f"cannot mark [{start}, {end}): the article has {len(art.text)} characters"
                )
            quote, pos = describe(art.text, start, end)
            ends.append(Passage(art.id, quote, pos, art.fingerprint))
        pa, pb = ends
        stamp = now_iso()
        # the same passages judged on another copy of either text: that verdict is replaced
        elsewhere = self._judged_elsewhere(a, a_span, b, b_span)

        def action(conn: sqlite3.Connection) -> ClaimVerdict:
            self._remember(conn, a)
            self._remember(conn, b)
            if elsewhere is not None:
                cur = conn.execute(
                    "UPDATE verdicts SET verdict = ?, origin = ?, modified = ?, "
                    "version = version + 1 WHERE id = ? AND deleted IS NULL",
                    (verdict, origin, stamp, elsewhere.id),
                )
                if cur.rowcount:
                    return replace(
                        elsewhere,
                        verdict=verdict,
                        origin=origin,
                        modified=stamp,
                        version=elsewhere.version + 1,
                    )
            same_place = (
                "((a_article = ? AND a_fingerprint = ? AND a_start = ? AND a_end = ? AND "
                "b_article = ? AND b_fingerprint = ? AND b_start = ? AND b_end = ?) OR "
                "(a_article = ? AND a_fingerprint = ? AND a_start = ? AND a_end = ? AND "
                "b_article = ? AND b_fingerprint = ? AND b_start = ? AND b_end = ?))"
            )
            key_a = (pa.article_id, pa.fingerprint, pa.position.start, pa.position.end)
            key_b = (pb.article_id, pb.fingerprint, pb.position.start, pb.position.end)
            row = conn.execute(
                f"SELECT id, a_article, version, created FROM verdicts WHERE {same_place} "
                "ORDER BY deleted IS NOT NULL, modified DESC LIMIT 1",
                (*key_a, *key_b, *key_b, *key_a),
            ).fetchone()
            if row is not None:
                vid, stored_a, version, created = row
                first, second = (pa, pb) if stored_a == pa.article_id else (pb, pa)
                conn.execute(
                    "UPDATE verdicts SET verdict = ?, origin = ?, modified = ?, deleted = NULL, "
                    "version = version + 1 WHERE id = ?",
                    (verdict, origin, stamp, vid),
                )
                v = ClaimVerdict(vid, first, second, verdict, origin, created, stamp, version + 1)
                return v if stored_a == pa.article_id else v.swapped()
            v = ClaimVerdict(str(uuid.uuid4()), pa, pb, verdict, origin, stamp, stamp, 1)
            conn.execute(
                f"INSERT INTO verdicts ({_V_COLS}) VALUES ({','.join('?' * 20)})",
                (
                    v.id,
                    *_cols(pa),
                    *_cols(pb),
                    v.verdict,
                    v.origin,
                    v.created,
                    v.modified,
                    v.version,
                ),
            )
            return v

        return self._write(action)

    def clear_verdict(self, verdict_id: str) -> None:
        """Undo a verdict (kept, marked deleted; ``restore_verdict`` brings it back)."""
        self._set_verdict_deleted(verdict_id, now_iso())

    def restore_verdict(self, verdict_id: str) -> None:
        self._set_verdict_deleted(verdict_id, None)

    def _set_verdict_deleted(self, verdict_id: str, stamp: str | None) -> None:
        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE verdicts SET deleted = ?, modified = ?, version = version + 1 WHERE id = ?",
                (stamp, now_iso(), verdict_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no verdict with id {verdict_id}")

        self._write(action)

    def verdict_state(self, verdict_id: str) -> VerdictState | None:
        """Verdict ``verdict_id``'s kind, origin and whether it is undone (None: no such id)."""
        rows = self._read(
            "SELECT verdict, origin, deleted IS NOT NULL FROM verdicts WHERE id = ?",
            (verdict_id,),
        )
        if not rows:
            return None
        verdict, origin, deleted = rows[0]
        return VerdictState(verdict, origin, bool(deleted))

    def put_verdict_state(self, verdict_id: str, state: VerdictState) -> None:
        """Give verdict ``verdict_id`` back a state ``verdict_state`` read (the window's undo
        and redo of a verdict). One transaction."""
        if state.verdict not in get_args(VerdictKind) or state.origin not in get_args(
            VerdictOrigin
        ):
            raise StoreError(f"verdict {verdict_id}: not a verdict Diptych knows")
        stamp = now_iso()

        def action(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE verdicts SET verdict = ?, origin = ?, deleted = ?, modified = ?, "
                "version = version + 1 WHERE id = ?",
                (state.verdict, state.origin, stamp if state.deleted else None, stamp, verdict_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no verdict with id {verdict_id}")

        self._write(action)

    def verdicts_for(self, a_id: str, b_id: str) -> list[ClaimVerdict]:
        """The (not undone) verdicts on passages of articles ``a_id`` and ``b_id``, seen with
        ``a_id`` as A, oldest first."""
        rows = self._read(
            f"SELECT {_V_COLS} FROM verdicts WHERE deleted IS NULL AND "
            "((a_article = ? AND b_article = ?) OR (a_article = ? AND b_article = ?)) "
            "ORDER BY created, id",
            (a_id, b_id, b_id, a_id),
        )
        out = []
        for row in rows:
            v = _verdict(tuple(row))
            out.append(v if v.a.article_id == a_id else v.swapped())
        return out

    def import_verdicts(self, verdicts: list[ClaimVerdict]) -> tuple[int, int]:
        """Keep verdicts read from a file (their passages as the file gives them); one with an
        id the store has already (even undone) is left as it is. (added, already there); one
        transaction."""
        for v in verdicts:
            if v.verdict not in get_args(VerdictKind) or v.origin not in get_args(VerdictOrigin):
                raise StoreError(f"verdict {v.id}: not a verdict Diptych knows")
            if v.a.article_id == v.b.article_id:
                raise StoreError(f"verdict {v.id}: joins two passages of one article")

        def action(conn: sqlite3.Connection) -> tuple[int, int]:
            added = present = 0
            for v in verdicts:
                cur = conn.execute(
                    f"INSERT OR IGNORE INTO verdicts ({_V_COLS}) VALUES ({','.join('?' * 20)})",
                    (
                        v.id,
                        *_cols(v.a),
                        *_cols(v.b),
                        v.verdict,
                        v.origin,
                        v.created,
                        v.modified,
                        max(1, v.version),
                    ),
                )
                if cur.rowcount:
                    added += 1
                else:
                    present += 1
            return added, present

        return self._write(action)

    def verdict_count(self, a_id: str, b_id: str) -> int:
        """How many (not undone) verdicts the pair of articles ``a_id``, ``b_id`` has."""
        rows = self._read(
            "SELECT COUNT(*) FROM verdicts WHERE deleted IS NULL AND "
            "((a_article = ? AND b_article = ?) OR (a_article = ? AND b_article = ?))",
            (a_id, b_id, b_id, a_id),
        )
        return int(rows[0][0])

    def all_verdicts(self) -> list[ClaimVerdict]:
        """Every (not undone) verdict of every pair, as stored, oldest first."""
        rows = self._read(
            f"SELECT {_V_COLS} FROM verdicts WHERE deleted IS NULL ORDER BY created, id"
        )
        return [_verdict(tuple(row)) for row in rows]

    def pair_verdict_count(self, a: Article, b: Article) -> int:
        """How many (not undone) verdicts ``resolve_verdicts(a, b)`` will look at: those kept
        under any id either text is known by (a copy, a renamed or converted file)."""
        where, params = _between(self.same_text_ids(a), self.same_text_ids(b))
        rows = self._read(
            f"SELECT COUNT(*) FROM verdicts WHERE deleted IS NULL AND {where}", params
        )
        return int(rows[0][0])

    def _verdicts_between(self, a: Article, b: Article) -> list[ClaimVerdict]:
        """The (not undone) verdicts kept under any id ``a``'s text is known by and any id
        ``b``'s is (their own first: see ``same_text_ids``), seen with ``a`` as A, oldest
        first."""
        ids_a, ids_b = self.same_text_ids(a), self.same_text_ids(b)
        if len(ids_a) == 1 and len(ids_b) == 1:
            return self.verdicts_for(a.id, b.id)
        where, params = _between(ids_a, ids_b)
        rows = self._read(
            f"SELECT {_V_COLS} FROM verdicts WHERE deleted IS NULL AND {where} "
            "ORDER BY created, id",
            params,
        )
        in_a, in_b = set(ids_a), set(ids_b)
        out = []
        for row in rows:
            v = _verdict(tuple(row))
            as_stored = v.a.article_id in in_a and v.b.article_id in in_b
            out.append(v if as_stored else v.swapped())
        return out

    def resolve_verdicts(self, a: Article, b: Article) -> list[ResolvedVerdict]:
        """The verdicts of this pair located in the current texts of ``a`` and ``b`` (found
        again after an edit as highlights are; an end that cannot be found is orphaned).

        Also those kept under another id of either text (a copy, a renamed, moved or
        converted file: ``same_text_ids``). Two verdicts found on the same passages (one
        given on a copy, one on the original) are one: the latest given is kept."""
        verdicts = self._verdicts_between(a, b)
        anchorers = {
            "a": Reanchorer(a.text, a.fingerprint),
            "b": Reanchorer(b.text, b.fingerprint),
        }
        snapshots: dict[tuple[str, str], str | None] = {}
        out = []
        for v in verdicts:
            located = []
            for side, art, end in (("a", a, v.a), ("b", b, v.b)):
                key = (end.article_id, end.fingerprint)
                if end.fingerprint != art.fingerprint and key not in snapshots:
                    snapshots[key] = self.snapshot(*key)
                r = anchorers[side].resolve(
                    end.quote, end.position, end.fingerprint, snapshots.get(key)
                )
                located.append((r.status, (r.start, r.end)))
            (sa, pa), (sb, pb) = located
            out.append(ResolvedVerdict(v, sa, pa, sb, pb))
        return _latest_per_passages(out)

    def _judged_elsewhere(
        self, a: Article, a_span: tuple[int, int], b: Article, b_span: tuple[int, int]
    ) -> ClaimVerdict | None:
        """A verdict on exactly these passages kept under another id of either text (a copy,
        a renamed or converted file), seen with ``a`` as A; None when there is none."""
        if len(self.same_text_ids(a)) == 1 and len(self.same_text_ids(b)) == 1:
            return None
        for r in self.resolve_verdicts(a, b):
            v = r.verdict
            if (r.a, r.b) == (a_span, b_span) and (v.a.article_id, v.b.article_id) != (
                a.id,
                b.id,
            ):
                return v
        return None


def _between(ids_a: list[str], ids_b: list[str]) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause for verdicts joining one of ``ids_a`` and one of ``ids_b``, in either
    order, with its parameters."""
    qa, qb = ",".join("?" * len(ids_a)), ",".join("?" * len(ids_b))
    return (
        f"((a_article IN ({qa}) AND b_article IN ({qb})) OR "
        f"(a_article IN ({qb}) AND b_article IN ({qa})))",
        (*ids_a, *ids_b, *ids_b, *ids_a),
    )


def _latest_per_passages(resolved: list[ResolvedVerdict]) -> list[ResolvedVerdict]:
    """One verdict per pair of found passages (the latest modified); orphans all kept; the
    order of ``resolved`` otherwise."""
    latest: dict[tuple[tuple[int, int], tuple[int, int]], ResolvedVerdict] = {}
    for r in resolved:
        if not r.found:
            continue
        seen = latest.get((r.a, r.b))
        if seen is None or r.verdict.modified > seen.verdict.modified:
            latest[(r.a, r.b)] = r
    keep = {id(r) for r in latest.values()}
    return [r for r in resolved if not r.found or id(r) in keep]


def _cols(p: Passage) -> tuple[object, ...]:
    return (
        p.article_id,
        p.quote.exact,
        p.quote.prefix,
        p.quote.suffix,
        p.position.start,
        p.position.end,
        p.fingerprint,
    )
