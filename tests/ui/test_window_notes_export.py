"""File → Export notes as Markdown / highlights as W3C JSON, and Edit → Copy with citation."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QGuiApplication, QTextCursor

from diptych.ui import file_dialogs
from diptych.ui.main_window import MainWindow
from helpers.window import desk_settings, highlights_loaded, open_seed, shown_window

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    w = shown_window(qtbot, desk_settings(tmp_path), db=tmp_path / "notes.sqlite3")
    return highlights_loaded(qtbot, open_seed(qtbot, w, until="highlights_ready"))


def _highlight(w: MainWindow, side: str, needle: str, note: str) -> str:
    art = w.article(side)
    start = art.text.index(needle)
    w.store.add_highlight(art, start, start + len(needle), note=note)
    return art.text[start : start + len(needle)]


@pytest.mark.parametrize("kind", ["markdown", "w3c"])
def test_the_file_menu_exports_the_pairs_notes(qtbot, window, tmp_path, monkeypatch, kind):
    quote = _highlight(window, "a", "Bolivia, South America", "the opening line")
    out = tmp_path / ("notes.md" if kind == "markdown" else "notes.jsonld")
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: str(out))
    act = window.acts["export_markdown" if kind == "markdown" else "export_w3c"]
    assert act in window.acts.menus["File"].actions()
    saved: list[str] = []
    window.statusBar().messageChanged.connect(saved.append)
    act.trigger()
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    text = out.read_text(encoding="utf-8")
    if kind == "markdown":
        assert f"> {quote}" in text and "the opening line" in text
        assert text.startswith("# Highlights: The US-backed coup in Bolivia")
    else:
        data = json.loads(text)
        items = data["first"]["items"]
        assert any(s.get("exact") == quote for it in items for s in it["target"]["selector"]), items
    qtbot.waitUntil(lambda: any(str(out) in m for m in saved), timeout=5000)


def test_an_unwritable_place_is_said_and_leaves_nothing(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "no-such-dir" / "notes.md"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: str(out))
    window.acts["export_markdown"].trigger()
    qtbot.waitUntil(lambda: "Could not write" in window.notice_label.text(), timeout=TIMEOUT)
    assert not out.parent.exists()


@pytest.mark.parametrize("kind", ["markdown", "w3c"])
@pytest.mark.parametrize("target", ["fifo", "read-only"])
def test_a_fifo_or_read_only_file_is_refused_and_left_as_it_is(
    qtbot, window, tmp_path, monkeypatch, kind, target
):
    """Tryout: File → Export notes as Markdown onto a FIFO replaced the FIFO with a regular
    file ("Saved …"); the CLI's export refuses it (issue 10 item 11). So must the window."""
    import os
    import stat

    out = tmp_path / ("pipe.md" if kind == "markdown" else "pipe.jsonld")
    if target == "fifo":
        os.mkfifo(out)
    else:
        out.write_text("mine", encoding="utf-8")
        out.chmod(0o444)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: str(out))
    window.acts["export_markdown" if kind == "markdown" else "export_w3c"].trigger()
    expected = "FIFO" if target == "fifo" else "read-only"
    qtbot.waitUntil(lambda: expected in window.notice_label.text(), timeout=TIMEOUT)
    if target == "fifo":
        assert stat.S_ISFIFO(out.lstat().st_mode)
    else:
        assert out.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pipe")] == []


def test_copy_with_citation_puts_quote_and_source_on_the_clipboard(qtbot, window):
    art = window.article("a")
    start = art.text.index("Bolivia, South America")
    reader = window.reader("a")
    cur = reader.textCursor()
    cur.setPosition(reader.to_utf16(start))
    cur.setPosition(reader.to_utf16(start + 40), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cur)
    reader.setFocus()
    qtbot.waitUntil(reader.hasFocus, timeout=2000)
    window.acts["copy_citation"].trigger()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("“" + art.text[start : start + 40])
    assert "The US-backed coup in Bolivia" in text and art.meta.url in text


def test_both_exports_propose_one_folder_the_last_one_used(qtbot, window, tmp_path, monkeypatch):
    """Tryout: Export notes as Markdown opened in the article's folder (the seeds, inside the
    program's own files), Export annotated PDF in the documents folder. Both propose the folder
    of the last export, and until there is one the documents folder (else home)."""
    from diptych.ui import export_dialog

    first = tmp_path / "docs"
    first.mkdir()
    monkeypatch.setattr(export_dialog, "default_export_folder", lambda: first)
    asked: list[str] = []
    out = tmp_path / "elsewhere" / "mine.md"
    out.parent.mkdir()

    def ask(_parent, _title, start, _filter):
        asked.append(start)
        return str(out)

    monkeypatch.setattr(file_dialogs, "save_file_name", ask)
    window.acts["export_markdown"].trigger()
    qtbot.waitUntil(out.exists, timeout=TIMEOUT)
    assert asked[0].startswith(str(first) + "/"), asked
    # remembered once written
    qtbot.waitUntil(lambda: window.export_folder() == str(out.parent), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.analysis() is not None, timeout=TIMEOUT)
    dialog = export_dialog.ExportDialog(window, window.analysis(), folder=window.export_folder())
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text().startswith(str(out.parent) + "/")
    window.acts["export_w3c"].trigger()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=TIMEOUT)
    assert asked[1].startswith(str(out.parent) + "/")
