"""Reopening a long pair from the parse cache: its documents are built off the UI thread."""

from __future__ import annotations

import threading

from diptych.background import pair_job
from diptych.ui import reader_pane
from helpers.window import desk_settings, shown_window

TIMEOUT = 60_000


def _markdown(tag: str, n: int) -> str:
    paras = [
        f"Paragraph {i} of {tag} says something about harbours, tides and boats. "
        "It has a second sentence so that it wraps over a couple of lines."
        for i in range(n)
    ]
    return f"# Article {tag}\n\n" + "\n\n".join(paras) + "\n"


def test_a_cached_long_pair_is_shown_from_documents_built_in_the_worker(
    qtbot, tmp_path, monkeypatch
):
    # "long" made small for the test: 5,000 characters and up
    monkeypatch.setattr(pair_job, "PREPARE_MIN_CHARS", 5_000)
    built_on_ui_thread: list[int] = []
    original = reader_pane.build_document

    def recording_build(article, style):
        if threading.current_thread() is threading.main_thread():
            built_on_ui_thread.append(len(article.text))
        return original(article, style)

    monkeypatch.setattr(reader_pane, "build_document", recording_build)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(_markdown("A", 120), encoding="utf-8")
    b.write_text(_markdown("B", 100), encoding="utf-8")
    w = shown_window(qtbot, desk_settings(tmp_path), size=(1200, 800))
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_pair(a, b)  # parsed and cached
    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_seed_pair()
    built_on_ui_thread.clear()

    with qtbot.waitSignal(w.analysis_shown, timeout=TIMEOUT):
        w.open_pair(a, b)  # now from the cache

    assert w.article("a").title == "Article A"
    assert w.reader("a").plain_text() == w.article("a").text
    assert w.reader("b").plain_text() == w.article("b").text
    assert len(w.article("a").text) > 5_000
    assert built_on_ui_thread == []
