"""A damaged highlights database: the window says so and offers the newest good backup."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from diptych.core.notes.store import Store, backups
from diptych.core.reading.articles import load_seed_pair
from diptych.ui.main_window import MainWindow, backup_time_label
from helpers.window import open_seed, shown_window

TIMEOUT = 60_000


def _store_with_backup_then_damaged(db) -> list[str]:
    """Two highlighted passages of seed B, backed up; then the file is overwritten with junk.
    Returns the notes."""
    _a, b = load_seed_pair()
    notes = ["first note, kept in the backup", "second note, kept in the backup"]
    with Store.open(db) as store:
        para = b.blocks[6]
        store.add_highlight(b, para.start, para.start + 30, note=notes[0])
        para = b.blocks[9]
        store.add_highlight(b, para.start, para.start + 25, note=notes[1])
        store.backup_now()
    junk = b"this is not a database " * 200
    with open(db, "r+b") as fh:
        fh.write(junk)
    return notes


def _open_window(qtbot, settings, db) -> MainWindow:
    return open_seed(qtbot, shown_window(qtbot, settings, db=db), until="highlights_ready")


def test_damaged_store_offers_its_backup_and_restoring_lists_its_highlights(
    qtbot, settings, tmp_path
):
    db = tmp_path / "notes.sqlite3"
    notes = _store_with_backup_then_damaged(db)

    w = _open_window(qtbot, settings, db)
    ctl = w.highlight_controller
    assert ctl is not None
    # the user is told, and nothing of the old highlights shows yet
    assert "damaged" in w.notice_label.text()
    qtbot.waitUntil(lambda: not ctl.is_loading(), timeout=TIMEOUT)
    assert w.highlights_panel.rows() == []
    # the offer: a button in the status bar naming the backup's time
    backup = w.backup_offer()
    assert backup is not None and backup.is_file()
    button = w.findChild(QToolButton, "restore_backup_button")
    assert button is not None and button.isVisible()
    assert button.text() == f"Restore backup from {backup_time_label(backup)}"
    assert w.acts["restore_backup"] in w.menuBar().actions()[0].menu().actions()

    with qtbot.waitSignal(ctl.highlights_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert sorted(r.note for r in w.highlights_panel.rows()) == sorted(notes)
    assert w.reader("b").layer_size("highlights") == 2
    assert "Restored" in w.notice_label.text()
    assert not button.isVisible()
    assert w.backup_offer() is None
    # the damaged file was kept, moved aside
    assert list(tmp_path.glob("notes.sqlite3.corrupt-*"))


def test_a_healthy_store_offers_no_backup(qtbot, settings, tmp_path):
    db = tmp_path / "notes.sqlite3"
    _a, b = load_seed_pair()
    with Store.open(db) as store:
        store.add_highlight(b, b.blocks[6].start, b.blocks[6].start + 30, note="fine")
        store.backup_now()
    w = _open_window(qtbot, settings, db)
    assert w.backup_offer() is None
    assert w.findChild(QToolButton, "restore_backup_button") is None
    assert not w.acts["restore_backup"].isVisible()


def test_backup_time_label_reads_the_utc_stamp_in_the_name(tmp_path):
    label = backup_time_label(tmp_path / "notes-20261122T140301Z.sqlite3")
    made = datetime(2026, 11, 22, 14, 3, 1, tzinfo=UTC).astimezone()
    assert label == made.strftime("%Y-%m-%d %H:%M")


def test_dismissing_the_offer_lets_the_kept_backups_rotate_again(qtbot, settings, tmp_path):
    db = tmp_path / "notes.sqlite3"
    _store_with_backup_then_damaged(db)
    w = _open_window(qtbot, settings, db)
    backup = w.backup_offer()
    assert backup is not None and backups.is_kept(backup)
    # declining: a button beside the restore button, and an entry in the File menu
    button = w.findChild(QToolButton, "dismiss_backup_button")
    assert button is not None and button.isVisible()
    assert w.acts["dismiss_backup"] in w.menuBar().actions()[0].menu().actions()
    assert w.acts["dismiss_backup"].isVisible()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert w.backup_offer() is None
    assert not backups.is_kept(backup)  # store.dismiss_backup_offer() was called
    assert backup.is_file()  # nothing deleted: it rotates out like the others
    assert "dismissed" in w.notice_label.text()
    assert not button.isVisible()
    assert not w.findChild(QToolButton, "restore_backup_button").isVisible()
    assert not w.acts["restore_backup"].isVisible() and not w.acts["dismiss_backup"].isVisible()
