"""Another program cuts the open store short (``truncate``) or writes over it in place. Before,
a save after that could still report success (the write went into SQLite's write-ahead log)
and closing wrote the log back into the cut file: the next start found it damaged. Now the
damage is noticed before each read and write: what the connection can still read whole is
put back in place of the damaged file; else the save fails with one line that names where the
damaged file and its log were moved (never deleted) and the backup to restore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes.store import Store
from diptych.core.notes.store.connection import check_file
from diptych.core.reading.articles import article_from_text

TEXT = "\n\n".join(f"Paragraph {i} says something about the harbour fire." for i in range(12))
NOTES = [f"note {i} " * 50 for i in range(6)]


def _store_with_notes(db: Path) -> tuple[Store, list[str]]:
    art = article_from_text(TEXT, "text", source_path=str(db.with_name("a.txt")))
    store = Store.open(db, backups=False)
    ids = []
    for i, note in enumerate(NOTES):
        start = TEXT.index(f"Paragraph {i}")
        ids.append(store.add_highlight(art, start, start + 11, note=note).id)
    return store, ids


def test_what_the_store_can_still_read_is_put_back_whole(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    store, ids = _store_with_notes(db)
    try:
        # every page in the log (as after a big change), so the connection reads it all
        store._db.require().execute("VACUUM")
        os.truncate(db, 0)  # another program: `truncate -s 0 notes.sqlite3`
        store.update_highlight(ids[0], note="typed after the file was cut")
        assert any("cut short" in n and "back in place" in n for n in store.notices)
    finally:
        store.close()
    assert check_file(db) == "ok"
    with Store.open(db, backups=False) as again:
        assert again.get(ids[0]).note == "typed after the file was cut"
        assert [again.get(h).note for h in ids[1:]] == NOTES[1:]
    assert list(tmp_path.glob("notes.sqlite3.damaged-*"))  # set aside, not deleted


@pytest.mark.parametrize("damage", ["truncate", "cp"])
def test_a_save_into_a_file_that_cannot_be_read_whole_fails_and_the_next_start_offers_a_backup(
    tmp_path: Path, damage: str
) -> None:
    db = tmp_path / "notes.sqlite3"
    store, ids = _store_with_notes(db)
    store.backup_now()
    try:
        # the notes in the file itself (checkpointed) and not in SQLite's memory (a store
        # bigger than its page cache): what was cut is gone, nothing whole can be copied out
        conn = store._db.require()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA cache_size = 0")
        conn.execute("PRAGMA shrink_memory")
        if damage == "truncate":
            os.truncate(db, 4096)  # `truncate -s 4k notes.sqlite3`
        else:
            with open(db, "r+b") as fh:  # `cp /etc/hosts notes.sqlite3`: same file, new bytes
                fh.write(b"127.0.0.1 localhost\n" * 50)
                fh.truncate()
        with pytest.raises(StoreError) as err:
            store.update_highlight(ids[0], note="typed after the file was damaged")
        said = str(err.value)
        assert "cut short or written over by another program" in said
        assert "restart Diptych" in said and "\n" not in said
        with pytest.raises(StoreError) as again:  # and every later save, without a retry loop
            store.update_highlight(ids[1], note="and this one")
        assert "cut short or written over" in str(again.value)
    finally:
        store.close()
    with Store.open(db) as restarted:  # the usual start on a damaged file: set aside, offered
        assert restarted.damaged_moved_to is not None and restarted.damaged_moved_to.exists()
        assert any("newest good backup" in n for n in restarted.notices)
