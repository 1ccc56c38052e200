"""Help → Keyboard shortcuts and Help → Guide are made from the window's real actions."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from diptych.ui.main_window import MainWindow
from diptych.ui.window.help import GuideDialog, ShortcutSheet, guide_markdown, shortcut_rows
from helpers.window import desk_settings, open_seed, shown_window

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    return open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)), until="highlights_ready")


def test_the_sheet_lists_every_menu_action_with_its_real_keys(qtbot, window):
    rows = shortcut_rows(window)
    by_text = {r.text: r for r in rows}
    assert by_text["Zoom in"].keys == "Ctrl++ or Ctrl+="
    assert by_text["Next claim"].keys == "Alt+Down"
    assert by_text["Side panel"].keys == "F9"
    assert by_text["Side panel"].menu == "View"
    assert by_text["Light"].menu == "View › Theme"
    # the highlight controller's actions are there once the store is open
    assert any(r.text.startswith("Highlight ") and r.keys == "Ctrl+1" for r in rows)
    # every visible action with a key is listed, with that key
    listed = {(r.text, r.keys) for r in rows}
    for act in window.findChildren(QAction):
        if act.objectName().startswith("act_") and act.isVisible() and act.shortcuts():
            in_menus = any(act in m.actions() for m in window.menuBar().findChildren(QMenu))
            if in_menus:
                text = act.text().replace("&", "").replace("…", "").strip()
                keys = " or ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts()
                )
                assert (text, keys) in listed, (text, keys)


def test_ctrl_question_mark_opens_the_sheet_and_f1_the_guide(qtbot, window):
    window.activateWindow()
    window.reader("a").setFocus()
    qtbot.keyClick(window.reader("a"), Qt.Key.Key_Question, Qt.KeyboardModifier.ControlModifier)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    assert sheet.table.rowCount() == len(shortcut_rows(window))
    sheet.close()
    qtbot.keyClick(window.reader("a"), Qt.Key.Key_F1)
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Alt+Down" in text and "Synced scrolling (Ctrl+L)" in text


def test_the_guide_names_only_real_actions_and_ends_with_the_keys(window):
    text = guide_markdown(window)
    assert "{" not in text, re.findall(r"\{[^}]*\}", text)
    assert "**Open pair** (Ctrl+O)" in text
    assert "| View | Zoom in | Ctrl++ or Ctrl+= |" in text


def test_the_guide_says_what_find_and_the_claims_list_do(window):
    """Find searches both panes (not the focused one); claims are strong first (grouping by
    topic is an option); Alt+Down steps through the strong claims."""
    text = " ".join(guide_markdown(window).split())
    assert "focused pane" not in text and "searches both panes" in text
    assert "same thing, grouped by topic" not in text and "strong claims first" in text
    assert "Group by topic" in text and "strong shared claims in reading order" in text


def test_an_action_the_window_does_not_have_is_an_error(window):
    with pytest.raises(KeyError, match="no_such_thing"):
        guide_markdown(window, "Press {action:no_such_thing}.")
