"""What is at ``--db`` and what happens to it (issue 10 items 1, 4, 11, 13, 14): only proven
damage sets a store aside; devices, FIFOs, directories, foreign files and dangling links are
refused and left as they are; each store has its own backups, and the one a damage notice
names is kept; a store briefly replaced by a directory is reopened, not lost until restart.

Some attacks need root (a tiny tmpfs for a full disk, a read-only remount, device files) or
another user (an unreadable folder): those tests skip where that is not possible."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes.store import Store, backups, connection
from helpers.articles import make_article

TEXT = "Rivers carry sediment to the sea. The delta grows each year as the silt settles. " * 8


ARTICLE = make_article(TEXT, "urn:test:a", "A")


def fill(db: Path, n: int = 20) -> list[str]:
    with Store.open(db) as s:
        return [s.add_highlight(ARTICLE, i, i + 8, note=f"note {i}").id for i in range(n)]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diptych", *args], capture_output=True, text=True, timeout=60
    )


AS_NOBODY = textwrap.dedent(
    """
    import os, sys
    # everything the command needs is loaded first: the interpreter's own files are not
    # readable by the user we become
    import diptych.cli, diptych.cli.app, diptych.cli.highlights, diptych.core.notes.store
    import diptych.core.notes.interchange, diptych.core.reading.articles
    import encodings.idna, json, locale, traceback, tempfile, shlex, shutil
    import diptych.core.notes.store.values as values
    values.default_db_path()  # platformdirs, imported when first asked
    diptych.cli.build_parser()
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
    sys.exit(diptych.cli.main(sys.argv[1:]))
    """
)


def cli_as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI run by another user (nobody), when we are root."""
    return subprocess.run(
        [sys.executable, "-c", AS_NOBODY, *args], capture_output=True, text=True, timeout=60
    )


def null_device(folder: Path) -> Path:
    """A private copy of /dev/null (same device numbers): an attack on it that succeeds
    (code before the fix turned the device into a regular file) must not break the
    machine's own /dev/null."""
    dev = folder / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("needs root to make a device file")
    return dev


@pytest.fixture
def world_readable() -> Iterator[Path]:
    """A folder every user can enter (pytest's own temporary folders are 0700)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="diptych-shared-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str = "400k") -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("needs root to mount a tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill_disk(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"x" * 1024)
    finally:
        os.close(fd)


# -- item 1: transient errors never set a healthy store aside -----------------------------

LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # keeps even readers out
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE highlights SET note = note")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    """
)


def test_a_store_locked_by_another_program_at_open_is_refused_never_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    ids = fill(db)
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)  # "locked for longer than that"
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        before = listing(tmp_path)
        with pytest.raises(StoreError, match="locked") as caught:
            Store.open(db)
        assert "\n" not in str(caught.value) and "left as it is" in str(caught.value)
        assert listing(tmp_path) == before  # nothing renamed, nothing created
    finally:
        holder.communicate(b"go\n", timeout=10)
    with Store.open(db) as s:  # and once the lock is gone, everything is there
        assert s.notices == [] and {h.id for h in s.all_highlights()} == set(ids)


def test_a_full_disk_at_open_refuses_with_one_line_and_touches_nothing(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "small") as disk:
        db = disk / "s" / "h.sqlite3"
        ids = fill(db)
        fill_disk(disk)
        before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
        try:
            s = Store.open(db)
        except StoreError as exc:
            assert "\n" not in str(exc) and "left as it is" in str(exc)
        else:  # opening may succeed read-only-ish on some kernels: then it must not lie
            with s:
                assert {h.id for h in s.all_highlights()} == set(ids)
        assert not list(db.parent.glob("*.corrupt-*")), "a healthy store was set aside"
        assert db.read_bytes() == before["h.sqlite3"]
        (disk / "filler").unlink()
        with Store.open(db) as s:
            assert s.notices == [] and {h.id for h in s.all_highlights()} == set(ids)


def test_a_disk_that_fills_while_saving_keeps_the_old_note_and_the_store_healthy(
    tmp_path: Path,
) -> None:
    with small_tmpfs(tmp_path / "small", "600k") as disk:
        db = disk / "s" / "h.sqlite3"
        with Store.open(db, backups=False) as s:
            h = s.add_highlight(ARTICLE, 0, 6, note="old")
            fill_disk(disk)
            with pytest.raises(StoreError) as caught:
                s.update_highlight(h.id, note="x" * 400_000)
            assert "\n" not in str(caught.value)
            assert "full" in str(caught.value) or "disk" in str(caught.value)
            assert s.get(h.id).note == "old"
            (disk / "filler").unlink()
            assert s.update_highlight(h.id, note="new").note == "new"
            assert s.integrity_check() == "ok"
        assert not list(db.parent.glob("*.corrupt-*"))


