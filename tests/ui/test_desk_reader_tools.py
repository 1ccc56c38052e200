"""The reading desk's reader tools in the real window (issue 13, items 8, 14, 16): find over
both panes and the notes, topics the reader edits (chips, rails, claims, anchors and the PDF
follow; kept for the pair), reading comfort (applied to both panes, remembered)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QMessageBox

from diptych.core.compare.alignment import SECTION_WEIGHT
from diptych.ui import export_dialog
from diptych.ui.main_window import MainWindow
from diptych.ui.reading_comfort import ReadingComfort, load_comfort
from helpers.window import open_seed, shown_window

ANALYSIS_TIMEOUT = 60_000


@pytest.fixture
def seeded(qtbot, settings, monkeypatch, tmp_path) -> MainWindow:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    return open_seed(qtbot, shown_window(qtbot, settings, db=tmp_path / "h.sqlite3"))


# ------------------------------------------------------------------------------ find (8)


def test_ctrl_f_in_a_counts_the_matches_of_both_panes(qtbot, seeded):
    w = seeded
    a, b = w.article("a").text, w.article("b").text
    word = "Morales"
    w.reader("a").setFocus()
    w.acts["find"].trigger()
    bar = w.pane_view("a").find_bar
    qtbot.keyClicks(bar.edit, word)
    qtbot.waitUntil(lambda: bool(bar.matches()), timeout=2000)
    na, nb = a.count(word), b.count(word)
    assert len(bar.matches("a")) == na and len(bar.matches("b")) == nb
    assert bar.count_label.text().startswith("A ") and f"B {nb}" in bar.count_label.text()
    assert w.reader("b").layer_size("find") == nb  # B shows its matches too
    # stepping past A's last match goes on in B
    for _ in range(na):
        w.acts["find_next"].trigger()
    hit = bar.current_hit()
    assert hit is not None and hit.where == "b"
    lo, hi = w.reader("b").visible_range()
    assert lo <= hit.start < hi


def test_find_reaches_a_note(qtbot, seeded):
    w = seeded
    qtbot.waitUntil(lambda: w.store is not None, timeout=30_000)
    a = w.article("a")
    start = a.text.index("US President Donald Trump")
    w.store.add_highlight(a, start, start + 25, note="check the Bolsonaro parallel")
    ctl = w.highlight_controller
    ctl.set_articles(w.article("a"), w.article("b"))
    qtbot.waitUntil(lambda: bool(ctl.highlights("a")), timeout=10_000)
    w.reader("b").setFocus()
    w.acts["find"].trigger()
    bar = w.pane_view("b").find_bar
    qtbot.keyClicks(bar.edit, "Bolsonaro")
    qtbot.waitUntil(lambda: bool(bar.note_matches()), timeout=2000)
    assert bar.count_label.text() == "B 0 · A 0 · note 1 of 1"
    lo, hi = w.reader("a").visible_range()
    assert lo <= start < hi


# ---------------------------------------------------------------------------- topics (14)


def _chip_menu(qtbot, w: MainWindow, name: str) -> QMenu:
    chip = w.topic_bar.chips()[name]
    chip.customContextMenuRequested.emit(QPoint(4, 4))
    menu = w.topic_editor.last_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def _apply(qtbot, w: MainWindow, act) -> None:
    """Trigger a topic edit and wait until it is applied (it runs in the background)."""
    with qtbot.waitSignal(w.topic_editor.analysis_edited, timeout=20_000):
        act.trigger()


def _action(menu: QMenu, text: str):
    for act in menu.actions():
        if act.text().replace("&", "") == text:
            return act
        if act.menu() is not None:
            found = _action(act.menu(), text)
            if found is not None:
                return found
    return None


def test_rename_from_the_chip_menu_updates_bar_rail_claims_and_is_kept(
    qtbot, seeded, settings, tmp_path
):
    w = seeded
    ed = w.topic_editor
    ed.ask_text = lambda *_a: "lithium mining"
    menu = _chip_menu(qtbot, w, "lithium")
    _apply(qtbot, w, _action(menu, "Rename…"))
    menu.close()
    assert "lithium mining" in w.topic_bar.chips() and "lithium" not in w.topic_bar.chips()
    assert any(m.topic == "lithium mining" for m in w.pane_view("a").rail.marks())
    panel = w.claims_panel
    assert panel.topic_combo.findData("lithium mining") >= 0
    assert all(c.topic != "lithium" for c in w.analysis().claims.claims)
    # the next window on the same pair comes back with the edit
    w2 = shown_window(qtbot, settings)
    with qtbot.waitSignal(w2.analysis_shown, timeout=ANALYSIS_TIMEOUT):
        w2.open_seed_pair()
    assert "lithium mining" in {t.name for t in w2.analysis().topics.topic_set.topics}


def test_recolour_merge_delete_and_cue_follow_through(qtbot, seeded):
    w = seeded
    ed = w.topic_editor
    ed.ask_color = lambda *_a: "#123456"
    _apply(qtbot, w, _action(_chip_menu(qtbot, w, "coup"), "Recolour…"))
    assert w.topic_bar.chips()["coup"].color == "#123456"
    assert {m.color for m in w.pane_view("a").rail.marks() if m.topic == "coup"} == {"#123456"}

    names_before = [t.name for t in w.analysis().topics.topic_set.topics]
    _apply(qtbot, w, _action(_chip_menu(qtbot, w, "coup"), "program"))  # program into coup
    names = [t.name for t in w.analysis().topics.topic_set.topics]
    assert "program" not in names and len(names) == len(names_before) - 1
    assert not any(s.topic == "program" for s in w.analysis().topics.a)

    ed.confirm = lambda *_a: True
    chain_before = w.sync.chain()
    lithium_a = {s.start for s in w.analysis().topics.a if s.topic == "lithium"}
    _apply(qtbot, w, _action(_chip_menu(qtbot, w, "lithium"), "Delete…"))
    assert "lithium" not in w.topic_bar.chips()
    chain = w.sync.chain()
    assert chain is not chain_before  # synced scrolling got the new anchors
    sections = {p.a for p in chain.candidates if p.weight == SECTION_WEIGHT}
    assert sections <= {s.start for s in w.analysis().topics.a}  # only sections still there
    assert lithium_a and not any(s.topic == "lithium" for s in w.analysis().topics.a)

    ed.ask_text = lambda *_a: "Evo"
    before = sum(1 for s in w.analysis().topics.a if s.topic == "MAS record")
    _apply(qtbot, w, _action(_chip_menu(qtbot, w, "MAS record"), "Add a cue word…"))
    mas = next(t for t in w.analysis().topics.topic_set.topics if t.name == "MAS record")
    assert "Evo" in mas.cues
    after = sum(1 for s in w.analysis().topics.a if s.topic == "MAS record")
    assert after >= before


def test_a_bad_edit_says_why_and_changes_nothing(qtbot, seeded):
    w = seeded
    before = w.analysis()
    w.topic_editor.ask_text = lambda *_a: "coup"
    _action(_chip_menu(qtbot, w, "lithium"), "Rename…").trigger()
    assert w.analysis() is before
    assert "already a topic" in w.statusBar().currentMessage()


def test_the_pdf_carries_the_edited_topics(qtbot, seeded, tmp_path, monkeypatch):
    w = seeded
    w.topic_editor.ask_text = lambda *_a: "lithium mining"
    _apply(qtbot, w, _action(_chip_menu(qtbot, w, "lithium"), "Rename…"))
    out = tmp_path / "pair.pdf"

    def run(dlg):
        dlg.path_edit.setText(str(out))
        dlg.start_export()
        qtbot.waitUntil(lambda: not dlg.is_running(), timeout=120_000)
        return 1

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run)
    w.acts["export_pdf"].trigger()
    assert out.is_file()
    reader = PdfReader(str(out))

    def titles(items):
        for it in items:
            if isinstance(it, list):
                yield from titles(it)
            else:
                yield it.title

    outline = list(titles(reader.outline))
    text = " ".join(page.extract_text() or "" for page in reader.pages[:3])
    assert any("lithium mining" in t for t in outline) or "lithium mining" in text


def test_save_topic_set_as_writes_a_file_the_app_reads_back(qtbot, seeded, tmp_path):
    from diptych.core.compare.topics import load_topic_set

    w = seeded
    target = tmp_path / "my topics"
    w.topic_editor.ask_save_path = lambda *_a: str(target)
    _action(_chip_menu(qtbot, w, "coup"), "Save topic set as…").trigger()
    ts = load_topic_set(Path(str(target) + ".toml"))
    assert ts.topics == w.analysis().topics.topic_set.topics


# ------------------------------------------------------------------- reading comfort (16)


def test_reading_comfort_applies_to_both_panes_and_is_remembered(
    qtbot, seeded, settings, monkeypatch
):
    w = seeded
    from diptych.ui import reading_comfort_dialog

    def answer(dlg):
        dlg.size_box.setValue(16)
        dlg.measure_box.setValue(55)
        dlg.spacing_box.setValue(175)
        return 1

    monkeypatch.setattr(reading_comfort_dialog.ReadingComfortDialog, "exec", answer)
    w.acts["reading_comfort"].trigger()
    want = ReadingComfort(point_size=16, measure=55, line_height=175)
    assert w.reader("a").comfort() == want and w.reader("b").comfort() == want
    assert w.reader("b").document().defaultFont().pointSizeF() == pytest.approx(16)
    settings.sync()
    assert load_comfort(settings) == want
    w2 = shown_window(qtbot, settings)
    assert w2.reader("a").comfort() == want and w2.reader("b").comfort() == want


def test_reading_comfort_is_in_the_view_menu(seeded):
    view = seeded.acts.menus["View"]
    assert seeded.acts["reading_comfort"] in view.actions()


def test_right_click_on_a_chip_opens_its_menu(qtbot, seeded):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    chip = seeded.topic_bar.chips()["coup"]
    # what a right click (or the menu key) sends the chip
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), chip.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(chip, event)
    menu = seeded.topic_editor.last_menu
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible(), timeout=2000)
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert {"Rename…", "Recolour…", "Add a cue word…", "Delete…"} <= set(texts)
    menu.close()


def test_a_second_edit_waits_for_the_first(qtbot, seeded):
    w = seeded
    ed = w.topic_editor
    messages: list[str] = []
    ed.message.connect(messages.append)
    with qtbot.waitSignal(ed.analysis_edited, timeout=20_000):
        assert ed.rename("lithium", "lithium mining")
        assert ed.is_busy()
        assert not ed.recolor("coup", "#000000")  # refused, said why
        assert "Still applying" in messages[-1]
    qtbot.waitUntil(lambda: not ed.is_busy(), timeout=5000)
    names = {t.name for t in w.analysis().topics.topic_set.topics}
    assert "lithium mining" in names
    assert w.analysis().topics.topic_set.color_of("coup") != "#000000"


@pytest.mark.parametrize("target", ["fifo", "read-only"])
def test_save_topic_set_as_refuses_a_fifo_or_a_read_only_file(qtbot, seeded, tmp_path, target):
    """Tryout: Save topic set as… wrote with a plain open(): onto a FIFO it blocked the window
    until something read the pipe (here a reader thread stands by, so the test cannot hang),
    and it overwrote a read-only file."""
    import os
    import stat
    import threading

    out = tmp_path / "topics.toml"
    got: list[bytes] = []
    reader = None
    if target == "fifo":
        os.mkfifo(out)

        def read() -> None:
            with open(out, "rb") as fh:
                got.append(fh.read())

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
    else:
        out.write_text("mine", encoding="utf-8")
        out.chmod(0o444)
    messages: list[str] = []
    seeded.topic_editor.message.connect(messages.append)
    assert not seeded.topic_editor.save_as(out)
    assert messages and ("FIFO" in messages[-1] or "read-only" in messages[-1]), messages
    if reader is not None:
        assert stat.S_ISFIFO(out.lstat().st_mode)
        with open(out, "wb"):  # let the reader go
            pass
        reader.join(5)
        assert got in ([], [b""]), got
    else:
        assert out.read_text(encoding="utf-8") == "mine"
