"""The highlights store: actions, durability at open (damaged, empty, newer files), backups."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from diptych.core.errors import StoreError
from diptych.core.notes import store as store_mod
from diptych.core.notes.store import Store, backups, default_db_path, files, schema
from helpers.articles import make_article

TEXT = (
    "Rivers carry sediment to the sea. The delta grows each year as the silt settles.\n"
    "Engineers built levees along the banks to stop the floods, and the marshes shrank.\n"
    "Today the coast loses land every hour, and the towns behind it are at risk."
)


ARTICLE = make_article(TEXT, "urn:test:a", "A")


def span_of(text: str, quote: str) -> tuple[int, int]:
    i = text.index(quote)
    return i, i + len(quote)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "highlights.sqlite3"


@pytest.fixture
def store(db: Path):
    with Store.open(db) as s:
        yield s


# -- files and permissions ---------------------------------------------------------------


def test_default_store_lives_in_the_user_data_dir_with_user_only_permissions() -> None:
    path = default_db_path()
    assert str(path).startswith(os.environ["XDG_DATA_HOME"])
    with Store.open() as s:
        s.add_highlight(ARTICLE, 0, 6)
        assert s.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    Store.open().close()  # the daily backup is made at open, once there is something to keep
    assert stat.S_IMODE((path.parent / "backups").stat().st_mode) == 0o700
    made = list((path.parent / "backups").rglob("*"))
    assert any(p.is_file() for p in made)
    for p in made:
        assert stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600)


def test_store_runs_in_wal_mode_with_full_sync_and_foreign_keys(store: Store) -> None:
    conn = store._require_conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version() == store_mod.SCHEMA_VERSION


# -- actions -----------------------------------------------------------------------------


def test_each_action_is_committed_before_it_returns(store: Store, db: Path) -> None:
    art = ARTICLE
    h = store.add_highlight(art, *span_of(TEXT, "The delta grows"), color="green", note="n1")
    other = sqlite3.connect(db)  # a second reader sees it at once: it is committed
    assert other.execute("SELECT note, color FROM highlights").fetchall() == [("n1", "green")]
    store.update_highlight(h.id, note="n2")
    assert other.execute("SELECT note FROM highlights").fetchall() == [("n2",)]
    other.close()


def test_highlight_round_trips_with_selectors_and_snapshot(store: Store) -> None:
    art = ARTICLE
    start, end = span_of(TEXT, "levees along the banks")
    h = store.add_highlight(art, start, end, color="blue", note="why here?", tags=["geo", "x"])
    got = store.get(h.id)
    assert got == h
    assert got.quote.exact == "levees along the banks"
    assert got.quote.prefix == TEXT[start - 32 : start]
    assert (got.position.start, got.position.end) == (start, end)
    assert got.fingerprint == art.fingerprint and got.tags == ("geo", "x")
    assert store.snapshot(art.id, art.fingerprint) == TEXT


def test_update_changes_only_what_is_given(store: Store) -> None:
    h = store.add_highlight(ARTICLE, 0, 6, color="yellow", note="keep")
    h2 = store.update_highlight(h.id, color="pink")
    assert (h2.color, h2.note) == ("pink", "keep")
    h3 = store.update_highlight(h.id, tags=["a", " a ", "b", ""])
    assert h3.tags == ("a", "b") and h3.color == "pink"
    assert store.all_tags() == ["a", "b"]


def test_delete_is_undoable_and_never_removes_the_row(store: Store) -> None:
    art = ARTICLE
    h = store.add_highlight(art, 0, 6, note="precious")
    store.delete_highlight(h.id)
    assert store.highlights_for(art.id) == []
    assert store.is_deleted(h.id)
    assert [x.id for x in store.highlights_for(art.id, include_deleted=True)] == [h.id]
    restored = store.restore_highlight(h.id)
    assert restored.note == "precious" and store.highlights_for(art.id) == [restored]


def test_unknown_ids_and_bad_ranges_raise_store_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no highlight"):
        store.update_highlight("nope", note="x")
    with pytest.raises(StoreError, match="no highlight"):
        store.delete_highlight("nope")
    with pytest.raises(StoreError, match="cannot highlight"):
        store.add_highlight(ARTICLE, 5, 5)
    with pytest.raises(StoreError, match="colour"):
        store.add_highlight(ARTICLE, 0, 5, color="")


def test_links_join_two_highlights_and_follow_their_deletion(store: Store) -> None:
    a = ARTICLE
    b = make_article(TEXT.replace("Rivers", "Streams"), "urn:test:b", "B")
    ha = store.add_highlight(a, *span_of(a.text, "The delta grows"))
    hb = store.add_highlight(b, *span_of(b.text, "The delta grows"))
    lk = store.link(ha.id, hb.id, "same claim")
    assert store.links_for([a.id]) == [lk] == store.links_for([b.id, a.id])
    assert store.update_link(lk.id, note="edited").note == "edited"
    store.delete_highlight(hb.id)
    assert store.links_for([a.id]) == []
    store.restore_highlight(hb.id)
    store.unlink(lk.id)
    assert store.links_for([a.id]) == []
    assert store.restore_link(lk.id).note == "edited"
    with pytest.raises(StoreError):
        store.link(ha.id, ha.id)
    with pytest.raises(StoreError, match="no highlight"):
        store.link(ha.id, "missing")


def test_link_passages_is_one_action_new_highlights_and_link_together(store: Store) -> None:
    a = ARTICLE
    b = make_article(TEXT.replace("Rivers", "Streams"), "urn:test:b", "B")
    hb = store.add_highlight(b, *span_of(b.text, "the marshes shrank"), color="blue")
    lk, made = store.link_passages(
        [(a, *span_of(a.text, "the marshes shrank"), "green"), hb.id], "same point"
    )
    assert [h.quote.exact for h in made] == ["the marshes shrank"]
    assert made[0].color == "green" and lk.a == made[0].id and lk.b == hb.id
    assert store.get(made[0].id).article_id == a.id
    assert store.snapshot(a.id, a.fingerprint) == a.text  # the snapshot came with it
    assert store.links_for([a.id]) == [lk]


def test_link_passages_that_fails_stores_nothing(store: Store, db: Path) -> None:
    a = ARTICLE
    b = make_article(TEXT.replace("Rivers", "Streams"), "urn:test:b", "B")
    before = len(store.all_highlights(include_deleted=True))
    # the second end names a highlight that does not exist: the first end's new highlight
    # must not be left behind (it was one user action)
    with pytest.raises(StoreError, match="no highlight"):
        store.link_passages([(a, 0, 6, "yellow"), "missing-id"])
    # a full disk half-way: neither highlight nor link
    conn = store._require_conn()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk is full"):
        store.link_passages([(a, 0, 6, "yellow"), (b, 0, 7, "yellow")], "x" * 200_000)
    conn.execute("PRAGMA max_page_count = 1073741823")
    with Store.open(db) as again:  # what is on disk, seen by another connection
        assert len(again.all_highlights(include_deleted=True)) == before
        assert again.all_links() == []
    with pytest.raises(StoreError):
        store.link_passages([(a, 0, 6, "yellow")])


def test_every_distinct_text_version_is_kept(store: Store) -> None:
    v1 = ARTICLE
    v2 = make_article(TEXT + " More.", ARTICLE.id, "A")
    store.remember_article(v1)
    store.remember_article(v2)
    store.remember_article(v1)
    assert store.snapshot(v1.id, v1.fingerprint) == v1.text
    assert store.snapshot(v1.id, v2.fingerprint) == v2.text


# -- text that SQLite or UTF-8 could trip over -------------------------------------------


def test_note_with_nul_is_stored_exactly(store: Store, db: Path) -> None:
    note = "before\x00after \u0301 😀"
    h = store.add_highlight(ARTICLE, 0, 6, note=note)
    store.close()
    with Store.open(db) as again:
        assert again.get(h.id).note == note


def test_note_with_unpaired_surrogate_is_refused_clearly_and_nothing_changes(
    store: Store,
) -> None:
    h = store.add_highlight(ARTICLE, 0, 6, note="good")
    with pytest.raises(StoreError, match=r"unpaired surrogate U\+D800 at position 4"):
        store.update_highlight(h.id, note="bad \ud800 note")
    with pytest.raises(StoreError, match="unpaired surrogate"):
        store.add_highlight(ARTICLE, 0, 6, note="\udfff")
    assert store.get(h.id).note == "good"
    assert len(store.all_highlights()) == 1


def test_full_disk_while_saving_a_note_gives_a_clear_error_and_keeps_the_old_note(
    store: Store,
) -> None:
    h = store.add_highlight(ARTICLE, 0, 6, note="old")
    conn = store._require_conn()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite reports SQLITE_FULL past this
    with pytest.raises(StoreError, match="disk is full"):
        store.update_highlight(h.id, note="x" * 200_000)
    assert store.get(h.id).note == "old"
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.update_highlight(h.id, note="new").note == "new"


# -- resolving against the current text ----------------------------------------------------


def test_resolve_all_reports_anchored_reanchored_and_orphaned(store: Store) -> None:
    v1 = ARTICLE
    kept = store.add_highlight(v1, *span_of(TEXT, "Engineers built levees"), note="kept")
    moved = store.add_highlight(v1, *span_of(TEXT, "the coast loses land"), note="moved")
    gone = store.add_highlight(v1, *span_of(TEXT, "The delta grows each year"), note="gone")
    assert {r.status for r in store.resolve_all(v1)} == {"anchored"}

    v2_text = "A new opening line.\n" + TEXT.replace(
        " The delta grows each year as the silt settles.", ""
    )
    v2 = make_article(v2_text, ARTICLE.id, "A")
    by_id = {r.id: r for r in store.resolve_all(v2)}
    assert by_id[kept.id].status == "reanchored"
    assert v2_text[by_id[kept.id].start : by_id[kept.id].end] == "Engineers built levees"
    assert v2_text[by_id[moved.id].start : by_id[moved.id].end] == "the coast loses land"
    assert (by_id[gone.id].status, by_id[gone.id].start) == ("orphaned", -1)
    # nothing was changed by resolving: the orphan and its note are still there
    assert store.get(gone.id).note == "gone"


def test_reattach_moves_an_orphan_to_the_chosen_words(store: Store) -> None:
    v1 = ARTICLE
    h = store.add_highlight(v1, *span_of(TEXT, "The delta grows each year"), note="n")
    v2 = make_article(
        TEXT.replace("The delta grows each year", "Its fan spreads annually"), ARTICLE.id, "A"
    )
    assert store.resolve_all(v2)[0].status == "orphaned"
    new = store.reattach(h.id, v2, *span_of(v2.text, "Its fan spreads annually"))
    assert new.note == "n" and new.fingerprint == v2.fingerprint
    r = store.resolve_all(v2)[0]
    assert r.status == "anchored" and v2.text[r.start : r.end] == "Its fan spreads annually"


# -- what happens at open ------------------------------------------------------------------


def _fill(db: Path, n: int = 300) -> list[str]:
    art = make_article(TEXT * 20, ARTICLE.id, "A")
    with Store.open(db) as s:
        return [s.add_highlight(art, i, i + 10, note=f"note {i} " * 20).id for i in range(n)]


def _fill_with_backup(db: Path, n: int = 300) -> list[str]:
    """A store of ours: filled, then opened again so that its daily backup exists (a file
    with backups is provably Diptych's; a file without SQLite's header is then damage)."""
    ids = _fill(db, n)
    Store.open(db).close()
    return ids


def test_zero_byte_file_is_reported_and_kept_aside(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    with Store.open(db) as s:
        assert len(s.notices) == 1 and "empty (0-byte)" in s.notices[0]
        s.add_highlight(ARTICLE, 0, 5)
    aside = list(db.parent.glob("highlights.sqlite3.empty-*"))
    assert len(aside) == 1 and aside[0].stat().st_size == 0


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "bad_page"],
)
def test_damaged_file_is_moved_aside_untouched_and_a_new_store_opens(db: Path, damage: str) -> None:
    _fill_with_backup(db)
    raw = db.read_bytes()
    if damage == "garbage":
        bad = os.urandom(8192)
    elif damage == "truncated":
        bad = raw[: len(raw) // 3]
    else:
        # overwrite the middle of one b-tree page: the file still opens and answers simple
        # queries; only quick_check notices
        page = 4096
        mid = (len(raw) // page // 2) * page
        bad = raw[: mid + 100] + os.urandom(2000) + raw[mid + 2100 :]
    db.write_bytes(bad)
    with Store.open(db) as s:
        assert len(s.notices) == 1
        assert "is damaged" in s.notices[0] and "moved aside" in s.notices[0]
        assert s.all_highlights() == []
        s.add_highlight(ARTICLE, 0, 5)  # usable
    aside = list(db.parent.glob("highlights.sqlite3.corrupt-*"))
    aside = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == bad


def test_damaged_file_is_moved_aside_with_its_wal_and_shm(db: Path) -> None:
    _fill_with_backup(db, 3)
    db.write_bytes(b"garbage" * 1000)
    Path(f"{db}-wal").write_bytes(b"wal bytes")
    Path(f"{db}-shm").write_bytes(b"shm bytes")
    with Store.open(db) as s:
        assert "is damaged" in s.notices[0]
    (aside,) = [
        p
        for p in db.parent.glob("highlights.sqlite3.corrupt-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert Path(f"{aside}-wal").read_bytes() == b"wal bytes"
    assert Path(f"{aside}-shm").read_bytes() == b"shm bytes"


def test_damaged_file_that_cannot_be_moved_gives_a_clear_error(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill_with_backup(db, 3)
    db.write_bytes(b"garbage" * 1000)

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "rename", refuse)
    with pytest.raises(StoreError, match="could not be moved aside"):
        Store.open(db)
    assert db.read_bytes() == b"garbage" * 1000


def test_damaged_file_notice_offers_the_newest_good_backup_which_restores(db: Path) -> None:
    ids = _fill(db, 50)
    with Store.open(db) as s:
        good = s.backups()
        assert good, "a backup is made on open once there is something to keep"
    db.write_bytes(db.read_bytes()[:5000])
    with Store.open(db) as s:
        assert str(good[0]) in s.notices[0]
        moved = s.restore_backup(good[0])
        assert moved.exists()
        assert {h.id for h in s.all_highlights()} == set(ids)
        assert s.integrity_check() == "ok"


def test_newer_schema_opens_read_only_and_is_never_migrated_down(db: Path) -> None:
    _fill(db, 5)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {store_mod.SCHEMA_VERSION + 3}")
    conn.close()
    before = db.read_bytes()
    with Store.open(db) as s:
        assert s.read_only and "newer Diptych" in s.notices[0]
        assert len(s.all_highlights()) == 5
        with pytest.raises(StoreError, match="read-only"):
            s.add_highlight(ARTICLE, 0, 5)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store_mod.SCHEMA_VERSION + 3
    conn.close()
    assert db.read_bytes() == before


def test_someone_elses_sqlite_file_is_refused(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not a Diptych highlights store"):
        Store.open(db)


def test_older_schema_is_backed_up_then_migrated_step_by_step(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _fill(db, 3)
    v = store_mod.SCHEMA_VERSION
    migrations = dict(schema.MIGRATIONS)
    migrations[v + 1] = "ALTER TABLE highlights ADD COLUMN stars INTEGER NOT NULL DEFAULT 0"
    migrations[v + 2] = "CREATE TABLE shelves (name TEXT)"
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 2)
    with Store.open(db) as s:
        assert s.schema_version() == v + 2
        conn = s._require_conn()
        assert "stars" in [r[1] for r in conn.execute("PRAGMA table_info(highlights)")]
        assert {h.id for h in s.all_highlights()} == set(ids)
        backup = s.backups()[0]
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == v
    conn.close()


def test_a_version_1_store_is_migrated_to_the_current_schema(db: Path) -> None:
    # a store as the first release wrote it
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript(schema.MIGRATIONS[1])
    conn.execute(
        "INSERT INTO highlights (id, article_id, exact, color, created, modified) "
        "VALUES ('h1', 'urn:a', 'Rivers', 'yellow', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.schema_version() == store_mod.SCHEMA_VERSION
        assert s.get("h1").quote.exact == "Rivers"
        assert s.backups(), "backed up before migrating"


def test_backups_at_most_daily_and_last_five_kept(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db, 2)
    with Store.open(db) as s:
        first = s.backups()
    assert len(first) == 1
    with Store.open(db) as s:
        assert s.backups() == first  # not again the same day
    monkeypatch.setattr(backups, "BACKUP_INTERVAL_S", 0)
    made = []
    for _ in range(7):
        with Store.open(db) as s:
            made.append(s.backups()[0])
    with Store.open(db) as s:
        kept = s.backups()
    assert len(kept) == store_mod.BACKUPS_KEPT
    # newest first: by time stamp, then by the -N of a second backup in the same second (by
    # name alone "…T184132Z.sqlite3" sorts after "…T184132Z-2.sqlite3": a flaky failure when
    # the seven backups crossed a second)

    def made_at(p: Path) -> tuple[str, int]:
        m = re.search(r"-(\d{8}T\d{6}Z)(?:-(\d+))?\.sqlite3$", p.name)
        assert m is not None, p.name
        return m.group(1), int(m.group(2) or 1)

    assert kept[0] == max(kept, key=made_at)
    assert kept == sorted(kept, key=made_at, reverse=True)
    for b in kept:
        assert store_mod.check_file(b) == "ok"


# -- any text at all ----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=_any_text, tag=_any_text, color=_any_text)
def test_any_note_tag_or_colour_is_stored_exactly_or_refused_clearly(
    store: Store, note: str, tag: str, color: str
) -> None:
    h = store.add_highlight(ARTICLE, 0, 6, note="start")
    try:
        got = store.update_highlight(h.id, note=note, tags=[tag], color=color or "yellow")
    except StoreError as exc:
        assert "\n" not in str(exc)
        assert store.get(h.id).note == "start"  # nothing of the refused change was kept
        return
    assert got.note == note and got.color == (color or "yellow")
    assert got.tags == ((tag.strip(),) if tag.strip() else ())


def test_temporary_files_of_a_crashed_creation_or_backup_are_swept_later(db: Path) -> None:
    _fill(db, 2)
    old_tmp = db.parent / f".{db.name}.new-123-abcdef12"
    fresh_tmp = db.parent / f".{db.name}.new-124-abcdef12"
    backup_tmp = db.parent / "backups" / ".highlights-20260101T000000Z.sqlite3.tmp-1-aaaaaa"
    backup_tmp.parent.mkdir(exist_ok=True)
    for p in (old_tmp, fresh_tmp, backup_tmp):
        p.write_bytes(b"partial")
    for p in (old_tmp, backup_tmp):
        os.utime(p, (1_000_000, 1_000_000))
    aside = db.parent / f"{db.name}.corrupt-20260101T000000Z"
    aside.write_bytes(b"kept")
    os.utime(aside, (1_000_000, 1_000_000))
    Store.open(db).close()
    assert not old_tmp.exists() and not backup_tmp.exists()
    assert fresh_tmp.exists() and aside.exists()  # recent temp and set-aside file are kept


def test_a_store_replaced_by_another_program_is_followed_not_written_aside(db: Path) -> None:
    ids = _fill(db, 3)
    with Store.open(db) as gui, Store.open(db, backups=False) as cli:
        backup = cli.backup_now()
        late = gui.add_highlight(ARTICLE, 0, 6, note="after the backup")
        cli.restore_backup(backup)  # e.g. `diptych highlights restore-backup` meanwhile
        h = gui.add_highlight(ARTICLE, 7, 12, note="typed after the restore")
        assert "replaced by another program" in gui.notices[-1]
    with Store.open(db) as s:
        have = {x.id for x in s.all_highlights()}
    assert set(ids) <= have and h.id in have
    assert late.id not in have  # it is in the file set aside before the restore


# -- damaged files of every kind ------------------------------------------------------------

_TEMPLATE: dict[str, bytes] = {}


def _template_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if "db" not in _TEMPLATE:
        db = tmp_path_factory.mktemp("template") / "t.sqlite3"
        _fill(db, 40)
        _TEMPLATE["db"] = db.read_bytes()
    return _TEMPLATE["db"]


@settings(max_examples=60, deadline=None)
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_any_damage_to_the_file_gives_a_working_store_or_one_clear_error(
    tmp_path_factory: pytest.TempPathFactory, flips: list[tuple[int, int]], cut: int | None
) -> None:
    raw = bytearray(_template_bytes(tmp_path_factory))
    for pos, value in flips:
        raw[pos % len(raw)] = value
    if cut is not None:
        raw = raw[: cut % (len(raw) + 1)]
    db = tmp_path_factory.mktemp("damaged") / "h.sqlite3"
    db.write_bytes(bytes(raw))
    try:
        s = Store.open(db)
    except StoreError as exc:
        assert "\n" not in str(exc)
        return
    with s:
        try:
            s.all_highlights()
            s.links_for(["urn:test:a"])
            h = s.add_highlight(ARTICLE, 0, 6, note="new")
            assert s.get(h.id).note == "new"
        except StoreError as exc:
            assert "\n" not in str(exc)


def test_a_file_that_cannot_be_written_opens_read_only_and_says_so(db: Path) -> None:
    ids = _fill(db, 3)
    raw = bytearray(db.read_bytes())
    raw[18] = 3  # write version of a future SQLite: readable, must not be written
    db.write_bytes(bytes(raw))
    with Store.open(db) as s:
        assert s.read_only and "cannot be written" in s.notices[-1]
        assert {h.id for h in s.all_highlights()} == set(ids)
        with pytest.raises(StoreError, match="cannot be written"):
            s.update_highlight(ids[0], note="x")
    assert db.read_bytes() == bytes(raw)


def test_a_store_whose_tables_were_mangled_is_set_aside(db: Path) -> None:
    _fill(db, 3)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE highlights RENAME COLUMN exact TO exakt")
    conn.close()
    with Store.open(db) as s:
        assert "tables are not Diptych's" in s.notices[0]
        assert s.all_highlights() == []


def test_a_restore_cut_short_between_its_steps_is_completed_at_next_open(db: Path) -> None:
    ids = _fill(db, 3)
    with Store.open(db) as s:
        backup = s.backup_now()
    # the state a kill leaves between "move the current store aside" and "link the copy in"
    copy = db.parent / f".{db.name}.restore-999-abcdef"
    src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    os.rename(db, db.parent / f"{db.name}.before-restore-20260101T000000Z")
    with Store.open(db) as s:
        assert "restore" in s.notices[0] and "completed" in s.notices[0]
        assert {h.id for h in s.all_highlights()} == set(ids)
