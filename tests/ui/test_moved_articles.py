"""The window says where highlights came from: a renamed/moved file brings its highlights and
the user is told once; highlights whose file is gone are never silent (issue 10 item 6)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from diptych.core.notes.store import Store
from diptych.core.reading.articles import load_article
from diptych.ui.main_window import MainWindow

TIMEOUT = 60_000

PARAS = [
    "Lithium prices rose by forty percent in the first quarter, driven by battery demand.",
    "Mines in Chile and Australia could not keep up, and contracts were renegotiated.",
    "Analysts expect the market to settle once new refineries open next year.",
]
OTHER = [
    "Copper had a quieter year, with prices flat and stocks slowly rebuilt.",
    "Smelters in Zambia ran below capacity for most of the spring.",
]


def md(title: str, paras: list[str]) -> str:
    return f"# {title}\n\n" + "\n\n".join(paras) + "\n"


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    a = tmp_path / "lithium.md"
    a.write_text(md("The lithium year", PARAS), encoding="utf-8")
    b = tmp_path / "copper.md"
    b.write_text(md("The copper year", OTHER), encoding="utf-8")
    return {"a": a, "b": b, "db": tmp_path / "notes.sqlite3"}


def highlight(db: Path, path: Path, quote: str, note: str) -> str:
    with Store.open(db) as store:
        art = load_article(path)
        i = art.text.index(quote)
        return store.add_highlight(art, i, i + len(quote), note=note).id


def open_pair(qtbot, w: MainWindow, a: Path, b: Path) -> None:
    ready = w.highlight_controller is not None
    if not ready:
        with qtbot.waitSignal(w.highlights_ready, timeout=TIMEOUT):
            w.open_pair(a, b)
    else:
        w.open_pair(a, b)
    qtbot.waitUntil(
        lambda: (
            w.highlight_controller is not None
            and w.pair.article("a") is not None
            and w.pair.article("a").meta.source_path == str(a)
            and not w.highlight_controller.is_loading()
        ),
        timeout=TIMEOUT,
    )


def window(qtbot, settings, db: Path) -> MainWindow:
    w = MainWindow(settings=settings, db=str(db))
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_renamed_file_brings_its_highlights_and_the_window_says_so_once(qtbot, settings, files):
    hid = highlight(files["db"], files["a"], "contracts were renegotiated", "why?")
    renamed = files["a"].with_name("lithium-2026.md")
    os.rename(files["a"], renamed)

    w = window(qtbot, settings, files["db"])
    open_pair(qtbot, w, renamed, files["b"])

    qtbot.waitUntil(lambda: str(files["a"]) in w.notice_label.text(), timeout=TIMEOUT)
    said = w.notice_label.text()
    assert said.startswith("A: ") and "moved here" in said and "1 highlight" in said
    rows = w.highlights_panel.rows()
    assert [(r.id, r.status, r.note) for r in rows] == [(hid, "anchored", "why?")]


def test_a_copy_at_another_path_is_told_once_not_at_every_load(qtbot, settings, files):
    highlight(files["db"], files["a"], "battery demand", "n")
    copy = files["a"].with_name("lithium-copy.md")
    shutil.copyfile(files["a"], copy)  # the original stays: its highlights are shown here

    w = window(qtbot, settings, files["db"])
    open_pair(qtbot, w, copy, files["b"])
    qtbot.waitUntil(lambda: "a copy of this text" in w.notice_label.text(), timeout=TIMEOUT)
    assert str(files["a"]) in w.notice_label.text()

    w.show_notice("", 1)
    ctl = w.highlight_controller
    with qtbot.waitSignal(ctl.highlights_loaded, timeout=TIMEOUT):
        ctl.set_articles(w.pair.article("a"), w.pair.article("b"))
    assert w.notice_label.text() == ""
    assert len(w.highlights_panel.rows()) == 1


def test_highlights_of_a_file_that_is_gone_are_told_and_listed_in_the_file_menu(
    qtbot, settings, files, tmp_path
):
    gone = tmp_path / "nickel.md"
    gone.write_text(md("The nickel year", ["Nickel fell by a third in one week."]), "utf-8")
    highlight(files["db"], gone, "Nickel fell", "lost note")
    highlight(files["db"], gone, "one week", "")
    gone.unlink()

    w = window(qtbot, settings, files["db"])
    open_pair(qtbot, w, files["a"], files["b"])

    qtbot.waitUntil(lambda: str(gone) in w.notice_label.text(), timeout=TIMEOUT)
    assert "2 highlights" in w.notice_label.text()
    assert "Highlights of missing files" in w.notice_label.text()

    act = w.acts["lost_highlights"]
    assert act in w.menuBar().actions()[0].menu().actions()
    act.trigger()
    box = w.findChild(QMessageBox, "lost_highlights_box")
    assert box is not None and box.isVisible()
    text = box.text()
    assert str(gone) in text and "The nickel year" in text and "2 highlights" in text
    box.close()
