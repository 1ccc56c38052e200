"""Tryout: on a full disk the note could not be saved ("Your note is still here; try Save
again") and its crash draft, beside the store on the same disk, could not be written either: a
kill -9 then lost the note. The draft goes to a spare file in the user's runtime folder when
it cannot be written beside the store, and the next start on that store reads it from there."""

from __future__ import annotations

import os
from pathlib import Path

from diptych.ui.highlights.safekeeping import NoteDraft, draft_path_for, spare_draft_path_for
from helpers.highlights import FailingConnection
from helpers.highlights_desk import Desk, flood_pair, select_words


def _unwritable(tmp_path: Path) -> Path:
    """A draft path whose folder takes no new file (as on a full disk)."""
    return tmp_path / "no-such-folder" / "hl.sqlite3.note-draft.json"


def test_the_draft_goes_to_the_spare_when_beside_the_store_fails(tmp_path: Path) -> None:
    spare = tmp_path / "run" / "spare.json"
    spare.parent.mkdir()
    draft = NoteDraft(_unwritable(tmp_path), spare)
    assert draft.write("h1", "typed on a full disk", "", 3)
    d = draft.read()
    assert d is not None and (d.key, d.text, d.base_version) == ("h1", "typed on a full disk", 3)
    assert oct(spare.stat().st_mode & 0o777) == "0o600"
    draft.clear()
    assert not spare.exists() and draft.read() is None


def test_a_draft_written_beside_the_store_again_drops_the_spare(tmp_path: Path) -> None:
    store = tmp_path / "hl.sqlite3"
    spare = tmp_path / "spare.json"
    assert NoteDraft(_unwritable(tmp_path), spare).write("h1", "older", "")
    draft = NoteDraft(draft_path_for(store), spare)
    assert draft.write("h1", "older, then more", "")  # space freed
    assert not spare.exists()
    d = draft.read()
    assert d is not None and d.text == "older, then more"


def test_a_spare_of_another_user_or_a_symlink_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    assert NoteDraft(target).write("h1", "planted", "")
    spare = tmp_path / "spare.json"
    os.symlink(target, spare)
    assert NoteDraft(tmp_path / "none.json", spare).read() is None


def test_the_spare_is_named_after_the_store_in_the_runtime_folder(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert spare_draft_path_for(a) == spare_draft_path_for(a)
    assert spare_draft_path_for(a) != spare_draft_path_for(b)
    assert spare_draft_path_for(a).parent == Path(os.environ["XDG_RUNTIME_DIR"])


def test_a_note_typed_on_a_full_disk_is_put_back_after_a_kill(
    desk, store, qtbot, tmp_path, monkeypatch
):
    select_words(desk.pane_a, "roads are safe")
    hid = desk.ctl.highlight_selection("yellow")
    assert hid is not None
    draft = desk.ctl.safekeeper.draft
    assert draft is not None
    full = FailingConnection(store._conn)
    monkeypatch.setattr(store, "_conn", full)
    # the store's folder is full too: the draft cannot be written beside it
    monkeypatch.setattr(draft, "path", _unwritable(tmp_path))
    assert desk.ctl.edit(hid)
    qtbot.keyClicks(desk.ctl.note_editor.text_edit, "Sandbags ran out by noon")
    desk.ctl.safekeeper.write_draft()
    # the process dies here: it saves nothing more, and writes no draft again
    desk.ctl.note_editor._stop_timers()
    desk.ctl.safekeeper.draft = None
    full.failing = False
    # the next start on the same store puts the text back
    d2 = Desk(store, *flood_pair())
    qtbot.addWidget(d2)
    d2.show()
    ed2 = d2.ctl.note_editor
    assert ed2.current_id() == hid and ed2.text() == "Sandbags ran out by noon"
    qtbot.waitUntil(lambda: store.get(hid).note == "Sandbags ran out by noon", timeout=5000)
    assert NoteDraft(draft_path_for(store.path), spare_draft_path_for(store.path)).read() is None
    ed2.close()
