"""The window says, in its status bar's notice, when the topics the reader saved for the pair are
there but could not be used (in full), why, and where the file is; an edit saved after that
keeps the old file aside (and says where), never over it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from diptych.core.compare.pair import load_pair
from diptych.core.compare.topic_edits import pair_topics_path, topic_set_toml
from diptych.core.compare.topics import load_topic_set, seed_topic_set
from diptych.core.model import TopicSet
from helpers.window import TIMEOUT_MS, open_seed, shown_window

URL = "https://en.wikipedia.org/wiki/Lithium_triangle"


def _saved_with_a_refused_name() -> tuple[Path, bytes, int]:
    """The seed pair's topics saved by an earlier Diptych, "lithium" renamed to a web
    address (refused since): the file, its bytes, and the topic's place (from 1)."""
    ts = seed_topic_set()
    k = next(i for i, t in enumerate(ts.topics) if t.name == "lithium")
    topics = list(ts.topics)
    topics[k] = replace(topics[k], name=URL)
    a, b = load_pair()
    path = pair_topics_path(a, b)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = topic_set_toml(TopicSet(ts.name, tuple(topics))).encode("utf-8")
    path.write_bytes(data)
    return path, data, k + 1


@pytest.fixture
def no_warnings(monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)


def test_the_window_says_why_and_an_edit_keeps_the_old_file_aside(
    qtbot, settings, tmp_path, no_warnings
) -> None:
    path, data, n = _saved_with_a_refused_name()
    w = open_seed(qtbot, shown_window(qtbot, settings, db=tmp_path / "h.sqlite3"))
    notice = w.status.notice_label.text()
    assert notice == (
        f'Your saved topics for this pair: topic {n} is shown as "Topic {n}" (a topic name '
        f'cannot be a web or file address: "{URL[:31]}…"), its colour and cues kept. '
        f"The file is kept as it was: {path}"
    )
    tip = w.status.notice_label.toolTip()  # the whole of it, however narrow the bar
    assert "cannot be a web or file address" in tip and tip.endswith(f"{path}</p>")
    names = [t.name for t in w.analysis().topics.topic_set.topics]
    assert f"Topic {n}" in names and "coup" in names  # the reader's set, not the manifest's
    assert f"Topic {n}" in w.topic_bar.chips()
    assert path.read_bytes() == data

    # the reader names it again: the edit is kept for the pair, the old file beside it
    messages: list[str] = []
    w.topic_editor.message.connect(messages.append)
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=TIMEOUT_MS):
        assert w.topic_editor.rename(f"Topic {n}", "lithium")
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT_MS)
    aside = [p for p in path.parent.iterdir() if ".unreadable-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == data
    assert messages[-1] == f"Renamed Topic {n} to lithium (kept for this pair)"
    # the notice no longer says the file is kept as it was: it says where it went
    assert w.status.notice_label.text() == (
        "Your earlier saved topics for this pair, which could not be used as they were, "
        f"are kept as {aside[0]}"
    )
    assert load_topic_set(path).topics[n - 1].name == "lithium"


def test_a_saved_file_that_cannot_be_used_at_all_is_said_and_forgetting_keeps_it(
    qtbot, settings, tmp_path, no_warnings
) -> None:
    a, b = load_pair()
    path = pair_topics_path(a, b)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is [not toml", encoding="utf-8")
    w = open_seed(qtbot, shown_window(qtbot, settings, db=tmp_path / "h.sqlite3"))
    notice = w.status.notice_label.text()
    assert notice.startswith("Your saved topics for this pair could not be used (not valid TOML")
    assert notice.endswith(f"); showing the pair's own topics. The file is kept: {path}")
    assert w.analysis().topics.topic_set == seed_topic_set()

    messages: list[str] = []
    w.topic_editor.message.connect(messages.append)
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=TIMEOUT_MS):
        assert w.topic_editor.forget_pair_topics()
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT_MS)
    aside = [p for p in path.parent.iterdir() if ".unreadable-" in p.name]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "this is [not toml"
    assert messages[-1] == "Back to the pair's own topics (your edits are forgotten)"
    assert w.status.notice_label.text().endswith(f"are kept as {aside[0]}")
    assert not path.exists()
