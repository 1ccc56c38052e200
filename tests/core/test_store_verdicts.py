"""The reader's verdicts on claims in the store: kept with both articles' identities, replaced
in place, undoable, re-anchored after an edit, and added to older files by a migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes.store import Store, schema
from helpers.articles import make_article

TEXT_A = "Rivers rose fast. The dam held until noon. Then the town was evacuated."
TEXT_B = "By noon the dam had given way. Nobody was hurt. The town emptied."


def span(text: str, quote: str) -> tuple[int, int]:
    i = text.index(quote)
    return i, i + len(quote)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "d" / "h.sqlite3", backups=False) as s:
        yield s


A = make_article(TEXT_A, "urn:a", "urn:a")
B = make_article(TEXT_B, "urn:b", "urn:b")


def test_a_verdict_is_kept_with_both_articles_and_passages(store: Store) -> None:
    v = store.set_verdict(
        A,
        span(TEXT_A, "The dam held until noon."),
        B,
        span(TEXT_B, "By noon the dam had given way."),
        "different",
    )
    [got] = store.verdicts_for("urn:a", "urn:b")
    assert got == v
    assert got.a.article_id == "urn:a" and got.b.article_id == "urn:b"
    assert got.a.quote.exact == "The dam held until noon."
    assert got.verdict == "different" and got.origin == "claim"
    # seen with the panes exchanged, the ends swap
    [swapped] = store.verdicts_for("urn:b", "urn:a")
    assert swapped.a.article_id == "urn:b" and swapped.b.quote.exact == "The dam held until noon."


def test_a_second_verdict_on_the_same_passages_replaces_the_first(store: Store) -> None:
    sa, sb = span(TEXT_A, "Then the town was evacuated."), span(TEXT_B, "The town emptied.")
    first = store.set_verdict(A, sa, B, sb, "different")
    second = store.set_verdict(B, sb, A, sa, "same")  # also from the other orientation
    assert second.id == first.id and second.version == first.version + 1
    [only] = store.verdicts_for("urn:a", "urn:b")
    assert only.verdict == "same" and only.a.article_id == "urn:a"


def test_undo_and_redo_a_verdict(store: Store) -> None:
    v = store.set_verdict(
        A, span(TEXT_A, "Rivers rose fast."), B, span(TEXT_B, "Nobody was hurt."), "different"
    )
    store.clear_verdict(v.id)
    assert store.verdicts_for("urn:a", "urn:b") == []
    store.restore_verdict(v.id)
    assert [x.id for x in store.verdicts_for("urn:a", "urn:b")] == [v.id]
    with pytest.raises(StoreError, match="no verdict"):
        store.clear_verdict("nope")


def test_verdicts_are_found_again_after_an_edit(store: Store) -> None:
    sa, sb = span(TEXT_A, "Then the town was evacuated."), span(TEXT_B, "The town emptied.")
    store.set_verdict(A, sa, B, sb, "same", origin="reader")
    edited = make_article("Heavy rain. " + TEXT_A, "urn:a", "urn:a")
    [r] = store.resolve_verdicts(edited, B)
    assert r.found and r.a_status == "reanchored"
    assert edited.text[r.a[0] : r.a[1]] == "Then the town was evacuated."
    assert TEXT_B[r.b[0] : r.b[1]] == "The town emptied." and r.b_status == "anchored"
    assert r.verdict.origin == "reader"
    gone = make_article("Something else entirely, with no town at all.", "urn:a", "urn:a")
    [o] = store.resolve_verdicts(gone, B)
    assert not o.found and o.a == (-1, -1)


def test_bad_verdicts_are_refused_with_one_clear_message(store: Store) -> None:
    with pytest.raises(StoreError, match="'same' or 'different'"):
        store.set_verdict(A, (0, 5), B, (0, 5), "maybe")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="characters"):
        store.set_verdict(A, (0, 999), B, (0, 5), "same")
    with pytest.raises(StoreError, match="two different articles"):
        store.set_verdict(A, (0, 5), A, (6, 9), "same")
    assert store.verdicts_for("urn:a", "urn:b") == []


def test_a_version_3_store_gains_the_verdicts_table(tmp_path: Path) -> None:
    db = tmp_path / "d" / "h.sqlite3"
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    for v in (1, 2, 3):
        conn.executescript(schema.MIGRATIONS[v])
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.schema_version() == 4
        s.set_verdict(A, (0, 5), B, (0, 5), "same")
        assert len(s.verdicts_for("urn:a", "urn:b")) == 1


def test_a_verdicts_state_is_read_and_put_back_for_the_windows_undo(store: Store) -> None:
    from diptych.core.notes.store.verdicts import VerdictState

    sa, sb = span(TEXT_A, "Rivers rose fast."), span(TEXT_B, "Nobody was hurt.")
    v = store.set_verdict(A, sa, B, sb, "same", origin="reader")
    assert store.verdict_state(v.id) == VerdictState("same", "reader", False)
    assert store.verdict_state("no-such-id") is None
    store.put_verdict_state(v.id, VerdictState("different", "claim", False))
    [got] = store.verdicts_for("urn:a", "urn:b")
    assert (got.verdict, got.origin, got.version) == ("different", "claim", v.version + 1)
    store.put_verdict_state(v.id, VerdictState("same", "reader", True))
    assert store.verdicts_for("urn:a", "urn:b") == []
    assert store.verdict_state(v.id) == VerdictState("same", "reader", True)
    store.put_verdict_state(v.id, VerdictState("same", "reader", False))
    [back] = store.verdicts_for("urn:a", "urn:b")
    assert (back.verdict, back.origin) == ("same", "reader")
    with pytest.raises(StoreError):
        store.put_verdict_state("no-such-id", VerdictState("same", "claim", False))
