"""What the status bar says after a topic edit names what changed (tryout: merging "program"
into "lithium" from lithium's chip said "Merged lithium, program into lithium", and a rename
said "Renamed coup", not to what)."""

from __future__ import annotations

from helpers.window import TIMEOUT_MS, open_seed, shown_window


def test_merge_and_rename_say_what_became_of_which_topic(qtbot, settings, tmp_path) -> None:
    w = open_seed(qtbot, shown_window(qtbot, settings, db=tmp_path / "h.sqlite3"))
    messages: list[str] = []
    w.topic_editor.message.connect(messages.append)
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=TIMEOUT_MS):
        assert w.topic_editor.merge(["lithium", "program"], into="lithium")  # as the chip asks
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT_MS)
    assert messages[-1] == "Merged program into lithium (kept for this pair)"
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=TIMEOUT_MS):
        assert w.topic_editor.rename("coup", "the coup")
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=TIMEOUT_MS)
    assert messages[-1] == "Renamed coup to the coup (kept for this pair)"