def test_a_store_in_a_read_only_folder_opens_read_only_and_says_so(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "small", "2m") as disk:
        db = disk / "s" / "h.sqlite3"
        ids = fill(db)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with Store.open(db) as s:
            assert s.read_only and "cannot be written" in s.notices[-1]
            assert {h.id for h in s.all_highlights()} == set(ids)
            with pytest.raises(StoreError, match="read-only"):
                s.update_highlight(ids[0], note="x")


# -- item 11: what is not a regular file is refused, and what we did not make is left alone --


@pytest.mark.parametrize("kind", ["dev_null", "fifo", "directory", "socket"])
def test_what_is_not_a_regular_file_is_refused_and_left_as_it_is(tmp_path: Path, kind: str) -> None:
    if kind == "dev_null":
        target = null_device(tmp_path)
    else:
        target = tmp_path / kind
        if kind == "fifo":
            os.mkfifo(target)  # opening it for reading would block forever
        elif kind == "directory":
            target.mkdir()
        else:
            import socket

            sock = socket.socket(socket.AF_UNIX)
            sock.bind(str(target))
    mode = os.lstat(target).st_mode
    with pytest.raises(StoreError) as caught:
        Store.open(target)
    assert "\n" not in str(caught.value)
    assert os.lstat(target).st_mode == mode  # still the device / FIFO / directory it was
    assert listing(tmp_path) == [target.name]  # nothing made beside it either


