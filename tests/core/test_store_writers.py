"""Two writers on one store (issue 10 items 2 and 15): a stale save is a conflict, never an
overwrite; nothing is written into a row deleted elsewhere; another program's lock is waited
for, reported, and bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes.store import WAITING_MESSAGE, ConflictError, Store
from helpers.articles import make_article

TEXT = "Rivers carry sediment to the sea. The delta grows each year as the silt settles."


ARTICLE = make_article(TEXT, "urn:test:a", "A")


def other_process(db: Path, code: str) -> None:
    """Run ``code`` with ``store`` open on ``db`` in another process (another window)."""
    script = "import sys\nfrom diptych.core.notes.store import Store\n"
    script += f"with Store.open({str(db)!r}, backups=False) as store:\n"
    script += textwrap.indent(textwrap.dedent(code), "    ")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "h.sqlite3"


# -- item 2: two windows -----------------------------------------------------------------


def test_a_stale_save_from_another_window_is_a_conflict_not_an_overwrite(db: Path) -> None:
    with Store.open(db) as window1:
        shown = window1.add_highlight(ARTICLE, 0, 6, note="first")
        other_process(db, f"store.update_highlight({shown.id!r}, note='theirs')")
        with pytest.raises(ConflictError) as caught:
            window1.update_highlight(shown.id, note="mine", base_version=shown.version)
        conflict = caught.value
        assert "\n" not in str(conflict) and "another Diptych window" in str(conflict)
        assert (conflict.mine.note, conflict.theirs.note) == ("mine", "theirs")
        assert not conflict.theirs_deleted and conflict.kind == "highlight"
        assert window1.get(shown.id).note == "theirs"  # nothing was overwritten

        assert window1.keep_theirs(conflict).note == "theirs"
        both = window1.keep_both(conflict)
        assert both.id != shown.id and both.note == "mine"
        assert both.quote == shown.quote and both.article_id == shown.article_id
        assert window1.get(shown.id).note == "theirs"
        kept = window1.keep_mine(conflict)
        assert kept.note == "mine" and kept.version > conflict.theirs.version
        # a save from the value now shown goes through
        assert window1.update_highlight(kept.id, note="again", base_version=kept.version).note == (
            "again"
        )


def test_keep_mine_on_a_row_that_changed_once_more_is_a_new_conflict(db: Path) -> None:
    with Store.open(db) as window1:
        shown = window1.add_highlight(ARTICLE, 0, 6, note="first")
        other_process(db, f"store.update_highlight({shown.id!r}, note='theirs 1')")
        with pytest.raises(ConflictError) as caught:
            window1.update_highlight(shown.id, note="mine", base_version=shown.version)
        other_process(db, f"store.update_highlight({shown.id!r}, note='theirs 2')")
        with pytest.raises(ConflictError) as again:
            window1.keep_mine(caught.value)
        assert again.value.theirs.note == "theirs 2"
        assert window1.get(shown.id).note == "theirs 2"


def test_a_highlight_deleted_in_another_window_is_never_written_into(db: Path) -> None:
    with Store.open(db) as window1:
        shown = window1.add_highlight(ARTICLE, 0, 6, note="first")
        other_process(db, f"store.delete_highlight({shown.id!r})")
        for base in (shown.version, None):  # with or without a row version
            with pytest.raises(ConflictError) as caught:
                window1.update_highlight(shown.id, note="typed on", base_version=base)
            assert caught.value.theirs_deleted and "deleted" in str(caught.value)
        assert window1.is_deleted(shown.id)
        assert window1.get(shown.id).note == "first"
        # "keep mine" brings it back with the note typed meanwhile
        back = window1.keep_mine(caught.value)
        assert back.note == "typed on" and not window1.is_deleted(shown.id)


def test_a_stale_link_note_is_a_conflict_too(db: Path) -> None:
    with Store.open(db) as window1:
        a = window1.add_highlight(ARTICLE, 0, 6)
        b = window1.add_highlight(make_article(TEXT, "urn:test:b", "A"), 7, 12)
        lk = window1.link(a.id, b.id, "ours")
        other_process(db, f"store.update_link({lk.id!r}, note='theirs')")
        with pytest.raises(ConflictError) as caught:
            window1.update_link(lk.id, note="mine", base_version=lk.version)
        assert caught.value.kind == "link" and caught.value.theirs.note == "theirs"
        assert window1.get_link(lk.id).note == "theirs"
        assert window1.keep_mine(caught.value).note == "mine"
        copy = window1.keep_both(caught.value)
        assert copy.id != lk.id and (copy.a, copy.b, copy.note) == (a.id, b.id, "mine")


def test_changed_elsewhere_reports_other_writers_once_and_never_our_own(db: Path) -> None:
    with Store.open(db) as window1:
        assert not window1.changed_elsewhere()
        window1.add_highlight(ARTICLE, 0, 6)
        assert not window1.changed_elsewhere()  # our own write
        other_process(db, "store.add_highlight")  # opening alone changes nothing
        assert not window1.changed_elsewhere()
        other_process(
            db,
            """
            from diptych.core.model import Article, ArticleMeta
            store.remember_article(Article('urn:x', 'x', (), (), (), ArticleMeta(), 'sha256:1'))
            """,
        )
        assert window1.changed_elsewhere()
        assert not window1.changed_elsewhere()


def test_the_cli_adding_while_a_window_is_open_is_seen_and_loses_nothing(
    db: Path, tmp_path: Path
) -> None:
    article = tmp_path / "a.md"
    article.write_text("# A\n\n" + TEXT + "\n", encoding="utf-8")
    with Store.open(db) as window:
        from diptych.core.reading.articles import load_article

        art = load_article(article)
        mine = window.add_highlight(art, *_span(art.text, "Rivers carry"), note="window")
        done = subprocess.run(
            [
                *(sys.executable, "-m", "diptych", "highlights", "add", str(article)),
                *("--quote", "The delta grows", "--note", "cli", "--db", str(db)),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert window.changed_elsewhere()
        notes = sorted(h.note for h in window.highlights_for(art.id))
        assert notes == ["cli", "window"]
        saved = window.update_highlight(mine.id, note="window 2", base_version=mine.version)
        assert saved.note == "window 2"


def _span(text: str, quote: str) -> tuple[int, int]:
    i = text.index(quote)
    return i, i + len(quote)


# -- item 15: another program holds the lock -----------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")  # the write lock, as a saving Diptych holds it
    print("locked", flush=True)
    sys.stdin.readline()             # until the test says so
    conn.execute("COMMIT")
    """
)


