"""Help → Keyboard shortcuts lists the claims panel's keys (Alt+S, Alt+N, Alt+U, Alt+D), read
from the buttons themselves: a keyboard-only reader found them nowhere but in underlines."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from diptych.ui.main_window import MainWindow
from diptych.ui.window.help import guide_markdown, shortcut_rows
from helpers.window import desk_settings, open_seed, shown_window


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    return open_seed(qtbot, shown_window(qtbot, desk_settings(tmp_path)), until="highlights_ready")


def test_the_sheet_and_the_guide_list_the_claims_panel_keys(qtbot, window):
    rows = {r.text: r for r in shortcut_rows(window) if r.menu == "Claims panel"}
    assert {k: r.keys for k, r in rows.items()} == {
        "Same claim": "Alt+S",
        "Not the same": "Alt+N",
        "Undo verdict": "Alt+U",
        "Add pair": "Alt+D",
    }
    assert "Rejected" in rows["Not the same"].tip
    assert "| Claims panel | Same claim | Alt+S |" in guide_markdown(window)
    # read from the buttons: the keys listed are the buttons' own mnemonics (that they judge
    # the selected claim from the list is tests/ui/test_claims_verdict_keys.py)
    for btn in window.claims_panel.key_buttons():
        mnemonic = QKeySequence.mnemonic(btn.text()).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        assert mnemonic in {r.keys for r in rows.values()}