def test_cli_with_db_dev_null_says_one_line_and_leaves_the_device(tmp_path: Path) -> None:
    null = null_device(tmp_path)
    done = cli("highlights", "backups", "--db", str(null))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "not a regular file" in done.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_fifo_as_wal_is_refused_too(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    fill(db)
    os.mkfifo(f"{db}-wal")
    with pytest.raises(StoreError, match="not a regular file"):
        Store.open(db)


def test_a_file_that_is_not_sqlite_given_as_db_is_refused_not_renamed(tmp_path: Path) -> None:
    mine = tmp_path / "thesis.txt"
    mine.write_text("Chapter 1. My own words, not a database.\n" * 50, encoding="utf-8")
    before = mine.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database") as caught:
        Store.open(mine)
    assert "left as it is" in str(caught.value)
    assert listing(tmp_path) == ["thesis.txt"] and mine.read_bytes() == before


def test_someone_elses_sqlite_database_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    theirs = tmp_path / "recipes.db"
    conn = sqlite3.connect(theirs)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    before = theirs.read_bytes()
    with pytest.raises(StoreError, match="not a Diptych highlights store"):
        Store.open(theirs)
    assert theirs.read_bytes() == before and listing(tmp_path) == ["recipes.db"]


def test_a_dangling_symlink_is_refused_and_nothing_is_created_through_it(tmp_path: Path) -> None:
    link = tmp_path / "h.sqlite3"
    target = tmp_path / "elsewhere" / "real.sqlite3"
    target.parent.mkdir()
    link.symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        Store.open(link)
    assert not target.exists() and listing(target.parent) == []


def test_a_symlink_to_a_real_store_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real" / "h.sqlite3"
    ids = fill(real)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    with Store.open(link) as s:
        assert {h.id for h in s.all_highlights()} == set(ids)


# -- item 13: a folder we may not enter --------------------------------------------------


def test_db_in_a_folder_we_cannot_enter_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    locked = tmp_path / "private"
    locked.mkdir(mode=0o700)
    fill(locked / "h.sqlite3")
    db = str(locked / "h.sqlite3")
    os.chmod(tmp_path, 0o755)
    if os.geteuid() == 0:
        done = cli_as_nobody("highlights", "list", "--all", "--db", db)
    else:  # pragma: no cover - as a normal user, the folder's mode is enough
        os.chmod(locked, 0)
        try:
            done = cli("highlights", "list", "--all", "--db", db)
        finally:
            os.chmod(locked, 0o700)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "ermission denied" in done.stderr
    assert listing(locked) == ["h.sqlite3"]


def test_a_store_another_user_may_read_but_not_write_opens_read_only(world_readable: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to act as another user")
    shared = world_readable
    db = shared / "h.sqlite3"
    fill(db, 3)
    os.chmod(db, 0o644)
    before = listing(shared)
    done = cli_as_nobody("highlights", "list", "--all", "--json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "cannot be written" in done.stderr and "Traceback" not in done.stderr
    assert listing(shared) == before


def test_a_store_another_user_may_not_read_is_one_line_and_untouched(world_readable: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to act as another user")
    shared = world_readable
    db = shared / "h.sqlite3"
    fill(db, 3)
    before = listing(shared)
    done = cli_as_nobody("highlights", "list", "--all", "--db", str(db))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "ermission denied" in done.stderr
    assert listing(shared) == before


# -- item 14: a store briefly replaced by a directory --------------------------------------


def test_a_store_briefly_replaced_by_a_directory_is_reopened_not_lost_until_restart(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    with Store.open(db) as s:
        h = s.add_highlight(ARTICLE, 0, 6, note="before")
        os.rename(db, tmp_path / "away")
        db.mkdir()
        with pytest.raises(StoreError, match="directory") as caught:
            s.update_highlight(h.id, note="while a directory")
        assert "\n" not in str(caught.value)
        with pytest.raises(StoreError, match="directory"):
            s.get(h.id)
        db.rmdir()
        os.rename(tmp_path / "away", db)
        assert s.update_highlight(h.id, note="after").note == "after"
        assert s.get(h.id).note == "after"
    with Store.open(db) as again:
        assert again.get(h.id).note == "after"


def test_a_store_that_vanished_is_not_replaced_by_a_new_empty_one(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    with Store.open(db) as s:
        h = s.add_highlight(ARTICLE, 0, 6, note="kept")
        os.rename(db, tmp_path / "away")
        with pytest.raises(StoreError, match="is gone"):
            s.update_highlight(h.id, note="into a new file?")
        assert not db.exists()
        os.rename(tmp_path / "away", db)
        assert s.update_highlight(h.id, note="back").note == "back"


# -- item 4: backups ------------------------------------------------------------------------


def test_two_stores_in_one_folder_never_share_backups(tmp_path: Path) -> None:
    notes, notes2 = tmp_path / "notes.db", tmp_path / "notes-2.db"
    fill(notes2, 3)
    with Store.open(notes2) as s2:
        (b2,) = s2.backups()
    fill(notes, 3)
    with Store.open(notes) as s1:
        (b1,) = s1.backups()  # notes-2's recent backup did not stop notes' own
        assert b1 != b2 and b1.parent != b2.parent
    assert Store.open(notes).backups() == [b1]
    assert Store.open(notes2).backups() == [b2]
    # damage to notes offers notes' backup, never notes-2's
    notes.write_bytes(notes.read_bytes()[:5000])
    with Store.open(notes) as s1:
        assert str(b1) in s1.notices[0] and str(b2) not in s1.notices[0]


def test_backups_written_by_an_older_diptych_are_still_found(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    fill(db, 3)
    with Store.open(db) as s:
        (made,) = s.backups()
    old = tmp_path / "backups" / "notes-20250101T000000Z.sqlite3"
    shutil.copy(made, old)
    other = tmp_path / "backups" / "notes-2-20250101T000000Z.sqlite3"
    shutil.copy(made, other)
    with Store.open(db) as s:
        assert s.backups() == [made, old]  # notes-2's is not notes'


def test_the_backup_named_in_a_damage_notice_is_kept_until_restored_or_dismissed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "h.sqlite3"
    ids = fill(db, 5)
    with Store.open(db) as s:
        (offered,) = s.backups()
    db.write_bytes(db.read_bytes()[:3000])
    with Store.open(db) as s:
        assert str(offered) in s.notices[0]
    # days of a new store: a backup at every open, more than BACKUPS_KEPT of them
    monkeypatch.setattr(backups, "BACKUP_INTERVAL_S", 0)
    for day in range(backups.BACKUPS_KEPT + 3):
        with Store.open(db) as s:
            s.add_highlight(ARTICLE, day, day + 5)
    with Store.open(db) as s:
        assert offered in s.backups() and offered.exists()
        assert len(s.backups()) == backups.BACKUPS_KEPT + 1
        s.dismiss_backup_offer()
    with Store.open(db) as s:
        assert offered not in s.backups()  # rotated like the others once dismissed
    # restoring also releases what was kept
    db.write_bytes(db.read_bytes()[:3000])
    with Store.open(db) as s:
        kept = s.newest_good_backup()
        assert kept is not None and backups.is_kept(kept)
        s.restore_backup(kept)
        assert not backups.is_kept(kept)
        assert len(s.all_highlights()) >= 1
    assert ids  # the first store's highlights were in the offered backup