class LockHolder:
    """Another process holding the store's write lock until ``release()``."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline() == "locked\n"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("go\n")
            self.proc.stdin.flush()
            self.proc.wait(10)


def test_a_write_waits_for_another_diptych_and_reports_that_it_is_waiting(db: Path) -> None:
    with Store.open(db) as store:
        h = store.add_highlight(ARTICLE, 0, 6, note="old")
        waits: list[float] = []
        holder = LockHolder(db)
        try:
            released = threading.Event()

            def on_wait(seconds: float) -> None:
                waits.append(seconds)
                if len(waits) == 2 and not released.is_set():
                    released.set()
                    holder.release()  # the other Diptych finishes its save

            store.on_wait = on_wait
            saved = store.update_highlight(h.id, note="new")
        finally:
            holder.release()
        assert saved.note == "new"
        assert len(waits) >= 2 and waits[0] >= 0.25 and waits == sorted(waits)
        assert "another program (perhaps another Diptych)" in WAITING_MESSAGE


def test_a_write_gives_up_after_its_bounded_wait_with_one_line_and_keeps_the_old_note(
    db: Path,
) -> None:
    with Store.open(db) as store:
        h = store.add_highlight(ARTICLE, 0, 6, note="old")
        store.wait_timeout_s = 0.6
        holder = LockHolder(db)
        try:
            with pytest.raises(
                StoreError, match=r"another program \(perhaps another Diptych\) keeps it locked"
            ) as caught:
                store.update_highlight(h.id, note="new")
            assert "\n" not in str(caught.value)
        finally:
            holder.release()
        assert store.get(h.id).note == "old"
        assert store.update_highlight(h.id, note="new").note == "new"


def test_reads_are_not_held_up_while_a_write_waits_for_the_lock(db: Path) -> None:
    with Store.open(db) as store:
        h = store.add_highlight(ARTICLE, 0, 6, note="old")
        holder = LockHolder(db)
        waiting = threading.Event()
        store.on_wait = lambda _s: waiting.set()
        writer = threading.Thread(target=lambda: store.update_highlight(h.id, note="new"))
        try:
            writer.start()
            assert waiting.wait(10)
            # the UI thread reads while the write (off the UI thread) is still waiting: with
            # the connection's lock held for SQLite's whole busy wait, this read would stall
            # for seconds (5 s a try); here it takes one slice of the wait at most
            reader = threading.Thread(target=lambda: store.get(h.id))
            reader.start()
            reader.join(2.0)
            assert not reader.is_alive(), "a read was held up by a write waiting for a lock"
            assert writer.is_alive()  # still waiting: the other process holds the lock
        finally:
            holder.release()
            writer.join(10)
        assert store.get(h.id).note == "new"
        assert os.path.exists(db)


def test_a_writer_killed_mid_transaction_leaves_a_healthy_store_and_ours_goes_through(
    db: Path,
) -> None:
    with Store.open(db) as store:
        h = store.add_highlight(ARTICLE, 0, 6, note="old")
        script = HOLDER.replace(
            'conn.execute("BEGIN IMMEDIATE")',
            'conn.execute("BEGIN IMMEDIATE"); conn.execute("UPDATE highlights SET note = \'half\'")',
        )
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stdout.readline() == b"locked\n"
        killed = threading.Event()

        def on_wait(_seconds: float) -> None:
            if not killed.is_set():
                killed.set()
                proc.kill()  # kill -9 while it holds the write lock with a change half made
                proc.wait()

        store.on_wait = on_wait
        saved = store.update_highlight(h.id, note="new")
        assert killed.is_set() and saved.note == "new"
        assert store.integrity_check() == "ok"
    with Store.open(db) as again:
        assert again.notices == [] and again.get(h.id).note == "new"
        assert not list(db.parent.glob("*.corrupt-*"))


def test_a_highlight_deleted_elsewhere_is_neither_reattached_nor_linked(db: Path) -> None:
    with Store.open(db) as window1:
        art = ARTICLE
        h = window1.add_highlight(art, 0, 6)
        other = window1.add_highlight(make_article(TEXT, "urn:test:b", "A"), 7, 12)
        other_process(db, f"store.delete_highlight({h.id!r})")
        with pytest.raises(StoreError, match="was deleted") as caught:
            window1.reattach(h.id, art, 7, 12)
        assert "\n" not in str(caught.value)
        with pytest.raises(StoreError, match="was deleted"):
            window1.link(h.id, other.id, "a link to nothing")
        assert window1.links_for([art.id, "urn:test:b"]) == []
        assert window1.all_links() == [] and window1.get(h.id).position.start == 0


def test_deleting_a_highlight_changed_elsewhere_is_a_conflict_not_a_silent_delete(
    db: Path,
) -> None:
    with Store.open(db) as window1:
        shown = window1.add_highlight(ARTICLE, 0, 6, note="first")
        other_process(db, f"store.update_highlight({shown.id!r}, note='theirs', color='blue')")
        with pytest.raises(ConflictError) as caught:
            window1.delete_highlight(shown.id, base_version=shown.version)
        conflict = caught.value
        assert conflict.is_delete and not conflict.theirs_deleted
        assert "nothing was deleted" in str(conflict)
        assert not window1.is_deleted(shown.id)  # their note stays
        assert window1.keep_theirs(conflict).note == "theirs"
        with pytest.raises(StoreError, match="no second version"):
            window1.keep_both(conflict)
        gone = window1.keep_mine(conflict)  # "delete anyway"
        assert window1.is_deleted(shown.id) and isinstance(gone, type(shown))
        # undo (restore) brings back their row, note and colour included
        back = window1.restore_highlight(shown.id)
        assert (back.note, back.color) == ("theirs", "blue")
        # a row deleted elsewhere already: deleting it again is no conflict
        other_process(db, f"store.delete_highlight({shown.id!r})")
        window1.delete_highlight(shown.id, base_version=back.version)
        assert window1.is_deleted(shown.id)
        # unchanged: deleted at once
        fresh = window1.add_highlight(ARTICLE, 7, 12)
        window1.delete_highlight(fresh.id, base_version=fresh.version)
        assert window1.is_deleted(fresh.id)


def test_deleting_a_highlight_whose_link_note_changed_elsewhere_is_a_conflict(db: Path) -> None:
    # deleting a highlight hides its links and their notes: one changed (or made) elsewhere
    # since the window showed it is not hidden unasked, though the highlight's row is the same
    with Store.open(db) as window1:
        a = window1.add_highlight(ARTICLE, 0, 6)
        b = window1.add_highlight(ARTICLE, 7, 12)
        lk = window1.link(a.id, b.id, "")
        shown = {lk.id: lk.version}
        other_process(db, f"store.update_link({lk.id!r}, note='theirs')")
        with pytest.raises(ConflictError) as caught:
            window1.delete_highlight(a.id, base_version=a.version, link_versions=shown)
        conflict = caught.value
        assert conflict.is_delete and conflict.kind == "highlight"
        assert [x.note for x in conflict.linked] == ["theirs"]
        assert "link" in str(conflict) and "nothing was deleted" in str(conflict)
        assert not window1.is_deleted(a.id)
        # changed once more before the answer: "delete anyway" asks again
        other_process(db, f"store.update_link({lk.id!r}, note='theirs, again')")
        with pytest.raises(ConflictError) as again:
            window1.keep_mine(conflict)
        assert [x.note for x in again.value.linked] == ["theirs, again"]
        window1.keep_mine(again.value)
        assert window1.is_deleted(a.id) and window1.links_for([ARTICLE.id]) == []
        window1.restore_highlight(a.id)  # undo: the link and its note are back
        assert [x.note for x in window1.links_for([ARTICLE.id])] == ["theirs, again"]
        # a link made elsewhere, never shown here: asked about too
        c = window1.add_highlight(ARTICLE, 13, 20)
        other_process(db, f"store.link({c.id!r}, {b.id!r}, 'new elsewhere')")
        with pytest.raises(ConflictError) as made:
            window1.delete_highlight(c.id, base_version=c.version, link_versions={})
        assert [x.note for x in made.value.linked] == ["new elsewhere"]
        # links as shown: deleted at once
        now = {x.id: x.version for x in window1.links_for([ARTICLE.id]) if b.id in (x.a, x.b)}
        window1.delete_highlight(b.id, base_version=window1.get(b.id).version, link_versions=now)
        assert window1.is_deleted(b.id)


def test_unlinking_a_link_whose_note_changed_elsewhere_is_a_conflict(db: Path) -> None:
    with Store.open(db) as window1:
        a = window1.add_highlight(ARTICLE, 0, 6)
        b = window1.add_highlight(ARTICLE, 7, 12)
        lk = window1.link(a.id, b.id, "ours")
        other_process(db, f"store.update_link({lk.id!r}, note='theirs')")
        with pytest.raises(ConflictError) as caught:
            window1.unlink(lk.id, base_version=lk.version)
        assert caught.value.is_delete and caught.value.kind == "link"
        assert [x.note for x in window1.all_links()] == ["theirs"]
        window1.keep_mine(caught.value)
        assert window1.all_links() == []
        assert window1.restore_link(lk.id).note == "theirs"
